// check and trend: the subcommands that evaluate a plan and print a report.

#include <sys/stat.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "evaluate.hpp"
#include "file_id.hpp"
#include "inputs.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "template.hpp"
#include "text.hpp"
#include "trend.hpp"

namespace plantrack {

namespace {

// The format `-o FILE` asks for when --format is not given (SPEC §4): its extension, in any
// letter case. A device or FIFO that exists (/dev/stdout, a pipe) gets the table. Anything else
// is a usage error: plantrack never writes the table into report.pdf.
Format format_from_output(const std::string& path) {
  std::string ext = extension_of(path);
  static const std::map<std::string, Format> k_extensions = {
      {"json", Format::json},         {"csv", Format::csv},   {"md", Format::markdown},
      {"markdown", Format::markdown}, {"html", Format::html}, {"htm", Format::html},
      {"xml", Format::junit},         {"txt", Format::table}, {"xlsx", Format::xlsx}};
  if (auto it = k_extensions.find(ext); it != k_extensions.end()) return it->second;
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    return Format::table;  // a device or FIFO (a folder: write_output says it cannot)
  throw UsageError(tr(Msg::output_format_unknown, fmt::arg("path", escape_text(path)),
                      fmt::arg("what", ext.empty() ? tr(Msg::output_no_extension)
                                                   : tr(Msg::output_the_extension,
                                                        fmt::arg("ext", escape_text(ext))))));
}

// SPEC §4: --tag and --owner name values some target carries.
// (Every target carries its group's owner: a national plan has thousands of distinct ones, so
// the values are gathered in a set, and only when a filter asks.)
void check_filter_values(const Plan& plan, const Filter& filter) {
  if (filter.tags.empty() && filter.owners.empty()) return;
  std::vector<std::string_view> tags, owners;  // in the plan's order, for the hint
  std::unordered_set<std::string_view> seen_tags, seen_owners;
  for (const Target& t : plan.targets) {
    for (std::string_view tag : t.tags())
      if (seen_tags.insert(tag).second) tags.push_back(tag);
    if (!t.owner.empty() && seen_owners.insert(t.owner).second) owners.push_back(t.owner);
  }
  auto check = [](const char* option, Msg what_msg, const std::vector<std::string>& asked,
                  const std::vector<std::string_view>& known) {
    std::string what = tr(what_msg);
    for (const std::string& value : asked) {
      if (std::find(known.begin(), known.end(), value) != known.end()) continue;
      std::string hint = closest_match(value, known);
      throw UsageError(
          tr(Msg::filter_unknown, fmt::arg("option", option), fmt::arg("value", escape_text(value)),
             fmt::arg("what", what),
             fmt::arg("hint", !hint.empty()
                                  ? tr(Msg::did_you_mean, fmt::arg("hint", escape_text(hint)))
                              : known.empty() ? tr(Msg::filter_none, fmt::arg("what", what))
                                              : std::string())));
    }
  };
  check("--tag", Msg::filter_what_tag, filter.tags, tags);
  check("--owner", Msg::filter_what_owner, filter.owners, owners);
}

// --by NAME must name someone whose entries the actuals hold.
void check_reporter(const Actuals& actuals, const std::string& by) {
  std::vector<bool> reports(actuals.names.size(), false);
  for (const Entry& e : actuals.entries)
    reports[e.reporter] = true;
  std::vector<std::string_view> names;
  for (size_t i = 1; i < actuals.names.size(); ++i)
    if (reports[i]) {
      if (actuals.names[i] == by) return;
      names.push_back(actuals.names[i]);
    }
  std::string hint = closest_match(by, names);
  throw UsageError(tr(
      Msg::by_unknown, fmt::arg("by", escape_text(by)),
      fmt::arg("hint", hint.empty() ? std::string()
                                    : tr(Msg::did_you_mean, fmt::arg("hint", escape_text(hint))))));
}

// A Chinese, Japanese or Korean locale (LC_ALL, else LC_CTYPE, else LANG): its terminals may
// draw the East Asian Ambiguous characters (█ ░ — …) two columns wide, so the table avoids them.
bool cjk_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = std::getenv(name);
    if (!v || !*v) continue;
    std::string_view l(v);
    return l.starts_with("zh") || l.starts_with("ja") || l.starts_with("ko");
  }
  return false;
}

