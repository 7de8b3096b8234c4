// --format github: GitHub Actions workflow commands (::error, ::warning, ::notice) that annotate
// the plan line of each target with a problem status and the file line of each finding.

#include <fmt/format.h>

#include "render.hpp"
#include "render_common.hpp"

namespace plantrack {

namespace {

const char* command_of(Severity s) {
  switch (s) {
    case Severity::fail:
      return "error";
    case Severity::warn:
      return "warning";
    default:
      return "notice";
  }
}

std::string annotation(Severity severity, std::string_view file, Mark mark, std::string_view title,
                       std::string_view message) {
  return fmt::format("::{} file={},line={},col={},title={}::{}\n", command_of(severity),
                     github_property(file), mark.line, mark.column, github_property(title),
                     github_data(message));
}

}  // namespace

void render_github(const Report& report, const RenderOptions& options, std::ostream& out) {
  Lang lang = options.lang;
  std::string buf;
  for (const TargetResult& r : report.targets) {
    const Target& t = *r.target;
    if (t.kind == Kind::group || r.context) continue;
    if (r.severity != Severity::warn && r.severity != Severity::fail) continue;
    Mark mark = t.bound_mark.line ? t.bound_mark : t.mark;
    std::string title = fmt::format("{}: {}", status_label(r.status, lang), t.full_id);
    if (report.worsened(r))
      title += tr_in(lang, Msg::github_worsened, fmt::arg("worsened", word(Word::worsened, lang)),
                     fmt::arg("date", format_date(report.comparison->as_of)));
    std::string message =
        tr_in(lang, Msg::label_text, fmt::arg("label", t.name),
              fmt::arg("text", target_detail(r, report.as_of, lang, report.ratio_of(r))));
    buf += annotation(r.severity, report.plan_file, mark, title, message);
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  for (const Finding& f : report.findings)
    buf += annotation(f.severity, f.file, f.mark, f.code, f.message);
  std::string summary = summary_sentence(report, lang);
  if (std::string f = filter_text(options.filter, lang); !f.empty())
    summary += tr_in(lang, Msg::github_summary_filter, fmt::arg("label", word(Word::filter, lang)),
                     fmt::arg("filter", f));
  buf += fmt::format("::notice title={}::{}\n", github_property("plantrack: " + report.title),
                     github_data(summary));
  out << buf;
}

}  // namespace plantrack
