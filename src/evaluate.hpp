#pragma once
// Pure evaluation at the as-of date (SPEC §3): (Plan, Actuals, as-of) -> Report. No I/O.

#include <optional>

#include "model.hpp"
#include "report.hpp"

namespace plantrack {

// The latest `as_of` or entry date in the actuals, when there is one.
std::optional<Date> latest_date(const Actuals& actuals);

Report evaluate(const Plan& plan, const Actuals& actuals, Date as_of);

// The value expected by `as_of` (nullopt for milestones, groups and max targets without a
// baseline before anything is due).
std::optional<double> expected_value(const Target& t, Date as_of);

}  // namespace plantrack
