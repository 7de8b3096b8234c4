#pragma once
// The subcommands, from options already parsed (cli.cpp parses them with CLI11), and what
// they share. Each run_* returns the exit status and throws UsageError or InputError.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "date.hpp"
#include "filter.hpp"
#include "limits.hpp"
#include "messages.hpp"
#include "render.hpp"

namespace plantrack {

class ProgressMeter;
struct Plan;
struct WorkCount;

// A problem with the command line itself (not with an input file): exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct LimitOptions {
  uint64_t max_input_mb = 1024;
  uint32_t max_depth = 64;
  uint64_t max_nodes = 100'000'000;
  std::string encoding;  // --encoding (check, validate)
  // The limits asked for; PLANTRACK_PIECE_BYTES (for tests) sets Limits::piece_bytes.
  Limits limits() const;
};

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

struct ValidateOptions {
  std::string plan;
  std::vector<std::string> actuals;
  std::string as_of;
  bool strict = false;
  std::string lang;  // read before parsing, by lang_from_args
  LimitOptions limits;
};

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

struct DiffOptions {
  std::string old_plan, new_plan;
  std::string format = "table";
  std::string output;
  std::string lang;
  LimitOptions limits;
};

int run_check(const CheckOptions& o);
int run_trend(const TrendOptions& o);
// Input errors as in check (exit 2); lints as warnings on stderr (exit 0, with --strict 1).
int run_validate(const ValidateOptions& o);
int run_template(const TemplateCommand& o);
// diff(1)'s exit status: 0 the same, 1 changed, 2 error.
int run_diff(const DiffOptions& o);
int run_schema(const std::string& kind);

// Shared by the subcommands.

// The extension of the last path segment, lower-cased ASCII ("" when none): "R.JSON" -> "json".
std::string extension_of(const std::string& path);

std::optional<Date> parse_as_of(const std::string& text, const char* option = "--as-of");

Lang lang_from_env();

// SPEC §4: -o never names an input of the run (same device and inode, or the same path).
void check_output_is_not_an_input(const std::string& output, const std::string& plan,
                                  const std::vector<std::string>& actuals);

// SPEC §4: `-` (standard input) at most once per run.
void check_stdin_once(const std::string& plan, const std::vector<std::string>& actuals);

// A report format's extension given to `template -o`, which writes YAML.
void check_template_output(const std::string& output);

// Progress (progress.hpp) while the inputs are read: the plan and how many actuals files.
WorkCount* reading_step(ProgressMeter& meter, const std::string& plan,
                        const std::vector<std::string>& actuals, Lang lang);

// The targets a summary counts (groups are not), for the meter's "evaluating 26 targets".
size_t counted_targets(const Plan& plan);

// While a report goes to a file, the meter says so; before one goes to stdout (or a device such
// as /dev/stdout, or a FIFO), it is erased.
void writing_step(ProgressMeter& meter, const std::string& output, Lang lang);

// Every --format name of check, in the order --help and its errors list them, with its format.
extern const std::vector<std::pair<std::string, Format>> k_formats;
// The format named `name` (one of k_formats: the option was checked against them).
Format format_named(const std::string& name);
// The names of k_formats, in order.
std::vector<std::string> format_names();

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

}  // namespace plantrack
