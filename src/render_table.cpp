#include <fmt/format.h>

#include "quantity.hpp"
#include "render.hpp"
#include "text.hpp"

namespace plantrack {

std::string bound_text(const Target& t) {
  switch (t.kind) {
    case Kind::min:
      return format_readable(*t.min);
    case Kind::max:
      return "<=" + format_readable(*t.max);
    case Kind::range:
      return format_readable(*t.min) + "-" + format_readable(*t.max);
    case Kind::milestone:
      return "by " + format_date(t.due);
    case Kind::group:
      return "";
  }
  return "";
}

namespace {

constexpr size_t k_max_name_width = 36;

const char* color_of(Severity s) {
  switch (s) {
    case Severity::ok:
      return "\x1b[32m";
    case Severity::warn:
      return "\x1b[33m";
    case Severity::fail:
      return "\x1b[31m";
    case Severity::info:
      return "\x1b[36m";
  }
  return "";
}

std::string percent(const std::optional<double>& v) {
  return v ? format_readable(*v * 100, 1) + "%" : "-";
}
std::string amount(const std::optional<double>& v) {
  return v ? format_readable(*v) : "-";
}

struct Row {
  std::vector<std::string> cells;
  Severity severity = Severity::ok;
};

}  // namespace

void render_table(const Report& report, const RenderOptions& options, std::ostream& out) {
  const std::vector<std::string> header = {"ID",       "NAME",     "UNIT", "TARGET", "ACTUAL",
                                           "PROGRESS", "EXPECTED", "PACE", "STATUS"};
  const std::vector<bool> right = {false, false, false, true, true, true, true, true, false};
  std::vector<Row> rows;
  rows.reserve(report.targets.size());
  for (const TargetResult& r : report.targets) {
    const Target& t = *r.target;
    std::string name = std::string(2 * static_cast<size_t>(t.depth), ' ') + escape_text(t.name);
    name = truncate_to_width(name, k_max_name_width);
    std::string actual = t.kind == Kind::milestone ? (r.done_on ? format_date(*r.done_on) : "-")
                         : t.kind == Kind::group   ? ""
                                                   : amount(r.actual);
    bool numbers = t.numeric();
    rows.push_back(
        Row{{escape_text(t.full_id), name, escape_text(t.unit), bound_text(t), actual,
             t.kind == Kind::group ? "" : percent(r.progress), numbers ? amount(r.expected) : "",
             numbers ? percent(r.pace) : "", status_name(r.status)},
            r.severity});
  }
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c)
    width[c] = display_width(header[c]);
  for (const Row& row : rows)
    for (size_t c = 0; c < row.cells.size(); ++c)
      width[c] = std::max(width[c], display_width(row.cells[c]));

  std::string buf;
  auto line = [&](const std::vector<std::string>& cells, const char* color) {
    for (size_t c = 0; c < cells.size(); ++c) {
      bool last = c + 1 == cells.size();
      std::string cell = right[c] ? pad_left(cells[c], width[c])
                         : last   ? cells[c]
                                  : pad_right(cells[c], width[c]);
      if (last && color) cell = std::string(color) + cell + "\x1b[0m";
      buf += cell;
      buf += last ? "\n" : "  ";
    }
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  };
  buf += fmt::format("{} — as of {}\n\n", escape_text(report.title), format_date(report.as_of));
  line(header, nullptr);
  for (const Row& row : rows)
    line(row.cells, options.color ? color_of(row.severity) : nullptr);

  const Summary& s = report.summary;
  std::string counts;
  for (int i = 0; i < k_status_count; ++i) {
    int n = s.by_status[static_cast<size_t>(i)];
    if (n)
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n,
                            status_name(static_cast<Status>(i)));
  }
  buf += fmt::format("\nas of {}: {} target{}{}{} (ok {}, warn {}, fail {})\n",
                     format_date(report.as_of), s.targets, s.targets == 1 ? "" : "s",
                     counts.empty() ? "" : ": ", counts, s.ok, s.warn, s.fail);
  if (!report.findings.empty()) buf += "\n";
  for (const Finding& f : report.findings) {
    std::string sev = severity_name(f.severity);
    if (options.color) sev = std::string(color_of(f.severity)) + sev + "\x1b[0m";
    buf += fmt::format("{}:{}:{}: {}: {} [{}]\n", escape_text(f.file), f.mark.line, f.mark.column,
                       sev, f.message, f.code);
  }
  out << buf;
}

}  // namespace plantrack