// For check's html: when the entries used hold more than one date (a list-form history or dated
// files), the plan at every quarter end up to the as-of and at the as-of itself.
const Trend* history_of(const Inputs& in, Date as_of, ProgressMeter& meter, Lang lang) {
  std::optional<Date> first, last;
  for (const Entry& e : in.actuals.entries) {
    if (e.date > as_of) continue;
    if (!first || e.date < *first) first = e.date;
    if (!last || e.date > *last) last = e.date;
  }
  if (!first || *first == *last) return nullptr;
  std::vector<Date> dates = every_dates(in.plan, true, as_of);
  std::erase_if(dates, [&](Date d) { return d < *first; });
  if (dates.empty() || dates.back() != as_of) dates.push_back(as_of);
  if (dates.size() < 2) return nullptr;
  WorkCount* count = meter.step(evaluating_text(counted_targets(in.plan), dates, lang),
                                in.plan.targets.size() * dates.size());
  return &kept_until_exit(build_trend(in.plan, in.actuals, dates, count));
}

// How check prints, from its options, the output's name and the environment.
RenderOptions check_render_options(const CheckOptions& o) {
  RenderOptions render_options;
  if (!o.format.empty()) {
    render_options.format = format_named(o.format);
  } else if (!o.output.empty() && o.output != "-") {
    render_options.format = format_from_output(o.output);
  }
  // A zip on a terminal helps nobody; a pipe or a redirection gets it.
  if (render_options.format == Format::xlsx && o.output.empty() && isatty(STDOUT_FILENO))
    throw UsageError(tr(Msg::xlsx_needs_file));
  render_options.lang = o.lang.empty() ? lang_from_env() : o.lang == "zh" ? Lang::zh : Lang::en;
  // A CSV file (-o) is for a spreadsheet: Excel on Chinese Windows reads UTF-8 without a BOM as
  // GBK. Standard output stays the bare CSV (a pipe, a script) unless asked.
  render_options.bom =
      o.bom_given ? o.bom : !o.output.empty() && render_options.format == Format::csv;
  render_options.strict = o.strict;
  render_options.by_reporter = o.by_reporter;
  render_options.notes = o.notes;
  render_options.filter = o.filter;
  render_options.ascii = o.ascii_given ? o.ascii : cjk_locale();
  if (o.by && !is_utf8(*o.by)) throw UsageError(tr(Msg::by_not_utf8));
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  render_options.color = o.color == "always" ||
                         (o.color == "auto" && o.output.empty() && isatty(STDOUT_FILENO) &&
                          !(no_color && *no_color) && !(term && std::string_view(term) == "dumb"));
  return render_options;
}

// GitHub Actions caps the annotations shown per step: with --format github the whole report
// also goes to the run's summary page, as Markdown appended to $GITHUB_STEP_SUMMARY.
void append_step_summary(const Report& report, const RenderOptions& render_options) {
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY");
      render_options.format == Format::github && summary && *summary) {
    RenderOptions markdown = render_options;
    markdown.format = Format::markdown;
    markdown.color = false;
    std::ostringstream text;
    render_markdown(report, markdown, text);
    std::ofstream file(summary, std::ios::app | std::ios::binary);
    file << text.str() << '\n';
    file.flush();
    if (!file)
      std::cerr << "plantrack: warning: "
                << tr(Msg::cannot_append_summary, fmt::arg("path", escape_text(summary))) << '\n';
  }
}

// --at D1,D2,...: dates as for --as-of, in increasing order.
std::vector<Date> parse_at(const std::string& text) {
  std::vector<Date> dates;
  size_t pos = 0;
  while (!text.empty() && pos <= text.size()) {
    size_t comma = text.find(',', pos);
    std::string one =
        text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (one.empty()) throw UsageError(tr(Msg::at_empty_date));
    Date d = *parse_as_of(one, "--at");
    if (!dates.empty() && d <= dates.back())
      throw UsageError(tr(Msg::at_order, fmt::arg("date", format_date(d)),
                          fmt::arg("previous", format_date(dates.back()))));
    dates.push_back(d);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return dates;
}

}  // namespace

