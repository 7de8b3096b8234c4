#pragma once
// Pure evaluation at the as-of date (SPEC §3): (Plan, Actuals, as-of) -> Report. No I/O.

#include <optional>
#include <string>

#include "model.hpp"
#include "report.hpp"

namespace plantrack {

struct WorkCount;

// The latest `as_of` or entry date in the actuals, when there is one.
std::optional<Date> latest_date(const Actuals& actuals);

struct EvaluateOptions {
  // --stale-after DAYS: overrides every target's stale_after (SPEC §3.6).
  std::optional<uint32_t> stale_after;
  // validate's lints: entries before the plan period are checked (unit, kind) like the others.
  bool check_entries_before_period = false;
  // --by: evaluate only this reporter's entries (its part), as if no one else had reported.
  std::optional<std::string> by;
  // Progress (progress.hpp): one added per target judged, in blocks. Changes no result.
  WorkCount* count = nullptr;
};

Report evaluate(const Plan& plan, const Actuals& actuals, Date as_of,
                const EvaluateOptions& options = {});

// check --compare DATE: the rows of `previous` (evaluated at DATE) kept in `report`.
void attach_comparison(Report& report, const Report& previous);

// `children-sum` (SPEC §3.5): parents with rollup sum whose bound differs from the sum of their
// children's. A property of the plan alone; evaluate includes them, validate lints with them.
std::vector<Finding> children_sum_findings(const Plan& plan);

// duplicate-input (a file with the bytes of an earlier one) and before-period (entries dated
// before period.start, and not after `as_of` when given: those are future-entries), SPEC §3.5.
// Evaluate includes them; validate, which has no as-of, lints with them.
std::vector<Finding> input_findings(const Plan& plan, const Actuals& actuals,
                                    std::optional<Date> as_of);
// Whether an entry is not used for being dated before the plan period.
bool is_before_period(const Plan& plan, const Entry& e, std::optional<Date> as_of);

// b as SPEC §3.1 uses it: 0 for min/range targets without one, none for max without one.
std::optional<double> used_baseline(const Target& t);

// Progress and pace (SPEC §3.3) of a row at `as_of` whose baseline, actual, expected value and
// done date are set: check's rows and trend's points both take them from here. Groups have
// neither; a milestone's progress is 1 once done, else 0.
struct Progress {
  std::optional<double> progress;
  std::optional<double> pace;     // as computed: too big for a double (a tiny divisor) is infinite
  bool nothing_expected = false;  // the expected value is unknown or still the baseline
};
Progress progress_of(const Target& t, Date as_of, const TargetResult& r);

// The value expected by `as_of` (nullopt for milestones, groups and max targets without a
// baseline before anything is due).
std::optional<double> expected_value(const Target& t, Date as_of);

}  // namespace plantrack
