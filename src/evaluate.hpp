#pragma once
// Pure evaluation at the as-of date (SPEC §3): (Plan, Actuals, as-of) -> Report. No I/O.

#include <optional>

#include "model.hpp"
#include "report.hpp"

namespace plantrack {

// The latest `as_of` or entry date in the actuals, when there is one.
std::optional<Date> latest_date(const Actuals& actuals);

Report evaluate(const Plan& plan, const Actuals& actuals, Date as_of);

// check --compare DATE: the rows of `previous` (evaluated at DATE) kept in `report`.
void attach_comparison(Report& report, const Report& previous);

// `children-sum` (SPEC §3.5): parents with rollup sum whose bound differs from the sum of their
// children's. A property of the plan alone; evaluate includes them, validate lints with them.
std::vector<Finding> children_sum_findings(const Plan& plan);

// The value expected by `as_of` (nullopt for milestones, groups and max targets without a
// baseline before anything is due).
std::optional<double> expected_value(const Target& t, Date as_of);

}  // namespace plantrack
