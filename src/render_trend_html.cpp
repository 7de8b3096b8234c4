// `trend --format html`: one self-contained page (inline CSS and SVG, no scripts, nothing
// fetched), a card per target: its series as a small table and, for numeric targets, a chart of
// the actuals against the expected path (序时进度) and the target line, readable in print.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "evaluate.hpp"
#include "render.hpp"
#include "render_common.hpp"

namespace plantrack {

namespace {

constexpr const char* k_style = R"css(
:root{--ok:#1a7f37;--warn:#bf8700;--fail:#cf222e;--info:#0969da;--ink:#1f2328;--muted:#59636e;
--line:#d1d9e0;--soft:#f6f8fa;--exp:#0969da}
*{box-sizing:border-box}
body{margin:2rem auto;max-width:80rem;padding:0 1.5rem;color:var(--ink);font-size:14px;
line-height:1.45;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","WenQuanYi Zen Hei",sans-serif}
h1{font-size:1.6rem;margin:0 0 .3rem;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:1.8rem 0 .6rem}
h3{font-size:1rem;margin:0 0 .3rem;overflow-wrap:anywhere}
h3 code{color:var(--muted);font-weight:400}
.meta,.legend{color:var(--muted);margin:.2rem 0;overflow-wrap:anywhere}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,58rem),1fr));gap:1rem;
align-items:start}
.body{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:flex-start}
.body svg{flex:1 1 18rem;max-width:30rem;min-width:0}
.series{flex:3 1 26rem;min-width:0;overflow-x:auto}
section.target{border:1px solid var(--line);border-left:5px solid var(--ok);border-radius:6px;
padding:.6rem .8rem;break-inside:avoid}
section.target.warn{border-left-color:var(--warn)}section.target.fail{border-left-color:var(--fail)}
section.target.group{background:var(--soft);grid-column:1/-1}
section.target.group table{width:auto}
svg{display:block;width:100%;height:auto;margin:.3rem 0}
svg text{font-size:11px;fill:var(--muted);font-family:inherit}
svg .axis{stroke:var(--line);stroke-width:1}
svg .target{stroke:var(--ink);stroke-width:1.5}
svg .expected{stroke:var(--exp);stroke-width:2;stroke-dasharray:6 4;fill:none}
svg .actual{stroke:var(--ink);stroke-width:2.5;fill:none}
svg circle{stroke:var(--ink);stroke-width:1.5;fill:var(--ok)}
svg circle.warn{fill:var(--warn)}svg circle.fail{fill:var(--fail)}
.key{color:var(--muted);font-size:.85em;display:flex;gap:1rem;flex-wrap:wrap}
.key span::before{content:"";display:inline-block;width:1.6rem;height:0;vertical-align:middle;
margin-right:.3rem;border-top:2.5px solid var(--ink)}
.key .k-exp::before{border-top:2px dashed var(--exp)}
.key .k-target::before{border-top:1.5px solid var(--ink);width:1.6rem}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{padding:.15rem .35rem;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{background:var(--soft);font-weight:600;white-space:nowrap}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.status{display:inline-block;border-radius:1rem;padding:0 .5rem;font-size:.85em;
white-space:nowrap;color:#fff;background:var(--ok)}
tr.warn .status{background:var(--warn)}tr.fail .status{background:var(--fail)}
ul.findings{padding-left:0;list-style:none}
ul.findings li{margin:.25rem 0;overflow-wrap:anywhere}
.sev{color:#fff;border-radius:3px;padding:0 .35rem;font-size:.85em;background:var(--ok)}
li.warn .sev{background:var(--warn)}li.fail .sev{background:var(--fail)}
li.info .sev{background:var(--info)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
.where{color:var(--muted)}
@media print{
body{margin:0;max-width:none;padding:0;font-size:10pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:15pt}h2{font-size:12pt}h3{font-size:10pt}
.grid{grid-template-columns:minmax(0,1fr);gap:3mm}
section.target{padding:2mm 3mm}
.series{overflow:visible}
table{font-size:9pt}th,td{padding:.05rem .25rem}
code,.status,.sev,.key{font-size:9pt}
.body svg{flex:0 0 30rem;max-width:none}
svg text{font-size:13px}
}
)css";

// The dates a printed page names in its margin: "Trend 2024-03-31 to 2024-09-30" /
// "趋势：2024-03-31至2024-09-30".
std::string span_text(const Trend& trend, Lang lang) {
  std::string span = format_date(trend.dates.front());
  if (trend.dates.size() > 1)
    span = tr_in(lang, Msg::date_span, fmt::arg("first", span),
                 fmt::arg("last", format_date(trend.dates.back())));
  return tr_in(lang, Msg::trend_dates, fmt::arg("trend", word(Word::trend, lang)),
               fmt::arg("dates", span));
}

std::string format_short(double v) {
  return format_readable(v, std::fabs(v) < 10 ? 2 : 0);
}

}  // namespace

std::string trend_chart_svg(const Target& t, OptDouble baseline, std::span<const Date> dates,
                            std::span<const TrendPoint> points, Lang lang) {
  if (!t.numeric() || dates.empty()) return "";
  constexpr double W = 480, H = 190, L = 58, R = 84, T = 10, B = 26;
  Date x0 = std::min(t.start, dates.front()), x1 = std::max(t.due, dates.back());
  if (x1.days <= x0.days) x1 = Date{x0.days + 1};
  // The expected path: piecewise linear between these days (steps one day wide).
  std::vector<int> days = {x0.days,      x1.days,        t.start.days - 1,
                           t.start.days, t.due.days - 1, t.due.days};
  for (const Checkpoint& c : t.checkpoints()) {
    days.push_back(c.date.days - 1);
    days.push_back(c.date.days);
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  std::vector<std::pair<int, double>> path;
  for (int d : days)
    if (d >= x0.days && d <= x1.days)
      if (auto e = expected_value(t, Date{d})) path.emplace_back(d, *e);
  double lo = 0, hi = 0;
  bool any = false;
  auto widen = [&](double v) {
    if (!std::isfinite(v)) return;
    if (!any) lo = hi = v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    any = true;
  };
  widen(0);
  if (baseline) widen(*baseline);
  Bounds in_force = t.bounds_at(dates.back());
  if (in_force.min) widen(*in_force.min);
  if (in_force.max) widen(*in_force.max);
  for (const TrendPoint& p : points)
    if (p.actual) widen(*p.actual);
  for (auto& [d, e] : path)
    widen(e);
  if (hi <= lo) hi = lo + 1;
  hi += (hi - lo) * 0.05;
  auto X = [&](int d) { return L + (W - L - R) * (d - x0.days) / double(x1.days - x0.days); };
  auto Y = [&](double v) { return T + (H - T - B) * (hi - v) / (hi - lo); };
  std::string svg =
      fmt::format("<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">", W, H,
                  html_escape(fmt::format("{} {}", t.full_id, word(Word::trend, lang))));
  // Axes: the value axis with its two ends, the time axis with the target's start and due.
  svg += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>", L, T,
                     H - B);
  svg += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{2:.1f}\" x2=\"{1}\" y2=\"{2:.1f}\"/>",
                     L, W - R, Y(lo));
  svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", L - 4, Y(lo) + 4,
                     format_short(lo));
  for (Date d : {t.start, t.due})
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", X(d.days),
                       H - 6, format_date(d).substr(5));
  // The target line(s), labelled at the right.
  for (OptDouble b : {in_force.min, in_force.max}) {
    if (!b) continue;
    svg += fmt::format(
        "<line class=\"target\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\"/>"
        "<text x=\"{}\" y=\"{:.1f}\">{} {}</text>",
        L, Y(*b), W - R, Y(*b), W - R + 4, Y(*b) + 4, word(Word::chart_target, lang),
        format_short(*b));
  }
  if (!path.empty()) {
    svg += "<polyline class=\"expected\" points=\"";
    for (auto& [d, e] : path)
      svg += fmt::format("{:.1f},{:.1f} ", X(d), Y(e));
    svg.back() = '"';
    svg += "/>";
  }
  // The actuals: a line through the known ones (broken where one is unknown), a dot at each.
  std::string line;
  auto flush_line = [&] {
    if (line.find(' ') != line.rfind(' '))
      svg += "<polyline class=\"actual\" points=\"" + line + "\"/>";
    line.clear();
  };
  for (size_t i = 0; i < points.size(); ++i) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                       X(dates[i].days), H - B + 12, format_date(dates[i]).substr(5));
    if (!points[i].actual) {
      flush_line();
      continue;
    }
    line += fmt::format("{:.1f},{:.1f} ", X(dates[i].days), Y(*points[i].actual));
  }
  flush_line();
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i].actual) continue;
    svg += fmt::format(
        "<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\"><title>{} {}</title></circle>",
        severity_name(points[i].severity), X(dates[i].days), Y(*points[i].actual),
        format_date(dates[i]), amount_text(points[i].actual));
  }
  return svg + "</svg>";
}

