#pragma once
// `diff OLD_PLAN NEW_PLAN` (SPEC §7.3): two Plans -> one plain list of changes. Pure.

#include <optional>
#include <string>
#include <vector>

#include "model.hpp"

namespace plantrack {

// One change, one row. `field` is "added", "removed", "parent" (moved), "title", "period", or a
// target field: name, unit, kind, min, max, baseline, start, due, schedule, rollup, thresholds,
// owner, tags, revisions. old_value / new_value are nullopt where there is none (an added target, a
// bound that was not there).
struct PlanChange {
  std::string id;  // the target's full id in the new plan (the old plan's when removed); "" for
                   // the plan itself
  std::string field;
  std::optional<std::string> old_value, new_value;  // as written in YAML (numbers shortest form)
  bool numeric = false;                             // the values are numbers (min, max, baseline)
  std::optional<double> relative;  // bounds: (new - old) / |old| when both are there, old != 0
  bool lowered = false;            // a min bound went down or a max bound went up
  std::string file;                // where to point: the new plan (the old one when removed)
  Mark mark;
};

// Matching (a target of the old plan to one of the new):
//   1. the same full id;
//   2. else the same own id under the match of its old parent;
//   3. else the same own id when exactly one unmatched target of each plan has it.
// A matched target whose parent is not the match of its old parent was moved: one row
// `parent` (old and new parent ids, nullopt for the top level), then its other changes.
// Rows come in new-plan order (plan rows first), then removed targets in old-plan order.
// Fields are compared as in force, after inheritance (owner, thresholds, start, due).
std::vector<PlanChange> diff_plans(const Plan& old_plan, const Plan& new_plan);

}  // namespace plantrack
