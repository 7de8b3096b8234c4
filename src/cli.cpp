#include "cli.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "evaluate.hpp"
#include "filter.hpp"
#include "inputs.hpp"
#include "output.hpp"
#include "render.hpp"
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
  Limits limits() const { return Limits{max_input_mb << 20, max_depth, max_nodes}; }
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

std::optional<Date> parse_as_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text == "today") return today();
  if (auto d = parse_iso_date(text)) return d;
  if (auto q = parse_quarter(text)) return q;
  throw UsageError(fmt::format("--as-of `{}` is not a date: write YYYY-MM-DD, YYYY-Qn or today",
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
  LimitOptions limits;
};

int run_check(const CheckOptions& o) {
  std::optional<Date> cli_as_of = parse_as_of(o.as_of);
  RenderOptions render_options;
  if (!o.format.empty()) {
    render_options.format = k_formats.at(o.format);
  } else if (auto f = format_from_extension(o.output)) {
    render_options.format = *f;
  }
  render_options.lang = o.lang.empty() ? lang_from_env() : o.lang == "zh" ? Lang::zh : Lang::en;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  render_options.color = o.color == "always" ||
                         (o.color == "auto" && o.output.empty() && isatty(STDOUT_FILENO) &&
                          !(no_color && *no_color) && !(term && std::string_view(term) == "dumb"));

  Inputs in = load_inputs(o.plan, o.actuals, cli_as_of, o.limits.limits());
  std::optional<Date> as_of = cli_as_of ? cli_as_of : latest_date(in.actuals);
  if (!as_of) {
    std::string where = in.actuals.files.empty() ? o.plan : in.actuals.files.front().path;
    throw InputError(where, Mark{1, 1},
                     "no date to check at: the actuals have no `as_of` and no dated entries "
                     "(run with --as-of YYYY-MM-DD)");
  }
  Report report = evaluate(in.plan, in.actuals, *as_of);
  apply_filter(report, o.filter);
  write_output(o.output, [&](std::ostream& out) { render(report, render_options, out); });
  return report.exit_code(o.strict);
}

struct ValidateOptions {
  std::string plan;
  std::vector<std::string> actuals;
  std::string as_of;
  LimitOptions limits;
};

int run_validate(const ValidateOptions& o) {
  std::optional<Date> cli_as_of = parse_as_of(o.as_of);
  Inputs in = load_inputs(o.plan, o.actuals, cli_as_of, o.limits.limits());
  std::cout << fmt::format("{}: ok, {} targets\n", escape_text(o.plan), in.plan.targets.size());
  for (const ActualsFile& f : in.actuals.files)
    std::cout << escape_text(f.path) << ": ok\n";
  std::cout << fmt::format("{} actuals file{}, {} entries\n", in.actuals.files.size(),
                           in.actuals.files.size() == 1 ? "" : "s", in.actuals.entries.size());
  std::cout.flush();
  return 0;
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
  cmd_check->add_option("--tag", check.filter.tags, "Only targets with this tag (repeatable)");
  cmd_check->add_option("--owner", check.filter.owners, "Only targets of this owner (repeatable)");
  cmd_check->add_flag("--only-problems", check.filter.only_problems,
                      "Only targets whose severity is warn or fail (and their parents)");
  cmd_check
      ->add_option("--lang", check.lang, "Language of the human output (default from LC_ALL/LANG)")
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_check
      ->add_option("--color", check.color, "Colour: auto (a terminal, no NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  add_limit_options(*cmd_check, check.limits);

  ValidateOptions validate;
  CLI::App* cmd_validate =
      app.add_subcommand("validate", "Check the files for input errors without evaluating");
  cmd_validate->add_option("PLAN", validate.plan, "Plan file (YAML)")->required();
  cmd_validate->add_option("ACTUALS", validate.actuals, "Actuals files or folders");
  cmd_validate->add_option("--as-of", validate.as_of, "Date for map-form files without as_of");
  add_limit_options(*cmd_validate, validate.limits);

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
