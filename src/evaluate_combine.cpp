#include "evaluator.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace plantrack {

// SPEC §3.2: per reporter the latest value plus later adds; then reporters by the rollup.
void Evaluator::combine(size_t ti, std::span<Used> used) {
  const Target& t = plan_.targets[ti];
  uint32_t& latest_entry = latest_entry_[ti];
  bool unknown = false;  // a conflict: never guessed
  TargetResult& row = report_.targets[ti];
  if (used.empty()) return;
  std::stable_sort(used.begin(), used.end(), [&](const Used& a, const Used& b) {
    if (a.reporter != b.reporter) return a.reporter < b.reporter;
    return actuals_.entries[a.entry].date < actuals_.entries[b.entry].date;
  });
  std::vector<double> levels;  // each reporter's, of a numeric target
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
      std::optional<Date> on =
          last.done && last.done_on() && *last.done_on() <= as_of_ ? last.done_on() : std::nullopt;
      if (on && (!row.done_on || *on < *row.done_on)) row.done_on = on;  // the first done
      if (on) mine = static_cast<double>(on->days);
    } else if (auto level = reporter_level(t, used, begin, end)) {
      levels.push_back(*level);
      mine = *level;
    } else {
      unknown = true;
    }
    report_.reporter_actuals.push_back(
        {mine, static_cast<uint32_t>(reporter), actuals_.entries[used[end - 1].entry].date});
    keep_notes(t, used, begin, end);
    for (size_t k = begin; k < end; ++k)
      if (latest_entry == k_no_entry ||
          actuals_.entries[used[k].entry].date >= actuals_.entries[latest_entry].date)
        latest_entry = used[k].entry;
    if (!report_.reporter_names[static_cast<size_t>(reporter)].empty())
      names_.push_back(report_.reporter_names[static_cast<size_t>(reporter)]);
    begin = end;
  }
  finish_by_reporter(ti, first_part);
  row.reporters = reporter_list();
  if (t.kind == Kind::milestone) return;
  if (t.rollup == Rollup::none && !check_one_reporter(t, used)) unknown = true;
  if (!unknown) row.actual = roll(t.rollup, levels);
}

// The index in Report::reporter_lists of names_ sorted.
uint32_t Evaluator::reporter_list() {
  std::sort(names_.begin(), names_.end());
  // Neighbours are mostly reported by the same people: share the previous list when equal.
  auto& lists = report_.reporter_lists;
  if (!std::equal(names_.begin(), names_.end(), lists.back().begin(), lists.back().end()))
    lists.push_back(report_.arena.copy(names_));
  return static_cast<uint32_t>(lists.size() - 1);
}

// rollup: none takes one reporter: a second one is a conflict, reported at its first entry.
bool Evaluator::check_one_reporter(const Target& t, std::span<const Used> used) {
  if (used.front().reporter == used.back().reporter) return true;
  auto it = std::find_if(used.begin(), used.end(),
                         [&](const Used& u) { return u.reporter != used.front().reporter; });
  const Entry& second = actuals_.entries[it->entry];
  entry_finding(
      "conflict", Severity::fail, second,
      tr(Msg::rollup_none_conflict, fmt::arg("id", escape_text(t.full_id)),
         fmt::arg("first", reporter_label(
                               report_.reporter_names[static_cast<size_t>(used.front().reporter)])),
         fmt::arg("second", reporter_label(actuals_.name(second.reporter)))));
  return false;
}

// The level of one reporter, or nullopt after reporting a conflict.
std::optional<double> Evaluator::reporter_level(const Target& t, std::span<const Used> used,
                                                size_t begin, size_t end) {
  const Used* latest_value = nullptr;
  bool conflict = false;
  for (size_t k = begin; k < end; ++k) {
    const Entry& e = actuals_.entries[used[k].entry];
    if (e.kind != EntryKind::value) continue;
    if (latest_value) {
      const Entry& prev = actuals_.entries[latest_value->entry];
      if (prev.date == e.date && !same(latest_value->amount, used[k].amount)) {
        entry_finding(
            "conflict", Severity::fail, e,
            tr(Msg::value_conflict, fmt::arg("id", escape_text(t.full_id)),
               fmt::arg("who", reporter_label(actuals_.name(e.reporter))),
               fmt::arg("date", format_date(e.date)), fmt::arg("first", show(latest_value->amount)),
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

std::optional<double> Evaluator::roll(Rollup r, const std::vector<double>& values) {
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

// The notes of the entries of one reporter that its actual uses: its latest value and the
// adds after it (a milestone: its latest entry).
void Evaluator::keep_notes(const Target& t, std::span<const Used> used, size_t begin, size_t end) {
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
    auto it = std::lower_bound(actuals_.notes.begin(), actuals_.notes.end(), used[k].entry,
                               [](const EntryNote& n, uint32_t entry) { return n.entry < entry; });
    if (it == actuals_.notes.end() || it->entry != used[k].entry) continue;
    report_.notes[&t].push_back({static_cast<uint32_t>(used[k].reporter), e.date,
                                 report_.arena.text(it->note), report_.arena.text(it->source)});
  }
}

// Sorts the parts target `ti` added since `first` worst first and gives them to its row.
void Evaluator::finish_by_reporter(size_t ti, size_t first) {
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

}  // namespace plantrack
