#include "evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <unordered_map>

#include <fmt/format.h>

#include "messages.hpp"
#include "parallel.hpp"
#include "progress.hpp"
#include "text.hpp"

namespace plantrack {

// Progress is counted in blocks of this many targets (an atomic add each).
constexpr size_t k_count_every = 4096;

namespace {

constexpr double k_eps = 1e-9;

bool ge(double a, double b) {
  return a >= b - k_eps * std::max(1.0, std::fabs(b));
}
bool le(double a, double b) {
  return a <= b + k_eps * std::max(1.0, std::fabs(b));
}
bool same(double a, double b) {
  return ge(a, b) && le(a, b);
}

bool met(const Target& t, const Bounds& b, double actual) {
  switch (t.kind) {
    case Kind::min:
      return ge(actual, *b.min);
    case Kind::max:
      return le(actual, *b.max);
    case Kind::range:
      return ge(actual, *b.min) && le(actual, *b.max);
    default:
      return false;
  }
}

std::string show(double v) {
  return format_readable(v, 4);
}

std::string reporter_label(std::string_view r) {
  return r.empty() ? tr(Msg::unnamed_reporter) : escape_text(r);
}

constexpr uint32_t k_no_entry = UINT32_MAX;

struct Used {
  uint32_t entry;
  int reporter;
  double amount;  // converted to the target's unit
};

// What combine() learns of a target besides its row's actual, done_on and reporters.
struct Combined {
  uint32_t latest_entry = k_no_entry;
  bool unknown = false;  // conflict: never guessed
};

std::string partial_message(size_t reported, size_t of) {
  return tr(Msg::partial_children, fmt::arg("reported", reported), fmt::arg("of", of));
}

std::string ratio_entry_message(const Plan& plan, const Target& t) {
  const Ratio& r = *t.ratio();
  if (r.parent) return tr(Msg::ratio_parent_entry, fmt::arg("id", escape_text(t.full_id)));
  return tr(
      Msg::ratio_entry, fmt::arg("id", escape_text(t.full_id)),
      fmt::arg("numerator", escape_text(plan.targets[static_cast<size_t>(r.numerator)].full_id)),
      fmt::arg("denominator",
               escape_text(plan.targets[static_cast<size_t>(r.denominator)].full_id)));
}

class Evaluator {
 public:
  Evaluator(const Plan& plan, const Actuals& actuals, Date as_of, const EvaluateOptions& options)
      : plan_(plan), actuals_(actuals), as_of_(as_of), options_(options) {
    // --by: only that reporter's entries are evaluated, as if no one else had reported.
    wanted_.assign(actuals_.names.size(), !options.by);
    if (options.by)
      for (size_t i = 0; i < actuals_.names.size(); ++i)
        wanted_[i] = actuals_.names[i] == *options.by;
  }

  Report run() {
    report_.plan = &plan_;
    report_.title = plan_.title;
    report_.as_of = as_of_;
    report_.plan_file = plan_.file;
    report_future_entries();
    report_inputs_and_period();
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
    combined_.assign(n, Combined{});
    report_.by_reporter_spans.assign(n, {0, 0});
    for (size_t t = 0; t < n; ++t)
      combine(t, std::span<Used>(used.data() + first[t], first[t + 1] - first[t]));
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
    for (Finding& f : children_sum_findings(plan_))
      findings_.push_back(std::move(f));
    report_.summary = summarize(rows);
    sort_findings();
    report_.findings = std::move(findings_);
    return std::move(report_);
  }

 private:
  void add_finding(std::string code, Severity sev, std::string_view target, std::string message,
                   const std::string& file, Mark mark) {
    findings_.push_back(
        {std::move(code), sev, std::string(target), std::move(message), file, mark});
  }
  void entry_finding(const char* code, Severity sev, const Entry& e, std::string message) {
    add_finding(code, sev, e.id, std::move(message), actuals_.files[e.file].path, e.mark);
  }
  void plan_finding(const char* code, Severity sev, const Target& t, std::string message,
                    Mark mark) {
    add_finding(code, sev, t.full_id, std::move(message), plan_.file, mark);
  }

