#include "lint.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "evaluate.hpp"
#include "messages.hpp"
#include "quantity.hpp"
#include "text.hpp"

namespace plantrack {

const std::vector<std::string> k_lint_codes = {
    "children-sum",     "child-unit",     "no-owner",      "outside-period",  "checkpoint-outside",
    "checkpoint-share", "duplicate-name", "before-period", "duplicate-input", "unknown-target",
    "wrong-kind",       "unit-mismatch",  "conflict",      "percent-linear"};

namespace {

class PlanLinter {
 public:
  explicit PlanLinter(const Plan& plan) : plan_(plan) {}

  std::vector<Finding> run() {
    lints_ = children_sum_findings(plan_);
    for (size_t i = 0; i < plan_.targets.size(); ++i) {
      const Target& t = plan_.targets[i];
      if (!t.children().empty()) check_children(t);
      check_owner(t);
      check_period(t, marks(i));
      if (t.schedule == ScheduleKind::checkpoints && t.numeric()) check_checkpoints(t);
      check_percent_linear(t);
    }
    check_names(-1);
    return std::move(lints_);
  }

 private:
  // Where the keys of target `i` stand (the plan was loaded with lint marks).
  const LintMarks& marks(size_t i) const {
    static const LintMarks none;
    return i < plan_.lint_marks.size() ? plan_.lint_marks[i] : none;
  }

  void add(const std::string& code, std::string_view target, std::string message, Mark mark) {
    lints_.push_back(
        {code, Severity::warn, std::string(target), std::move(message), plan_.file, mark});
  }

  // Owners inherit, so targets without one form whole subtrees under top-level targets: one
  // warning per top-level target, counting the targets below it that have none.
  void check_owner(const Target& t) {
    if (!plan_.owner.empty() || !t.owner.empty() || t.parent >= 0) return;
    size_t ownerless = 0;
    count_ownerless(t, ownerless);
    if (ownerless == 0) return;
    std::string id = escape_text(t.full_id);
    add("no-owner", t.full_id,
        ownerless == 1 && t.kind != Kind::group
            ? tr(Msg::lint_no_owner, fmt::arg("id", id))
            : tr(one_or_many(ownerless, Msg::lint_no_owner_one, Msg::lint_no_owner_many),
                 fmt::arg("n", ownerless), fmt::arg("id", id)),
        t.mark);
  }

  void count_ownerless(const Target& t, size_t& n) const {
    if (!t.owner.empty()) return;
    if (t.kind != Kind::group) ++n;
    for (int c : t.children())
      count_ownerless(plan_.targets[static_cast<size_t>(c)], n);
  }

  // `start` and `due` written on a target (inherited ones come from a parent already linted).
  void check_period(const Target& t, const LintMarks& m) {
    for (auto [start, d, mark] :
         {std::tuple{true, t.start, m.start}, std::tuple{false, t.due, m.due}}) {
      if (mark.line == 0) continue;
      if (d < plan_.period_start)
        add("outside-period", t.full_id,
            tr(start ? Msg::lint_start_before : Msg::lint_due_before,
               fmt::arg("date", format_date(d)), fmt::arg("id", escape_text(t.full_id)),
               fmt::arg("start", format_date(plan_.period_start))),
            mark);
      else if (d > plan_.period_end)
        add("outside-period", t.full_id,
            tr(start ? Msg::lint_start_after : Msg::lint_due_after,
               fmt::arg("date", format_date(d)), fmt::arg("id", escape_text(t.full_id)),
               fmt::arg("end", format_date(plan_.period_end))),
            mark);
    }
  }

  void check_checkpoints(const Target& t) {
    for (const Checkpoint& c : t.checkpoints()) {
      std::string key = c.quarter ? fmt::format("Q{}", c.quarter) : format_date(c.date);
      std::string when =
          tr(Msg::checkpoint_when, fmt::arg("key", key), fmt::arg("date", format_date(c.date)));
      if (c.date > t.due)
        add("checkpoint-outside", t.full_id,
            tr(Msg::lint_checkpoint_after_due, fmt::arg("when", when),
               fmt::arg("id", escape_text(t.full_id)), fmt::arg("due", format_date(t.due))),
            c.mark);
      else if (c.date < t.start)
        add("checkpoint-outside", t.full_id,
            tr(Msg::lint_checkpoint_before_start, fmt::arg("when", when),
               fmt::arg("id", escape_text(t.full_id)), fmt::arg("start", format_date(t.start))),
            c.mark);
      if (c.share && c.amount > 1)
        add("checkpoint-share", t.full_id,
            tr(Msg::lint_checkpoint_share, fmt::arg("key", key),
               fmt::arg("percent", format_number(c.amount * 100)),
               fmt::arg("id", escape_text(t.full_id))),
            c.value_mark);
    }
  }