std::string sparkline_svg(const Trend& trend, size_t t) {
  const Target& target = trend.target(t);
  const std::vector<TrendPoint> series = trend.series(t);
  if (target.kind == Kind::group ||
      std::none_of(series.begin(), series.end(), [](const TrendPoint& p) { return p.progress; }))
    return "";
  constexpr double W = 84, H = 22, pad = 3;
  size_t n = series.size();
  auto X = [&](size_t i) { return n < 2 ? W / 2 : pad + (W - 2 * pad) * i / double(n - 1); };
  auto Y = [&](double p) { return H - pad - (H - 2 * pad) * std::clamp(p, 0.0, 1.0); };
  std::string title;
  for (size_t i = 0; i < n; ++i)
    title += fmt::format("{}{} {}", i ? ", " : "", format_date(trend.dates[i]),
                         percent_text(series[i].progress));
  std::string svg = fmt::format(
      "<svg class=\"spark\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"{}\"><title>{}</title><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" "
      "stroke=\"#d1d9e0\"/>",
      W, H, W, H, html_escape(title), html_escape(title), pad, Y(1), W - pad, Y(1));
  std::string line;
  for (size_t i = 0; i < n; ++i)
    if (series[i].progress) line += fmt::format("{:.1f},{:.1f} ", X(i), Y(*series[i].progress));
  if (!line.empty()) line.pop_back();
  svg += fmt::format(
      "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f2328\" stroke-width=\"1.5\"/>", line);
  static const char* const k_fill[] = {"#0969da", "#1a7f37", "#bf8700", "#cf222e"};
  for (size_t i = 0; i < n; ++i)
    if (series[i].progress)
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.2\" fill=\"{}\"/>", X(i),
                         Y(*series[i].progress), k_fill[static_cast<int>(series[i].severity)]);
  return svg + "</svg>";
}