  void report_future_entries() {
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
  void report_inputs_and_period() {
    for (Finding& f : input_findings(plan_, actuals_, as_of_))
      findings_.push_back(std::move(f));
    if (as_of_ < plan_.period_start)
      add_finding("outside-period", Severity::warn, "",
                  tr(Msg::outside_period, fmt::arg("date", format_date(as_of_)),
                     fmt::arg("start", format_date(plan_.period_start))),
                  plan_.file, plan_.period_mark);
  }

  // Not used: dated before the plan period (entries after the as-of are future-entries instead).
  bool before_period(const Entry& e) const {
    return !options_.check_entries_before_period && is_before_period(plan_, e, as_of_);
  }

  // SPEC §3.6: one reporter's latest entry used, dated more than stale_after days before as-of.
  void check_stale(const Target& t, std::span<const Used> used, size_t begin, size_t end) {
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

  // Finds each entry's target; reports unknown ids, wrong kinds and unit mismatches.
  void classify_entries(std::vector<Used>& used, std::vector<uint32_t>& first) {
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
  bool kind_fits(const Entry& e, const Target& t) {
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
  std::optional<double> amount_in_unit(const Entry& e, const Target& t) {
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
                   fmt::arg("target_unit", escape_text(t.unit)),
                   fmt::arg("id", escape_text(e.id))));
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
  void group_by_target(const std::vector<int>& target_of, const std::vector<double>& amount_of,
                       const std::vector<int>& reporter_of, size_t kept, std::vector<Used>& used,
                       std::vector<uint32_t>& first) {
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
  std::string suggest(std::string_view id) {
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
      level = plan_.targets[static_cast<size_t>(found)].children;
      if (dot == id.npos) break;
      pos = dot + 1;
    }
    return changed ? result : "";
  }

  // SPEC §3.2: per reporter the latest value plus later adds; then reporters by the rollup.
  void combine(size_t ti, std::span<Used> used) {
    const Target& t = plan_.targets[ti];
    Combined& c = combined_[ti];
    TargetResult& row = report_.targets[ti];
    if (used.empty()) return;
    std::stable_sort(used.begin(), used.end(), [&](const Used& a, const Used& b) {
      if (a.reporter != b.reporter) return a.reporter < b.reporter;
      return actuals_.entries[a.entry].date < actuals_.entries[b.entry].date;
    });
    std::vector<std::pair<int, double>> levels;  // reporter, level
    std::vector<std::pair<int, std::optional<Date>>> dones;
    names_.clear();
    const size_t first_part = report_.reporter_actuals.size();
    for (size_t begin = 0; begin < used.size();) {
      size_t end = begin;
      while (end < used.size() && used[end].reporter == used[begin].reporter)
        ++end;
      int reporter = used[begin].reporter;
      check_stale(t, used, begin, end);
      OptDouble mine;
      if (t.kind == Kind::milestone) {
        const Entry& last = actuals_.entries[used[end - 1].entry];
        std::optional<Date> on = last.done && last.done_on() && *last.done_on() <= as_of_
                                     ? last.done_on()
                                     : std::nullopt;
        dones.emplace_back(reporter, on);
        if (on) mine = static_cast<double>(on->days);
      } else if (auto level = reporter_level(t, used, begin, end)) {
        levels.emplace_back(reporter, *level);
        mine = *level;
      } else {
        c.unknown = true;
      }
      report_.reporter_actuals.push_back(
          {mine, static_cast<uint32_t>(reporter), actuals_.entries[used[end - 1].entry].date});
      keep_notes(t, used, begin, end);
      for (size_t k = begin; k < end; ++k)
        if (c.latest_entry == k_no_entry ||
            actuals_.entries[used[k].entry].date >= actuals_.entries[c.latest_entry].date)
          c.latest_entry = used[k].entry;
      if (!report_.reporter_names[static_cast<size_t>(reporter)].empty())
        names_.push_back(report_.reporter_names[static_cast<size_t>(reporter)]);
      begin = end;
    }
    finish_by_reporter(ti, first_part);
    std::sort(names_.begin(), names_.end());
    // Neighbours are mostly reported by the same people: share the previous list when equal.
    auto& lists = report_.reporter_lists;
    if (!std::equal(names_.begin(), names_.end(), lists.back().begin(), lists.back().end()))
      lists.push_back(report_.arena.copy(names_));
    row.reporters = static_cast<uint32_t>(lists.size() - 1);
    if (t.kind == Kind::milestone) {
      for (auto& [reporter, on] : dones)
        if (on && (!row.done_on || *on < *row.done_on)) row.done_on = on;
      return;
    }
    if (t.rollup == Rollup::none && used.front().reporter != used.back().reporter) {
      // At the second reporter's first entry.
      auto it = std::find_if(used.begin(), used.end(),
                             [&](const Used& u) { return u.reporter != used.front().reporter; });
      const Entry& second = actuals_.entries[it->entry];
      entry_finding(
          "conflict", Severity::fail, second,
          tr(Msg::rollup_none_conflict, fmt::arg("id", escape_text(t.full_id)),
             fmt::arg("first",
                      reporter_label(
                          report_.reporter_names[static_cast<size_t>(used.front().reporter)])),
             fmt::arg("second", reporter_label(actuals_.name(second.reporter)))));
      c.unknown = true;
    }
    if (c.unknown) return;
    std::vector<double> values;
    for (auto& [reporter, level] : levels)
      values.push_back(level);
    row.actual = roll(t.rollup, values);
  }

  // The level of one reporter, or nullopt after reporting a conflict.
  std::optional<double> reporter_level(const Target& t, std::span<const Used> used, size_t begin,
                                       size_t end) {
    const Used* latest_value = nullptr;
    bool conflict = false;
    for (size_t k = begin; k < end; ++k) {
      const Entry& e = actuals_.entries[used[k].entry];
      if (e.kind != EntryKind::value) continue;
      if (latest_value) {
        const Entry& prev = actuals_.entries[latest_value->entry];
        if (prev.date == e.date && !same(latest_value->amount, used[k].amount)) {
          entry_finding("conflict", Severity::fail, e,
                        tr(Msg::value_conflict, fmt::arg("id", escape_text(t.full_id)),
                           fmt::arg("who", reporter_label(actuals_.name(e.reporter))),
                           fmt::arg("date", format_date(e.date)),
                           fmt::arg("first", show(latest_value->amount)),
                           fmt::arg("second", show(used[k].amount))));
          conflict = true;
        }
      }
      latest_value = &used[k];
    }
    if (conflict) return std::nullopt;
    double level = latest_value ? latest_value->amount : 0;
    Date from = latest_value ? actuals_.entries[latest_value->entry].date : Date{INT32_MIN};
    for (size_t k = begin; k < end; ++k) {
      const Entry& e = actuals_.entries[used[k].entry];
      if (e.kind == EntryKind::add && (!latest_value || e.date > from)) level += used[k].amount;
    }
    return level;
  }

  static std::optional<double> roll(Rollup r, const std::vector<double>& values) {
    if (values.empty()) return std::nullopt;
    switch (r) {
      case Rollup::min:
        return *std::min_element(values.begin(), values.end());
      case Rollup::max:
        return *std::max_element(values.begin(), values.end());
      case Rollup::mean: {
        double sum = 0;
        for (double v : values)
          sum += v;
        return sum / static_cast<double>(values.size());
      }
      case Rollup::sum:
      case Rollup::none: {
        double sum = 0;
        for (double v : values)
          sum += v;
        return sum;
      }
    }
    return std::nullopt;
  }

  // A numeric target without an actual of its own takes its numeric children's actuals (SPEC
  // §3.2): one never reported, and one whose own entries conflicted (the conflict finding stays).
  void roll_up(size_t ti) {
    const Target& t = plan_.targets[ti];
    TargetResult& row = report_.targets[ti];
    if (t.ratio()) {
      compute_ratio(ti);
      return;
    }
    if (!t.numeric() || row.actual || t.rollup == Rollup::none || t.children.empty()) return;
    std::vector<double> values;
    int numeric = 0;
    parts_.clear();
    for (int child : t.children) {
      const Target& ct = plan_.targets[static_cast<size_t>(child)];
      if (!ct.numeric() || !plan_.units.convertible(ct.unit, t.unit)) continue;
      ++numeric;
      OptDouble actual = report_.targets[static_cast<size_t>(child)].actual;
      if (actual) values.push_back(*plan_.units.convert(*actual, ct.unit, t.unit));
      for (const ReporterActual& p : report_.by_reporter(static_cast<size_t>(child)))
        parts_.push_back(
            {p.by,
             p.actual ? OptDouble(*plan_.units.convert(*p.actual, ct.unit, t.unit)) : OptDouble(),
             {},
             p.date});
    }
    if (values.empty()) return;
    row.actual = roll(t.rollup, values);
    row.rolled_up = true;
    if (static_cast<int>(values.size()) < numeric)
      plan_finding("partial", Severity::warn, t, partial_message(values.size(), numeric), t.mark);
    // Each reporter's part: its children's parts rolled up the same way.
    group_parts();
    const size_t first_part = report_.reporter_actuals.size();
    std::vector<double> mine;
    for (size_t begin = 0; begin < parts_.size();) {
      size_t end = begin;
      Date latest = parts_[begin].date;
      mine.clear();
      for (; end < parts_.size() && parts_[end].by == parts_[begin].by; ++end) {
        if (parts_[end].a) mine.push_back(*parts_[end].a);
        if (parts_[end].date > latest) latest = parts_[end].date;
      }
      report_.reporter_actuals.push_back({roll(t.rollup, mine), parts_[begin].by, latest});
      begin = end;
    }
    finish_by_reporter(ti, first_part);
  }

  // SPEC §10.1: 100 × numerator / denominator, the parts converted to the denominator's unit;
  // a ratio parent sums its ratio children's parts.
  void compute_ratio(size_t ti) {
    const Target& t = plan_.targets[ti];
    RatioResult result;
    parts_.clear();
    if (t.ratio()->parent)
      gather_children_parts(t, result);
    else
      gather_own_parts(*t.ratio(), result);
    TargetResult& row = report_.targets[ti];
    row.actual = rate(result.numerator, result.denominator);
    row.rolled_up = true;
    // Each reporter's parts, summed (a ratio's own parts have one each), and its rate.
    group_parts();
    const size_t first_part = report_.reporter_actuals.size();
    for (size_t begin = 0; begin < parts_.size();) {
      size_t end = begin;
      ReporterParts mine{parts_[begin].by, {}, {}};
      Date latest = parts_[begin].date;
      for (; end < parts_.size() && parts_[end].by == mine.by; ++end) {
        const Part& p = parts_[end];
        if (p.a) mine.numerator = mine.numerator.value_or(0) + *p.a;
        if (p.b) mine.denominator = mine.denominator.value_or(0) + *p.b;
        if (p.date > latest) latest = p.date;
      }
      result.by_reporter.push_back(mine);
      report_.reporter_actuals.push_back({rate(mine.numerator, mine.denominator), mine.by, latest});
      begin = end;
    }
    finish_by_reporter(ti, first_part);
    report_.ratios[&t] = std::move(result);
  }

  // A ratio's own parts: its numerator's and denominator's actuals, and each reporter's.
  void gather_own_parts(const Ratio& q, RatioResult& result) {
    const Target& nt = plan_.targets[static_cast<size_t>(q.numerator)];
    const Target& dt = plan_.targets[static_cast<size_t>(q.denominator)];
    result.unit = dt.unit;
    auto in_unit = [&](OptDouble v) {
      return v ? OptDouble(*plan_.units.convert(*v, nt.unit, dt.unit)) : OptDouble();
    };
    result.numerator = in_unit(report_.targets[static_cast<size_t>(q.numerator)].actual);
    result.denominator = report_.targets[static_cast<size_t>(q.denominator)].actual;
    for (const ReporterActual& p : report_.by_reporter(static_cast<size_t>(q.numerator)))
      parts_.push_back({p.by, in_unit(p.actual), {}, p.date});
    for (const ReporterActual& p : report_.by_reporter(static_cast<size_t>(q.denominator)))
      parts_.push_back({p.by, {}, p.actual, p.date});
  }

  // A ratio parent's: the sums of its ratio children's parts (those with both), in the first
  // child's unit; `partial` when some child lacks one.
  void gather_children_parts(const Target& t, RatioResult& result) {
    size_t children = 0, known = 0;
    double num = 0, den = 0;
    for (int child : t.children) {
      auto it = report_.ratios.find(&plan_.targets[static_cast<size_t>(child)]);
      if (it == report_.ratios.end()) continue;
      const RatioResult& cr = it->second;
      if (result.unit.empty()) result.unit = cr.unit;
      ++children;
      auto in_unit = [&](OptDouble v) {
        return v ? OptDouble(*plan_.units.convert(*v, cr.unit, result.unit)) : OptDouble();
      };
      if (cr.numerator && cr.denominator) {
        ++known;
        num += *in_unit(cr.numerator);
        den += *in_unit(cr.denominator);
      }
      auto dates = report_.by_reporter(static_cast<size_t>(child));
      for (const ReporterParts& p : cr.by_reporter) {
        if (!p.numerator || !p.denominator) continue;
        Date date{};
        for (const ReporterActual& d : dates)
          if (d.by == p.by) date = d.date;
        parts_.push_back({p.by, in_unit(p.numerator), in_unit(p.denominator), date});
      }
    }
    if (known) {
      result.numerator = num;
      result.denominator = den;
    }
    if (known && known < children)
      plan_finding("partial", Severity::warn, t, partial_message(known, children), t.mark);
  }

  static OptDouble rate(OptDouble numerator, OptDouble denominator) {
    if (!numerator || !denominator || *denominator == 0) return {};
    return 100 * *numerator / *denominator;
  }

  // parts_ by reporter (stable: within one, in the order gathered).
  void group_parts() {
    std::stable_sort(parts_.begin(), parts_.end(),
                     [](const Part& x, const Part& y) { return x.by < y.by; });
  }

  // Sorts the parts target `ti` added since `first` worst first and gives them to its row.
  void finish_by_reporter(size_t ti, size_t first) {
    const Target& t = plan_.targets[ti];
    auto& all = report_.reporter_actuals;
    const auto& names = report_.reporter_names;
    bool higher_is_worse = t.kind == Kind::max;
    bool later_is_worse = t.kind == Kind::milestone;
    std::sort(all.begin() + static_cast<std::ptrdiff_t>(first), all.end(),
              [&](const ReporterActual& x, const ReporterActual& y) {
                if (x.actual.has_value() != y.actual.has_value()) return !x.actual.has_value();
                if (x.actual && *x.actual != *y.actual)
                  return higher_is_worse || later_is_worse ? *x.actual > *y.actual
                                                           : *x.actual < *y.actual;
                if (names[x.by] != names[y.by]) return names[x.by] < names[y.by];
                return x.by < y.by;
              });
    report_.by_reporter_spans[ti] = {static_cast<uint32_t>(first),
                                     static_cast<uint32_t>(all.size() - first)};
  }

  // The notes of the entries of one reporter that its actual uses: its latest value and the
  // adds after it (a milestone: its latest entry).
  void keep_notes(const Target& t, std::span<const Used> used, size_t begin, size_t end) {
    if (actuals_.notes.empty()) return;
    size_t from = begin;
    for (size_t k = begin; k < end; ++k)
      if (actuals_.entries[used[k].entry].kind == EntryKind::value) from = k;
    if (t.kind == Kind::milestone) from = end - 1;
    bool has_value = actuals_.entries[used[from].entry].kind == EntryKind::value;
    Date value_date = actuals_.entries[used[from].entry].date;
    for (size_t k = from; k < end; ++k) {
      const Entry& e = actuals_.entries[used[k].entry];
      if (k > from && has_value && e.date <= value_date) continue;  // an add the value covers
      auto it =
          std::lower_bound(actuals_.notes.begin(), actuals_.notes.end(), used[k].entry,
                           [](const EntryNote& n, uint32_t entry) { return n.entry < entry; });
      if (it == actuals_.notes.end() || it->entry != used[k].entry) continue;
      report_.notes[&t].push_back({static_cast<uint32_t>(used[k].reporter), e.date,
                                   report_.arena.text(it->note), report_.arena.text(it->source)});
    }
  }

  // Judges target `ti` once its children are judged; its row holds what combine() and roll_up()
  // found.
  void judge(size_t ti) {
    const Target& t = plan_.targets[ti];
    const Combined& c = combined_[ti];
    TargetResult& r = report_.targets[ti];
    if (t.kind == Kind::group) {
      const TargetResult* worst = nullptr;
      for (int child : t.children) {
        const TargetResult& cr = report_.targets[static_cast<size_t>(child)];
        if (!worst || cr.severity > worst->severity ||
            (cr.severity == worst->severity && cr.status > worst->status))
          worst = &cr;
      }
      r.status = worst ? worst->status : Status::pending;
      r.severity = status_severity(r.status);
      return;
    }
    if (t.kind == Kind::milestone) {
      r.progress = progress_of(t, as_of_, r).progress;
      r.status = r.done_on        ? (*r.done_on <= t.due ? Status::done : Status::late)
                 : as_of_ > t.due ? Status::overdue
                                  : Status::pending;
      r.severity = status_severity(r.status);
      return;
    }
    r.baseline = used_baseline(t);
    r.expected = expected_value(t, as_of_);
    const Bounds bounds = t.bounds_at(as_of_);  // SPEC §7.4: the revision in force, if any
    const Progress p = progress_of(t, as_of_, r);
    r.progress = p.progress;
    // Judged by the pace as computed: one too big for a double (a tiny divisor) is shown as
    // unknown, but still well above any threshold.
    r.pace = p.pace;
    r.status = status_of(t, bounds, r, p.nothing_expected, p.pace);
    r.severity = status_severity(r.status);
    // Only an actual from the target's own entries: a rolled-up slip is flagged on the child, and
    // a ratio's rate is computed (rolled_up).
    if (r.actual && !r.rolled_up) check_suspicious(t, bounds, *r.actual, c);
  }

  Status status_of(const Target& t, const Bounds& bounds, const TargetResult& r,
                   bool nothing_expected, std::optional<double> pace) const {
    if (r.actual && met(t, bounds, *r.actual)) return Status::done;
    if (r.actual && t.kind == Kind::range && *r.actual > *bounds.max) return Status::above_range;
    if (r.actual && t.schedule == ScheduleKind::always) return Status::breached;
    if (as_of_ > t.due) return Status::overdue;
    if (!r.actual) return nothing_expected ? Status::pending : Status::missing;
    if (nothing_expected) return Status::on_track;
    if (!pace) {
      // A max target without baseline: no pace, only whether the expected bound holds.
      return le(*r.actual, *r.expected) ? Status::on_track : Status::behind;
    }
    if (ge(*pace, t.thresholds->warn)) return Status::on_track;
    if (ge(*pace, t.thresholds->fail)) return Status::at_risk;
    return Status::behind;
  }

  void check_suspicious(const Target& t, const Bounds& bounds, double actual, const Combined& c) {
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
    if (c.latest_entry != k_no_entry)
      entry_finding("suspicious", Severity::warn, actuals_.entries[c.latest_entry], message);
    else
      plan_finding("suspicious", Severity::warn, t, message, t.mark);
    findings_.back().target = t.full_id;
  }

  void sort_findings() {
    std::unordered_map<std::string, size_t> order{{plan_.file, 0}};
    for (size_t i = 0; i < actuals_.files.size(); ++i)
      order.emplace(actuals_.files[i].path, i + 1);
    std::stable_sort(findings_.begin(), findings_.end(), [&](const Finding& a, const Finding& b) {
      size_t fa = order[a.file], fb = order[b.file];
      if (fa != fb) return fa < fb;
      if (a.mark.line != b.mark.line) return a.mark.line < b.mark.line;
      return a.mark.column < b.mark.column;
    });
  }

  const Plan& plan_;
  const Actuals& actuals_;
  Date as_of_;
  const EvaluateOptions& options_;
  Report report_;
  std::vector<Combined> combined_;
  std::vector<bool> wanted_;             // per Actuals::names: whose entries are evaluated
  std::vector<std::string_view> names_;  // scratch
  struct Part {
    uint32_t by;
    OptDouble a, b;  // a reporter's actual (roll-up) or numerator, and denominator
    Date date;
  };
  std::vector<Part> parts_;  // scratch
  std::vector<Finding> findings_;
  std::vector<Diagnostic> too_large_;  // values over the limit once converted: input errors
  std::vector<int> top_level_;
  int suggestions_made_ = 0;
  size_t suggest_budget_ = k_suggest_budget;  // shared by every suggestion of the run
};

}  // namespace

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
    if (!t.numeric() || t.rollup != Rollup::sum || t.children.empty() || t.ratio()) continue;
    for (bool use_min : {true, false}) {
      OptDouble own = use_min ? t.min : t.max;
      if (!own) continue;
      double sum = 0;
      bool all = true;
      for (int child : t.children) {
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

std::optional<Date> latest_date(const Actuals& actuals) {
  std::optional<Date> latest;
  for (const ActualsFile& f : actuals.files)
    if (f.as_of && (!latest || *f.as_of > *latest)) latest = f.as_of;
  for (const Entry& e : actuals.entries)
    if (!latest || e.date > *latest) latest = e.date;
  return latest;
}

std::optional<double> used_baseline(const Target& t) {
  if (t.baseline) return t.baseline;
  if (t.kind == Kind::min || t.kind == Kind::range) return 0.0;
  return std::nullopt;
}

Progress progress_of(const Target& t, Date as_of, const TargetResult& r) {
  Progress p;
  if (t.kind == Kind::milestone) p.progress = r.done_on ? 1.0 : 0.0;
  if (!t.numeric()) return p;
  const double bound = t.bounds_at(as_of).bound();  // SPEC §7.4: the revision in force, if any
  const bool is_max = t.kind == Kind::max;
  if (r.actual && r.baseline && !same(bound, *r.baseline))
    p.progress = is_max ? (*r.baseline - *r.actual) / (*r.baseline - bound)
                        : (*r.actual - *r.baseline) / (bound - *r.baseline);
  p.nothing_expected = !r.expected || (r.baseline && same(*r.expected, *r.baseline));
  if (r.actual && r.baseline && r.expected && !p.nothing_expected)
    p.pace = is_max ? (*r.baseline - *r.actual) / (*r.baseline - *r.expected)
                    : (*r.actual - *r.baseline) / (*r.expected - *r.baseline);
  return p;
}

std::optional<double> expected_value(const Target& t, Date a) {
  if (!t.numeric()) return std::nullopt;
  std::optional<double> b = used_baseline(t);
  double bound = t.bounds_at(a).bound();  // the bound in force at a, over the whole schedule
  switch (t.schedule) {
    case ScheduleKind::always:
      return bound;
    case ScheduleKind::end:
      return a < t.due ? b : std::optional<double>(bound);
    case ScheduleKind::linear: {
      if (!b) return std::nullopt;
      double num = a.days - t.start.days + 1, den = t.due.days - t.start.days + 1;
      if (num <= 0) return *b;
      if (num >= den) return bound;
      return *b + (bound - *b) * num / den;
    }
    case ScheduleKind::checkpoints: {
      const Checkpoint* latest = nullptr;
      for (const Checkpoint& c : t.checkpoints())
        if (c.date <= a) latest = &c;
      if (!latest) return b;
      if (!latest->share) return latest->amount;
      return b ? std::optional<double>(*b + latest->amount * (bound - *b)) : std::nullopt;
    }
  }
  return std::nullopt;
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
