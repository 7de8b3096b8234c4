#include "plan_diff.hpp"

#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "quantity.hpp"

namespace plantrack {

namespace {

constexpr int k_none = -1;

std::string schedule_text(const Target& t) {
  switch (t.schedule) {
    case ScheduleKind::linear:
      return "linear";
    case ScheduleKind::end:
      return "end";
    case ScheduleKind::always:
      return "always";
    case ScheduleKind::checkpoints:
      break;
  }
  std::string out = "{";
  for (const Checkpoint& c : t.checkpoints()) {
    if (out.size() > 1) out += ", ";
    out += c.quarter ? fmt::format("Q{}", c.quarter) : format_date(c.date);
    out += ": ";
    out += c.share ? format_number(c.amount * 100) + "%" : format_number(c.amount);
  }
  return out + "}";
}

std::string thresholds_text(const Thresholds* t) {
  if (!t) return "";
  return fmt::format("{{warn: {}%, fail: {}%}}", format_number(t->warn * 100),
                     format_number(t->fail * 100));
}

std::string revisions_text(const Target& t) {
  std::string out = "[";
  for (const Revision& r : t.revisions()) {
    if (out.size() > 1) out += ", ";
    std::string bound =
        t.kind == Kind::max ? fmt::format("{{max: {}}}", format_number(*r.max))
        : t.kind == Kind::range
            ? fmt::format("{{min: {}, max: {}}}", format_number(*r.min), format_number(*r.max))
            : format_number(*r.min);
    out += fmt::format("{{date: {}, target: {}}}", format_date(r.date), bound);
  }
  return out + "]";
}

std::string tags_text(const Target& t) {
  std::string out = "[";
  for (std::string_view tag : t.tags()) {
    if (out.size() > 1) out += ", ";
    out += tag;
  }
  return out + "]";
}

std::optional<std::string> text_or_none(std::string_view s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::optional<std::string> number_or_none(OptDouble v) {
  return v ? std::optional<std::string>(format_number(*v)) : std::nullopt;
}

// Old index -> new index, by the three rules of plan_diff.hpp.
std::vector<int> match_targets(const Plan& a, const Plan& b) {
  std::vector<int> to_new(a.targets.size(), k_none);
  std::vector<int> to_old(b.targets.size(), k_none);
  auto link = [&](size_t i, int j) {
    to_new[i] = j;
    to_old[static_cast<size_t>(j)] = static_cast<int>(i);
  };
  for (size_t i = 0; i < a.targets.size(); ++i) {
    int j = b.find(a.targets[i].full_id);
    if (j >= 0 && to_old[static_cast<size_t>(j)] == k_none) link(i, j);
  }
  // Rule 2, in plan order so that a parent is matched before its children.
  auto under_parents = [&] {
    for (size_t i = 0; i < a.targets.size(); ++i) {
      const Target& t = a.targets[i];
      if (to_new[i] != k_none || t.parent < 0) continue;
      int np = to_new[static_cast<size_t>(t.parent)];
      if (np == k_none) continue;
      for (int c : b.targets[static_cast<size_t>(np)].children())
        if (to_old[static_cast<size_t>(c)] == k_none &&
            b.targets[static_cast<size_t>(c)].id() == t.id()) {
          link(i, c);
          break;
        }
    }
  };
  under_parents();
  // Rule 3: an own id that only one unmatched target on each side has.
  std::unordered_map<std::string_view, std::pair<int, int>> old_ids, new_ids;  // first, count
  for (size_t i = 0; i < a.targets.size(); ++i)
    if (to_new[i] == k_none) {
      auto& [first, count] =
          old_ids.try_emplace(a.targets[i].id(), static_cast<int>(i), 0).first->second;
      (void)first;
      ++count;
    }
  for (size_t j = 0; j < b.targets.size(); ++j)
    if (to_old[j] == k_none) {
      auto& [first, count] =
          new_ids.try_emplace(b.targets[j].id(), static_cast<int>(j), 0).first->second;
      (void)first;
      ++count;
    }
  bool any = false;
  for (auto& [id, o] : old_ids) {
    auto it = new_ids.find(id);
    if (o.second != 1 || it == new_ids.end() || it->second.second != 1) continue;
    link(static_cast<size_t>(o.first), it->second.first);
    any = true;
  }
  if (any) under_parents();
  return to_new;
}

class Differ {
 public:
  Differ(const Plan& a, const Plan& b) : a_(a), b_(b) {}

  std::vector<PlanChange> run() {
    std::vector<int> to_new = match_targets(a_, b_);
    std::vector<int> to_old(b_.targets.size(), k_none);
    for (size_t i = 0; i < to_new.size(); ++i)
      if (to_new[i] != k_none) to_old[static_cast<size_t>(to_new[i])] = static_cast<int>(i);
    Mark top{1, 1};
    if (a_.title != b_.title) add("", "title", a_.title, b_.title, b_.file, top);
    if (a_.period_start != b_.period_start || a_.period_end != b_.period_end)
      add("", "period", period_text(a_), period_text(b_), b_.file, top);
    for (size_t j = 0; j < b_.targets.size(); ++j) {
      const Target& n = b_.targets[j];
      if (to_old[j] == k_none) {
        add(n.full_id, "added", std::nullopt, std::string(n.name), b_.file, n.mark);
        continue;
      }
      const Target& o = a_.targets[static_cast<size_t>(to_old[j])];
      int expected_parent = o.parent < 0 ? k_none : to_new[static_cast<size_t>(o.parent)];
      if (expected_parent != n.parent || o.full_id != n.full_id) {
        if (expected_parent != n.parent)
          add(n.full_id, "parent", parent_id(a_, o), parent_id(b_, n), b_.file, n.mark);
      }
      compare(o, n);
    }
    for (size_t i = 0; i < a_.targets.size(); ++i) {
      if (to_new[i] != k_none) continue;
      const Target& o = a_.targets[i];
      // Pointed at in the new plan: where its parent now is, else the top of the file.
      int np = o.parent < 0 ? k_none : to_new[static_cast<size_t>(o.parent)];
      Mark at = np == k_none ? top : b_.targets[static_cast<size_t>(np)].mark;
      add(o.full_id, "removed", std::string(o.name), std::nullopt, b_.file, at);
    }
    return std::move(out_);
  }

 private:
  static std::string period_text(const Plan& p) {
    return fmt::format("{{start: {}, end: {}}}", format_date(p.period_start),
                       format_date(p.period_end));
  }
  static std::optional<std::string> parent_id(const Plan& p, const Target& t) {
    if (t.parent < 0) return std::nullopt;
    return std::string(p.targets[static_cast<size_t>(t.parent)].full_id);
  }

  PlanChange& add(std::string_view id, const char* field, std::optional<std::string> old_value,
                  std::optional<std::string> new_value, const std::string& file, Mark mark) {
    PlanChange& c = out_.emplace_back();
    c.id = id;
    c.field = field;
    c.old_value = std::move(old_value);
    c.new_value = std::move(new_value);
    c.file = file;
    c.mark = mark;
    return c;
  }

  void text_field(const Target& n, const char* field, std::string_view o, std::string_view v,
                  Mark mark) {
    if (o != v) add(n.full_id, field, text_or_none(o), text_or_none(v), b_.file, mark);
  }

  void number_field(const Target& n, const char* field, OptDouble o, OptDouble v, bool is_min,
                    bool is_max) {
    bool same = (!o && !v) || (o && v && *o == *v);
    if (same) return;
    PlanChange& c = add(n.full_id, field, number_or_none(o), number_or_none(v), b_.file,
                        n.bound_mark.line ? n.bound_mark : n.mark);
    c.numeric = true;
    if (o && v && *o != 0) c.relative = (*v - *o) / std::fabs(*o);
    if (o && v) c.lowered = (is_min && *v < *o) || (is_max && *v > *o);
  }

  void compare(const Target& o, const Target& n) {
    text_field(n, "name", o.name, n.name, n.mark);
    text_field(n, "unit", o.unit, n.unit, n.mark);
    text_field(n, "kind", kind_name(o.kind), kind_name(n.kind), n.bound_mark);
    number_field(n, "min", o.min, n.min, true, false);
    number_field(n, "max", o.max, n.max, false, true);
    number_field(n, "baseline", o.baseline, n.baseline, false, false);
    text_field(n, "start", format_date(o.start), format_date(n.start), n.mark);
    text_field(n, "due", format_date(o.due), format_date(n.due), n.mark);
    if (o.numeric() && n.numeric())
      text_field(n, "schedule", schedule_text(o), schedule_text(n), n.mark);
    if (o.numeric() && n.numeric())
      text_field(n, "rollup", rollup_name(o.rollup), rollup_name(n.rollup), n.mark);
    text_field(n, "thresholds", thresholds_text(o.thresholds), thresholds_text(n.thresholds),
               n.mark);
    text_field(n, "owner", o.owner, n.owner, n.mark);
    text_field(n, "tags", tags_text(o), tags_text(n), n.mark);
    text_field(n, "revisions", revisions_text(o), revisions_text(n), n.mark);
  }

  const Plan& a_;
  const Plan& b_;
  std::vector<PlanChange> out_;
};

}  // namespace

std::vector<PlanChange> diff_plans(const Plan& old_plan, const Plan& new_plan) {
  return Differ(old_plan, new_plan).run();
}

}  // namespace plantrack
