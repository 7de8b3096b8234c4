#include "cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "evaluate.hpp"
#include "filter.hpp"
#include "inputs.hpp"
#include "lint.hpp"
#include "output.hpp"
#include "plan_diff.hpp"
#include "render.hpp"
#include "schema.hpp"
#include "template.hpp"
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
  Limits limits() const {
    Limits l{max_input_mb << 20, max_depth, max_nodes};
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

void add_limit_options(CLI::App& cmd, LimitOptions& o) {
  cmd.add_option("--max-input-size", o.max_input_mb, "Largest input file read, in MiB")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{4095}));
  cmd.add_option("--max-depth", o.max_depth, "Deepest nesting of YAML mappings and lists")
      ->capture_default_str()
      ->check(CLI::Range(1u, 10000u));
  cmd.add_option("--max-nodes", o.max_nodes, "Most YAML nodes in one input file")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{4'000'000'000}));
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

std::optional<Format> format_from_extension(const std::string& path) {
  auto ends = [&](std::string_view s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".json")) return Format::json;
  if (ends(".csv")) return Format::csv;
  if (ends(".md")) return Format::markdown;
  if (ends(".html") || ends(".htm")) return Format::html;
  if (ends(".xml")) return Format::junit;
  return std::nullopt;
}

const std::map<std::string, Format> k_formats = {
    {"table", Format::table}, {"markdown", Format::markdown}, {"json", Format::json},
    {"csv", Format::csv},     {"junit", Format::junit},       {"github", Format::github},
    {"html", Format::html}};

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
  std::string compare;
  LimitOptions limits;
};

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

// For check's html: when the entries used hold more than one date (a list-form history or dated
// files), the plan at every quarter end up to the as-of and at the as-of itself.
const Trend* history_of(const Inputs& in, Date as_of) {
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
  return &kept_until_exit(build_trend(in.plan, in.actuals, dates));
}

int run_check(const CheckOptions& o) {
  std::optional<Date> cli_as_of = parse_as_of(o.as_of);
  std::optional<Date> compare = parse_as_of(o.compare, "--compare");
  RenderOptions render_options;
  if (!o.format.empty()) {
    render_options.format = k_formats.at(o.format);
  } else if (auto f = format_from_extension(o.output)) {
    render_options.format = *f;
  }
  render_options.lang = o.lang.empty() ? lang_from_env() : o.lang == "zh" ? Lang::zh : Lang::en;
  render_options.bom = o.bom;
  render_options.strict = o.strict;
  render_options.filter = o.filter;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  render_options.color = o.color == "always" ||
                         (o.color == "auto" && o.output.empty() && isatty(STDOUT_FILENO) &&
                          !(no_color && *no_color) && !(term && std::string_view(term) == "dumb"));

  Inputs& in = kept_until_exit(load_inputs(o.plan, o.actuals, cli_as_of, o.limits.limits()));
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
  Report& report = kept_until_exit(evaluate(in.plan, in.actuals, *as_of));
  if (compare) attach_comparison(report, evaluate(in.plan, in.actuals, *compare));
  if (render_options.format == Format::html) render_options.history = history_of(in, *as_of);
  apply_filter(report, o.filter);
  write_output(o.output, [&](std::ostream& out) { render(report, render_options, out); });
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
  } else if (auto f = format_from_extension(o.output); f && *f != Format::junit) {
    render_options.format = *f;
  }
  render_options.lang = o.lang.empty() ? lang_from_env() : o.lang == "zh" ? Lang::zh : Lang::en;
  render_options.bom = o.bom;
  render_options.strict = o.strict;
  // Read once: every date is evaluated over the same inputs.
  Inputs& in = kept_until_exit(load_inputs(o.plan, o.actuals, std::nullopt, o.limits.limits()));
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
  Trend& trend = kept_until_exit(build_trend(in.plan, in.actuals, dates));
  write_output(o.output, [&](std::ostream& out) { render_trend(trend, render_options, out); });
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
    out << fmt::format("{}: ok, {}{}\n", escape_text(o.plan),
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
  std::string output;
  LimitOptions limits;
};