  // A rate on the default linear path from 0 is expected to be near 0% early in the year, which
  // is rarely what a plan means by "95% or more".
  void check_percent_linear(const Target& t) {
    if (t.unit != "%" || t.schedule != ScheduleKind::linear) return;
    if (t.kind != Kind::min && t.kind != Kind::range) return;
    if (t.baseline && *t.baseline != 0) return;
    add("percent-linear", t.full_id,
        tr(Msg::lint_percent_linear, fmt::arg("id", escape_text(t.full_id))), t.bound_mark);
  }

  // Numeric children that cannot roll up into their parent's unit.
  void check_children(const Target& t) {
    if (!t.numeric() || t.rollup == Rollup::none) return;
    for (int c : t.children()) {
      const Target& ct = plan_.targets[static_cast<size_t>(c)];
      if (!ct.numeric() || plan_.units.convertible(ct.unit, t.unit)) continue;
      add("child-unit", ct.full_id,
          tr(Msg::lint_child_unit, fmt::arg("id", escape_text(ct.full_id)),
             fmt::arg("unit", escape_text(ct.unit)), fmt::arg("parent_unit", escape_text(t.unit)),
             fmt::arg("parent", escape_text(t.full_id))),
          marks(static_cast<size_t>(c)).unit);
    }
  }

  // Siblings with the same name: most likely a copy and paste left unedited.
  void check_names(int parent) {
    std::vector<int> level;
    if (parent < 0) {
      for (size_t i = 0; i < plan_.targets.size(); ++i)
        if (plan_.targets[i].parent < 0) level.push_back(static_cast<int>(i));
    } else {
      const Target& p = plan_.targets[static_cast<size_t>(parent)];
      level.assign(p.children().begin(), p.children().end());
    }
    std::unordered_map<std::string_view, int> seen;
    for (int i : level) {
      const Target& t = plan_.targets[static_cast<size_t>(i)];
      auto [it, inserted] = seen.emplace(t.name, i);
      if (!inserted) {
        const Target& first = plan_.targets[static_cast<size_t>(it->second)];
        add("duplicate-name", t.full_id,
            tr(Msg::lint_duplicate_name, fmt::arg("id", escape_text(t.full_id)),
               fmt::arg("other", escape_text(first.full_id)), fmt::arg("line", first.mark.line),
               fmt::arg("name", escape_text(t.name))),
            marks(static_cast<size_t>(i)).name);
      }
      check_names(i);
    }
  }

  const Plan& plan_;
  std::vector<Finding> lints_;
};

}  // namespace

std::vector<Finding> lint_plan(const Plan& plan) {
  return PlanLinter(plan).run();
}

std::vector<Finding> lint_actuals(const Plan& plan, const Actuals& actuals) {
  std::vector<Finding> lints = input_findings(plan, actuals, std::nullopt);
  if (actuals.entries.empty()) return lints;
  Date at = plan.period_end;
  if (auto latest = latest_date(actuals); latest && *latest > at) at = *latest;
  EvaluateOptions options;
  options.check_entries_before_period = true;  // check ignores them, but they may be wrong too
  Report r = evaluate(plan, actuals, at, options);
  for (Finding& f : r.findings) {
    if (f.code != "unknown-target" && f.code != "wrong-kind" && f.code != "unit-mismatch" &&
        f.code != "conflict")
      continue;
    f.severity = Severity::warn;
    lints.push_back(std::move(f));
  }
  return lints;
}

std::string format_warning(const Finding& f) {
  if (f.mark.line == 0)
    return fmt::format("{}: warning: {} [{}]", escape_text(f.file), f.message, f.code);
  return fmt::format("{}:{}:{}: warning: {} [{}]", escape_text(f.file), f.mark.line, f.mark.column,
                     f.message, f.code);
}

}  // namespace plantrack
