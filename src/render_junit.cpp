// --format junit: JUnit XML for GitLab and Jenkins test reports. One testsuite of targets (a
// testcase per counted target, a failure per severity fail), one of findings.

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
std::string xml(std::string_view s) {
  return xml_escape(escape_text(s));
}

bool counted(const TargetResult& r) {
  return r.target->kind != Kind::group && !r.context;
}

std::string property(std::string_view name, std::string_view value) {
  return fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml(value));
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
      "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
      xml("plantrack: " + report.title), s.targets + findings, s.fail + finding_failures);
  buf += fmt::format(
      "  <testsuite name=\"targets\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
      s.targets, s.fail);
  buf += "    <properties>\n";
  buf += property("as_of", format_date(report.as_of));
  buf += property("plan", report.plan_file);
  buf += property("summary", summary_sentence(report, lang));
  if (std::string f = filter_text(options.filter, lang); !f.empty()) buf += property("filter", f);
  buf += "    </properties>\n";
  for (const TargetResult& r : report.targets) {
    if (!counted(r)) continue;
    const Target& t = *r.target;
    buf += fmt::format("    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\"",
                       xml(fmt::format("{} {}", t.full_id, t.name)), xml(classname_of(t)),
                       xml(report.plan_file), t.bound_mark.line);
    std::string label = status_label(r.status, lang);
    std::string detail = target_detail(r, report.as_of, lang, report.ratio_of(r));
    if (r.severity == Severity::fail) {
      buf += fmt::format(
          ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
          status_name(r.status), xml(label + ": " + detail), xml(detail));
    } else if (r.severity == Severity::warn) {
      buf += fmt::format(">\n      <system-out>{}: {}</system-out>\n    </testcase>\n", xml(label),
                         xml(detail));
    } else if (report.ratio_of(r)) {  // its parts
      buf += fmt::format(">\n      <system-out>{}: {}</system-out>\n    </testcase>\n", xml(label),
                         xml(detail));
    } else {
      buf += "/>\n";
    }
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  buf += "  </testsuite>\n";
  buf += fmt::format(
      "  <testsuite name=\"findings\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
      findings, finding_failures);
  for (const Finding& f : report.findings) {
    std::string where = fmt::format("{}:{}:{}", f.file, f.mark.line, f.mark.column);
    buf +=
        fmt::format("    <testcase name=\"{}\" classname=\"findings.{}\" file=\"{}\" line=\"{}\"",
                    xml(where + " " + f.code), f.code, xml(f.file), f.mark.line);
    std::string text =
        fmt::format("{}: {}: {}", where, severity_label(f.severity, lang), f.message);
    if (f.severity == Severity::fail)
      buf += fmt::format(
          ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n", f.code,
          xml(f.message), xml(text));
    else
      buf += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n", xml(text));
  }
  buf += "  </testsuite>\n</testsuites>\n";
  out << buf;
}

}  // namespace plantrack
