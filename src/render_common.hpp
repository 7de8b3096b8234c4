#pragma once
// Helpers the renderers share: cell texts, the progress bar, and each format's escaping.

#include <optional>
#include <string>
#include <string_view>

#include "render.hpp"
#include "trend.hpp"

namespace plantrack {

// Cell texts of the human formats (thousands separators, "-" for unknown).
std::string percent_text(const std::optional<double>& ratio);    // 0.679 -> "67.9%"
std::string amount_text(const std::optional<double>& v);         // 1236.5 -> "1,236.5"
std::string signed_amount_text(const std::optional<double>& v);  // "+46.17", "-7.36", "0"
// The status column: "on-track"; "(on-track)" for a row shown only as the parent of a target the
// filter kept (not counted in the summary).
std::string status_cell(const TargetResult& r, Lang lang);
// "424", "<=500,000", "3-5", "by 2024-12-27" (zh "2024-12-27前"): the bound as a person reads it.
// With `as_of`: the bound in force then (SPEC §7.4), marked "380 (revised)" / "380（已调整）".
std::string bound_text(const Target& t, Lang lang = Lang::en,
                       std::optional<Date> as_of = std::nullopt);
// The bound with "≤" for "<=", for Markdown and HTML.
std::string pretty_bound_text(const Target& t, Lang lang, std::optional<Date> as_of = std::nullopt);
// The actual column: a milestone's done date, "" for a group, else the amount.
std::string actual_text(const TargetResult& r);

// The actual cell of the human formats: actual_text, and for a ratio its parts,
// "81.27 (6,850.5 / 8,428.67 万元)". Not escaped.
std::string actual_cell(const Report& report, const TargetResult& r);
// A ratio's parts: "6,850.5 / 8,428.67 万元" ("-" for an unknown part). Not escaped.
std::string ratio_parts_text(OptDouble numerator, OptDouble denominator, std::string_view unit);

// A reporter's part of a row (--by-reporter): its name ("(unnamed reporter)" when it has none),
// its actual (with its ratio parts; a milestone's done date), and its progress against the
// target where that compares (a ratio, or a rollup other than sum). Not escaped.
std::string reporter_name_text(const Report& report, uint32_t by, Lang lang);
std::string reporter_actual_text(const Report& report, const TargetResult& r,
                                 const ReporterActual& part);
OptDouble reporter_progress(const TargetResult& r, const ReporterActual& part);
// "as of 2024-09-30" / "截至2024-09-30": the date of a reporter's latest entry used.
std::string reporter_date_text(const ReporterActual& part, Lang lang);
// One entry note: "珠街乡, 2024-09-30: 两批援建资金已到乡财政所 (source: 乡财政所)". Not escaped.
std::string note_text(const Report& report, const RowNote& note, Lang lang);

// One line on a target's numbers for annotations and test reports (not escaped), e.g.
// "actual 1,850 人 against target 4,000 (46.2%); expected by 2024-09-30: 2,994.54 (pace 61.8%);
// due 2024-12-31" /
// "实际1,850人，目标4,000（完成率46.2%）；序时进度2,994.54（进度比61.8%）；截止2024-12-31".
// A ratio's parts follow its actual when `ratio` is given.
std::string target_detail(const TargetResult& r, Date as_of, Lang lang,
                          const RatioResult* ratio = nullptr);

// How far from the baseline to the bound the plan expects the target to be by now (0..1), the
// position of the expected-by-now mark on a progress bar; nullopt when it has none.
std::optional<double> expected_share(const TargetResult& r);

// A bar of `cells` columns from Unicode blocks: the filled part ("███▌") and the rest ("░░"), for
// a fraction clamped to 0..1. A fraction above 0 shows at least one eighth, below 1 never full.
struct BarParts {
  std::string fill, track;
};
BarParts progress_bar_parts(double fraction, int cells);
// The same in ASCII, whole cells: "####" and "------" (--ascii).
BarParts ascii_bar_parts(double fraction, int cells);
std::string progress_bar(double fraction, int cells);

// "tag 整村推进 or 省级; owner 珠街乡; only problems (warn, fail)" /
// "标签为整村推进或省级；责任单位为珠街乡； 仅显示问题项（警告、失败）"; "" when no filter is
// active. Not escaped.
std::string filter_text(const Filter& filter, Lang lang);

// An inline SVG chart of one numeric target over `dates`: the actuals (a line and a dot per date,
// coloured by severity) against the expected path and the target line; "" for other targets.
std::string trend_chart_svg(const Target& t, OptDouble baseline, std::span<const Date> dates,
                            std::span<const TrendPoint> points, Lang lang);

// A small inline SVG of progress over the trend's dates (a line, a dot per date coloured by
// severity); "" for groups and targets with no known progress.
std::string sparkline_svg(const Trend& trend, size_t target);

// One CSV field (RFC 4180): quoted when it holds , " CR or LF, with quotes doubled.
std::string csv_field(std::string_view s);
// A CSV field of text (every column but the numbers and dates plantrack writes itself): control
// characters other than tab, CR and LF made visible (\x1B), and a leading = + - @ TAB or CR
// neutralised with ' so that spreadsheets do not run it as a formula (SPEC §6).
std::string csv_text(std::string_view s);

// XML 1.0 text or attribute value: & < > " ' as entities; characters XML 1.0 does not allow (and
// other control characters) made visible (\x1B); in attributes tab, LF and CR as &#9; &#10; &#13;.
std::string xml_escape(std::string_view s, bool attribute = true);

// HTML text and attribute values: & < > " ' as entities, control characters made visible.
std::string html_escape(std::string_view s);
// The html reports' findings: a heading, then a list (or "no findings").
std::string findings_html(const std::vector<Finding>& findings, Lang lang);

// The @page rule of the html reports: A4 (landscape for the wide table) and, on every printed
// page, the title (top left), the as-of text (top right) and "Page 2 of 5" / "第2页，共5页"
// (bottom right) in the page's margin boxes. Goes into <style> as it is: the texts are escaped
// as CSS strings.
std::string print_page_css(std::string_view title, std::string_view as_of, Lang lang,
                           bool landscape);

// Markdown inline text (also safe in a GFM table cell): control characters made visible, ASCII
// punctuation that Markdown or HTML would act on backslash-escaped, | as \|.
std::string markdown_escape(std::string_view s);

// GitHub Actions workflow commands: % in the message; also : and , in a property value. Control
// characters, CR and LF included, are made visible first (\n), so that no text starts a line.
std::string github_data(std::string_view s);
std::string github_property(std::string_view s);

}  // namespace plantrack