namespace {

std::string series_table(const Trend& trend, size_t t, Lang lang) {
  const Target& target = trend.target(t);
  bool numbers = target.numeric();
  std::string out = "<div class=\"series\"><table><thead><tr>";
  std::vector<Word> columns = {Word::date};
  if (target.kind != Kind::group) columns.push_back(Word::actual);
  if (numbers)
    columns.insert(columns.end(), {Word::change, Word::progress, Word::expected, Word::pace});
  columns.push_back(Word::status);
  for (Word w : columns)
    out += fmt::format("<th{}>{}</th>",
                       w == Word::date || w == Word::status ? "" : " class=\"num\"", word(w, lang));
  out += "</tr></thead><tbody>";
  const std::vector<TrendPoint> series = trend.series(t);
  for (size_t d = 0; d < series.size(); ++d) {
    const TrendPoint& p = series[d];
    out += fmt::format("<tr class=\"{}\"><td>{}</td>", severity_name(p.severity),
                       format_date(trend.dates[d]));
    auto num = [&](const std::string& s) { out += "<td class=\"num\">" + s + "</td>"; };
    if (target.kind == Kind::milestone) num(p.done_on ? format_date(*p.done_on) : "-");
    if (numbers) {
      num(amount_text(p.actual));
      num(d ? signed_amount_text(trend.change(t, d)) : "");
      num(percent_text(p.progress));
      num(amount_text(p.expected));
      num(percent_text(p.pace));
    }
    out +=
        fmt::format("<td><span class=\"status\">{}</span></td></tr>", status_label(p.status, lang));
  }
  return out + "</tbody></table></div>";
}

}  // namespace

void render_trend_html(const Trend& trend, const RenderOptions& options, std::ostream& out) {
  Lang lang = options.lang;
  std::string title = html_escape(trend.title);
  // "Trend: 2024-03-31, 2024-06-30" / "趋势：2024-03-31、2024-06-30"
  auto labelled = [lang](Word label, const std::string& text) {
    return tr_in(lang, Msg::label_text, fmt::arg("label", word(label, lang)),
                 fmt::arg("text", text));
  };
  std::string buf = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"plantrack\">\n<title>{} — {}</title>\n"
      "<style>{}{}</style>\n</head>\n<body>\n",
      html_lang(lang), title, word(Word::trend, lang), k_style,
      print_page_css(trend.title, span_text(trend, lang), lang, true));
  buf += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n", title,
                     labelled(Word::trend, date_list_text(trend.dates, lang)));
  buf += fmt::format("<p class=\"meta\">{}</p>\n<p class=\"meta exit\">{}</p>\n",
                     html_escape(summary_paragraph(trend.last, lang)),
                     html_escape(exit_sentence(trend.last, options.strict, lang)));
  buf += fmt::format("<p class=\"meta\">{}</p>\n",
                     labelled(Word::plan_file, html_escape(trend.plan_file)));
  buf += fmt::format(
      "<p class=\"key\"><span class=\"k-actual\">{}</span><span class=\"k-exp\">{}</span>"
      "<span class=\"k-target\">{}</span></p>\n</header>\n<main>\n<div class=\"grid\">\n",
      word(Word::chart_actual, lang), word(Word::chart_expected, lang),
      word(Word::chart_target, lang));
  for (size_t t = 0; t < trend.size(); ++t) {
    const Target& target = trend.target(t);
    const TrendPoint last = trend.point(t, trend.dates.size() - 1);
    std::string cls = severity_name(last.severity);
    if (target.kind == Kind::group) cls += " group";
    buf += fmt::format("<section class=\"target {}\">\n<h3>{} <code>{}</code></h3>\n", cls,
                       html_escape(target.name), html_escape(target.full_id));
    if (target.numeric() || target.kind == Kind::milestone)
      buf += fmt::format(
          "<p class=\"meta\">{}</p>\n",
          labelled(Word::target, html_escape(pretty_bound_text(target, lang, trend.dates.back())) +
                                     " " + html_escape(target.unit)));
    // The chart and the table side by side where there is room, the one above the other where not.
    buf += "<div class=\"body\">" +
           trend_chart_svg(target, trend.baseline(t), trend.dates, trend.series(t), lang);
    buf += series_table(trend, t, lang) + "</div>\n</section>\n";
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  buf += "</div>\n";
  buf += findings_html(trend.findings, lang);
  buf += "</main>\n</body>\n</html>\n";
  out << buf;
}

}  // namespace plantrack
