#include "render_common.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "quantity.hpp"
#include "text.hpp"

namespace plantrack {

// The text in a printed page's margins (title, as-of date, page number).
static constexpr const char* k_page_box_style =
    "font-size:9pt;color:#59636e;font-family:system-ui,\"Noto Sans CJK SC\","
    "\"WenQuanYi Micro Hei\",sans-serif;vertical-align:bottom";

std::string bound_text(const Target& t, Lang lang, std::optional<Date> as_of) {
  Bounds b = as_of ? t.bounds_at(*as_of) : Bounds{t.min, t.max, nullptr, t.kind == Kind::max};
  std::string mark;
  if (b.revision)
    mark = tr_in(lang, Msg::revised_mark, fmt::arg("revised", word(Word::revised, lang)));
  switch (t.kind) {
    case Kind::min:
      return format_readable(*b.min) + mark;
    case Kind::max:
      return "<=" + format_readable(*b.max) + mark;
    case Kind::range:
      return format_readable(*b.min) + "-" + format_readable(*b.max) + mark;
    case Kind::milestone:
      return tr_in(lang, Msg::bound_by_date, fmt::arg("date", format_date(t.due)));
    case Kind::group:
      return "";
  }
  return "";
}

std::string status_cell(const TargetResult& r, Lang lang) {
  std::string label = status_label(r.status, lang);
  if (!r.context) return label;
  return tr_in(lang, Msg::context_status, fmt::arg("status", label));
}

std::string pretty_bound_text(const Target& t, Lang lang, std::optional<Date> as_of) {
  std::string s = bound_text(t, lang, as_of);
  return s.rfind("<=", 0) == 0 ? "≤" + s.substr(2) : s;
}

// Cut, not rounded, to one decimal: a pace of 69.98% must not read as the 70% threshold.
std::string percent_text(const std::optional<double>& ratio) {
  if (!ratio) return "-";
  double tenths = std::floor(*ratio * 1000 + 1e-6);
  return format_readable(tenths / 10, 1) + "%";
}

std::string amount_text(const std::optional<double>& v) {
  return v ? format_readable(*v) : "-";
}

std::string signed_amount_text(const std::optional<double>& v) {
  if (!v) return "-";
  std::string s = format_readable(*v);
  return s.front() != '-' && s != "0" ? "+" + s : s;
}

std::string actual_text(const TargetResult& r) {
  switch (r.target->kind) {
    case Kind::milestone:
      return r.done_on ? format_date(*r.done_on) : "-";
    case Kind::group:
      return "";
    default:
      return amount_text(r.actual);
  }
}

std::string ratio_parts_text(OptDouble numerator, OptDouble denominator, std::string_view unit) {
  return fmt::format("{} / {} {}", amount_text(numerator), amount_text(denominator), unit);
}

std::string actual_cell(const Report& report, const TargetResult& r) {
  std::string text = actual_text(r);
  if (const RatioResult* q = report.ratio_of(r))
    text += " (" + ratio_parts_text(q->numerator, q->denominator, q->unit) + ")";
  return text;
}

std::string reporter_name_text(const Report& report, uint32_t by, Lang lang) {
  std::string_view name = report.reporter_name(by);
  return name.empty() ? std::string(word(Word::unnamed_reporter, lang)) : std::string(name);
}

std::string reporter_actual_text(const Report& report, const TargetResult& r,
                                 const ReporterActual& part) {
  if (r.target->kind == Kind::milestone)
    return part.actual ? format_date(Date{static_cast<int>(*part.actual)}) : "-";
  std::string text = amount_text(part.actual);
  if (const RatioResult* q = report.ratio_of(r))
    for (const ReporterParts& p : q->by_reporter)
      if (p.by == part.by)
        text += " (" + ratio_parts_text(p.numerator, p.denominator, q->unit) + ")";
  return text;
}

OptDouble reporter_progress(const TargetResult& r, const ReporterActual& part) {
  const Target& t = *r.target;
  if (!t.numeric() || !part.actual || !r.baseline) return {};
  if (!t.ratio() && t.rollup == Rollup::sum) return {};  // a share of a sum: not comparable
  double b = *r.baseline, bound = t.bound();
  if (bound == b) return {};
  return t.kind == Kind::max ? (b - *part.actual) / (b - bound) : (*part.actual - b) / (bound - b);
}

std::string reporter_date_text(const ReporterActual& part, Lang lang) {
  return tr_in(lang, Msg::reporter_as_of, fmt::arg("date", format_date(part.date)));
}

std::string note_text(const Report& report, const RowNote& note, Lang lang) {
  std::string out =
      tr_in(lang, Msg::note_line, fmt::arg("who", reporter_name_text(report, note.by, lang)),
            fmt::arg("date", format_date(note.date)), fmt::arg("note", note.note));
  if (!note.source.empty())
    out += tr_in(lang, note.note.empty() ? Msg::note_source_alone : Msg::note_source_after,
                 fmt::arg("label", word(Word::source, lang)), fmt::arg("source", note.source));
  return out;
}

std::string target_detail(const TargetResult& r, Date as_of, Lang lang, const RatioResult* ratio) {
  const Target& t = *r.target;
  std::string due = format_date(t.due);
  if (t.kind == Kind::milestone) {
    if (r.done_on)
      return tr_in(lang, Msg::detail_done_on, fmt::arg("date", format_date(*r.done_on)),
                   fmt::arg("due", due));
    return tr_in(lang, Msg::detail_not_done, fmt::arg("due", due));
  }
  if (!t.numeric()) return "";
  std::string unit = escape_text(t.unit);
  std::string target = bound_text(t, lang, as_of);
  std::string out;
  std::string parts =
      ratio ? tr_in(lang, Msg::detail_ratio_parts,
                    fmt::arg("parts", escape_text(ratio_parts_text(
                                          ratio->numerator, ratio->denominator, ratio->unit))))
            : "";
  if (r.actual)
    out = tr_in(lang, Msg::detail_actual, fmt::arg("actual", amount_text(r.actual)),
                fmt::arg("unit", unit), fmt::arg("parts", parts), fmt::arg("target", target));
  else if (ratio)
    out = tr_in(lang, Msg::detail_ratio_unknown, fmt::arg("parts", parts),
                fmt::arg("target", target), fmt::arg("unit", unit));
  else
    out = tr_in(lang, Msg::detail_no_actual, fmt::arg("target", target), fmt::arg("unit", unit));
  if (r.progress)
    out += tr_in(lang, Msg::detail_progress, fmt::arg("progress", percent_text(r.progress)));
  if (r.expected) {
    out += tr_in(lang, Msg::detail_expected, fmt::arg("date", format_date(as_of)),
                 fmt::arg("expected", amount_text(r.expected)));
    if (r.pace) out += tr_in(lang, Msg::detail_pace, fmt::arg("pace", percent_text(r.pace)));
  }
  return out + tr_in(lang, Msg::detail_due, fmt::arg("due", due));
}

std::optional<double> expected_share(const TargetResult& r) {
  const Target& t = *r.target;
  if (!t.numeric() || !r.expected || !r.baseline) return std::nullopt;
  double b = *r.baseline, bound = t.bound();
  if (bound == b) return std::nullopt;
  double share = (*r.expected - b) / (bound - b);  // the same formula for max targets
  if (!std::isfinite(share)) return std::nullopt;
  return std::clamp(share, 0.0, 1.0);
}

BarParts progress_bar_parts(double fraction, int cells) {
  static const char* const k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  int total = cells * 8;
  if (!(fraction > 0)) fraction = 0;  // NaN too
  int eighths = static_cast<int>(std::lround(std::min(fraction, 1.0) * total));
  if (fraction < 1 && eighths == total) eighths = total - 1;
  if (fraction > 0 && eighths == 0) eighths = 1;
  BarParts bar;
  for (int i = 0; i < eighths / 8; ++i)
    bar.fill += "█";
  bar.fill += k_eighths[eighths % 8];
  int used = (eighths + 7) / 8;
  for (int i = used; i < cells; ++i)
    bar.track += "░";
  return bar;
}

BarParts ascii_bar_parts(double fraction, int cells) {
  if (!(fraction > 0)) fraction = 0;  // NaN too
  int filled = static_cast<int>(std::lround(std::min(fraction, 1.0) * cells));
  if (fraction < 1 && filled == cells) filled = cells - 1;
  if (fraction > 0 && filled == 0) filled = 1;
  return BarParts{std::string(static_cast<size_t>(filled), '#'),
                  std::string(static_cast<size_t>(cells - filled), '-')};
}

std::string progress_bar(double fraction, int cells) {
  BarParts bar = progress_bar_parts(fraction, cells);
  return bar.fill + bar.track;
}

std::string filter_text(const Filter& filter, Lang lang) {
  std::string out;
  auto part = [&](const std::string& text) {
    if (!out.empty()) out += message_text(Msg::clause_separator, lang);
    out += text;
  };
  auto join = [&](const std::vector<std::string>& items) {
    std::string s;
    for (size_t i = 0; i < items.size(); ++i)
      s +=
          (i == 0 ? std::string() : std::string(message_text(Msg::filter_values_separator, lang))) +
          items[i];
    return s;
  };
  auto labelled = [&](Word w, const std::string& values) {
    return tr_in(lang, Msg::filter_part, fmt::arg("label", word(w, lang)),
                 fmt::arg("values", values));
  };
  if (!filter.tags.empty()) part(labelled(Word::filter_tag, join(filter.tags)));
  if (!filter.owners.empty()) part(labelled(Word::filter_owner, join(filter.owners)));
  if (filter.only_problems) part(word(Word::filter_problems, lang));
  if (!filter.by.empty()) part(labelled(Word::filter_by, filter.by));
  return out;
}

// Makes control characters visible, except the ASCII bytes in `keep` (tab, CR, LF), which are
// left for the format's own rules.
static std::string visible_except(std::string_view s, std::string_view keep) {
  std::string out;
  size_t run = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && keep.find(s[i]) == std::string_view::npos) continue;
    out += escape_text(s.substr(run, i - run));
    if (i < s.size()) out.push_back(s[i]);
    run = i + 1;
  }
  return out;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string csv_text(std::string_view s) {
  std::string text = visible_except(s, "\t\r\n");
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    return csv_field("'" + text);
  return csv_field(text);
}

