// --format csv: one row per target (groups included, plan order), RFC 4180, CRLF line ends.

#include <fmt/format.h>

#include "quantity.hpp"
#include "render.hpp"
#include "render_common.hpp"

namespace plantrack {

namespace {

constexpr const char* k_header =
    "id,name,unit,kind,min,max,baseline,actual,expected,progress,pace,remaining,variance,status,"
    "severity,due,owner,done_on,start,parent,tags,reporters,note";

std::string num(const std::optional<double>& v) {
  return v ? format_number(*v) : "";
}

template <class Texts>
std::string joined(const Texts& items) {
  std::string out;
  bool first = true;
  for (std::string_view item : items) {
    if (!first) out += ';';
    out += item;
    first = false;
  }
  return out;
}

}  // namespace

void render_csv(const Report& report, const RenderOptions& options, std::ostream& out) {
  std::string buf = options.bom ? "\xEF\xBB\xBF" : "";
  buf += k_header;
  if (report.comparison)
    buf += ",previous_as_of,previous_actual,previous_status,previous_severity,change,worsened";
  buf += "\r\n";
  for (const TargetResult& r : report.targets) {
    const Target& t = *r.target;
    std::string_view parent =
        t.parent < 0 ? "" : report.plan->targets[static_cast<size_t>(t.parent)].full_id;
    std::vector<std::string> cells = {csv_text(t.full_id),
                                      csv_text(t.name),
                                      csv_text(t.unit),
                                      kind_name(t.kind),
                                      num(t.bounds_at(report.as_of).min),
                                      num(t.bounds_at(report.as_of).max),
                                      num(r.baseline),
                                      num(r.actual),
                                      num(r.expected),
                                      num(r.progress),
                                      num(r.pace),
                                      num(r.remaining(report.as_of)),
                                      num(r.variance()),
                                      status_name(r.status),
                                      severity_name(r.severity),
                                      format_date(t.due),
                                      csv_text(t.owner),
                                      r.done_on ? format_date(*r.done_on) : "",
                                      format_date(t.start),
                                      csv_text(parent),
                                      csv_text(joined(t.tags())),
                                      csv_text(joined(report.reporters_of(r))),
                                      csv_text(t.note())};
    if (const PreviousResult* p = report.previous_of(r))
      cells.insert(cells.end(), {format_date(report.comparison->as_of), num(p->actual),
                                 status_name(p->status), severity_name(p->severity),
                                 num(report.change_of(r)), report.worsened(r) ? "true" : "false"});
    for (size_t i = 0; i < cells.size(); ++i)
      buf += (i ? "," : "") + cells[i];
    buf += "\r\n";
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
}

}  // namespace plantrack
