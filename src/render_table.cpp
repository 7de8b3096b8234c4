#include <fmt/format.h>

#include "quantity.hpp"
#include "render.hpp"
#include "render_common.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

constexpr size_t k_max_name_width = 36;
constexpr int k_bar_cells = 10;
constexpr const char* k_reset = "\x1b[0m";
constexpr const char* k_dim = "\x1b[2m";

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

enum Column {
  c_id,
  c_name,
  c_unit,
  c_target,
  c_actual,
  c_progress,
  c_bar,
  c_expected,
  c_pace,
  c_status,
  c_previous,  // with --compare: the previous actual, the change and the previous status
  c_change,
  c_previous_status,
  c_count
};
constexpr bool k_right[c_count] = {false, false, false, true, true, true, false,
                                   true,  true,  false, true, true, false};

// The columns in print order: with --compare, PREVIOUS and CHANGE after ACTUAL, WAS last.
std::vector<int> columns_of(const Report& report) {
  if (!report.comparison)
    return {c_id,       c_name, c_unit,     c_target, c_actual,
            c_progress, c_bar,  c_expected, c_pace,   c_status};
  return {c_id,       c_name, c_unit,     c_target, c_actual, c_previous,       c_change,
          c_progress, c_bar,  c_expected, c_pace,   c_status, c_previous_status};
}

struct Row {
  std::vector<std::string> cells;
  BarParts bar;  // c_bar's text is bar.fill + bar.track
  Severity severity = Severity::ok;
  std::vector<std::string> lines;  // printed whole after the row (notes), not in columns
};

Row make_row(const Report& report, const TargetResult& r, Lang lang, bool ascii) {
  Ambiguous ambiguous = ascii ? Ambiguous::wide : Ambiguous::narrow;
  const Target& t = *r.target;
  std::string name = std::string(2 * static_cast<size_t>(t.depth), ' ') + escape_text(t.name);
  bool numbers = t.numeric();
  Row row;
  row.severity = r.severity;
  if (t.kind != Kind::group && r.progress)
    row.bar = ascii ? ascii_bar_parts(*r.progress, k_bar_cells)
                    : progress_bar_parts(*r.progress, k_bar_cells);
  row.cells = {escape_text(t.full_id),
               truncate_to_width(name, k_max_name_width, ambiguous),
               escape_text(t.unit),
               bound_text(t, lang, report.as_of),
               escape_text(actual_cell(report, r)),
               t.kind == Kind::group ? "" : percent_text(r.progress),
               row.bar.fill + row.bar.track,
               numbers ? amount_text(r.expected) : "",
               numbers ? percent_text(r.pace) : "",
               status_cell(r, lang),
               "",
               "",
               ""};
  if (const PreviousResult* p = report.previous_of(r)) {
    row.cells[c_previous] = t.kind == Kind::milestone
                                ? (p->done_on ? format_date(*p->done_on) : "-")
                            : numbers ? amount_text(p->actual)
                                      : "";
    row.cells[c_change] = numbers ? signed_amount_text(report.change_of(r)) : "";
    row.cells[c_previous_status] = status_label(p->status, lang);
    if (report.worsened(r))
      row.cells[c_previous_status] += std::string(" ▼ ") + word(Word::worsened, lang);
  }
  return row;
}

// A reporter's part, under its target's row (--by-reporter).
Row reporter_row(const Report& report, const TargetResult& r, const ReporterActual& part,
                 Lang lang) {
  const Target& t = *r.target;
  std::string name = std::string(2 * static_cast<size_t>(t.depth) + 2, ' ') + "↳ " +
                     escape_text(reporter_name_text(report, part.by, lang));
  Row row;
  row.severity = Severity::info;
  OptDouble progress = reporter_progress(r, part);
  if (progress) row.bar = progress_bar_parts(*progress, k_bar_cells);
  row.cells = {"",
               truncate_to_width(name, k_max_name_width),
               escape_text(t.unit),
               "",
               escape_text(reporter_actual_text(report, r, part)),
               progress ? percent_text(progress) : "",
               row.bar.fill + row.bar.track,
               "",
               "",
               reporter_date_text(part, lang),
               "",
               "",
               ""};
  return row;
}

