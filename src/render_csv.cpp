// --format csv: one row per target (groups included, plan order), RFC 4180, CRLF line ends.

#include <fmt/format.h>

#include "quantity.hpp"
#include "render.hpp"
#include "render_common.hpp"

namespace plantrack {

namespace {

constexpr const char* k_header =
    "id,name,unit,kind,min,max,baseline,actual,expected,progress,pace,remaining,variance,status,"
    "severity,due,owner,done_on,start,parent,tags,reporters,note,context,numerator_actual,"
    "denominator_actual,ratio_unit";

// The position of a column of k_header (the reporters' rows fill a few by name).
size_t column(std::string_view name) {
  std::string_view header = k_header;
  size_t index = 0;
  for (size_t pos = 0;; ++index) {
    size_t comma = header.find(',', pos);
    if (header.substr(pos, comma - pos) == name) return index;
    if (comma == std::string_view::npos) return SIZE_MAX;
    pos = comma + 1;
  }
}

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
  if (options.by_reporter) buf += ",by,date";
  if (report.comparison)
    buf += ",previous_as_of,previous_actual,previous_status,previous_severity,change,worsened";
  buf += "\r\n";
  for (size_t row = 0; row < report.targets.size(); ++row) {
    const TargetResult& r = report.targets[row];
    const Target& t = *r.target;
    const RatioResult* ratio = report.ratio_of(r);
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
                                      csv_text(t.note()),
                                      r.context ? "true" : "false",
                                      ratio ? num(ratio->numerator) : "",
                                      ratio ? num(ratio->denominator) : "",
                                      ratio ? csv_text(ratio->unit) : ""};
    if (options.by_reporter) cells.insert(cells.end(), {"", ""});
    if (const PreviousResult* p = report.previous_of(r))
      cells.insert(cells.end(), {format_date(report.comparison->as_of), num(p->actual),
                                 status_name(p->status), severity_name(p->severity),
                                 num(report.change_of(r)), report.worsened(r) ? "true" : "false"});
    for (size_t i = 0; i < cells.size(); ++i)
      buf += (i ? "," : "") + cells[i];
    buf += "\r\n";
    if (options.by_reporter)
      for (const ReporterActual& p : report.by_reporter(row)) {
        // kind `reporter`: a reporter's part of the target above; `by` empty is the unnamed one.
        std::vector<std::string> sub(cells.size());
        auto set = [&](std::string_view name, std::string text) {
          sub[column(name)] = std::move(text);
        };
        for (const char* same : {"id", "name", "unit"})
          set(same, cells[column(same)]);
        set("kind", "reporter");
        if (t.kind == Kind::milestone)
          set("done_on", p.actual ? format_date(Date{static_cast<int>(*p.actual)}) : "");
        else
          set("actual", num(p.actual));
        set("progress", num(reporter_progress(r, p)));
        if (ratio)
          for (const ReporterParts& q : ratio->by_reporter)
            if (q.by == p.by) {
              set("numerator_actual", num(q.numerator));
              set("denominator_actual", num(q.denominator));
              set("ratio_unit", cells[column("ratio_unit")]);
            }
        size_t by = column("ratio_unit") + 1;  // `by` and `date` follow k_header's columns
        sub[by] = csv_text(report.reporter_name(p.by));
        sub[by + 1] = format_date(p.date);
        for (size_t i = 0; i < sub.size(); ++i)
          buf += (i ? "," : "") + sub[i];
        buf += "\r\n";
      }
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
}

}  // namespace plantrack