std::string xml_escape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = decode_utf8(s, i);
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\'':
        out += "&apos;";
        continue;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        continue;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        continue;
      case '\r':
        out += "&#13;";  // a raw CR would be normalised away by the parser
        continue;
      default:
        break;
    }
    bool bad_bytes = c == 0xFFFD && i - start != 3;
    if (bad_bytes || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
      for (size_t k = start; k < i; ++k)
        out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[k]));
    } else if (c == 0xFFFE || c == 0xFFFF) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
    } else {
      std::string one;
      append_utf8(one, c);
      out += escape_text(one);  // C0, DEL, C1 and bidi overrides become visible
    }
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string text = escape_text(s);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// A CSS string: control characters made visible first, then " \\ and the < > of a closing
// </style> escaped as CSS does (\\3c ), so that no text ends the style sheet.
static std::string css_string(std::string_view s) {
  std::string out = "\"";
  for (char c : escape_text(s)) {
    if (c == '"' || c == '\\')
      out += {'\\', c};
    else if (c == '<')
      out += "\\3c ";
    else if (c == '>')
      out += "\\3e ";
    else
      out.push_back(c);
  }
  return out + "\"";
}

std::string print_page_css(std::string_view title, std::string_view as_of, Lang lang,
                           bool landscape) {
  // "Page {page} of {pages}" as CSS content: "Page " counter(page) " of " counter(pages).
  std::string text =
      tr_in(lang, Msg::page_of_pages, fmt::arg("page", "\x01"), fmt::arg("pages", "\x02"));
  std::vector<std::string> parts;
  std::string run;
  for (char c : text) {
    if (c != '\x01' && c != '\x02') {
      run += c;
      continue;
    }
    if (!run.empty()) parts.push_back(css_string(run));
    run.clear();
    parts.push_back(c == '\x01' ? "counter(page)" : "counter(pages)");
  }
  if (!run.empty()) parts.push_back(css_string(run));
  return fmt::format(
      "@page{{size:A4{};margin:14mm 10mm 13mm;"
      "@top-left{{content:{};{}}}@top-right{{content:{};{};white-space:nowrap}}"
      "@bottom-right{{content:{};{}}}}}\n",
      landscape ? " landscape" : "", css_string(title), k_page_box_style, css_string(as_of),
      k_page_box_style, fmt::join(parts, " "), k_page_box_style);
}

std::string markdown_escape(std::string_view s) {
  std::string text = escape_text(s);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (std::string_view("\\`*_[]<>|&~$").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string github_data(std::string_view s) {
  std::string text = escape_text(s);  // a newline too: the annotation stays one line
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string github_property(std::string_view s) {
  std::string data = github_data(s);
  std::string out;
  out.reserve(data.size());
  for (char c : data) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out.push_back(c);
  }
  return out;
}

std::string findings_html(const std::vector<Finding>& findings, Lang lang) {
  std::string buf = fmt::format("<h2>{}</h2>\n", word(Word::findings, lang));
  if (findings.empty()) return buf + fmt::format("<p>{}</p>\n", word(Word::no_findings, lang));
  buf += "<ul class=\"findings\">\n";
  for (const Finding& f : findings)
    buf += fmt::format(
        "<li class=\"{}\"><span class=\"sev\">{}</span> <code>{}</code> "
        "<span class=\"where\">{}:{}:{}</span> {}</li>\n",
        severity_name(f.severity), severity_label(f.severity, lang), f.code, html_escape(f.file),
        f.mark.line, f.mark.column, html_escape(f.message));
  return buf + "</ul>\n";
}

}  // namespace plantrack
