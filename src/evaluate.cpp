#include "evaluator.hpp"

#include <algorithm>
#include <span>

#include <fmt/format.h>

#include "parallel.hpp"
#include "progress.hpp"

namespace plantrack {

// Progress is counted in blocks of this many targets (an atomic add each).
constexpr size_t k_count_every = 4096;

namespace {

std::string ratio_entry_message(const Plan& plan, const Target& t) {
  const Ratio& r = *t.ratio();
  if (r.parent) return tr(Msg::ratio_parent_entry, fmt::arg("id", escape_text(t.full_id)));
  return tr(
      Msg::ratio_entry, fmt::arg("id", escape_text(t.full_id)),
      fmt::arg("numerator", escape_text(plan.targets[static_cast<size_t>(r.numerator)].full_id)),
      fmt::arg("denominator",
               escape_text(plan.targets[static_cast<size_t>(r.denominator)].full_id)));
}

}  // namespace

Report Evaluator::run() {
  report_.plan = &plan_;
  report_.title = plan_.title;
  report_.as_of = as_of_;
  report_.plan_file = plan_.file;
  report_future_entries();
  report_inputs_and_period();
  const size_t n = plan_.targets.size();
  combine_all();
  // Children come after their parent in plan order: walking backwards does them first. With
  // ratios, whose parts may stand anywhere, the plan gives the order.
  size_t judged = 0;
  auto step = [&](size_t i) {
    roll_up(i);
    judge(i);
    if (options_.count && ++judged % k_count_every == 0) options_.count->add(k_count_every);
  };
  if (plan_.eval_order.empty())
    for (size_t i = n; i-- > 0;)
      step(i);
  else
    for (int i : plan_.eval_order)
      step(static_cast<size_t>(i));
  if (options_.count) options_.count->add(judged % k_count_every);
  latest_entry_ = {};
  for (Finding& f : children_sum_findings(plan_))
    findings_.push_back(std::move(f));
  report_.summary = summarize(report_.targets);
  sort_findings(findings_, plan_, actuals_);
  report_.findings = std::move(findings_);
  return std::move(report_);
}

// Every target's row from its own entries. The classified entries are dropped once combined: the
// roll-up after them adds parts and findings (the peak of a big check's memory).
void Evaluator::combine_all() {
  // The used entries grouped by target (in entry order within each): target t's are
  // used[first[t] .. first[t + 1]).
  std::vector<Used> used;
  std::vector<uint32_t> first;
  classify_entries(used, first);
  if (!too_large_.empty()) throw InputError(std::move(too_large_));
  const size_t n = plan_.targets.size();
  std::vector<TargetResult>& rows = report_.targets;
  rows.resize(n);
  for (size_t t = 0; t < n; ++t)
    rows[t].target = &plan_.targets[t];
  latest_entry_.assign(n, k_no_entry);
  report_.by_reporter_spans.assign(n, {0, 0});
  for (size_t t = 0; t < n; ++t)
    combine(t, std::span<Used>(used.data() + first[t], first[t + 1] - first[t]));
}

// Not used: dated before the plan period (entries after the as-of are future-entries instead).
bool Evaluator::before_period(const Entry& e) const {
  return !options_.check_entries_before_period && is_before_period(plan_, e, as_of_);
}

// Finds each entry's target; reports unknown ids, wrong kinds and unit mismatches.
void Evaluator::classify_entries(std::vector<Used>& used, std::vector<uint32_t>& first) {
  // The id lookups, the bulk of the work, on every core.
  const size_t n = actuals_.entries.size();
  std::vector<int> target_of(n);
  for_each_block(n, 1 << 14, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      target_of[i] = plan_.find(actuals_.entries[i].id);
    }
  });
  // Then each entry checked in turn; target_of[i] becomes -1 for one that is not used.
  std::vector<double> amount_of(n);
  std::vector<int> reporter_of(n);
  // Reporters are numbered in the order of their first used entry (that order decides ties).
  std::vector<int> reporter_number(actuals_.names.size(), -1);
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    const Entry& e = actuals_.entries[i];
    int& target = target_of[i];
    if (!wanted_[e.reporter]) {
      target = -1;
      continue;
    }
    if (target < 0) {
      std::string hint = suggest(e.id);
      entry_finding(
          "unknown-target", Severity::fail, e,
          tr(Msg::unknown_target, fmt::arg("id", escape_text(e.id)),
             fmt::arg("hint", hint.empty() ? std::string()
                                           : tr(Msg::did_you_mean, fmt::arg("hint", hint)))));
      continue;
    }
    const int ti = target;
    const Target& t = plan_.targets[static_cast<size_t>(ti)];
    target = -1;  // until it passes every check below
    if (e.date > as_of_ || before_period(e)) continue;
    if (!kind_fits(e, t)) continue;
    std::optional<double> amount = amount_in_unit(e, t);
    if (!amount) continue;
    int& number = reporter_number[e.reporter];
    if (number < 0) {
      number = static_cast<int>(report_.reporter_names.size());
      report_.reporter_names.push_back(report_.arena.text(actuals_.name(e.reporter)));
    }
    target = ti;
    amount_of[i] = *amount;
    reporter_of[i] = number;
    ++kept;
  }
  group_by_target(target_of, amount_of, reporter_of, kept, used, first);
}