Row header_row(Lang lang) {
  const Word k_words[c_count] = {
      Word::id,       Word::name,          Word::unit,           Word::target, Word::actual,
      Word::progress, Word::progress,      Word::expected,       Word::pace,   Word::status,
      Word::previous, Word::period_change, Word::previous_status};
  Row row;
  row.cells.resize(c_count);
  for (int c = 0; c < c_count; ++c)
    row.cells[c] = c == c_bar ? "" : header_word(k_words[c], lang);
  return row;
}

// Pads each cell to its column's display width; colours the bar and the status by severity.
void append_row(std::string& buf, const Row& row, const std::vector<int>& columns,
                const std::vector<size_t>& width, bool colored, Ambiguous ambiguous) {
  for (size_t i = 0; i < columns.size(); ++i) {
    size_t c = static_cast<size_t>(columns[i]);
    bool last = i + 1 == columns.size();
    const std::string& text = row.cells[c];
    if (colored && c == c_bar && !text.empty()) {
      if (!row.bar.fill.empty()) buf += color_of(row.severity) + row.bar.fill + k_reset;
      if (!row.bar.track.empty()) buf += k_dim + row.bar.track + k_reset;
      buf.append(width[c] - display_width(text, ambiguous), ' ');
    } else if (colored && c == c_status) {
      buf += fmt::format("{}{}{}", color_of(row.severity), text, k_reset);
      if (!last) buf.append(width[c] - display_width(text, ambiguous), ' ');
    } else {
      buf += k_right[c] ? pad_left(text, width[c], ambiguous)
             : last     ? text
                        : pad_right(text, width[c], ambiguous);
    }
    buf += last ? "\n" : "  ";
  }
}

}  // namespace

void render_table(const Report& report, const RenderOptions& options, std::ostream& out) {
  Lang lang = options.lang;
  std::vector<Row> rows = {header_row(lang)};
  rows.reserve(report.targets.size() + 1);
  Ambiguous ambiguous = options.ascii ? Ambiguous::wide : Ambiguous::narrow;
  for (size_t i = 0; i < report.targets.size(); ++i) {
    const TargetResult& r = report.targets[i];
    rows.push_back(make_row(report, r, lang, options.ascii));
    if (options.notes)
      for (const RowNote& n : report.notes_of(r))
        rows.back().lines.push_back(
            fmt::format("{}{}{}", std::string(2 * static_cast<size_t>(r.target->depth) + 4, ' '),
                        word(Word::note, lang), escape_text(note_text(report, n, lang))));
    if (options.by_reporter)
      for (const ReporterActual& part : report.by_reporter(i))
        rows.push_back(reporter_row(report, r, part, lang));
  }
  std::vector<int> columns = columns_of(report);
  std::vector<size_t> width(c_count);
  for (const Row& row : rows)
    for (size_t c = 0; c < c_count; ++c)
      width[c] = std::max(width[c], display_width(row.cells[c], ambiguous));

  std::string buf;
  buf += tr_in(lang, Msg::title_as_of, fmt::arg("title", escape_text(report.title)),
               fmt::arg("dash", options.ascii ? "-" : "—"),
               fmt::arg("date", format_date(report.as_of))) +
         '\n';
  if (std::string f = filter_text(options.filter, lang); !f.empty())
    buf += tr_in(lang, Msg::label_text, fmt::arg("label", word(Word::filter, lang)),
                 fmt::arg("text", escape_text(f))) +
           '\n';
  buf += "\n";
  if (report.targets.empty()) buf += fmt::format("{}\n", word(Word::no_targets, lang));
  for (size_t i = 0; i < rows.size() && !report.targets.empty(); ++i) {
    append_row(buf, rows[i], columns, width, options.color && i > 0, ambiguous);
    for (const std::string& line : rows[i].lines)
      buf += line + "\n";
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  buf += fmt::format("\n{}\n{}\n", summary_sentence(report, lang),
                     exit_sentence(report, options.strict, lang));
  if (!report.findings.empty()) buf += "\n";
  for (const Finding& f : report.findings) {
    std::string sev = severity_name(f.severity);
    if (options.color) sev = std::string(color_of(f.severity)) + sev + k_reset;
    buf += fmt::format("{}:{}:{}: {}: {} [{}]\n", escape_text(f.file), f.mark.line, f.mark.column,
                       sev, escape_text(f.message), f.code);
  }
  out << buf;
}

}  // namespace plantrack
