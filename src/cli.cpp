#include "cli.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <new>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "evaluate.hpp"
#include "file_id.hpp"
#include "filter.hpp"
#include "inputs.hpp"
#include "lint.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "plan_diff.hpp"
#include "progress.hpp"
#include "render.hpp"
#include "schema.hpp"
#include "template.hpp"
#include "template_sheet.hpp"
#include "text.hpp"

#ifndef PLANTRACK_VERSION
#define PLANTRACK_VERSION "0.0.0"
#endif

namespace plantrack {

namespace {

// A problem with the command line itself (not with an input file): exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct LimitOptions {
  uint64_t max_input_mb = 1024;
  uint32_t max_depth = 64;
  uint64_t max_nodes = 100'000'000;
  std::string encoding;  // --encoding (check, validate)
  Limits limits() const {
    Limits l{max_input_mb << 20, max_depth, max_nodes};
    if (encoding == "utf-8") l.encoding = TextEncoding::utf8;
    if (encoding == "gb18030" || encoding == "gbk") l.encoding = TextEncoding::gb18030;
    // For tests: PLANTRACK_PIECE_BYTES=1 cuts every plan that can be cut (0: none).
    if (const char* v = std::getenv("PLANTRACK_PIECE_BYTES"); v && *v) {
      std::string_view digits(v);
      uint64_t n = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (ec != std::errc() || end != digits.data() + digits.size())
        throw UsageError(tr(Msg::piece_bytes_number));
      l.piece_bytes = n;
    }
    return l;
  }
};

void add_encoding_option(CLI::App& cmd, LimitOptions& o) {
  cmd.add_option("--encoding", o.encoding, tr(Msg::help_encoding))
      ->check(CLI::IsMember({"utf-8", "gb18030", "gbk"}));
}

// Defaults are written into the descriptions, not shown by CLI11 (capture_default_str): CLI11
// 2.1 (Debian 12) prints "=64" and 2.4 (Debian 13) " [64]", and --help must read the same.
void add_limit_options(CLI::App& cmd, LimitOptions& o) {
  cmd.add_option("--max-input-size", o.max_input_mb,
                 tr(Msg::help_max_input_size, fmt::arg("default", o.max_input_mb)))
      ->check(CLI::Range(uint64_t{1}, uint64_t{4095}));
  cmd.add_option("--max-depth", o.max_depth,
                 tr(Msg::help_max_depth, fmt::arg("default", o.max_depth)))
      ->check(CLI::Range(1u, 10000u));
  cmd.add_option("--max-nodes", o.max_nodes,
                 tr(Msg::help_max_nodes, fmt::arg("default", o.max_nodes)))
      ->check(CLI::Range(uint64_t{1}, uint64_t{4'000'000'000}));
}

// --progress and --no-progress (the last one given wins); progress_asked reads them after parsing.
CLI::Option* add_progress_option(CLI::App& cmd, bool& on) {
  return cmd.add_flag("--progress,!--no-progress", on, tr(Msg::help_progress));
}
std::optional<bool> progress_asked(const CLI::Option* option, bool on) {
  if (option->count() == 0) return std::nullopt;
  return on;
}

std::optional<Date> parse_as_of(const std::string& text, const char* option = "--as-of") {
  if (text.empty()) return std::nullopt;
  if (text == "today") return today();
  if (auto d = parse_iso_date(text)) return d;
  if (auto q = parse_quarter(text)) return q;
  throw UsageError(
      tr(Msg::option_not_date, fmt::arg("option", option), fmt::arg("text", escape_text(text))));
}

Lang lang_from_env() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string_view(v).substr(0, 2) == "zh" ? Lang::zh : Lang::en;
  }
  return Lang::en;
}

// The extension of the last path segment, lower-cased ASCII ("" when none): "R.JSON" -> "json".
std::string extension_of(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot == std::string::npos || dot == 0) return "";
  std::string ext = base.substr(dot + 1);
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

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

// SPEC §4: -o never names an input of the run (same device and inode, or the same path).
void check_output_is_not_an_input(const std::string& output, const std::string& plan,
                                  const std::vector<std::string>& actuals) {
  if (output.empty() || output == "-") return;
  for (const std::string& input : input_paths(plan, actuals))
    if (same_file(output, input))
      throw UsageError(tr(Msg::output_is_input, fmt::arg("path", escape_text(output)),
                          fmt::arg("input", escape_text(input))));
}

// SPEC §4: `-` (standard input) at most once per run.
void check_stdin_once(const std::string& plan, const std::vector<std::string>& actuals) {
  size_t n = (plan == "-") + static_cast<size_t>(std::count(actuals.begin(), actuals.end(), "-"));
  if (n > 1) throw UsageError(tr(Msg::stdin_twice, fmt::arg("n", n)));
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

const std::map<std::string, Format> k_formats = {
    {"table", Format::table}, {"markdown", Format::markdown}, {"json", Format::json},
    {"csv", Format::csv},     {"junit", Format::junit},       {"github", Format::github},
    {"html", Format::html},   {"xlsx", Format::xlsx}};

// A report format's extension given to `template -o`, which writes YAML.
void check_template_output(const std::string& output) {
  if (output.empty() || output == "-") return;
  std::string ext = extension_of(output);
  static const char* const k_report_extensions[] = {"json", "md",  "markdown", "html",
                                                    "htm",  "xml", "txt"};
  for (const char* e : k_report_extensions)
    if (ext == e)
      throw UsageError(tr(Msg::template_output_report, fmt::arg("path", escape_text(output))));
}

struct CheckOptions {
  std::string plan;
  std::vector<std::string> actuals;
  std::string as_of;
  std::string format;
  std::string output;
  bool strict = false;
  Filter filter;
  std::string lang;
  std::string color = "auto";
  bool bom = false;
  bool bom_given = false;  // --bom or --no-bom on the command line
  bool ascii = false;
  bool ascii_given = false;  // --ascii or --no-ascii
  uint32_t stale_after = 0;  // --stale-after DAYS; 0 = the plan's
  bool by_reporter = false;
  bool notes = false;
  std::optional<std::string> by;
  std::string compare;
  std::optional<bool> progress;  // --progress, --no-progress
  LimitOptions limits;
};

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

// A national plan is millions of small strings, and freeing them one by one at the end takes
// seconds: the inputs and the report of a check stay until the process exits, and the system
// takes the memory back at once. (Reachable from here, so LeakSanitizer finds no leak.)
template <class T>
T& kept_until_exit(T&& value) {
  static T* kept = nullptr;
  delete kept;
  kept = new T(std::move(value));
  return *kept;
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

// Progress (progress.hpp) while the inputs are read: the plan and how many actuals files.
WorkCount* reading_step(ProgressMeter& meter, const std::string& plan,
                        const std::vector<std::string>& actuals, Lang lang) {
  if (!meter.on()) return nullptr;
  size_t files = expand_actuals_paths(actuals).paths.size();
  return meter.step(reading_text(plan == "-" ? k_stdin_name : plan, files, lang));
}

// The targets a summary counts (groups are not), for the meter's "evaluating 26 targets".
size_t counted_targets(const Plan& plan) {
  return static_cast<size_t>(std::count_if(plan.targets.begin(), plan.targets.end(),
                                           [](const Target& t) { return t.kind != Kind::group; }));
}

// While a report goes to a file, the meter says so; before one goes to stdout (or a device such
// as /dev/stdout, or a FIFO), it is erased.
void writing_step(ProgressMeter& meter, const std::string& output, Lang lang) {
  struct stat st {};
  bool file =
      !output.empty() && output != "-" && (stat(output.c_str(), &st) != 0 || S_ISREG(st.st_mode));
  if (file)
    meter.step(writing_text(output, lang));
  else
    meter.clear();
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
    render_options.format = k_formats.at(o.format);
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

struct TrendOptions {
  std::string plan;
  std::vector<std::string> actuals;
  std::string at;
  std::string every;
  std::string to;
  std::string format;
  std::string output;
  bool strict = false;
  std::string lang;
  bool bom = false;
  std::optional<bool> progress;  // --progress, --no-progress
  LimitOptions limits;
};

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

int run_trend(const TrendOptions& o) {
  if (!o.at.empty() && !o.every.empty()) throw UsageError(tr(Msg::at_and_every));
  if (!o.at.empty() && !o.to.empty()) throw UsageError(tr(Msg::to_with_at));
  std::vector<Date> dates = parse_at(o.at);
  std::optional<Date> to = parse_as_of(o.to, "--to");
  RenderOptions render_options;
  if (!o.format.empty()) {
    render_options.format = k_formats.at(o.format);
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

struct ValidateOptions {
  std::string plan;
  std::vector<std::string> actuals;
  std::string as_of;
  bool strict = false;
  LimitOptions limits;
};

std::string count_of(size_t n, Msg one, Msg many) {
  return tr(one_or_many(n, one, many), fmt::arg("n", n));
}

// Input errors as in check (exit 2); lints as warnings on stderr (exit 0, with --strict 1).
int run_validate(const ValidateOptions& o) {
  std::optional<Date> cli_as_of = parse_as_of(o.as_of);
  check_stdin_once(o.plan, o.actuals);
  Limits limits = o.limits.limits();
  limits.lint_marks = true;
  Inputs in = load_inputs(o.plan, o.actuals, cli_as_of, limits);
  std::vector<Finding> lints = lint_plan(in.plan);
  for (Finding& f : lint_actuals(in.plan, in.actuals))
    lints.push_back(std::move(f));
  sort_lints(lints, in.plan, in.actuals);
  for (const Finding& f : lints)
    std::cerr << format_warning(f) << '\n';
  std::map<std::string, size_t> per_file;
  for (const Finding& f : lints)
    ++per_file[f.file];
  auto warnings_in = [&](const std::string& file) {
    size_t n = per_file[file];
    return n ? tr(Msg::validate_warnings_in_file,
                  fmt::arg("count", count_of(n, Msg::count_warning, Msg::count_warnings)))
             : std::string();
  };
  write_output("", [&](std::ostream& out) {
    out << tr(Msg::validate_file_ok, fmt::arg("file", escape_text(in.plan.file)),
              fmt::arg("count",
                       count_of(in.plan.targets.size(), Msg::count_target, Msg::count_targets)),
              fmt::arg("warnings", warnings_in(in.plan.file)))
        << '\n';
    std::vector<size_t> entries(in.actuals.files.size(), 0);
    for (const Entry& e : in.actuals.entries)
      ++entries[static_cast<size_t>(e.file)];
    for (size_t i = 0; i < in.actuals.files.size(); ++i)
      out << tr(Msg::validate_file_ok, fmt::arg("file", escape_text(in.actuals.files[i].path)),
                fmt::arg("count", count_of(entries[i], Msg::count_entry, Msg::count_entries)),
                fmt::arg("warnings", warnings_in(in.actuals.files[i].path)))
          << '\n';
    out << tr(Msg::validate_total,
              fmt::arg("files", count_of(in.actuals.files.size(), Msg::count_actuals_file,
                                         Msg::count_actuals_files)),
              fmt::arg("entries",
                       count_of(in.actuals.entries.size(), Msg::count_entry, Msg::count_entries)),
              fmt::arg("warnings", count_of(lints.size(), Msg::count_warning, Msg::count_warnings)))
        << '\n';
  });
  return o.strict && !lints.empty() ? 1 : 0;
}

struct TemplateCommand {
  std::string plan;
  std::string by;
  std::string as_of;
  std::string form = "map";
  std::string format;
  std::string lang;
  std::string output;
  LimitOptions limits;
};

// Where editors find the actuals schema, for the template's yaml-language-server line: the file
// installed with this binary (PREFIX/share/plantrack/schema/ next to PREFIX/bin/plantrack), else
// actuals.schema.json next to the file (README: plantrack schema actuals > actuals.schema.json).
std::string actuals_schema_location() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path installed =
        exe.parent_path().parent_path() / "share/plantrack/schema/actuals.schema.json";
    if (std::filesystem::is_regular_file(installed, ec)) return installed.string();
  }
  return "actuals.schema.json";
}

int run_template(const TemplateCommand& o) {
  std::optional<Date> as_of = parse_as_of(o.as_of);
  if (!is_utf8(o.by)) throw UsageError(tr(Msg::by_not_utf8));
  check_output_is_not_an_input(o.output, o.plan, {});
  check_template_output(o.output);
  Inputs in = load_inputs(o.plan, {}, std::nullopt, o.limits.limits());
  TemplateOptions t;
  t.plan_path = in.plan.file;
  t.as_of = as_of ? *as_of : default_template_date(in.plan, today());
  t.by = o.by;
  t.form = o.form == "list" ? TemplateForm::list : TemplateForm::map;
  t.schema = actuals_schema_location();
  std::string format = o.format;
  if (format.empty()) {
    std::string ext = extension_of(o.output);
    format = ext == "csv" || ext == "xlsx" ? ext : "yaml";
  }
  if (format == "xlsx" && o.output.empty() && isatty(STDOUT_FILENO))
    throw UsageError(tr(Msg::xlsx_needs_file));
  Lang lang = o.lang.empty() ? lang_from_env() : o.lang == "zh" ? Lang::zh : Lang::en;
  write_output(o.output, [&](std::ostream& out) {
    if (format == "csv")
      write_csv_template(in.plan, t, lang, out);
    else if (format == "xlsx")
      write_xlsx_template(in.plan, t, lang, out);
    else
      write_template(in.plan, t, out);
  });
  return 0;
}

struct DiffOptions {
  std::string old_plan, new_plan;
  std::string format = "table";
  std::string output;
  std::string lang;
  LimitOptions limits;
};

Lang lang_of(const std::string& option) {
  return option.empty() ? lang_from_env() : option == "zh" ? Lang::zh : Lang::en;
}

// diff(1)'s exit status: 0 the same, 1 changed, 2 error.
int run_diff(const DiffOptions& o) {
  check_stdin_once(o.old_plan, {o.new_plan});
  check_output_is_not_an_input(o.output, o.old_plan, {o.new_plan});
  Limits limits = o.limits.limits();
  std::vector<Diagnostic> problems;
  std::optional<Inputs> old_in, new_in;
  for (auto [path, in] : {std::pair{&o.old_plan, &old_in}, std::pair{&o.new_plan, &new_in}}) {
    try {
      in->emplace(load_inputs(*path, {}, std::nullopt, limits));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  DiffView view{old_in->plan.file, new_in->plan.file, diff_plans(old_in->plan, new_in->plan)};
  RenderOptions render_options;
  render_options.format = k_formats.at(o.format);
  render_options.lang = lang_of(o.lang);
  write_output(o.output, [&](std::ostream& out) { render_diff(view, render_options, out); });
  return view.changes.empty() ? 0 : 1;
}

int run_schema(const std::string& kind) {
  write_output("", [&](std::ostream& out) { out << *schema_text(kind); });
  return 0;
}

// "unknown command `X`" when the first argument is neither an option nor a command (CLI11 would
// only say that a subcommand is required).
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return "";
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  if (std::find(names.begin(), names.end(), argv[1]) != names.end()) return "";
  std::string hint =
      closest_match(argv[1], std::vector<std::string_view>(names.begin(), names.end()));
  return tr(Msg::unknown_command, fmt::arg("command", escape_text(argv[1])),
            fmt::arg("hint",
                     hint.empty() ? std::string() : tr(Msg::did_you_mean, fmt::arg("hint", hint))),
            fmt::arg("commands", fmt::format("{}", fmt::join(names, ", "))));
}

// CLI11's "The following arguments were not expected: LIST": each word in LIST as an unknown
// option (with the closest of `cmd`'s options) or an unexpected argument.
std::string unexpected_arguments_message(const std::string& list, const CLI::App* cmd) {
  std::vector<std::string> items;
  for (size_t pos = 0; pos <= list.size();) {
    size_t space = list.find(' ', pos);
    std::string item =
        list.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
    if (!item.empty()) items.push_back(item);
    if (space == std::string::npos) break;
    pos = space + 1;
  }
  std::vector<std::string> parts;
  for (const std::string& item : items) {
    if (item.size() > 1 && item[0] == '-') {
      std::string hint;
      if (cmd) {
        std::vector<std::string> names;
        for (const CLI::Option* o : cmd->get_options())
          for (const std::string& n : o->get_lnames())
            names.push_back("--" + n);
        std::string flag = item.substr(0, item.find('='));
        hint = closest_match(flag, std::vector<std::string_view>(names.begin(), names.end()));
      }
      parts.push_back(
          tr(Msg::unknown_option, fmt::arg("option", escape_text(item)),
             fmt::arg("hint", hint.empty() ? std::string()
                                           : tr(Msg::did_you_mean, fmt::arg("hint", hint)))));
    } else {
      parts.push_back(tr(Msg::unexpected_argument, fmt::arg("argument", escape_text(item))));
    }
  }
  return fmt::format("{}", fmt::join(parts, tr(Msg::parts_separator)));
}

// CLI11's own messages in plantrack's words (SPEC §4: every error is plantrack's own wording).
// `cmd` is the subcommand being parsed (nullptr: none), for "did you mean" among its options.
std::string usage_message(const CLI::ParseError& e, const CLI::App* cmd,
                          const std::vector<std::string>& commands) {
  std::string what = e.what();
  std::smatch m;
  auto choices = [](std::string list) {  // "{a,b,c}" inside a type name -> "a, b, c"
    std::string out;
    for (char c : list)
      out += c == ',' ? std::string(", ") : std::string(1, c);
    return out;
  };
  static const std::regex k_at_most(R"(^(\S+): At Most \d+ required but received (\d+)$)");
  static const std::regex k_needs_value(R"(^(\S+): \d+ required (\S*?)(?::\{(.*)\})? missing$)");
  static const std::regex k_required(R"(^(\S+) is required$)");
  static const std::regex k_extras(R"(^The following arguments? (?:was|were) not expected: (.*)$)");
  static const std::regex k_not_in(R"(^(\S+): (.*) not in \{(.*)\}$)");
  // CLI11 2.1: "Value 0 not in range 1 to 9"; 2.4: "Value 0 not in range [1 - 9]".
  static const std::regex k_range(
      R"(^(\S+): Value (.*) not in range \[?(\S+)(?: to | - )(\S+?)\]?$)");
  static const std::regex k_conversion(R"(^The value (.*) is not an allowed value for (\S+)$)");
  static const std::regex k_convert(R"(^Could not convert: (\S+) = (.*)$)");
  static const std::regex k_flag(R"(^(\S+): too many inputs for a flag$)");
  if (what == "A subcommand is required")
    return tr(Msg::no_command, fmt::arg("commands", fmt::format("{}", fmt::join(commands, ", "))));
  if (std::regex_match(what, m, k_at_most))
    return tr(Msg::option_twice, fmt::arg("option", m[1].str()), fmt::arg("n", m[2].str()));
  if (std::regex_match(what, m, k_needs_value))
    return m[3].matched ? tr(Msg::option_needs_value_of, fmt::arg("option", m[1].str()),
                             fmt::arg("choices", choices(m[3])))
                        : tr(Msg::option_needs_value, fmt::arg("option", m[1].str()));
  if (std::regex_match(what, m, k_required)) {
    std::string name = m[1].str();
    if (name == "PLAN") return tr(Msg::missing_plan);
    if (name == "ACTUALS") return tr(Msg::missing_actuals);
    if (name == "KIND") return tr(Msg::missing_kind);
    return tr(Msg::missing_argument, fmt::arg("name", name));
  }
  if (std::regex_match(what, m, k_extras)) {
    return unexpected_arguments_message(m[1].str(), cmd);
  }
  if (std::regex_match(what, m, k_range))
    return tr(Msg::option_out_of_range, fmt::arg("option", m[1].str()),
              fmt::arg("value", escape_text(m[2].str())), fmt::arg("min", m[3].str()),
              fmt::arg("max", m[4].str()));
  if (std::regex_match(what, m, k_not_in))
    return tr(Msg::option_not_one_of, fmt::arg("option", m[1].str()),
              fmt::arg("value", escape_text(m[2].str())), fmt::arg("choices", choices(m[3])));
  if (std::regex_match(what, m, k_conversion))
    return tr(Msg::option_not_whole_number, fmt::arg("option", m[2].str()),
              fmt::arg("value", escape_text(m[1].str())));
  if (std::regex_match(what, m, k_convert))
    return tr(Msg::option_not_valid, fmt::arg("option", m[1].str()),
              fmt::arg("value", escape_text(m[2].str())));
  if (std::regex_match(what, m, k_flag))
    return tr(Msg::flag_no_value, fmt::arg("option", m[1].str()));
  return escape_text(what);
}

void print_input_error(const InputError& e) {
  for (const Diagnostic& d : e.diagnostics())
    std::cerr << format_error(d) << '\n';
}

// The language of the run, known before CLI11 reads the line (its errors are written in it too):
// --lang's value when given (--lang zh, --lang=zh), else the environment's.
Lang lang_from_args(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;
    std::string_view v;
    if (a == "--lang" && i + 1 < argc)
      v = argv[i + 1];
    else if (a.starts_with("--lang="))
      v = a.substr(7);
    else
      continue;
    if (v == "zh") return Lang::zh;
    if (v == "en") return Lang::en;
  }
  return lang_from_env();
}

// The Chinese --help (installed by localise_help only): CLI11's own words (TEXT, UINT,
// REQUIRED, "in [1 - 9]") translated, and the descriptions aligned by display width, which
// CLI11 counts in bytes.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* opt) const override {
    std::string s = CLI::Formatter::make_option_opts(opt);
    static const std::regex k_text(R"(\bTEXT\b)"), k_uint(R"(\bUINT\b)"), k_in(R"( in \[)");
    s = std::regex_replace(s, k_text, "文本");
    s = std::regex_replace(s, k_uint, "整数");
    return std::regex_replace(s, k_in, " 范围 [");
  }
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    std::string left = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    std::string desc = make_option_desc(opt);
    size_t column = get_column_width(), width = display_width(left);
    std::string out = left;
    if (!desc.empty()) {
      out += width >= column ? "\n" + std::string(column, ' ') : std::string(column - width, ' ');
      for (char c : desc)
        out += c == '\n' ? "\n" + std::string(column, ' ') : std::string(1, c);
    }
    return out + "\n";
  }
};

// The help's headings and group names in the language of the run.
void localise_help(CLI::App& app) {
  if (current_lang() != Lang::zh) return;
  auto formatter = std::make_shared<HelpFormatter>();
  formatter->label("Usage", tr(Msg::help_usage));
  formatter->label("OPTIONS", tr(Msg::help_options_label));
  formatter->label("SUBCOMMAND", tr(Msg::help_subcommand_label));
  formatter->label("SUBCOMMANDS", tr(Msg::help_subcommands_label));
  formatter->label("Positionals", tr(Msg::help_positionals));
  formatter->label("POSITIONALS", tr(Msg::help_positionals));
  formatter->label("REQUIRED", tr(Msg::help_required));
  app.formatter(formatter);
  app.option_defaults()->group(tr(Msg::help_options));
}

// Every option's default group ("Options") and the subcommands' group in the language of the
// run, once all are added.
void localise_groups(CLI::App& app) {
  if (current_lang() != Lang::zh) return;
  std::vector<CLI::App*> apps{&app};
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    sub->group(tr(Msg::help_subcommands));
    apps.push_back(sub);
  }
  for (CLI::App* a : apps)
    for (CLI::Option* o : a->get_options([](const CLI::Option*) { return true; }))
      if (o->get_group() == "Options") o->group(tr(Msg::help_options));
}

// validate and schema take --lang as the other commands do, without listing it in their --help:
// lang_from_args has read it, and it is taken out of their command line here.
std::vector<char*> without_lang(int argc, char** argv) {
  std::vector<char*> out(argv, argv + argc);
  if (argc < 2 ||
      (std::string_view(argv[1]) != "validate" && std::string_view(argv[1]) != "schema"))
    return out;
  auto language = [](std::string_view v) { return v == "en" || v == "zh"; };
  for (size_t i = 2; i < out.size();) {
    std::string_view a = out[i];
    if (a == "--") break;
    if (a == "--lang" && i + 1 < out.size() && language(out[i + 1]))
      out.erase(out.begin() + static_cast<long>(i), out.begin() + static_cast<long>(i) + 2);
    else if (a.starts_with("--lang=") && language(a.substr(7)))
      out.erase(out.begin() + static_cast<long>(i));
    else
      ++i;
  }
  return out;
}

// Every subcommand's options as CLI11 fills them, and which subcommand was named.
struct Commands {
  CheckOptions check;
  CLI::App* check_command = nullptr;
  CLI::Option* bom_option = nullptr;
  CLI::Option* ascii_option = nullptr;
  bool check_progress_on = false;
  CLI::Option* check_progress = nullptr;
  ValidateOptions validate;
  CLI::App* validate_command = nullptr;
  TemplateCommand templ;
  CLI::App* template_command = nullptr;
  std::string schema_kind;
  CLI::App* schema_command = nullptr;
  TrendOptions trend;
  CLI::App* trend_command = nullptr;
  bool trend_progress_on = false;
  CLI::Option* trend_progress = nullptr;
  DiffOptions diff;
  CLI::App* diff_command = nullptr;
};

void add_check(CLI::App& app, Commands& c) {
  CLI::App* cmd_check = c.check_command = app.add_subcommand("check", tr(Msg::help_check));
  cmd_check->add_option("PLAN", c.check.plan, tr(Msg::help_plan))->required();
  cmd_check->add_option("ACTUALS", c.check.actuals, tr(Msg::help_actuals))->required();
  cmd_check->add_option("--as-of", c.check.as_of, tr(Msg::help_check_as_of));
  cmd_check->add_option("--format", c.check.format, tr(Msg::help_check_format))
      ->check(
          CLI::IsMember({"table", "markdown", "json", "csv", "junit", "github", "html", "xlsx"}));
  cmd_check->add_option("-o,--output", c.check.output, tr(Msg::help_check_output));
  cmd_check->add_flag("--strict", c.check.strict, tr(Msg::help_strict));
  // One value per use (`--tag a --tag b`), so that `--tag a PLAN ACTUALS` keeps its positionals.
  for (auto [flag, list, help] :
       {std::tuple{"--tag", &c.check.filter.tags, tr(Msg::help_tag)},
        std::tuple{"--owner", &c.check.filter.owners, tr(Msg::help_owner)}})
    cmd_check->add_option(flag, *list, help)
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd_check->add_flag("--only-problems", c.check.filter.only_problems, tr(Msg::help_only_problems));
  cmd_check->add_option("--stale-after", c.check.stale_after, tr(Msg::help_stale_after))
      ->type_name("DAYS")
      ->check(CLI::Range(1u, 1000000u).description(""));
  cmd_check->add_option("--lang", c.check.lang, tr(Msg::help_lang))
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_check->add_option("--color", c.check.color, tr(Msg::help_color))
      ->check(CLI::IsMember({"auto", "always", "never"}));
  c.bom_option = cmd_check->add_flag("--bom,!--no-bom", c.check.bom, tr(Msg::help_bom));
  c.ascii_option = cmd_check->add_flag("--ascii,!--no-ascii", c.check.ascii, tr(Msg::help_ascii));
  add_encoding_option(*cmd_check, c.check.limits);
  cmd_check->add_flag("--by-reporter", c.check.by_reporter, tr(Msg::help_by_reporter));
  cmd_check->add_option("--by", c.check.by, tr(Msg::help_by));
  cmd_check->add_flag("--notes", c.check.notes, tr(Msg::help_notes));
  cmd_check->add_option("--compare", c.check.compare, tr(Msg::help_compare));
  c.check_progress = add_progress_option(*cmd_check, c.check_progress_on);
  add_limit_options(*cmd_check, c.check.limits);
}

void add_validate(CLI::App& app, Commands& c) {
  CLI::App* cmd_validate = c.validate_command =
      app.add_subcommand("validate", tr(Msg::help_validate));
  cmd_validate->footer(tr(Msg::help_validate_footer));
  cmd_validate->add_option("PLAN", c.validate.plan, tr(Msg::help_plan))->required();
  cmd_validate->add_option("ACTUALS", c.validate.actuals, tr(Msg::help_actuals));
  cmd_validate->add_option("--as-of", c.validate.as_of, tr(Msg::help_validate_as_of));
  cmd_validate->add_flag("--strict", c.validate.strict, tr(Msg::help_validate_strict));
  add_encoding_option(*cmd_validate, c.validate.limits);
  add_limit_options(*cmd_validate, c.validate.limits);
}

void add_template(CLI::App& app, Commands& c) {
  CLI::App* cmd_template = c.template_command =
      app.add_subcommand("template", tr(Msg::help_template));
  cmd_template->footer(tr(Msg::help_template_footer));
  cmd_template->add_option("PLAN", c.templ.plan, tr(Msg::help_plan))->required();
  cmd_template->add_option("--by", c.templ.by, tr(Msg::help_template_by));
  cmd_template->add_option("--as-of", c.templ.as_of, tr(Msg::help_template_as_of));
  cmd_template->add_option("--form", c.templ.form, tr(Msg::help_template_form))
      ->check(CLI::IsMember({"map", "list"}));
  cmd_template->add_option("--format", c.templ.format, tr(Msg::help_template_format))
      ->check(CLI::IsMember({"yaml", "csv", "xlsx"}));
  cmd_template->add_option("--lang", c.templ.lang, tr(Msg::help_template_lang))
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_template->add_option("-o,--output", c.templ.output, tr(Msg::help_template_output));
  add_limit_options(*cmd_template, c.templ.limits);
}

void add_schema(CLI::App& app, Commands& c) {
  CLI::App* cmd_schema = c.schema_command = app.add_subcommand("schema", tr(Msg::help_schema));
  cmd_schema->footer(tr(Msg::help_schema_footer));
  cmd_schema->add_option("KIND", c.schema_kind, tr(Msg::help_schema_kind))
      ->required()
      ->check(CLI::IsMember({"plan", "actuals"}));
}

void add_trend(CLI::App& app, Commands& c) {
  CLI::App* cmd_trend = c.trend_command = app.add_subcommand("trend", tr(Msg::help_trend));
  cmd_trend->footer(tr(Msg::help_trend_footer));
  cmd_trend->add_option("PLAN", c.trend.plan, tr(Msg::help_trend_plan))->required();
  cmd_trend->add_option("ACTUALS", c.trend.actuals, tr(Msg::help_trend_actuals))->required();
  cmd_trend->add_option("--at", c.trend.at, tr(Msg::help_trend_at));
  cmd_trend->add_option("--every", c.trend.every, tr(Msg::help_trend_every))
      ->check(CLI::IsMember({"quarter", "month"}));
  cmd_trend->add_option("--to", c.trend.to, tr(Msg::help_trend_to));
  cmd_trend->add_option("--format", c.trend.format, tr(Msg::help_check_format))
      ->check(CLI::IsMember({"table", "markdown", "csv", "json", "html"}));
  cmd_trend->add_option("-o,--output", c.trend.output, tr(Msg::help_trend_output));
  cmd_trend->add_flag("--strict", c.trend.strict, tr(Msg::help_trend_strict));
  cmd_trend->add_option("--lang", c.trend.lang, tr(Msg::help_lang_short))
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_trend->add_flag("--bom,!--no-bom", c.trend.bom, tr(Msg::help_trend_bom));
  c.trend_progress = add_progress_option(*cmd_trend, c.trend_progress_on);
  add_limit_options(*cmd_trend, c.trend.limits);
}

void add_diff(CLI::App& app, Commands& c) {
  CLI::App* cmd_diff = c.diff_command = app.add_subcommand("diff", tr(Msg::help_diff));
  cmd_diff->footer(tr(Msg::help_diff_footer));
  cmd_diff->add_option("OLD_PLAN", c.diff.old_plan, tr(Msg::help_diff_old))->required();
  cmd_diff->add_option("NEW_PLAN", c.diff.new_plan, tr(Msg::help_diff_new))->required();
  cmd_diff->add_option("--format", c.diff.format, tr(Msg::help_diff_format))
      ->check(CLI::IsMember({"table", "markdown", "json", "github"}))
      ->capture_default_str();
  cmd_diff->add_option("-o,--output", c.diff.output, tr(Msg::help_trend_output));
  cmd_diff->add_option("--lang", c.diff.lang, tr(Msg::help_lang_short))
      ->check(CLI::IsMember({"en", "zh"}));
  add_limit_options(*cmd_diff, c.diff.limits);
}

// A command line CLI11 rejects: the message, and where to read more. Returns the exit status.
int report_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  // The subcommand named first on the line (unknown_command ruled out any other word there).
  const CLI::App* cmd = nullptr;
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
    if (argc >= 2 && sub->get_name() == argv[1]) cmd = sub;
  }
  std::cerr << "plantrack: error: " << usage_message(e, cmd, commands) << '\n'
            << tr(Msg::run_help, fmt::arg("command", cmd ? cmd->get_name() + " " : std::string()))
            << '\n';
  return 2;
}