// Whether entry `e` is of a kind its target `t` takes (a group or ratio takes none, a
// milestone only done, the others value and add); reports wrong-kind when not.
bool Evaluator::kind_fits(const Entry& e, const Target& t) {
  if (t.kind == Kind::group) {
    entry_finding("wrong-kind", Severity::fail, e,
                  tr(Msg::group_entry, fmt::arg("id", escape_text(e.id))));
    return false;
  }
  if (t.ratio()) {
    entry_finding("wrong-kind", Severity::fail, e, ratio_entry_message(plan_, t));
    return false;
  }
  if (t.kind == Kind::milestone && e.kind != EntryKind::done) {
    entry_finding("wrong-kind", Severity::fail, e,
                  tr(Msg::milestone_entry, fmt::arg("id", escape_text(e.id)),
                     fmt::arg("key", e.kind == EntryKind::value ? "value" : "add")));
    return false;
  }
  if (t.kind != Kind::milestone && e.kind == EntryKind::done) {
    entry_finding("wrong-kind", Severity::fail, e,
                  tr(Msg::numeric_done_entry, fmt::arg("id", escape_text(e.id))));
    return false;
  }
  return true;
}

// The entry's amount in its target's unit; nullopt (reported) when it cannot be converted or
// comes out too large.
std::optional<double> Evaluator::amount_in_unit(const Entry& e, const Target& t) {
  if (!t.numeric()) return e.amount;
  std::string_view unit = e.percent     ? std::string_view("%")
                          : e.unit == 0 ? t.unit
                                        : actuals_.name(e.unit);
  auto converted = plan_.units.convert(e.amount, unit, t.unit);
  if (!converted) {
    entry_finding(
        "unit-mismatch", Severity::fail, e,
        e.percent && e.unit == 0
            ? tr(Msg::percent_mismatch, fmt::arg("value", show(e.amount)),
                 fmt::arg("id", escape_text(e.id)), fmt::arg("unit", escape_text(t.unit)))
            : tr(Msg::unit_mismatch, fmt::arg("unit", escape_text(unit)),
                 fmt::arg("target_unit", escape_text(t.unit)), fmt::arg("id", escape_text(e.id))));
    return std::nullopt;
  }
  double amount = *converted;
  if (!within_magnitude(amount)) {
    too_large_.push_back(
        {actuals_.files[e.file].path, e.mark,
         tr(Msg::converted_too_large, fmt::arg("key", e.kind == EntryKind::add ? "add" : "value"),
            fmt::arg("value", show(e.amount)), fmt::arg("unit", escape_text(unit)),
            fmt::arg("converted", format_number(amount)),
            fmt::arg("target_unit", escape_text(t.unit)), fmt::arg("id", escape_text(e.id)))});
    return std::nullopt;
  }
  return amount;
}

