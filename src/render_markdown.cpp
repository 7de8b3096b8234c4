// --format markdown: a heading, a summary paragraph, a GFM table and the findings as a list.

#include <fmt/format.h>

#include "render.hpp"
#include "render_common.hpp"

namespace plantrack {

namespace {

std::string line_of(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& c : cells)
    line += c.empty() ? " |" : " " + c + " |";
  return line + "\n";
}

std::string indent(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i)
    out += "&emsp;";
  return out;
}

std::string row_of(const Report& report, const TargetResult& r, Lang lang) {
  const Target& t = *r.target;
  std::string name;
  for (int i = 0; i < t.depth; ++i)
    name += "&emsp;";
  name += t.kind == Kind::group ? "**" + markdown_escape(t.name) + "**" : markdown_escape(t.name);
  bool numbers = t.numeric();
  std::vector<std::string> cells = {
      fmt::format("`{}`", t.full_id),  // ids are [A-Za-z0-9_-.]: safe in a code span
      name,
      markdown_escape(t.unit),
      markdown_escape(pretty_bound_text(t, lang, report.as_of)),
      markdown_escape(actual_cell(report, r)),
      t.kind == Kind::group ? "" : percent_text(r.progress),
      numbers ? amount_text(r.expected) : "",
      numbers ? percent_text(r.pace) : "",
      numbers ? amount_text(r.remaining(report.as_of)) : "",
      numbers ? signed_amount_text(r.variance()) : "",
      markdown_escape(status_cell(r, lang))};
  if (const PreviousResult* p = report.previous_of(r)) {
    std::string previous = t.kind == Kind::milestone ? (p->done_on ? format_date(*p->done_on) : "-")
                           : numbers                 ? amount_text(p->actual)
                                                     : "";
    cells.insert(cells.begin() + 5,
                 {previous, numbers ? signed_amount_text(report.change_of(r)) : ""});
    std::string was = status_label(p->status, lang);
    if (report.worsened(r)) was += fmt::format(" **▼ {}**", word(Word::worsened, lang));
    cells.push_back(was);
  }
  return line_of(cells);
}

// A reporter's part (--by-reporter) and the entry notes, as rows under the target's.
std::string rows_under(const Report& report, size_t i, bool by_reporter, Lang lang) {
  const TargetResult& r = report.targets[i];
  const Target& t = *r.target;
  std::string out;
  // With --compare the table has the previous actual and change after the actual, and the
  // previous status last: sub-rows leave them empty.
  auto line = [&](std::vector<std::string> cells) {
    if (report.comparison) {
      cells.insert(cells.begin() + 5, {"", ""});
      cells.push_back("");
    }
    return line_of(cells);
  };
  for (const RowNote& n : report.notes_of(r))
    out += line({"", indent(t.depth + 1) + "*" + markdown_escape(note_text(report, n, lang)) + "*",
                 "", "", "", "", "", "", "", "", ""});
  if (!by_reporter) return out;
  for (const ReporterActual& part : report.by_reporter(i))
    out += line(
        {"",
         indent(t.depth + 1) + "↳ " + markdown_escape(reporter_name_text(report, part.by, lang)),
         markdown_escape(t.unit), "", markdown_escape(reporter_actual_text(report, r, part)),
         reporter_progress(r, part) ? percent_text(reporter_progress(r, part)) : "", "", "", "", "",
         reporter_date_text(part, lang)});
  return out;
}

}  // namespace

void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out) {
  Lang lang = options.lang;
  std::string buf =
      fmt::format("# {}\n\n{}\n\n{}\n", markdown_escape(report.title),
                  summary_paragraph(report, lang), exit_sentence(report, options.strict, lang));
  if (report.comparison)
    buf += fmt::format("\n*{}*\n", tr_in(lang, Msg::compared_with,
                                         fmt::arg("date", format_date(report.comparison->as_of))));
  if (std::string f = filter_text(options.filter, lang); !f.empty())
    buf += fmt::format("\n*{}*\n",
                       tr_in(lang, Msg::label_text, fmt::arg("label", word(Word::filter, lang)),
                             fmt::arg("text", markdown_escape(f))));
  buf += "\n";
  if (report.targets.empty()) {
    buf += fmt::format("*{}*\n", word(Word::no_targets, lang));
  } else {
    std::vector<Word> k_columns = {Word::id,        Word::name,     Word::unit,     Word::target,
                                   Word::actual,    Word::progress, Word::expected, Word::pace,
                                   Word::remaining, Word::variance, Word::status};
    if (report.comparison) {
      k_columns.insert(k_columns.begin() + 5, {Word::previous, Word::period_change});
      k_columns.push_back(Word::previous_status);
    }
    std::string head = "|", rule = "|";
    for (Word w : k_columns) {
      head += fmt::format(" {} |", word(w, lang));
      bool right = w != Word::id && w != Word::name && w != Word::unit && w != Word::status &&
                   w != Word::previous_status;
      rule += right ? "---:|" : "---|";
    }
    buf += head + "\n" + rule + "\n";
    for (size_t i = 0; i < report.targets.size(); ++i) {
      buf += row_of(report, report.targets[i], lang);
      buf += rows_under(report, i, options.by_reporter, lang);
      if (buf.size() > (1 << 16)) {
        out << buf;
        buf.clear();
      }
    }
  }
  buf += fmt::format("\n## {}\n\n", word(Word::findings, lang));
  if (report.findings.empty()) buf += fmt::format("{}\n", word(Word::no_findings, lang));
  for (const Finding& f : report.findings)
    buf += fmt::format("- **{}** `{}` {}:{}:{}: {}\n", severity_label(f.severity, lang), f.code,
                       markdown_escape(f.file), f.mark.line, f.mark.column,
                       markdown_escape(f.message));
  out << buf;
}

}  // namespace plantrack
