#include "evaluator.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace plantrack {

std::string reporter_label(std::string_view r) {
  return r.empty() ? tr(Msg::unnamed_reporter) : escape_text(r);
}

void Evaluator::add_finding(std::string code, Severity sev, std::string_view target,
                            std::string message, const std::string& file, Mark mark) {
  findings_.push_back({std::move(code), sev, std::string(target), std::move(message), file, mark});
}

void Evaluator::entry_finding(const char* code, Severity sev, const Entry& e, std::string message) {
  add_finding(code, sev, e.id, std::move(message), actuals_.files[e.file].path, e.mark);
}

void Evaluator::plan_finding(const char* code, Severity sev, const Target& t, std::string message,
                             Mark mark) {
  add_finding(code, sev, t.full_id, std::move(message), plan_.file, mark);
}

void Evaluator::report_future_entries() {
  std::vector<size_t> count(actuals_.files.size(), 0);
  std::vector<size_t> first(actuals_.files.size(), SIZE_MAX);
  for (size_t i = 0; i < actuals_.entries.size(); ++i) {
    const Entry& e = actuals_.entries[i];
    if (e.date <= as_of_ || !wanted_[e.reporter]) continue;
    if (count[e.file]++ == 0) first[e.file] = i;
  }
  for (size_t f = 0; f < count.size(); ++f) {
    if (!count[f]) continue;
    const Entry& e = actuals_.entries[first[f]];
    add_finding("future-entries", Severity::info, "",
                tr(one_or_many(count[f], Msg::future_entry, Msg::future_entries),
                   fmt::arg("n", count[f]), fmt::arg("date", format_date(as_of_))),
                actuals_.files[f].path, e.mark);
  }
}

// duplicate-input and before-period (input_findings), outside-period: SPEC §3.5.
void Evaluator::report_inputs_and_period() {
  for (Finding& f : input_findings(plan_, actuals_, as_of_))
    findings_.push_back(std::move(f));
  if (as_of_ < plan_.period_start)
    add_finding("outside-period", Severity::warn, "",
                tr(Msg::outside_period, fmt::arg("date", format_date(as_of_)),
                   fmt::arg("start", format_date(plan_.period_start))),
                plan_.file, plan_.period_mark);
}

// SPEC §3.6: one reporter's latest entry used, dated more than stale_after days before as-of.
void Evaluator::check_stale(const Target& t, std::span<const Used> used, size_t begin, size_t end) {
  uint32_t days = options_.stale_after ? *options_.stale_after : t.thresholds->stale_after;
  if (days == 0) return;
  const Entry* latest = nullptr;
  for (size_t k = begin; k < end; ++k) {
    const Entry& e = actuals_.entries[used[k].entry];
    if (!latest || e.date >= latest->date) latest = &e;
  }
  if (t.kind == Kind::milestone && latest->done && latest->done_on() &&
      *latest->done_on() <= as_of_)
    return;  // a milestone reported done is never stale
  int age = as_of_.days - latest->date.days;
  if (age <= static_cast<int64_t>(days)) return;
  std::string_view who = report_.reporter_names[static_cast<size_t>(used[begin].reporter)];
  entry_finding("stale", Severity::warn, *latest,
                tr(t.kind == Kind::milestone ? Msg::stale_report : Msg::stale_value,
                   fmt::arg("who", reporter_label(who)),
                   fmt::arg("date", format_date(latest->date)), fmt::arg("days", age)));
  findings_.back().target = t.full_id;
}

void Evaluator::check_suspicious(const Target& t, const Bounds& bounds, double actual,
                                 uint32_t latest_entry) {
  double largest = 0;
  for (OptDouble b : {bounds.min, bounds.max})
    if (b && *b > largest) largest = *b;
  std::string message;
  if (actual < 0)
    message = tr(Msg::suspicious_negative, fmt::arg("actual", show(actual)),
                 fmt::arg("unit", escape_text(t.unit)));
  else if (largest > 0 && actual > 10 * largest)
    message = tr(Msg::suspicious_large, fmt::arg("actual", show(actual)),
                 fmt::arg("unit", escape_text(t.unit)), fmt::arg("target", show(largest)));
  if (message.empty()) return;
  if (latest_entry != k_no_entry)
    entry_finding("suspicious", Severity::warn, actuals_.entries[latest_entry], message);
  else
    plan_finding("suspicious", Severity::warn, t, message, t.mark);
  findings_.back().target = t.full_id;
}

bool is_before_period(const Plan& plan, const Entry& e, std::optional<Date> as_of) {
  return (!as_of || e.date <= *as_of) && e.date < plan.period_start;
}

std::vector<Finding> input_findings(const Plan& plan, const Actuals& actuals,
                                    std::optional<Date> as_of) {
  std::vector<Finding> out;
  std::vector<size_t> count(actuals.files.size(), 0);
  std::vector<size_t> first(actuals.files.size(), SIZE_MAX);
  for (size_t i = 0; i < actuals.entries.size(); ++i) {
    const Entry& e = actuals.entries[i];
    if (!is_before_period(plan, e, as_of)) continue;
    if (count[static_cast<size_t>(e.file)]++ == 0) first[static_cast<size_t>(e.file)] = i;
  }
  for (size_t f = 0; f < actuals.files.size(); ++f) {
    const ActualsFile& file = actuals.files[f];
    if (!file.duplicate_of.empty())
      out.push_back({"duplicate-input", Severity::warn, "",
                     tr(Msg::duplicate_input, fmt::arg("other", escape_text(file.duplicate_of))),
                     file.path, Mark{1, 1}});
    if (count[f])
      out.push_back({"before-period", Severity::warn, "",
                     tr(one_or_many(count[f], Msg::before_period_one, Msg::before_period_many),
                        fmt::arg("n", count[f]), fmt::arg("start", format_date(plan.period_start)),
                        fmt::arg("date", format_date(actuals.entries[first[f]].date))),
                     file.path, actuals.entries[first[f]].mark});
  }
  return out;
}

std::vector<Finding> children_sum_findings(const Plan& plan) {
  std::vector<Finding> out;
  for (const Target& t : plan.targets) {
    if (!t.numeric() || t.rollup != Rollup::sum || t.children().empty() || t.ratio()) continue;
    for (bool use_min : {true, false}) {
      OptDouble own = use_min ? t.min : t.max;
      if (!own) continue;
      double sum = 0;
      bool all = true;
      for (int child : t.children()) {
        const Target& ct = plan.targets[static_cast<size_t>(child)];
        OptDouble cb = use_min ? ct.min : ct.max;
        auto converted =
            cb && ct.numeric() ? plan.units.convert(*cb, ct.unit, t.unit) : std::nullopt;
        if (!converted) {
          all = false;
          break;
        }
        sum += *converted;
      }
      if (all && !same(sum, *own))
        out.push_back({"children-sum", Severity::warn, std::string(t.full_id),
                       tr(use_min ? Msg::children_sum_min : Msg::children_sum_max,
                          fmt::arg("own", show(*own)), fmt::arg("unit", escape_text(t.unit)),
                          fmt::arg("sum", show(sum))),
                       plan.file, t.bound_mark});
    }
  }
  return out;
}

}  // namespace plantrack
