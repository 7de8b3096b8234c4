// --format html: one self-contained page (inline CSS, no scripts, nothing fetched): summary
// counts, a table with a progress bar per target and the expected-by-now mark, the findings.

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "render.hpp"
#include "render_common.hpp"

namespace plantrack {

namespace {

constexpr const char* k_style = R"css(
:root{--ok:#1a7f37;--warn:#bf8700;--fail:#cf222e;--info:#0969da;--ink:#1f2328;--muted:#59636e;
--line:#d1d9e0;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:2rem auto;max-width:80rem;padding:0 1.5rem;color:var(--ink);font-size:14px;
line-height:1.45;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB",
"Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","WenQuanYi Zen Hei",sans-serif}
h1{font-size:1.6rem;margin:0 0 .3rem}
h2{font-size:1.15rem;margin:1.8rem 0 .6rem}
.meta,.filter,.legend{color:var(--muted);margin:.2rem 0}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0 .6rem}
.card{border:1px solid var(--line);border-top:4px solid var(--muted);border-radius:6px;
padding:.4rem .9rem;min-width:7rem}
.card b{display:block;font-size:1.5rem;line-height:1.2}
.card.ok{border-top-color:var(--ok)}.card.warn{border-top-color:var(--warn)}
.card.fail{border-top-color:var(--fail)}
.chips{margin:.4rem 0 1rem;display:flex;flex-wrap:wrap;gap:.35rem}
.chip,.status{display:inline-block;border-radius:1rem;padding:0 .55rem;font-size:.85em;
white-space:nowrap;color:#fff;background:var(--ok)}
tr.warn .status,.chip.warn,li.warn .sev{background:var(--warn)}
tr.fail .status,.chip.fail,li.fail .sev{background:var(--fail)}
li.info .sev{background:var(--info)}
table{border-collapse:collapse;width:100%}
th,td{padding:.3rem .45rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
th{background:var(--soft);font-weight:600;white-space:nowrap;border-bottom:2px solid var(--line)}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8em;
color:var(--muted);white-space:nowrap}
td.name{padding-left:calc(.45rem + var(--d,0) * 1.5em);min-width:15rem}
tr.group td{background:var(--soft);font-weight:600}
tr.context td{color:var(--muted)}
tr.reporter td,tr.notes td{color:var(--muted);font-size:.92em;border-bottom-style:dotted}
tr.notes ul{margin:0;padding-left:1.1em}
td.sev{width:.35rem;padding:0}
tr.ok>td.sev{background:var(--ok)}tr.warn>td.sev{background:var(--warn)}
tr.fail>td.sev{background:var(--fail)}tr.group>td.sev{opacity:.5}
td.progress,td.unit{white-space:nowrap}
.bar{position:relative;display:inline-block;vertical-align:middle;width:7rem;height:.75rem;
background:#e6eaef;border-radius:2px}
.fill{position:absolute;left:0;top:0;bottom:0;border-radius:2px;background:var(--ok)}
.warn .fill{background:var(--warn)}.fail .fill{background:var(--fail)}
.mark{position:absolute;top:-.2rem;bottom:-.2rem;width:2px;margin-left:-1px;background:var(--ink)}
.pct{display:inline-block;min-width:3.6rem;text-align:right;margin-left:.35rem;
font-variant-numeric:tabular-nums}
ul.findings{padding-left:0;list-style:none}
ul.findings li{margin:.25rem 0}
.sev{color:#fff;border-radius:3px;padding:0 .35rem;font-size:.85em}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
.where{color:var(--muted)}
@media print{
@page{size:A4;margin:12mm 10mm}
body{margin:0;max-width:none;padding:0;font-size:7.5pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:14pt}h2{font-size:10pt}
.card{padding:.15rem .6rem;min-width:5rem}.card b{font-size:12pt}
th,td{padding:.12rem .25rem}
.bar{width:3.2rem;height:.55rem}.pct{min-width:2.6rem}
td.id{font-size:6.5pt}td.name{min-width:11rem}
thead{display:table-header-group}
tr{break-inside:avoid}
h2{break-after:avoid}
}
)css";

// Only with --compare, so that other reports stay as they were.
constexpr const char* k_compare_style =
    "td.was{white-space:nowrap;color:var(--muted)}\n"
    ".arrow{font-weight:700}.arrow.worse{color:var(--fail)}.arrow.better{color:var(--ok)}\n";

std::string severity_class(Severity s) {
  return severity_name(s);
}

std::string percent_css(double fraction) {
  return fmt::format("{:.1f}%", std::clamp(fraction, 0.0, 1.0) * 100);
}

std::string progress_cell(const TargetResult& r, Lang lang) {
  const Target& t = *r.target;
  if (t.kind == Kind::group) return "<td class=\"progress\"></td>";
  if (!r.progress) return "<td class=\"progress\"><span class=\"pct\">-</span></td>";
  std::string bar =
      fmt::format("<span class=\"fill\" style=\"width:{}\"></span>", percent_css(*r.progress));
  if (auto share = expected_share(r))
    bar += fmt::format("<span class=\"mark\" style=\"left:{}\" title=\"{}: {}\"></span>",
                       percent_css(*share), word(Word::expected, lang), amount_text(r.expected));
  return fmt::format(
      "<td class=\"progress\"><span class=\"bar\" role=\"img\" aria-label=\"{}\">{}</span>"
      "<span class=\"pct\">{}</span></td>",
      percent_text(r.progress), bar, percent_text(r.progress));
}

// With --compare: the previous actual and the change, and an arrow by the status when its
// severity changed (▼ worse, ▲ better) with the previous status beside it.
std::string compare_cells(const Report& report, const TargetResult& r) {
  const PreviousResult* p = report.previous_of(r);
  if (!p) return "";
  const Target& t = *r.target;
  bool numbers = t.numeric();
  std::string previous = t.kind == Kind::milestone ? (p->done_on ? format_date(*p->done_on) : "-")
                         : numbers                 ? amount_text(p->actual)
                                                   : "";
  return fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td>", previous,
                     numbers ? signed_amount_text(report.change_of(r)) : "");
}

std::string was_cell(const Report& report, const TargetResult& r, Lang lang) {
  const PreviousResult* p = report.previous_of(r);
  if (!p) return "";
  std::string arrow;
  if (report.worsened(r))
    arrow = fmt::format("<span class=\"arrow worse\" title=\"{}\">▼</span> ",
                        word(Word::worsened, lang));
  else if (r.severity < p->severity)
    arrow = "<span class=\"arrow better\">▲</span> ";
  return fmt::format("<td class=\"was\">{}{}</td>", arrow, status_label(p->status, lang));
}

std::string row_of(const Report& report, const TargetResult& r, Lang lang, const Trend* history,
                   const std::unordered_map<const Target*, size_t>& at) {
  const Target& t = *r.target;
  bool numbers = t.numeric();
  std::string cls = severity_class(r.severity);
  if (t.kind == Kind::group) cls += " group";
  if (r.context) cls += " context";
  std::string name_attrs = t.depth ? fmt::format(" style=\"--d:{}\"", t.depth) : "";
  if (!t.note().empty()) name_attrs += fmt::format(" title=\"{}\"", html_escape(t.note()));
  auto num = [&](const std::string& s) { return "<td class=\"num\">" + s + "</td>"; };
  std::string row = fmt::format("<tr class=\"{}\"><td class=\"sev\"></td><td class=\"id\">{}</td>",
                                cls, html_escape(t.full_id));
  row += fmt::format("<td class=\"name\"{}>{}</td><td class=\"unit\">{}</td>", name_attrs,
                     html_escape(t.name), html_escape(t.unit));
  row += num(html_escape(pretty_bound_text(t, lang, report.as_of))) +
         num(html_escape(actual_cell(report, r)));
  row += compare_cells(report, r);
  row += progress_cell(r, lang);
  row += num(numbers ? amount_text(r.expected) : "") + num(numbers ? percent_text(r.pace) : "");
  row += num(numbers ? amount_text(r.remaining(report.as_of)) : "");
  row += num(numbers ? signed_amount_text(r.variance()) : "");
  if (history) {
    auto it = at.find(r.target);
    row += "<td class=\"trend\">" + (it == at.end() ? "" : sparkline_svg(*history, it->second)) +
           "</td>";
  }
  row += fmt::format("<td><span class=\"status\">{}</span></td>", status_cell(r, lang));
  row += was_cell(report, r, lang) + "</tr>\n";
  return row;
}

// The entry notes and (--by-reporter) the reporters' parts, as rows under the target's.
std::string rows_under(const Report& report, size_t i, bool by_reporter, Lang lang) {
  const TargetResult& r = report.targets[i];
  const Target& t = *r.target;
  std::string depth = fmt::format(" style=\"--d:{}\"", t.depth + 1);
  std::string out;
  if (auto notes = report.notes_of(r); !notes.empty()) {
    out += fmt::format(
        "<tr class=\"notes\"><td class=\"sev\"></td><td class=\"id\"></td>"
        "<td class=\"name\" colspan=\"10\"{}><ul>",
        depth);
    for (const RowNote& n : notes)
      out += "<li>" + html_escape(note_text(report, n, lang)) + "</li>";
    out += "</ul></td></tr>\n";
  }
  if (!by_reporter) return out;
  for (const ReporterActual& part : report.by_reporter(i)) {
    OptDouble progress = reporter_progress(r, part);
    out += fmt::format(
        "<tr class=\"reporter\"><td class=\"sev\"></td><td class=\"id\"></td>"
        "<td class=\"name\"{}>↳ {}</td><td class=\"unit\">{}</td><td class=\"num\"></td>"
        "<td class=\"num\">{}</td><td class=\"progress\">{}</td>"
        "<td class=\"num\"></td><td class=\"num\"></td><td class=\"num\"></td>"
        "<td class=\"num\"></td><td>{}</td></tr>\n",
        depth, html_escape(reporter_name_text(report, part.by, lang)), html_escape(t.unit),
        html_escape(reporter_actual_text(report, r, part)),
        progress ? fmt::format("<span class=\"pct\">{}</span>", percent_text(progress)) : "",
        reporter_date_text(part, lang));
  }
  return out;
}

std::string summary_html(const Report& report, Lang lang) {
  const Summary& s = report.summary;
  std::string out = "<div class=\"cards\">";
  out += fmt::format("<div class=\"card\"><b>{}</b>{}</div>", s.targets, word(Word::targets, lang));
  const std::pair<Severity, int> k_cards[] = {
      {Severity::ok, s.ok}, {Severity::warn, s.warn}, {Severity::fail, s.fail}};
  for (auto [sev, n] : k_cards)
    out += fmt::format("<div class=\"card {}\"><b>{}</b>{}</div>", severity_class(sev), n,
                       severity_label(sev, lang));
  out += "</div>\n<div class=\"chips\">";
  for (int i = 0; i < k_status_count; ++i) {
    int n = s.by_status[static_cast<size_t>(i)];
    if (n == 0) continue;
    auto st = static_cast<Status>(i);
    out += fmt::format("<span class=\"chip {}\">{} {}</span>", severity_class(status_severity(st)),
                       status_label(st, lang), n);
  }
  return out + "</div>\n";
}

}  // namespace

void render_html(const Report& report, const RenderOptions& options, std::ostream& out) {
  Lang lang = options.lang;
  bool zh = lang == Lang::zh;
  std::string title = html_escape(report.title);
  std::string as_of = format_date(report.as_of);
  std::string buf = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"plantrack\">\n<title>{} — {}{}{}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n",
      zh ? "zh-CN" : "en", title, word(Word::as_of, lang), zh ? "" : " ", as_of,
      std::string(k_style) + (report.comparison ? k_compare_style : ""));
  buf += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n", title,
                     html_escape(summary_paragraph(report, lang)));
  buf += fmt::format("<p class=\"meta exit\">{}</p>\n",
                     html_escape(exit_sentence(report, options.strict, lang)));
  if (report.comparison)
    buf += fmt::format("<p class=\"meta\">{}{}{}</p>\n", zh ? "对比日期" : "Compared with",
                       zh ? "：" : " ", format_date(report.comparison->as_of));
  buf += fmt::format("<p class=\"meta\">{}{}{}</p>\n", word(Word::plan_file, lang),
                     zh ? "：" : ": ", html_escape(report.plan_file));
  if (std::string f = filter_text(options.filter, lang); !f.empty())
    buf += fmt::format("<p class=\"filter\">{}{}{}</p>\n", word(Word::filter, lang),
                       zh ? "：" : ": ", html_escape(f));
  buf += "</header>\n<main>\n" + summary_html(report, lang);
  if (report.targets.empty()) {
    buf += fmt::format("<p class=\"empty\">{}</p>\n", word(Word::no_targets, lang));
  } else {
    buf += "<table>\n<thead><tr><th class=\"sev\"></th>";
    std::vector<Word> k_columns = {Word::id,        Word::name,     Word::unit,     Word::target,
                                   Word::actual,    Word::progress, Word::expected, Word::pace,
                                   Word::remaining, Word::variance, Word::status};
    if (report.comparison) {
      k_columns.insert(k_columns.begin() + 5, {Word::previous, Word::period_change});
      k_columns.push_back(Word::previous_status);
    }
    std::unordered_map<const Target*, size_t> at;
    if (const Trend* h = options.history) {
      k_columns.insert(k_columns.end() - (report.comparison ? 2 : 1), Word::trend);
      for (size_t i = 0; i < h->size(); ++i)
        at.emplace(&h->target(i), i);
    }
    for (Word w : k_columns) {
      bool right = w != Word::id && w != Word::name && w != Word::unit && w != Word::progress &&
                   w != Word::status && w != Word::previous_status;
      buf += fmt::format("<th{}>{}</th>", right ? " class=\"num\"" : "", word(w, lang));
    }
    buf += "</tr></thead>\n<tbody>\n";
    for (size_t i = 0; i < report.targets.size(); ++i) {
      buf += row_of(report, report.targets[i], lang, options.history, at);
      buf += rows_under(report, i, options.by_reporter, lang);
      if (buf.size() > (1 << 16)) {
        out << buf;
        buf.clear();
      }
    }
    buf += "</tbody>\n</table>\n";
    buf += fmt::format("<p class=\"legend\">{}</p>\n", word(Word::legend, lang));
    if (const Trend* h = options.history) {
      std::vector<std::string> dates;
      for (Date d : h->dates)
        dates.push_back(format_date(d));
      buf += fmt::format("<p class=\"legend\">{}{}{}</p>\n", word(Word::trend, lang),
                         zh ? "：完成率，" : ": progress at ", fmt::join(dates, zh ? "、" : ", "));
    }
  }
  buf += fmt::format("<h2>{}</h2>\n", word(Word::findings, lang));
  if (report.findings.empty()) {
    buf += fmt::format("<p>{}</p>\n", word(Word::no_findings, lang));
  } else {
    buf += "<ul class=\"findings\">\n";
    for (const Finding& f : report.findings)
      buf += fmt::format(
          "<li class=\"{}\"><span class=\"sev\">{}</span> <code>{}</code> "
          "<span class=\"where\">{}:{}:{}</span> {}</li>\n",
          severity_class(f.severity), severity_label(f.severity, lang), f.code, html_escape(f.file),
          f.mark.line, f.mark.column, html_escape(f.message));
    buf += "</ul>\n";
  }
  buf += "</main>\n</body>\n</html>\n";
  out << buf;
}

}  // namespace plantrack
