#include "filter.hpp"

#include <algorithm>
#include <unordered_set>

namespace plantrack {

static bool matches(const TargetResult& r, const Filter& f) {
  const Target& t = *r.target;
  if (!f.tags.empty() && std::none_of(f.tags.begin(), f.tags.end(), [&](const std::string& tag) {
        return std::find(t.tags().begin(), t.tags().end(), tag) != t.tags().end();
      }))
    return false;
  if (!f.owners.empty() && std::find(f.owners.begin(), f.owners.end(), t.owner) == f.owners.end())
    return false;
  if (f.only_problems && r.severity != Severity::warn && r.severity != Severity::fail) return false;
  return true;
}

void apply_filter(Report& report, const Filter& filter) {
  if (!filter.active()) return;
  std::vector<TargetResult>& all = report.targets;
  std::vector<bool> keep(all.size(), false);
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].target->kind == Kind::group || !matches(all[i], filter)) continue;
    // Targets are in plan order, so a parent's index is below its child's.
    for (int p = static_cast<int>(i); p >= 0 && !keep[static_cast<size_t>(p)];
         p = all[static_cast<size_t>(p)].target->parent)
      keep[static_cast<size_t>(p)] = true;
  }
  std::unordered_set<std::string_view> kept_ids;  // views of the plan's full ids
  std::vector<TargetResult> kept;
  std::vector<std::pair<uint32_t, uint32_t>> kept_spans;  // rows' reporters' parts follow them
  for (size_t i = 0; i < all.size(); ++i)
    if (keep[i]) {
      all[i].context = all[i].target->kind != Kind::group && !matches(all[i], filter);
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
