// --format junit: JUnit XML for GitLab and Jenkins test reports. One testsuite of targets (a
// testcase per counted target, a failure per severity fail), one of findings. Valid against
// Jenkins xUnit's junit-10.xsd, which allows no other attributes on a testcase: the file and
// line of each problem start its failure message and text (or system-out), and the suite's
// <properties> map each problem's testcase name to its FILE:LINE.

#include <fmt/format.h>

#include "render.hpp"
#include "render_common.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

// "villages.key" for villages.key.model; a top-level target is its own class.
std::string_view classname_of(const Target& t) {
  size_t dot = t.full_id.rfind('.');
  return dot == std::string::npos ? t.full_id : t.full_id.substr(0, dot);
}

// Every text of the report on one line: a newline in a file name or any user text is shown as
// \n, as control characters are, so that nothing it holds (`::error ...` for a CI log that
// prints the report) starts a line.
std::string xml(std::string_view s, bool attribute = true) {
  return xml_escape(escape_text(s), attribute);
}

bool counted(const TargetResult& r) {
  return r.target->kind != Kind::group && !r.context;
}

std::string property(std::string_view name, std::string_view value) {
  return fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", xml(name), xml(value));
}

// A target's testcase name: "villages.key 省级财政重点村".
std::string case_name(const Target& t) {
  return fmt::format("{} {}", t.full_id, t.name);
}

void flush_if_big(std::string& buf, std::ostream& out) {
  if (buf.size() > (1 << 16)) {
    out << buf;
    buf.clear();
  }
}

}  // namespace

void render_junit(const Report& report, const RenderOptions& options, std::ostream& out) {
  Lang lang = options.lang;
  int finding_failures = 0;
  for (const Finding& f : report.findings)
    finding_failures += f.severity == Severity::fail;
  const Summary& s = report.summary;
  int findings = static_cast<int>(report.findings.size());

  std::string buf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  buf += fmt::format(
      "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">\n",
      xml("plantrack: " + report.title), s.targets + findings, s.fail + finding_failures);
  buf += fmt::format(
      "  <testsuite name=\"targets\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
      "time=\"0\">\n",
      s.targets, s.fail);
  buf += "    <properties>\n";
  buf += property("as_of", format_date(report.as_of));
  buf += property("plan", report.plan_file);
  buf += property("summary", summary_sentence(report, lang));
  if (std::string f = filter_text(options.filter, lang); !f.empty()) buf += property("filter", f);
  for (const TargetResult& r : report.targets) {
    if (!counted(r) || (r.severity == Severity::ok && !report.ratio_of(r))) continue;
    buf += property(case_name(*r.target),
                    fmt::format("{}:{}", report.plan_file, r.target->bound_mark.line));
    flush_if_big(buf, out);
  }
  buf += "    </properties>\n";
  for (const TargetResult& r : report.targets) {
    if (!counted(r)) continue;
    const Target& t = *r.target;
    buf += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"0\"", xml(case_name(t)),
                       xml(classname_of(t)));
    std::string where = fmt::format("{}:{}: ", report.plan_file, t.bound_mark.line);
    std::string label = status_label(r.status, lang);
    std::string detail = target_detail(r, report.as_of, lang, report.ratio_of(r));
    if (r.severity == Severity::fail) {
      buf += fmt::format(
          ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
          status_name(r.status), xml(where + label + ": " + detail), xml(where + detail, false));
    } else if (r.severity == Severity::warn) {
      buf += fmt::format(">\n      <system-out>{}{}: {}</system-out>\n    </testcase>\n",
                         xml(where, false), xml(label, false), xml(detail, false));
    } else if (report.ratio_of(r)) {  // its parts
      buf += fmt::format(">\n      <system-out>{}{}: {}</system-out>\n    </testcase>\n",
                         xml(where, false), xml(label, false), xml(detail, false));
    } else {
      buf += "/>\n";
    }
    flush_if_big(buf, out);
  }
  buf += "  </testsuite>\n";
  buf += fmt::format(
      "  <testsuite name=\"findings\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
      "time=\"0\">\n",
      findings, finding_failures);
  if (!report.findings.empty()) {
    buf += "    <properties>\n";
    for (const Finding& f : report.findings) {
      std::string where = fmt::format("{}:{}:{}", f.file, f.mark.line, f.mark.column);
      buf += property(where + " " + f.code, where);
    }
    buf += "    </properties>\n";
  }
  for (const Finding& f : report.findings) {
    std::string where = fmt::format("{}:{}:{}", f.file, f.mark.line, f.mark.column);
    buf += fmt::format("    <testcase name=\"{}\" classname=\"findings.{}\" time=\"0\"",
                       xml(where + " " + f.code), f.code);
    std::string text =
        fmt::format("{}: {}: {}", where, severity_label(f.severity, lang), f.message);
    if (f.severity == Severity::fail)
      buf += fmt::format(
          ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n", f.code,
          xml(where + ": " + f.message), xml(text, false));
    else
      buf +=
          fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n", xml(text, false));
  }
  buf += "  </testsuite>\n</testsuites>\n";
  out << buf;
}

}  // namespace plantrack
