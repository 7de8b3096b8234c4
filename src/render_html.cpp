// --format html: one self-contained page (inline CSS, no scripts, nothing fetched): summary
// counts, a table with a progress bar per target and the expected-by-now mark, the findings.
// It fits a 1024 px window: the name (with the id under it) stays at the left when the table
// scrolls sideways in its own box, and status and pace come right after it. Printed (A4
// landscape), every page carries the title, the as-of date and its page number.

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "render.hpp"
#include "render_common.hpp"

namespace plantrack {

namespace {

constexpr const char* k_style = R"css(
:root{--ok:#1a7f37;--warn:#bf8700;--fail:#cf222e;--info:#0969da;--ink:#1f2328;--muted:#59636e;
--line:#d1d9e0;--soft:#f6f8fa;--paper:#fff}
*{box-sizing:border-box}
body{margin:1.5rem auto;max-width:90rem;padding:0 1.25rem;color:var(--ink);background:var(--paper);
font-size:14px;line-height:1.45;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC",
"Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","WenQuanYi Zen Hei",
"WenQuanYi Micro Hei",sans-serif}
h1{font-size:1.6rem;margin:0 0 .3rem;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:1.8rem 0 .6rem}
.meta,.filter,.legend{color:var(--muted);margin:.2rem 0;overflow-wrap:anywhere}
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
.wrap{overflow-x:auto;max-width:100%}
table{border-collapse:separate;border-spacing:0;width:100%}
th,td{padding:.3rem .4rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle;
background:var(--paper)}
th{background:var(--soft);font-weight:600;white-space:nowrap;border-bottom:2px solid var(--line);
vertical-align:bottom}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.bound{white-space:normal;min-width:4.5rem}
.name{position:sticky;left:0;z-index:1;min-width:12rem;overflow-wrap:anywhere;
border-left:4px solid transparent;border-right:1px solid var(--line)}
th.name{z-index:2}
td.name{padding-left:calc(.45rem + var(--d,0) * 1.2em)}
.name .id{display:block;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",
monospace;font-size:.8em;font-weight:400;color:var(--muted)}
tr.ok>td.name{border-left-color:var(--ok)}tr.warn>td.name{border-left-color:var(--warn)}
tr.fail>td.name{border-left-color:var(--fail)}
tr.group td{background:var(--soft);font-weight:600}
tr.context td{color:var(--muted)}
tr.reporter td,tr.notes td{color:var(--muted);font-size:.92em;border-bottom-style:dotted}
tr.reporter>td.name,tr.notes>td.name{border-left-color:transparent}
tr.notes>td.name{border-right:0}
tr.notes td{position:static}
tr.notes ul{margin:0;padding-left:1.1em;position:sticky;left:0;max-width:calc(100vw - 4rem);
overflow-wrap:anywhere}
td.st,td.progress,td.unit{white-space:nowrap}
.bar{position:relative;display:inline-block;vertical-align:middle;width:5rem;height:.75rem;
background:#e6eaef;border-radius:2px}
.fill{position:absolute;left:0;top:0;bottom:0;border-radius:2px;background:var(--ok)}
.warn .fill{background:var(--warn)}.fail .fill{background:var(--fail)}
.mark{position:absolute;top:-.2rem;bottom:-.2rem;width:2px;margin-left:-1px;background:var(--ink)}
.pct{display:inline-block;min-width:3.3rem;text-align:right;margin-left:.3rem;
font-variant-numeric:tabular-nums}
.parts{display:block;white-space:normal;font-size:.85em;color:var(--muted)}
ul.findings{padding-left:0;list-style:none}
ul.findings li{margin:.25rem 0;overflow-wrap:anywhere}
.sev{color:#fff;border-radius:3px;padding:0 .35rem;font-size:.85em}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;
font-size:.85em}
.where{color:var(--muted)}
@media (max-width:1100px){
body{margin:1rem auto;padding:0 .75rem}
th,td{padding:.28rem .3rem}
.bar{width:4rem}.pct{min-width:3rem}
}
@media print{
body{margin:0;max-width:none;padding:0;font-size:10pt;line-height:1.3}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:15pt}h2{font-size:12pt;break-after:avoid}
.card{padding:.15rem .6rem;min-width:5rem}.card b{font-size:13pt}
.wrap{overflow:visible}
.name,tr.notes ul{position:static}
tr.notes ul{max-width:none}
table{font-size:9pt}th{white-space:normal}
th,td{padding:.1rem .2rem}
.name{min-width:8rem}
.trend{display:none}
.bar{width:3.6rem;height:.6rem}.pct{min-width:2.8rem}
.name .id,.parts,code,.sev,.chip,.status,.was,th .sub,tr.reporter td,tr.notes td{font-size:9pt}
thead{display:table-header-group}
tr,tbody.keep{break-inside:avoid}
}
)css";

// Only with --compare, so that other reports stay as they were.
constexpr const char* k_compare_style =
    ".was{display:block;font-size:.85em;color:var(--muted)}th .sub{display:block;font-weight:400;"
    "font-size:.8em;color:var(--muted)}\n"
    ".arrow{font-weight:700}.arrow.worse{color:var(--fail)}.arrow.better{color:var(--ok)}\n";

// The table's columns, in the order shown: what a reader looks for first comes first.
enum class Col {
  name,
  status,  // with --compare, the previous status under it
  progress,
  pace,
  actual,  // with --compare, the previous actual under it
  change,
  target,
  unit,
  expected,
  remaining,
  variance,
  trend
};

std::vector<Col> columns_of(const Report& report, const RenderOptions& options) {
  std::vector<Col> cols = {Col::name, Col::status, Col::progress, Col::pace, Col::actual};
  if (report.comparison) cols.push_back(Col::change);
  cols.insert(cols.end(), {Col::target, Col::unit, Col::expected, Col::remaining, Col::variance});
  if (options.history) cols.push_back(Col::trend);
  return cols;
}

std::string header_of(Col c, const Report& report, Lang lang) {
  auto th = [](const char* cls, Word w, Lang l) {
    return fmt::format("<th{}>{}</th>", *cls ? fmt::format(" class=\"{}\"", cls) : "", word(w, l));
  };
  switch (c) {
    case Col::name:
      return fmt::format("<th class=\"name\">{}<span class=\"id\">{}</span></th>",
                         word(Word::name, lang), word(Word::id, lang));
    case Col::status:
      if (report.comparison)
        return fmt::format("<th>{}<span class=\"sub\">{}</span></th>", word(Word::status, lang),
                           word(Word::previous_status, lang));
      return th("", Word::status, lang);
    case Col::progress:
      return th("", Word::progress, lang);
    case Col::pace:
      return th("num", Word::pace, lang);
    case Col::actual:
      if (report.comparison)
        return fmt::format("<th class=\"num\">{}<span class=\"sub\">{}</span></th>",
                           word(Word::actual, lang), word(Word::previous, lang));
      return th("num", Word::actual, lang);
    case Col::change:
      return th("num", Word::period_change, lang);
    case Col::target:
      return th("num", Word::target, lang);
    case Col::unit:
      return th("", Word::unit, lang);
    case Col::expected:
      return th("num", Word::expected, lang);
    case Col::remaining:
      return th("num", Word::remaining, lang);
    case Col::variance:
      return th("num", Word::variance, lang);
    case Col::trend:
      return th("trend", Word::trend, lang);
  }
  return "";
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

// An amount with a ratio's parts under it ("81.31" over "5,140.2 / 6,321.6 万元") and, with
// --compare, the previous amount under that.
std::string amount_with_parts(const std::string& amount, const std::string& parts,
                              const std::string& previous = "") {
  std::string cell = html_escape(amount);
  if (!parts.empty()) cell += "<span class=\"parts\">" + html_escape(parts) + "</span>";
  if (!previous.empty()) cell += "<span class=\"was\">" + html_escape(previous) + "</span>";
  return "<td class=\"num\">" + cell + "</td>";
}

std::string previous_text(const Report& report, const TargetResult& r) {
  const PreviousResult* p = report.previous_of(r);
  if (!p) return "";
  const Target& t = *r.target;
  if (t.kind == Kind::milestone) return p->done_on ? format_date(*p->done_on) : "-";
  return t.numeric() ? amount_text(p->actual) : "";
}

std::string actual_cell_html(const Report& report, const TargetResult& r) {
  const RatioResult* q = report.ratio_of(r);
  return amount_with_parts(actual_text(r),
                           q ? ratio_parts_text(q->numerator, q->denominator, q->unit) : "",
                           previous_text(report, r));
}

// With --compare, under the status: the previous status with an arrow when its severity changed
// (▼ worse, ▲ better).
std::string was_text(const Report& report, const TargetResult& r, Lang lang) {
  const PreviousResult* p = report.previous_of(r);
  if (!p) return "";
  std::string arrow;
  if (report.worsened(r))
    arrow = fmt::format("<span class=\"arrow worse\" title=\"{}\">▼</span> ",
                        word(Word::worsened, lang));
  else if (r.severity < p->severity)
    arrow = "<span class=\"arrow better\">▲</span> ";
  return fmt::format("<span class=\"was\">{}{}</span>", arrow, status_label(p->status, lang));
}

// A full id that may break after each dot when its column is narrow (and anywhere, failing that).
std::string id_html(std::string_view id) {
  std::string out;
  for (char c : html_escape(id)) {
    out.push_back(c);
    if (c == '.') out += "<wbr>";
  }
  return out;
}

struct RowContext {
  const Report& report;
  Lang lang;
  const Trend* history;
  const std::unordered_map<const Target*, size_t>& at;
};

std::string cell_of(Col c, const RowContext& x, const TargetResult& r) {
  const Target& t = *r.target;
  bool numbers = t.numeric();
  auto num = [](const std::string& s) { return "<td class=\"num\">" + s + "</td>"; };
  switch (c) {
    case Col::name: {
      std::string attrs = t.depth ? fmt::format(" style=\"--d:{}\"", t.depth) : "";
      if (!t.note().empty()) attrs += fmt::format(" title=\"{}\"", html_escape(t.note()));
      return fmt::format("<td class=\"name\"{}>{}<span class=\"id\">{}</span></td>", attrs,
                         html_escape(t.name), id_html(t.full_id));
    }
    case Col::status:
      return fmt::format("<td class=\"st\"><span class=\"status\">{}</span>{}</td>",
                         status_cell(r, x.lang), was_text(x.report, r, x.lang));
    case Col::progress:
      return progress_cell(r, x.lang);
    case Col::pace:
      return "<td class=\"num pace\">" + (numbers ? percent_text(r.pace) : "") + "</td>";
    case Col::actual:
      return actual_cell_html(x.report, r);
    case Col::change:
      return num(x.report.previous_of(r) && numbers ? signed_amount_text(x.report.change_of(r))
                                                    : "");
    case Col::target:
      return "<td class=\"num bound\">" +
             html_escape(pretty_bound_text(t, x.lang, x.report.as_of)) + "</td>";
    case Col::unit:
      return "<td class=\"unit\">" + html_escape(t.unit) + "</td>";
    case Col::expected:
      return num(numbers ? amount_text(r.expected) : "");
    case Col::remaining:
      return num(numbers ? amount_text(r.remaining(x.report.as_of)) : "");
    case Col::variance:
      return num(numbers ? signed_amount_text(r.variance()) : "");
    case Col::trend: {
      auto it = x.at.find(r.target);
      return "<td class=\"trend\">" +
             (it == x.at.end() ? "" : sparkline_svg(*x.history, it->second)) + "</td>";
    }
  }
  return "";
}

std::string row_of(const std::vector<Col>& cols, const RowContext& x, const TargetResult& r) {
  std::string cls = severity_name(r.severity);
  if (r.target->kind == Kind::group) cls += " group";
  if (r.context) cls += " context";
  std::string row = fmt::format("<tr class=\"{}\">", cls);
  for (Col c : cols)
    row += cell_of(c, x, r);
  return row + "</tr>\n";
}

// A reporter's part (--by-reporter), under its target: its actual, its progress where that
// compares, and the date of its latest entry used in the status column.
std::string reporter_row(const std::vector<Col>& cols, const RowContext& x, const TargetResult& r,
                         const ReporterActual& part, const std::string& depth) {
  const Target& t = *r.target;
  std::string row = "<tr class=\"reporter\">";
  for (Col c : cols) {
    switch (c) {
      case Col::name:
        row += fmt::format("<td class=\"name\"{}>↳ {}</td>", depth,
                           html_escape(reporter_name_text(x.report, part.by, x.lang)));
        break;
      case Col::status:
        row += "<td class=\"st\">" + reporter_date_text(part, x.lang) + "</td>";
        break;
      case Col::progress: {
        OptDouble progress = reporter_progress(r, part);
        row +=
            "<td class=\"progress\">" +
            (progress ? fmt::format("<span class=\"pct\">{}</span>", percent_text(progress)) : "") +
            "</td>";
        break;
      }
      case Col::actual: {
        std::string parts;
        if (const RatioResult* q = x.report.ratio_of(r))
          for (const ReporterParts& p : q->by_reporter)
            if (p.by == part.by) parts = ratio_parts_text(p.numerator, p.denominator, q->unit);
        row += parts.empty() ? "<td class=\"num\">" +
                                   html_escape(reporter_actual_text(x.report, r, part)) + "</td>"
                             : amount_with_parts(amount_text(part.actual), parts);
        break;
      }
      case Col::unit:
        row += "<td class=\"unit\">" + html_escape(t.unit) + "</td>";
        break;
      default:
        row += "<td></td>";
    }
  }
  return row + "</tr>\n";
}

// The entry notes and (--by-reporter) the reporters' parts, as rows under the target's.
std::string rows_under(const std::vector<Col>& cols, const RowContext& x, size_t i,
                       bool by_reporter) {
  const TargetResult& r = x.report.targets[i];
  std::string depth = fmt::format(" style=\"--d:{}\"", r.target->depth + 1);
  std::string out;
  if (auto notes = x.report.notes_of(r); !notes.empty()) {
    out += fmt::format("<tr class=\"notes\"><td class=\"name\" colspan=\"{}\"{}><ul>", cols.size(),
                       depth);
    for (const RowNote& n : notes)
      out += "<li>" + html_escape(note_text(x.report, n, x.lang)) + "</li>";
    out += "</ul></td></tr>\n";
  }
  if (!by_reporter) return out;
  for (const ReporterActual& part : x.report.by_reporter(i))
    out += reporter_row(cols, x, r, part, depth);
  return out;
}

std::string summary_html(const Report& report, Lang lang) {
  const Summary& s = report.summary;
  std::string out = "<div class=\"cards\">";
  out += fmt::format("<div class=\"card\"><b>{}</b>{}</div>", s.targets, word(Word::targets, lang));
  const std::pair<Severity, int> k_cards[] = {
      {Severity::ok, s.ok}, {Severity::warn, s.warn}, {Severity::fail, s.fail}};
  for (auto [sev, n] : k_cards)
    out += fmt::format("<div class=\"card {}\"><b>{}</b>{}</div>", severity_name(sev), n,
                       severity_label(sev, lang));
  out += "</div>\n<div class=\"chips\">";
  for (int i = 0; i < k_status_count; ++i) {
    int n = s.by_status[static_cast<size_t>(i)];
    if (n == 0) continue;
    auto st = static_cast<Status>(i);
    out += fmt::format("<span class=\"chip {}\">{} {}</span>", severity_name(status_severity(st)),
                       status_label(st, lang), n);
  }
  return out + "</div>\n";
}

std::string table_html(const Report& report, const RenderOptions& options, std::ostream& out,
                       std::string buf) {
  Lang lang = options.lang;
  std::vector<Col> cols = columns_of(report, options);
  std::unordered_map<const Target*, size_t> at;
  if (const Trend* h = options.history)
    for (size_t i = 0; i < h->size(); ++i)
      at.emplace(&h->target(i), i);
  RowContext x{report, lang, options.history, at};
  buf += "<div class=\"wrap\">\n<table>\n<thead><tr>";
  for (Col c : cols)
    buf += header_of(c, report, lang);
  buf += "</tr></thead>\n";
  // A target with rows under it (notes, reporters) is a <tbody> of its own, which print keeps on
  // one page; the others share one.
  bool shared = false;  // a shared <tbody> is open
  for (size_t i = 0; i < report.targets.size(); ++i) {
    std::string row = row_of(cols, x, report.targets[i]);
    std::string under = rows_under(cols, x, i, options.by_reporter);
    if (under.empty()) {
      if (!shared) buf += "<tbody>\n";
      shared = true;
      buf += row;
    } else {
      if (shared) buf += "</tbody>\n";
      shared = false;
      buf += "<tbody class=\"keep\">\n" + row + under + "</tbody>\n";
    }
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  return buf + (shared ? "</tbody>\n" : "") + "</table>\n</div>\n";
}

}  // namespace

void render_html(const Report& report, const RenderOptions& options, std::ostream& out) {
  Lang lang = options.lang;
  std::string title = html_escape(report.title);
  std::string as_of = format_date(report.as_of);
  std::string as_of_text = tr_in(lang, Msg::reporter_as_of, fmt::arg("date", as_of));
  std::string buf = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"plantrack\">\n<title>{} — {}</title>\n"
      "<style>{}{}{}</style>\n</head>\n<body>\n",
      html_lang(lang), title, as_of_text, k_style,
      print_page_css(report.title, as_of_text, lang, true),
      report.comparison ? k_compare_style : "");
  buf += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n", title,
                     html_escape(summary_paragraph(report, lang)));
  buf += fmt::format("<p class=\"meta exit\">{}</p>\n",
                     html_escape(exit_sentence(report, options.strict, lang)));
  if (report.comparison)
    buf += fmt::format(
        "<p class=\"meta\">{}</p>\n",
        tr_in(lang, Msg::compared_with, fmt::arg("date", format_date(report.comparison->as_of))));
  buf += fmt::format("<p class=\"meta\">{}</p>\n",
                     tr_in(lang, Msg::label_text, fmt::arg("label", word(Word::plan_file, lang)),
                           fmt::arg("text", html_escape(report.plan_file))));
  if (std::string f = filter_text(options.filter, lang); !f.empty())
    buf += fmt::format("<p class=\"filter\">{}</p>\n",
                       tr_in(lang, Msg::label_text, fmt::arg("label", word(Word::filter, lang)),
                             fmt::arg("text", html_escape(f))));
  buf += "</header>\n<main>\n" + summary_html(report, lang);
  if (report.targets.empty()) {
    buf += fmt::format("<p class=\"empty\">{}</p>\n", word(Word::no_targets, lang));
  } else {
    buf = table_html(report, options, out, std::move(buf));
    buf += fmt::format("<p class=\"legend\">{}</p>\n", word(Word::legend, lang));
    if (const Trend* h = options.history)
      buf += fmt::format(
          "<p class=\"legend\">{}</p>\n",
          tr_in(lang, Msg::history_legend, fmt::arg("dates", date_list_text(h->dates, lang))));
  }
  buf += findings_html(report.findings, lang);
  buf += "</main>\n</body>\n</html>\n";
  out << buf;
}

}  // namespace plantrack
