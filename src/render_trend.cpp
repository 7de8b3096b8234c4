// `trend` output (SPEC §7.1): table and markdown (one line per target and date, a sparkline of
// progress on each target's first line), csv in long form, json. html: render_trend_html.cpp.

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "quantity.hpp"
#include "render.hpp"
#include "render_common.hpp"
#include "render_json.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

// ▁▂▃▄▅▆▇█ for progress 0 … 100% (clamped), · where unknown.
std::string sparkline(const Trend& trend, size_t t) {
  static const char* const k_levels[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (const TrendPoint& p : trend.series(t)) {
    if (!p.progress) {
      out += "·";
      continue;
    }
    double f = std::clamp(*p.progress, 0.0, 1.0);
    out += k_levels[static_cast<int>(std::lround(f * 7))];
  }
  return out;
}

std::string heading(const Trend& trend, Lang lang) {
  return fmt::format("{} — {}", escape_text(trend.title),
                     tr_in(lang, Msg::trend_dates, fmt::arg("trend", word(Word::trend, lang)),
                           fmt::arg("dates", date_list_text(trend.dates, lang))));
}

enum Column {
  c_id,
  c_name,
  c_unit,
  c_target,
  c_trend,
  c_date,
  c_actual,
  c_change,
  c_progress,
  c_expected,
  c_pace,
  c_status,
  c_count
};
constexpr bool k_right[c_count] = {false, false, false, true, false, false,
                                   true,  true,  true,  true, true,  false};
const Word k_words[c_count] = {Word::id,       Word::name,     Word::unit,   Word::target,
                               Word::trend,    Word::date,     Word::actual, Word::change,
                               Word::progress, Word::expected, Word::pace,   Word::status};

// One line per target and date; the target's own cells on its first line only.
std::vector<std::vector<std::string>> long_rows(const Trend& trend, Lang lang, bool markdown) {
  std::vector<std::vector<std::string>> rows;
  for (size_t t = 0; t < trend.size(); ++t) {
    const Target& target = trend.target(t);
    bool numbers = target.numeric();
    const std::vector<TrendPoint> series = trend.series(t);
    for (size_t d = 0; d < series.size(); ++d) {
      const TrendPoint& p = series[d];
      std::vector<std::string> cells(c_count);
      if (d == 0) {
        std::string indent;
        for (int i = 0; i < target.depth; ++i)
          indent += markdown ? "&emsp;" : "  ";
        std::string name = markdown ? markdown_escape(target.name) : escape_text(target.name);
        if (markdown && target.kind == Kind::group) name = "**" + name + "**";
        cells[c_id] =
            markdown ? "`" + std::string(target.full_id) + "`" : escape_text(target.full_id);
        cells[c_name] = markdown ? indent + name : truncate_to_width(indent + name, 36);
        cells[c_unit] = markdown ? markdown_escape(target.unit) : escape_text(target.unit);
        Date last = trend.dates.back();
        cells[c_target] = markdown ? markdown_escape(pretty_bound_text(target, lang, last))
                                   : bound_text(target, lang, last);
        cells[c_trend] = target.kind == Kind::group ? "" : sparkline(trend, t);
      }
      cells[c_date] = format_date(trend.dates[d]);
      if (target.kind == Kind::milestone)
        cells[c_actual] = p.done_on ? format_date(*p.done_on) : "-";
      else if (numbers)
        cells[c_actual] = amount_text(p.actual);
      cells[c_change] = numbers && d > 0 ? signed_amount_text(trend.change(t, d)) : "";
      cells[c_progress] = target.kind == Kind::group ? "" : percent_text(p.progress);
      cells[c_expected] = numbers ? amount_text(p.expected) : "";
      cells[c_pace] = numbers ? percent_text(p.pace) : "";
      cells[c_status] = status_label(p.status, lang);
      rows.push_back(std::move(cells));
    }
  }
  return rows;
}

void put_findings_text(const std::vector<Finding>& findings, std::string& buf) {
  if (!findings.empty()) buf += "\n";
  for (const Finding& f : findings)
    buf += fmt::format("{}:{}:{}: {}: {} [{}]\n", escape_text(f.file), f.mark.line, f.mark.column,
                       severity_name(f.severity), escape_text(f.message), f.code);
}

void render_trend_table(const Trend& trend, Lang lang, bool strict, std::ostream& out) {
  std::vector<std::vector<std::string>> rows = long_rows(trend, lang, false);
  std::vector<std::string> header(c_count);
  for (int c = 0; c < c_count; ++c)
    header[c] = header_word(k_words[c], lang);
  rows.insert(rows.begin(), header);
  std::vector<size_t> width(c_count);
  for (const auto& row : rows)
    for (size_t c = 0; c < c_count; ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  std::string buf = heading(trend, lang) + "\n\n";
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < c_count; ++c) {
      line += k_right[c] ? pad_left(row[c], width[c]) : pad_right(row[c], width[c]);
      if (c + 1 < c_count) line += "  ";
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    buf += line + "\n";
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  buf += fmt::format("\n{}\n{}\n{}\n", summary_sentence(trend.last, lang),
                     exit_sentence(trend.last, strict, lang), word(Word::sparkline_legend, lang));
  put_findings_text(trend.findings, buf);
  out << buf;
}

void render_trend_markdown(const Trend& trend, Lang lang, bool strict, std::ostream& out) {
  std::string buf =
      fmt::format("# {}\n\n{}\n\n{}\n\n", markdown_escape(heading(trend, lang)),
                  summary_paragraph(trend.last, lang), exit_sentence(trend.last, strict, lang));
  buf += "|";
  for (int c = 0; c < c_count; ++c)
    buf += fmt::format(" {} |", word(k_words[c], lang));
  buf += "\n|";
  for (int c = 0; c < c_count; ++c)
    buf += k_right[c] ? "--:|" : "---|";
  buf += "\n";
  for (const auto& row : long_rows(trend, lang, true)) {
    buf += "|";
    for (const std::string& cell : row)
      buf += cell.empty() ? " |" : " " + cell + " |";
    buf += "\n";
  }
  buf += fmt::format("\n*{}*\n", word(Word::sparkline_legend, lang));
  if (!trend.findings.empty()) {
    buf += fmt::format("\n## {}\n\n", word(Word::findings, lang));
    for (const Finding& f : trend.findings)
      buf += fmt::format("- **{}** `{}` {}:{}:{}: {}\n", severity_label(f.severity, lang), f.code,
                         markdown_escape(f.file), f.mark.line, f.mark.column,
                         markdown_escape(f.message));
  }
  out << buf;
}

std::string num(const std::optional<double>& v) {
  return v ? format_number(*v == 0 ? 0 : *v) : "";
}

void render_trend_csv(const Trend& trend, bool bom, std::ostream& out) {
  std::string buf = bom ? "\xEF\xBB\xBF" : "";
  buf +=
      "id,date,actual,expected,progress,pace,status,severity,change,name,unit,kind,min,max,"
      "baseline,done_on\r\n";
  for (size_t t = 0; t < trend.size(); ++t) {
    const Target& target = trend.target(t);
    const std::vector<TrendPoint> series = trend.series(t);
    for (size_t d = 0; d < series.size(); ++d) {
      const TrendPoint& p = series[d];
      std::string cells[] = {csv_field(target.full_id),
                             format_date(trend.dates[d]),
                             num(p.actual),
                             num(p.expected),
                             num(p.progress),
                             num(p.pace),
                             status_name(p.status),
                             severity_name(p.severity),
                             num(trend.change(t, d)),
                             csv_text(target.name),
                             csv_text(target.unit),
                             kind_name(target.kind),
                             num(target.bounds_at(trend.dates[d]).min),
                             num(target.bounds_at(trend.dates[d]).max),
                             num(trend.baseline(t)),
                             p.done_on ? format_date(*p.done_on) : ""};
      for (size_t i = 0; i < std::size(cells); ++i)
        buf += (i ? "," : "") + cells[i];
      buf += "\r\n";
    }
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
}

std::string jnum(const std::optional<double>& v) {
  return v ? format_number(*v == 0 ? 0 : *v) : "null";
}

void render_trend_json(const Trend& trend, std::ostream& out) {
  std::string buf = fmt::format("{{\n  \"plantrack\": 1,\n  \"title\": {},\n  \"dates\": [",
                                json_string(trend.title));
  for (size_t d = 0; d < trend.dates.size(); ++d)
    buf += fmt::format("{}\"{}\"", d ? ", " : "", format_date(trend.dates[d]));
  buf += "],\n  \"targets\": [";
  for (size_t t = 0; t < trend.size(); ++t) {
    const Target& target = trend.target(t);
    buf += fmt::format(
        "{}\n    {{\"id\": {}, \"name\": {}, \"unit\": {}, \"kind\": \"{}\", "
        "\"series\": [",
        t ? "," : "", json_string(target.full_id), json_string(target.name),
        target.unit.empty() ? std::string("null") : json_string(target.unit),
        kind_name(target.kind));
    const std::vector<TrendPoint> series = trend.series(t);
    for (size_t d = 0; d < series.size(); ++d) {
      const TrendPoint& p = series[d];
      buf += fmt::format(
          "{}\n      {{\"date\": \"{}\", \"actual\": {}, \"expected\": {}, \"progress\": {}, "
          "\"pace\": {}, \"status\": \"{}\", \"severity\": \"{}\", \"change\": {}",
          d ? "," : "", format_date(trend.dates[d]), jnum(p.actual), jnum(p.expected),
          jnum(p.progress), jnum(p.pace), status_name(p.status), severity_name(p.severity),
          jnum(trend.change(t, d)));
      if (target.kind == Kind::milestone)
        buf += fmt::format(", \"done_on\": {}",
                           p.done_on ? "\"" + format_date(*p.done_on) + "\"" : "null");
      buf += "}";
    }
    buf += "]}";
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  buf += (trend.size() == 0) ? "],\n  \"findings\": [" : "\n  ],\n  \"findings\": [";
  for (size_t i = 0; i < trend.findings.size(); ++i) {
    const Finding& f = trend.findings[i];
    buf += fmt::format(
        "{}\n    {{\"code\": \"{}\", \"severity\": \"{}\", \"target\": {}, \"message\": {},\n"
        "     \"file\": {}, \"line\": {}, \"column\": {}}}",
        i ? "," : "", f.code, severity_name(f.severity),
        f.target.empty() ? std::string("null") : json_string(f.target), json_string(f.message),
        json_string(f.file), f.mark.line, f.mark.column);
  }
  buf += trend.findings.empty() ? "]\n}\n" : "\n  ]\n}\n";
  out << buf;
}

}  // namespace

void render_trend(const Trend& trend, const RenderOptions& options, std::ostream& out) {
  switch (options.format) {
    case Format::markdown:
      render_trend_markdown(trend, options.lang, options.strict, out);
      return;
    case Format::csv:
      render_trend_csv(trend, options.bom, out);
      return;
    case Format::json:
      render_trend_json(trend, out);
      return;
    case Format::html:
      render_trend_html(trend, options, out);
      return;
    default:
      render_trend_table(trend, options.lang, options.strict, out);
      return;
  }
}

}  // namespace plantrack
