// --format csv: one row per target (groups included, plan order), RFC 4180, CRLF line ends.

#include <fmt/format.h>

#include "quantity.hpp"
#include "render.hpp"
#include "render_common.hpp"

namespace plantrack {

namespace {

constexpr const char* k_header =
    "id,name,unit,kind,min,max,baseline,actual,expected,progress,pace,remaining,variance,status,"
    "severity,due,owner,done_on,start,parent,tags,reporters,note,numerator_actual,"
    "denominator_actual,ratio_unit";

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
  buf += options.by_reporter ? ",by,date\r\n" : "\r\n";
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
                                      num(t.min),
                                      num(t.max),
                                      num(r.baseline),
                                      num(r.actual),
                                      num(r.expected),
                                      num(r.progress),
                                      num(r.pace),
                                      num(r.remaining()),
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
                                      ratio ? num(ratio->numerator) : "",
                                      ratio ? num(ratio->denominator) : "",
                                      ratio ? csv_text(ratio->unit) : ""};
    if (options.by_reporter) cells.insert(cells.end(), {"", ""});
    for (size_t i = 0; i < cells.size(); ++i)
      buf += (i ? "," : "") + cells[i];
    buf += "\r\n";
    if (options.by_reporter)
      for (const ReporterActual& p : report.by_reporter(row)) {
        // kind `reporter`: a reporter's part of the target above; `by` empty is the unnamed one.
        std::vector<std::string> sub(cells.size());
        sub[0] = cells[0];
        sub[1] = cells[1];
        sub[2] = cells[2];
        sub[3] = "reporter";
        if (t.kind == Kind::milestone)
          sub[17] = p.actual ? format_date(Date{static_cast<int>(*p.actual)}) : "";
        else
          sub[7] = num(p.actual);
        sub[9] = num(reporter_progress(r, p));
        if (ratio)
          for (const ReporterParts& q : ratio->by_reporter)
            if (q.by == p.by) {
              sub[23] = num(q.numerator);
              sub[24] = num(q.denominator);
              sub[25] = cells[25];
            }
        sub[cells.size() - 2] = csv_text(report.reporter_name(p.by));
        sub[cells.size() - 1] = format_date(p.date);
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