// Runs the subcommand that was parsed, mapping its errors to exit status 2.
int run_parsed(Commands& c) {
  c.check.bom_given = c.bom_option->count() > 0;
  c.check.ascii_given = c.ascii_option->count() > 0;
  c.check.progress = progress_asked(c.check_progress, c.check_progress_on);
  c.trend.progress = progress_asked(c.trend_progress, c.trend_progress_on);
  try {
    if (c.check_command->parsed()) return run_check(c.check);
    if (c.validate_command->parsed()) return run_validate(c.validate);
    if (c.template_command->parsed()) return run_template(c.templ);
    if (c.schema_command->parsed()) return run_schema(c.schema_kind);
    if (c.diff_command->parsed()) return run_diff(c.diff);
    if (c.trend_command->parsed()) return run_trend(c.trend);
  } catch (const UsageError& e) {
    std::cerr << "plantrack: error: " << e.what() << '\n';
    return 2;
  } catch (const InputError& e) {
    print_input_error(e);
    return 2;
  } catch (const std::runtime_error& e) {
    std::cerr << "plantrack: error: " << e.what() << '\n';
    return 2;
  }
  return 2;
}

int run_commands(int argc, char** argv) {
  set_lang(lang_from_args(argc, argv));
  std::vector<char*> args = without_lang(argc, argv);
  argc = static_cast<int>(args.size());
  argv = args.data();
  CLI::App app{tr(Msg::help_app), "plantrack"};
  localise_help(app);
  app.set_help_flag("-h,--help", tr(Msg::help_help));
  app.set_version_flag("--version", std::string("plantrack ") + PLANTRACK_VERSION,
                       tr(Msg::help_version));
  app.require_subcommand(1);
  app.footer(tr(Msg::help_footer));
  Commands c;
  add_check(app, c);
  add_validate(app, c);
  add_template(app, c);
  add_schema(app, c);
  add_trend(app, c);
  add_diff(app, c);
  localise_groups(app);
  if (std::string unknown = unknown_command(app, argc, argv); !unknown.empty()) {
    std::cerr << "plantrack: error: " << unknown << '\n'
              << tr(Msg::run_help, fmt::arg("command", "")) << '\n';
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e, argc, argv);
  }
  return run_parsed(c);
}

}  // namespace

// Every exception ends here as `plantrack: error: ...` and exit 2, never an abort.
int run(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout becomes a write error we report
  try {
    return run_commands(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "plantrack: error: " << tr(Msg::out_of_memory) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "plantrack: error: " << escape_text(e.what()) << '\n';
  } catch (...) {
    std::cerr << "plantrack: error: " << tr(Msg::unexpected_failure) << '\n';
  }
  return 2;
}

}  // namespace plantrack
