#include "filter.hpp"

#include <algorithm>
#include <unordered_set>

namespace plantrack {

namespace {

bool has_tag(const Target& t, const std::vector<std::string>& tags) {
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
    return std::find(t.tags().begin(), t.tags().end(), tag) != t.tags().end();
  });
}

bool has_owner(const Target& t, const std::vector<std::string>& owners) {
  return std::find(owners.begin(), owners.end(), t.owner) != owners.end();
}

}  // namespace

// SPEC §4: a tag or owner on a group or parent selects its whole subtree, so a row matches
// --tag/--owner when it or an ancestor carries the value (`tagged`/`owned`, filled in plan
// order: a parent comes before its children).
static bool matches(const TargetResult& r, const Filter& f, bool tagged, bool owned) {
  if (!f.tags.empty() && !tagged) return false;
  if (!f.owners.empty() && !owned) return false;
  if (f.only_problems && (r.target->kind == Kind::group ||
                          (r.severity != Severity::warn && r.severity != Severity::fail)))
    return false;
  return true;
}

void apply_filter(Report& report, const Filter& filter) {
  if (!filter.active()) return;
  std::vector<TargetResult>& all = report.targets;
  std::vector<bool> keep(all.size(), false), match(all.size(), false);
  std::vector<bool> tagged(all.size(), false), owned(all.size(), false);
  for (size_t i = 0; i < all.size(); ++i) {
    const Target& t = *all[i].target;
    size_t p = static_cast<size_t>(t.parent);
    tagged[i] = has_tag(t, filter.tags) || (t.parent >= 0 && tagged[p]);
    owned[i] = has_owner(t, filter.owners) || (t.parent >= 0 && owned[p]);
    match[i] = matches(all[i], filter, tagged[i], owned[i]);
    if (!match[i]) continue;
    // Targets are in plan order, so a parent's index is below its child's.
    for (int q = static_cast<int>(i); q >= 0 && !keep[static_cast<size_t>(q)];
         q = all[static_cast<size_t>(q)].target->parent)
      keep[static_cast<size_t>(q)] = true;
  }
  std::unordered_set<std::string_view> kept_ids;  // views of the plan's full ids
  std::vector<TargetResult> kept;
  std::vector<std::pair<uint32_t, uint32_t>> kept_spans;  // rows' reporters' parts follow them
  for (size_t i = 0; i < all.size(); ++i)
    if (keep[i]) {
      all[i].context = !match[i];  // kept only as a parent of a match: groups too (SPEC §4)
      kept_ids.insert(all[i].target->full_id);
      kept.push_back(std::move(all[i]));
      if (i < report.by_reporter_spans.size()) kept_spans.push_back(report.by_reporter_spans[i]);
    }
  all = std::move(kept);
  report.by_reporter_spans = std::move(kept_spans);
  std::erase_if(report.findings, [&](const Finding& f) {
    return !f.target.empty() && !kept_ids.count(std::string_view(f.target)) &&
           f.code != "unknown-target";
  });
  report.summary = summarize(all);
}

}  // namespace plantrack
