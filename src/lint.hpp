#pragma once
// `validate`'s lints: things that load without error but are probably mistakes. Every lint is a
// warning (severity warn) with a code, a file and a line; none of them stops `check`.

#include <string>
#include <vector>

#include "model.hpp"
#include "report.hpp"

namespace plantrack {

// Every lint code `validate` can print, in the order the man page lists them.
extern const std::vector<std::string> k_lint_codes;

// Lints of a plan that loaded without error, children-sum among them (evaluate.hpp's
// children_sum_findings, shared with check). With lint marks (Limits::lint_marks) the name,
// unit, start and due lints point at them; they are not found without them.
std::vector<Finding> lint_plan(const Plan& plan);

// Lints of actuals that loaded without error: entries dated before the plan period, and the
// findings of `check` that need no as-of date (unknown-target, wrong-kind, unit-mismatch,
// conflict), found by evaluating at the latest date of all.
std::vector<Finding> lint_actuals(const Plan& plan, const Actuals& actuals);

// "FILE:LINE:COLUMN: warning: MESSAGE [CODE]" (the message is already escaped).
std::string format_warning(const Finding& f);

}  // namespace plantrack
