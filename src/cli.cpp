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
        throw UsageError("PLANTRACK_PIECE_BYTES must be a whole number of bytes");
      l.piece_bytes = n;
    }
    return l;
  }
};

void add_encoding_option(CLI::App& cmd, LimitOptions& o) {
  cmd.add_option("--encoding", o.encoding,
                 "CSV actuals: utf-8, gb18030 or gbk (default: UTF-8 when the bytes are valid "
                 "UTF-8, else GB18030)")
      ->check(CLI::IsMember({"utf-8", "gb18030", "gbk"}));
}

// Defaults are written into the descriptions, not shown by CLI11 (capture_default_str): CLI11
// 2.1 (Debian 12) prints "=64" and 2.4 (Debian 13) " [64]", and --help must read the same.
void add_limit_options(CLI::App& cmd, LimitOptions& o) {
  cmd.add_option("--max-input-size", o.max_input_mb,
                 fmt::format("Largest input file read, in MiB (default: {})", o.max_input_mb))
      ->check(CLI::Range(uint64_t{1}, uint64_t{4095}));
  cmd.add_option(
         "--max-depth", o.max_depth,
         fmt::format("Deepest nesting of YAML mappings and lists (default: {})", o.max_depth))
      ->check(CLI::Range(1u, 10000u));
  cmd.add_option("--max-nodes", o.max_nodes,
                 fmt::format("Most YAML nodes in one input file (default: {})", o.max_nodes))
      ->check(CLI::Range(uint64_t{1}, uint64_t{4'000'000'000}));
}

// --progress and --no-progress (the last one given wins); progress_asked reads them after parsing.
CLI::Option* add_progress_option(CLI::App& cmd, bool& on) {
  return cmd.add_flag("--progress,!--no-progress", on,
                      "Show on stderr what is being read and evaluated, and how far (default: on "
                      "a terminal, once the run takes over a second; never into a pipe or with "
                      "CI set)");
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
  throw UsageError(fmt::format("{} `{}` is not a date: write YYYY-MM-DD, YYYY-Qn or today", option,
                               escape_text(text)));
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
  throw UsageError(fmt::format(
      "-o {}: {} is not a report format's; name the file .json .csv .md .markdown .html .htm "
      ".xml .xlsx or .txt (the table), or give --format",
      escape_text(path),
      ext.empty() ? std::string("a file without an extension")
                  : fmt::format("the extension .{}", escape_text(ext))));
}

// SPEC §4: -o never names an input of the run (same device and inode, or the same path).
void check_output_is_not_an_input(const std::string& output, const std::string& plan,
                                  const std::vector<std::string>& actuals) {
  if (output.empty() || output == "-") return;
  for (const std::string& input : input_paths(plan, actuals))
    if (same_file(output, input))
      throw UsageError(fmt::format(
          "-o {} names an input of this run ({}): it is never overwritten; write the output "
          "to another file",
          escape_text(output), escape_text(input)));
}

// SPEC §4: `-` (standard input) at most once per run.
void check_stdin_once(const std::string& plan, const std::vector<std::string>& actuals) {
  size_t n = (plan == "-") + static_cast<size_t>(std::count(actuals.begin(), actuals.end(), "-"));
  if (n > 1)
    throw UsageError(
        fmt::format("`-` (standard input) is named {} times: it can be read once "
                    "per run",
                    n));
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
  auto check = [](const char* option, const char* what, const std::vector<std::string>& asked,
                  const std::vector<std::string_view>& known) {
    for (const std::string& value : asked) {
      if (std::find(known.begin(), known.end(), value) != known.end()) continue;
      std::string hint = closest_match(value, known);
      throw UsageError(fmt::format(
          "{} `{}`: no target of the plan has this {}{}", option, escape_text(value), what,
          !hint.empty()   ? fmt::format(" (did you mean `{}`?)", escape_text(hint))
          : known.empty() ? fmt::format(" (the plan has no {}s)", what)
                          : ""));
    }
  };
  check("--tag", "tag", filter.tags, tags);
  check("--owner", "owner", filter.owners, owners);
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
      throw UsageError(
          fmt::format("-o {}: template writes an actuals file; name it .yaml, .yml, .csv or .xlsx",
                      escape_text(output)));
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
  throw UsageError(fmt::format(
      "--by `{}`: no actuals entry is reported by `{}`{}", escape_text(by), escape_text(by),
      hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", escape_text(hint))));
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

int run_check(const CheckOptions& o) {
  std::optional<Date> cli_as_of = parse_as_of(o.as_of);
  check_stdin_once(o.plan, o.actuals);
  check_output_is_not_an_input(o.output, o.plan, o.actuals);
  std::optional<Date> compare = parse_as_of(o.compare, "--compare");
  RenderOptions render_options;
  if (!o.format.empty()) {
    render_options.format = k_formats.at(o.format);
  } else if (!o.output.empty() && o.output != "-") {
    render_options.format = format_from_output(o.output);
  }
  // A zip on a terminal helps nobody; a pipe or a redirection gets it.
  if (render_options.format == Format::xlsx && o.output.empty() && isatty(STDOUT_FILENO))
    throw UsageError(
        "--format xlsx writes a binary file: name it with -o FILE.xlsx (or "
        "redirect stdout to a file)");
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
  if (o.by && !is_utf8(*o.by)) throw UsageError("--by must be UTF-8 text");
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  render_options.color = o.color == "always" ||
                         (o.color == "auto" && o.output.empty() && isatty(STDOUT_FILENO) &&
                          !(no_color && *no_color) && !(term && std::string_view(term) == "dumb"));

  ProgressChoice progress = progress_choice(o.progress);
  ProgressMeter meter(progress.mode, progress.delay);
  Lang lang = render_options.lang;
  Inputs& in = kept_until_exit(load_inputs(o.plan, o.actuals, cli_as_of, o.limits.limits(),
                                           reading_step(meter, o.plan, o.actuals, lang)));
  check_filter_values(in.plan, o.filter);
  std::optional<Date> as_of = cli_as_of ? cli_as_of : latest_date(in.actuals);
  if (!as_of) {
    std::string where = in.actuals.files.empty() ? o.plan : in.actuals.files.front().path;
    throw InputError(where, Mark{1, 1},
                     "no date to check at: the actuals have no `as_of` and no dated entries "
                     "(run with --as-of YYYY-MM-DD)");
  }
  if (compare && !(*compare < *as_of))
    throw UsageError(fmt::format("--compare {} must be before the as-of date {}",
                                 format_date(*compare), format_date(*as_of)));
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
  // GitHub Actions caps the annotations shown per step: the whole report also goes to the run's
  // summary page, as Markdown appended to $GITHUB_STEP_SUMMARY.
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
      std::cerr << "plantrack: warning: cannot append the summary to " << escape_text(summary)
                << '\n';
  }
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
    if (one.empty()) throw UsageError("--at holds an empty date: write D1,D2,... without spaces");
    Date d = *parse_as_of(one, "--at");
    if (!dates.empty() && d <= dates.back())
      throw UsageError(fmt::format("--at dates must be in increasing order ({} after {})",
                                   format_date(d), format_date(dates.back())));
    dates.push_back(d);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return dates;
}

int run_trend(const TrendOptions& o) {
  if (!o.at.empty() && !o.every.empty()) throw UsageError("give --at or --every, not both");
  if (!o.at.empty() && !o.to.empty()) throw UsageError("--to goes with --every, not with --at");
  std::vector<Date> dates = parse_at(o.at);
  std::optional<Date> to = parse_as_of(o.to, "--to");
  RenderOptions render_options;
  if (!o.format.empty()) {
    render_options.format = k_formats.at(o.format);
  } else if (!o.output.empty() && o.output != "-") {
    render_options.format = format_from_output(o.output);
    if (render_options.format == Format::junit || render_options.format == Format::xlsx)
      throw UsageError(fmt::format(
          "-o {}: trend writes table, markdown, csv, json or html; name the file .txt .md .csv "
          ".json or .html, or give --format",
          escape_text(o.output)));
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
      throw InputError(where, Mark{1, 1},
                       "no date to end the trend at: the actuals have no `as_of` and no dated "
                       "entries (run with --at D1,D2,... or --to DATE)");
    }
    bool quarters = o.every.empty() || o.every == "quarter";
    dates = every_dates(in.plan, quarters, *until);
    if (dates.empty())
      throw UsageError(
          fmt::format("no {} end of the plan period on or before {}: use --at or a "
                      "later --to",
                      quarters ? "quarter" : "month", format_date(*until)));
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

std::string count_of(size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
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
    return n ? ", " + count_of(n, "warning", "warnings") : std::string();
  };
  write_output("", [&](std::ostream& out) {
    out << fmt::format("{}: ok, {}{}\n", escape_text(in.plan.file),
                       count_of(in.plan.targets.size(), "target", "targets"),
                       warnings_in(in.plan.file));
    std::vector<size_t> entries(in.actuals.files.size(), 0);
    for (const Entry& e : in.actuals.entries)
      ++entries[static_cast<size_t>(e.file)];
    for (size_t i = 0; i < in.actuals.files.size(); ++i)
      out << fmt::format("{}: ok, {}{}\n", escape_text(in.actuals.files[i].path),
                         count_of(entries[i], "entry", "entries"),
                         warnings_in(in.actuals.files[i].path));
    out << fmt::format("{}, {}, {}\n",
                       count_of(in.actuals.files.size(), "actuals file", "actuals files"),
                       count_of(in.actuals.entries.size(), "entry", "entries"),
                       count_of(lints.size(), "warning", "warnings"));
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
  if (!is_utf8(o.by)) throw UsageError("--by must be UTF-8 text");
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
    throw UsageError(
        "--format xlsx writes a binary file: name it with -o FILE.xlsx (or "
        "redirect stdout to a file)");
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
  return fmt::format("unknown command `{}`{}: the commands are {}", escape_text(argv[1]),
                     hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint),
                     fmt::join(names, ", "));
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
    return fmt::format("no command given: the commands are {}", fmt::join(commands, ", "));
  if (std::regex_match(what, m, k_at_most))
    return fmt::format("{} is given {} times: give it once", m[1].str(), m[2].str());
  if (std::regex_match(what, m, k_needs_value))
    return m[3].matched ? fmt::format("{} needs a value: one of {}", m[1].str(), choices(m[3]))
                        : fmt::format("{} needs a value", m[1].str());
  if (std::regex_match(what, m, k_required)) {
    std::string name = m[1].str();
    if (name == "PLAN") return "missing PLAN: name the plan file (or - for standard input)";
    if (name == "ACTUALS")
      return "missing ACTUALS: name at least one actuals file or folder (or - for standard input)";
    if (name == "KIND") return "missing KIND: plan or actuals";
    return fmt::format("missing {}", name);
  }
  if (std::regex_match(what, m, k_extras)) {
    std::vector<std::string> items;
    std::string list = m[1].str();
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
            fmt::format("unknown option `{}`{}", escape_text(item),
                        hint.empty() ? "" : fmt::format(" (did you mean `{}`?)", hint)));
      } else {
        parts.push_back(fmt::format("unexpected argument `{}`", escape_text(item)));
      }
    }
    return fmt::format("{}", fmt::join(parts, "; "));
  }
  if (std::regex_match(what, m, k_range))
    return fmt::format("{} `{}` is out of range: give {} to {}", m[1].str(),
                       escape_text(m[2].str()), m[3].str(), m[4].str());
  if (std::regex_match(what, m, k_not_in))
    return fmt::format("{} `{}` is not one of {}", m[1].str(), escape_text(m[2].str()),
                       choices(m[3]));
  if (std::regex_match(what, m, k_conversion))
    return fmt::format("{} `{}` is not a valid value (a whole number?)", m[2].str(),
                       escape_text(m[1].str()));
  if (std::regex_match(what, m, k_convert))
    return fmt::format("{} `{}` is not a valid value", m[1].str(), escape_text(m[2].str()));
  if (std::regex_match(what, m, k_flag)) return fmt::format("{} takes no value", m[1].str());
  return escape_text(what);
}

void print_input_error(const InputError& e) {
  for (const Diagnostic& d : e.diagnostics())
    std::cerr << format_error(d) << '\n';
}

int run_commands(int argc, char** argv) {
  CLI::App app{"plantrack: holds annual work plans to account against reported actuals.",
               "plantrack"};
  app.set_version_flag("--version", std::string("plantrack ") + PLANTRACK_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 nothing failed, 1 a target or finding has severity fail (with "
      "--strict: or warn), 2 usage or input error.");

  CheckOptions check;
  CLI::App* cmd_check =
      app.add_subcommand("check", "Compare actuals with the plan at an as-of date");
  cmd_check->add_option("PLAN", check.plan, "Plan file (YAML; - reads standard input)")->required();
  cmd_check
      ->add_option(
          "ACTUALS", check.actuals,
          "Actuals files or folders (every *.yaml/*.yml/*.csv/*.xlsx; - reads standard input)")
      ->required();
  cmd_check->add_option("--as-of", check.as_of,
                        "Date to check at: YYYY-MM-DD, YYYY-Qn or today (default: the latest "
                        "date in the actuals)");
  cmd_check
      ->add_option("--format", check.format,
                   "Output format (default table, or from -o's extension)")
      ->check(
          CLI::IsMember({"table", "markdown", "json", "csv", "junit", "github", "html", "xlsx"}));
  cmd_check->add_option("-o,--output", check.output,
                        "Write to FILE (atomically; never an input of the run) instead of stdout; "
                        "without --format the extension decides: .json .csv .md .markdown .html "
                        ".htm .xml .xlsx .txt");
  cmd_check->add_flag("--strict", check.strict, "Severity warn counts as fail for the exit status");
  // One value per use (`--tag a --tag b`), so that `--tag a PLAN ACTUALS` keeps its positionals.
  for (auto [flag, list, help] :
       {std::tuple{"--tag", &check.filter.tags, "Only targets with this tag (repeatable)"},
        std::tuple{"--owner", &check.filter.owners, "Only targets of this owner (repeatable)"}})
    cmd_check->add_option(flag, *list, help)
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd_check->add_flag("--only-problems", check.filter.only_problems,
                      "Only targets whose severity is warn or fail (and their parents)");
  cmd_check
      ->add_option("--stale-after", check.stale_after,
                   "A reporter's latest entry more than DAYS before the as-of date is a `stale` "
                   "finding (overrides the plan's stale_after)")
      ->type_name("DAYS")
      ->check(CLI::Range(1u, 1000000u).description(""));
  cmd_check
      ->add_option("--lang", check.lang,
                   "Language of the human output (default: zh when LC_ALL, else LC_MESSAGES, "
                   "else LANG starts with zh; else en)")
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_check
      ->add_option("--color", check.color,
                   "Colour: auto (a terminal, no NO_COLOR), always, never (default: auto)")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  CLI::Option* bom_option = cmd_check->add_flag(
      "--bom,!--no-bom", check.bom,
      "CSV: start with a UTF-8 byte order mark, so that Excel reads Chinese text "
      "(default: a BOM in a file written with -o, none on standard output)");
  CLI::Option* ascii_option = cmd_check->add_flag(
      "--ascii,!--no-ascii", check.ascii,
      "Table: ASCII bars and dashes, and characters of ambiguous width (— … · ×) counted as two "
      "columns, for consoles that draw them wide (default: on in a zh, ja or ko locale)");
  add_encoding_option(*cmd_check, check.limits);
  cmd_check->add_flag("--by-reporter", check.by_reporter,
                      "Show each reporter's part under its target (table, markdown, html; CSV: "
                      "extra rows with a `by` column)");
  cmd_check->add_option("--by", check.by,
                        "Evaluate only the entries of this reporter (by/reported_by): its part");
  cmd_check->add_flag("--notes", check.notes,
                      "Table: list the reporters' notes under their targets (markdown and html "
                      "always do)");
  cmd_check->add_option("--compare", check.compare,
                        "Also evaluate at this earlier date: previous actual, change and previous "
                        "status on every row, worsened marked (YYYY-MM-DD, YYYY-Qn)");
  bool check_progress_on = false;
  CLI::Option* check_progress = add_progress_option(*cmd_check, check_progress_on);
  add_limit_options(*cmd_check, check.limits);

  ValidateOptions validate;
  CLI::App* cmd_validate = app.add_subcommand(
      "validate", "Check the files for input errors and lint them, without evaluating");
  cmd_validate->footer(
      "Warnings (FILE:LINE:COLUMN: warning: MESSAGE [CODE]) go to stderr. Exit status: 0 valid "
      "(with or without warnings), 1 with --strict: there were warnings, 2 usage or input "
      "error.");
  cmd_validate->add_option("PLAN", validate.plan, "Plan file (YAML; - reads standard input)")
      ->required();
  cmd_validate->add_option(
      "ACTUALS", validate.actuals,
      "Actuals files or folders (every *.yaml/*.yml/*.csv/*.xlsx; - reads standard input)");
  cmd_validate->add_option("--as-of", validate.as_of,
                           "Date for map-form files without as_of: YYYY-MM-DD, YYYY-Qn or today");
  cmd_validate->add_flag("--strict", validate.strict, "Exit with 1 when there are warnings");
  add_encoding_option(*cmd_validate, validate.limits);
  add_limit_options(*cmd_validate, validate.limits);

  TemplateCommand templ;
  CLI::App* cmd_template =
      app.add_subcommand("template", "Print an actuals file to fill in, from the plan");
  cmd_template->footer("Exit status: 0 printed, 2 usage or input error.");
  cmd_template->add_option("PLAN", templ.plan, "Plan file (YAML; - reads standard input)")
      ->required();
  cmd_template->add_option("--by", templ.by, "Who reports: fills in reported_by");
  cmd_template->add_option("--as-of", templ.as_of,
                           "The date the values describe: YYYY-MM-DD, YYYY-Qn or today "
                           "(default: today, kept within the plan period)");
  cmd_template
      ->add_option("--form", templ.form,
                   "map (one as_of for the file) or list (dated entries) (default: map)")
      ->check(CLI::IsMember({"map", "list"}));
  cmd_template
      ->add_option("--format", templ.format,
                   "yaml, csv or xlsx (default yaml, or from -o's extension .csv/.xlsx)")
      ->check(CLI::IsMember({"yaml", "csv", "xlsx"}));
  cmd_template
      ->add_option("--lang", templ.lang,
                   "Language of the csv/xlsx headers (default from LC_ALL/LANG)")
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_template->add_option("-o,--output", templ.output,
                           "Write to FILE (atomically; never the plan) instead of stdout");
  add_limit_options(*cmd_template, templ.limits);

  std::string schema_kind;
  CLI::App* cmd_schema =
      app.add_subcommand("schema", "Print the JSON Schema of plan or actuals files, for editors");
  cmd_schema->footer("Exit status: 0 printed, 2 usage error.");
  cmd_schema->add_option("KIND", schema_kind, "plan or actuals")
      ->required()
      ->check(CLI::IsMember({"plan", "actuals"}));

  TrendOptions trend;
  CLI::App* cmd_trend = app.add_subcommand(
      "trend", "Evaluate the plan at several dates: the series per target and the change between");
  cmd_trend->footer(
      "Each date is evaluated exactly as check --as-of DATE would, over inputs read once. "
      "Without --at: every quarter end of the plan period up to the latest date in the actuals "
      "(or --to). Exit status: as check at the last date.");
  cmd_trend->add_option("PLAN", trend.plan, "Plan file (YAML)")->required();
  cmd_trend->add_option("ACTUALS", trend.actuals, "Actuals files or folders (every *.yaml/*.yml)")
      ->required();
  cmd_trend->add_option("--at", trend.at,
                        "Dates, comma-separated and increasing: YYYY-MM-DD, YYYY-Qn or today "
                        "(e.g. 2024-Q1,2024-Q2,2024-Q3)");
  cmd_trend
      ->add_option("--every", trend.every,
                   "Every quarter end or month end of the plan period (default quarter)")
      ->check(CLI::IsMember({"quarter", "month"}));
  cmd_trend->add_option("--to", trend.to,
                        "With --every: the last date (default: the latest date in the actuals)");
  cmd_trend
      ->add_option("--format", trend.format,
                   "Output format (default table, or from -o's extension)")
      ->check(CLI::IsMember({"table", "markdown", "csv", "json", "html"}));
  cmd_trend->add_option("-o,--output", trend.output,
                        "Write to FILE (atomically) instead of stdout");
  cmd_trend->add_flag("--strict", trend.strict,
                      "Severity warn counts as fail for the exit status (at the last date)");
  cmd_trend
      ->add_option("--lang", trend.lang, "Language of the human output (default from LC_ALL/LANG)")
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_trend->add_flag("--bom,!--no-bom", trend.bom,
                      "CSV: start with a UTF-8 byte order mark, so that Excel reads Chinese text "
                      "(default: no BOM)");
  bool trend_progress_on = false;
  CLI::Option* trend_progress = add_progress_option(*cmd_trend, trend_progress_on);
  add_limit_options(*cmd_trend, trend.limits);

  DiffOptions diff;
  CLI::App* cmd_diff = app.add_subcommand(
      "diff", "Compare two versions of a plan: targets added, removed, moved and changed");
  cmd_diff->footer(
      "Exit status (as diff(1)): 0 the plans are the same, 1 they differ, 2 usage or input "
      "error. A file `-` is standard input, e.g. git show HEAD~1:plan.yaml | plantrack diff - "
      "plan.yaml");
  cmd_diff->add_option("OLD_PLAN", diff.old_plan, "The earlier plan file (YAML)")->required();
  cmd_diff->add_option("NEW_PLAN", diff.new_plan, "The later plan file (YAML)")->required();
  cmd_diff->add_option("--format", diff.format, "Output format")
      ->check(CLI::IsMember({"table", "markdown", "json", "github"}))
      ->capture_default_str();
  cmd_diff->add_option("-o,--output", diff.output, "Write to FILE (atomically) instead of stdout");
  cmd_diff
      ->add_option("--lang", diff.lang, "Language of the human output (default from LC_ALL/LANG)")
      ->check(CLI::IsMember({"en", "zh"}));
  add_limit_options(*cmd_diff, diff.limits);

  if (std::string unknown = unknown_command(app, argc, argv); !unknown.empty()) {
    std::cerr << "plantrack: error: " << unknown << "\nRun `plantrack --help` for usage.\n";
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
    // The subcommand named first on the line (unknown_command ruled out any other word there).
    const CLI::App* cmd = nullptr;
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      commands.push_back(sub->get_name());
      if (argc >= 2 && sub->get_name() == argv[1]) cmd = sub;
    }
    std::cerr << "plantrack: error: " << usage_message(e, cmd, commands) << "\nRun `plantrack "
              << (cmd ? cmd->get_name() + " " : std::string()) << "--help` for usage.\n";
    return 2;
  }

  check.bom_given = bom_option->count() > 0;
  check.ascii_given = ascii_option->count() > 0;
  check.progress = progress_asked(check_progress, check_progress_on);
  trend.progress = progress_asked(trend_progress, trend_progress_on);
  try {
    if (cmd_check->parsed()) return run_check(check);
    if (cmd_validate->parsed()) return run_validate(validate);
    if (cmd_template->parsed()) return run_template(templ);
    if (cmd_schema->parsed()) return run_schema(schema_kind);
    if (cmd_diff->parsed()) return run_diff(diff);
    if (cmd_trend->parsed()) return run_trend(trend);
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

}  // namespace

// Every exception ends here as `plantrack: error: ...` and exit 2, never an abort.
int run(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout becomes a write error we report
  try {
    return run_commands(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "plantrack: error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "plantrack: error: " << escape_text(e.what()) << '\n';
  } catch (...) {
    std::cerr << "plantrack: error: unexpected failure\n";
  }
  return 2;
}

}  // namespace plantrack