// The used entries grouped by target with a counting sort: stable, so each target keeps its
// entries in entry order; entries of target t are used[first[t]..first[t+1]).
void Evaluator::group_by_target(const std::vector<int>& target_of,
                                const std::vector<double>& amount_of,
                                const std::vector<int>& reporter_of, size_t kept,
                                std::vector<Used>& used, std::vector<uint32_t>& first) {
  const size_t n = target_of.size();
  first.assign(plan_.targets.size() + 1, 0);
  for (int t : target_of)
    if (t >= 0) ++first[static_cast<size_t>(t) + 1];
  for (size_t t = 0; t < plan_.targets.size(); ++t)
    first[t + 1] += first[t];
  used.resize(kept);
  std::vector<uint32_t> fill(first.begin(), first.end() - 1);
  for (size_t i = 0; i < n; ++i)
    if (target_of[i] >= 0)
      used[fill[static_cast<size_t>(target_of[i])]++] =
          Used{static_cast<uint32_t>(i), reporter_of[i], amount_of[i]};
}

// Walks the id segment by segment, fixing each unknown one by its closest sibling.
std::string Evaluator::suggest(std::string_view id) {
  if (suggestions_made_ >= 100) return "";
  ++suggestions_made_;
  if (top_level_.empty())
    for (size_t i = 0; i < plan_.targets.size(); ++i)
      if (plan_.targets[i].parent < 0) top_level_.push_back(static_cast<int>(i));
  std::span<const int> level = top_level_;
  std::string result;
  size_t pos = 0;
  bool changed = false;
  while (pos <= id.size()) {
    size_t dot = id.find('.', pos);
    std::string_view segment = id.substr(pos, dot == id.npos ? id.npos : dot - pos);
    int found = -1;
    for (int c : level)
      if (plan_.targets[static_cast<size_t>(c)].id() == segment) found = c;
    if (found < 0) {
      // Siblings one by one against the run's shared budget (see ClosestMatch).
      ClosestMatch match(segment, &suggest_budget_);
      for (size_t k = 0; k < level.size() && !match.given_up(); ++k)
        match.offer(plan_.targets[static_cast<size_t>(level[k])].id());
      std::string best = match.best();
      if (best.empty()) return "";
      for (int c : level)
        if (plan_.targets[static_cast<size_t>(c)].id() == best) found = c;
      changed = true;
    }
    result = plan_.targets[static_cast<size_t>(found)].full_id;
    level = plan_.targets[static_cast<size_t>(found)].children();
    if (dot == id.npos) break;
    pos = dot + 1;
  }
  return changed ? result : "";
}

std::optional<Date> latest_date(const Actuals& actuals) {
  std::optional<Date> latest;
  for (const ActualsFile& f : actuals.files)
    if (f.as_of && (!latest || *f.as_of > *latest)) latest = f.as_of;
  for (const Entry& e : actuals.entries)
    if (!latest || e.date > *latest) latest = e.date;
  return latest;
}

void attach_comparison(Report& report, const Report& previous) {
  Comparison c;
  c.as_of = previous.as_of;
  c.rows.reserve(previous.targets.size());
  for (const TargetResult& r : previous.targets)
    c.rows.emplace(r.target, PreviousResult{r.actual, r.done_on, r.status, r.severity});
  report.comparison = std::move(c);
}

Report evaluate(const Plan& plan, const Actuals& actuals, Date as_of,
                const EvaluateOptions& options) {
  return Evaluator(plan, actuals, as_of, options).run();
}

}  // namespace plantrack