int run_template(const TemplateCommand& o) {
  std::optional<Date> as_of = parse_as_of(o.as_of);
  if (!is_utf8(o.by)) throw UsageError("--by must be UTF-8 text");
  Inputs in = load_inputs(o.plan, {}, std::nullopt, o.limits.limits());
  TemplateOptions t;
  t.plan_path = o.plan;
  t.as_of = as_of ? *as_of : default_template_date(in.plan, today());
  t.by = o.by;
  t.form = o.form == "list" ? TemplateForm::list : TemplateForm::map;
  write_output(o.output, [&](std::ostream& out) { write_template(in.plan, t, out); });
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

void print_input_error(const InputError& e) {
  for (const Diagnostic& d : e.diagnostics())
    std::cerr << format_error(d) << '\n';
}

}  // namespace

int run(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout becomes a write error we report
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
  cmd_check->add_option("PLAN", check.plan, "Plan file (YAML)")->required();
  cmd_check->add_option("ACTUALS", check.actuals, "Actuals files or folders (every *.yaml/*.yml)")
      ->required();
  cmd_check->add_option("--as-of", check.as_of,
                        "Date to check at: YYYY-MM-DD, YYYY-Qn or today (default: the latest "
                        "date in the actuals)");
  cmd_check
      ->add_option("--format", check.format,
                   "Output format (default table, or from -o's extension)")
      ->check(CLI::IsMember({"table", "markdown", "json", "csv", "junit", "github", "html"}));
  cmd_check->add_option("-o,--output", check.output,
                        "Write to FILE (atomically) instead of stdout");
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
      ->add_option("--lang", check.lang, "Language of the human output (default from LC_ALL/LANG)")
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_check
      ->add_option("--color", check.color, "Colour: auto (a terminal, no NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd_check->add_flag("--bom,!--no-bom", check.bom,
                      "CSV: start with a UTF-8 byte order mark, so that Excel reads Chinese text "
                      "(default: no BOM)");
  cmd_check->add_option("--compare", check.compare,
                        "Also evaluate at this earlier date: previous actual, change and previous "
                        "status on every row, worsened marked (YYYY-MM-DD, YYYY-Qn)");
  add_limit_options(*cmd_check, check.limits);

  ValidateOptions validate;
  CLI::App* cmd_validate = app.add_subcommand(
      "validate", "Check the files for input errors and lint them, without evaluating");
  cmd_validate->footer(
      "Warnings (FILE:LINE:COLUMN: warning: MESSAGE [CODE]) go to stderr. Exit status: 0 valid "
      "(with or without warnings), 1 with --strict: there were warnings, 2 usage or input "
      "error.");
  cmd_validate->add_option("PLAN", validate.plan, "Plan file (YAML)")->required();
  cmd_validate->add_option("ACTUALS", validate.actuals,
                           "Actuals files or folders (every *.yaml/*.yml)");
  cmd_validate->add_option("--as-of", validate.as_of,
                           "Date for map-form files without as_of: YYYY-MM-DD, YYYY-Qn or today");
  cmd_validate->add_flag("--strict", validate.strict, "Exit with 1 when there are warnings");
  add_limit_options(*cmd_validate, validate.limits);

  TemplateCommand templ;
  CLI::App* cmd_template =
      app.add_subcommand("template", "Print an actuals file to fill in, from the plan");
  cmd_template->footer("Exit status: 0 printed, 2 usage or input error.");
  cmd_template->add_option("PLAN", templ.plan, "Plan file (YAML)")->required();
  cmd_template->add_option("--by", templ.by, "Who reports: fills in reported_by");
  cmd_template->add_option("--as-of", templ.as_of,
                           "The date the values describe: YYYY-MM-DD, YYYY-Qn or today "
                           "(default: today, kept within the plan period)");
  cmd_template
      ->add_option("--form", templ.form, "map (one as_of for the file) or list (dated entries)")
      ->check(CLI::IsMember({"map", "list"}))
      ->capture_default_str();
  cmd_template->add_option("-o,--output", templ.output,
                           "Write to FILE (atomically) instead of stdout");
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
    std::cerr << "plantrack: error: " << e.what() << "\nRun `plantrack --help` for usage.\n";
    return 2;
  }

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

}  // namespace plantrack
