#pragma once
// Ratio targets (SPEC §10.1) once a plan is read: their ids resolved to targets, ratio parents
// found, and the order evaluate follows so that every ratio comes after its parts.

#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "model.hpp"

namespace plantrack {

// A `ratio:` as written on target `target`; its ids are views of the plan's arena.
struct RatioKey {
  int target = -1;
  std::string_view numerator, denominator;
  Mark mark, numerator_mark, denominator_mark;  // the `ratio:` value and its two ids
};

// Resolves `keys` into the targets' `Ratio`s, marks ratio parents, and fills Plan::eval_order
// when there is any ratio. Reports ids naming no target or no numeric one, parts of different
// dimensions and ratios that depend on themselves to `diags`.
void resolve_ratios(Plan& plan, const std::vector<RatioKey>& keys, Diagnostics& diags);

}  // namespace plantrack