int run_check(const CheckOptions& o) {
  std::optional<Date> cli_as_of = parse_as_of(o.as_of);
  check_stdin_once(o.plan, o.actuals);
  check_output_is_not_an_input(o.output, o.plan, o.actuals);
  std::optional<Date> compare = parse_as_of(o.compare, "--compare");
  RenderOptions render_options = check_render_options(o);

  ProgressChoice progress = progress_choice(o.progress);
  ProgressMeter meter(progress.mode, progress.delay);
  Lang lang = render_options.lang;
  Inputs& in = kept_until_exit(load_inputs(o.plan, o.actuals, cli_as_of, o.limits.limits(),
                                           reading_step(meter, o.plan, o.actuals, lang)));
  check_filter_values(in.plan, o.filter);
  std::optional<Date> as_of = cli_as_of ? cli_as_of : latest_date(in.actuals);
  if (!as_of) {
    std::string where = in.actuals.files.empty() ? o.plan : in.actuals.files.front().path;
    throw InputError(where, Mark{1, 1}, tr(Msg::no_date_to_check));
  }
  if (compare && !(*compare < *as_of))
    throw UsageError(tr(Msg::compare_not_before, fmt::arg("compare", format_date(*compare)),
                        fmt::arg("as_of", format_date(*as_of))));
  EvaluateOptions eval;
  if (o.stale_after) eval.stale_after = o.stale_after;
  if (o.by) {
    check_reporter(in.actuals, *o.by);
    eval.by = o.by;
    render_options.filter.by = *o.by;
  }
  size_t targets = in.plan.targets.size(), shown = meter.on() ? counted_targets(in.plan) : 0;
  eval.count = meter.step(evaluating_text(shown, {*as_of}, lang), targets);
  Report& report = kept_until_exit(evaluate(in.plan, in.actuals, *as_of, eval));
  if (compare) {
    eval.count = meter.step(evaluating_text(shown, {*compare}, lang), targets);
    attach_comparison(report, evaluate(in.plan, in.actuals, *compare, eval));
  }
  if (render_options.format == Format::html)
    render_options.history = history_of(in, *as_of, meter, lang);
  apply_filter(report, o.filter);
  writing_step(meter, o.output, lang);
  write_output(o.output, [&](std::ostream& out) { render(report, render_options, out); });
  meter.clear();
  append_step_summary(report, render_options);
  return report.exit_code(o.strict);
}

int run_trend(const TrendOptions& o) {
  if (!o.at.empty() && !o.every.empty()) throw UsageError(tr(Msg::at_and_every));
  if (!o.at.empty() && !o.to.empty()) throw UsageError(tr(Msg::to_with_at));
  std::vector<Date> dates = parse_at(o.at);
  std::optional<Date> to = parse_as_of(o.to, "--to");
  RenderOptions render_options;
  if (!o.format.empty()) {
    render_options.format = format_named(o.format);
  } else if (!o.output.empty() && o.output != "-") {
    render_options.format = format_from_output(o.output);
    if (render_options.format == Format::junit || render_options.format == Format::xlsx)
      throw UsageError(tr(Msg::trend_output_format, fmt::arg("path", escape_text(o.output))));
  }
  check_stdin_once(o.plan, o.actuals);
  check_output_is_not_an_input(o.output, o.plan, o.actuals);
  render_options.lang = o.lang.empty() ? lang_from_env() : o.lang == "zh" ? Lang::zh : Lang::en;
  render_options.bom = o.bom;
  render_options.strict = o.strict;
  ProgressChoice progress = progress_choice(o.progress);
  ProgressMeter meter(progress.mode, progress.delay);
  Lang lang = render_options.lang;
  // Read once: every date is evaluated over the same inputs.
  Inputs& in = kept_until_exit(load_inputs(o.plan, o.actuals, std::nullopt, o.limits.limits(),
                                           reading_step(meter, o.plan, o.actuals, lang)));
  if (dates.empty()) {
    std::optional<Date> until = to ? to : latest_date(in.actuals);
    if (!until) {
      std::string where = in.actuals.files.empty() ? o.plan : in.actuals.files.front().path;
      throw InputError(where, Mark{1, 1}, tr(Msg::no_date_to_end));
    }
    bool quarters = o.every.empty() || o.every == "quarter";
    dates = every_dates(in.plan, quarters, *until);
    if (dates.empty())
      throw UsageError(tr(quarters ? Msg::no_quarter_end : Msg::no_month_end,
                          fmt::arg("date", format_date(*until))));
  }
  WorkCount* count = meter.step(evaluating_text(counted_targets(in.plan), dates, lang),
                                in.plan.targets.size() * dates.size());
  Trend& trend = kept_until_exit(build_trend(in.plan, in.actuals, dates, count));
  writing_step(meter, o.output, lang);
  write_output(o.output, [&](std::ostream& out) { render_trend(trend, render_options, out); });
  meter.clear();
  return trend.last.exit_code(o.strict);
}

}  // namespace plantrack
