#pragma once
// `trend` (SPEC §7.1): the plan evaluated at several dates over inputs read once, as one plain
// value every trend renderer prints from. Pure: no I/O.

#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "report.hpp"

namespace plantrack {

struct WorkCount;

// One target at one date: what `check --as-of DATE` shows on its row.
struct TrendPoint {
  OptDouble actual, expected, progress, pace;
  std::optional<Date> done_on;
  Status status = Status::pending;
  Severity severity = Severity::ok;
};

struct Trend {
  const Plan* plan = nullptr;  // outlives the trend
  std::string title;
  std::string plan_file;
  std::vector<Date> dates;  // increasing
  // The dates before the last, target-major (targets × (dates − 1), groups included): what the
  // trend keeps of each target at each (9 bytes: a million targets over four dates hold three
  // million); the rest of the row is computed from them and the plan, as check does.
  std::vector<OptDouble>
      values;  // the actual; for a milestone, the day it was done (days since 1970)
  std::vector<Status> statuses;   // the severity is the status's
  std::vector<Finding> findings;  // each once (see build_trend)
  Report last;                    // the check at the last date: its rows, exit status, summary

  size_t size() const { return plan->targets.size(); }
  const Target& target(size_t t) const { return plan->targets[t]; }
  // The b used (SPEC §3.1), as on check's rows.
  OptDouble baseline(size_t t) const;
  // Target `t` at date `d`, exactly as check's row at that date.
  TrendPoint point(size_t t, size_t d) const;
  std::vector<TrendPoint> series(size_t t) const;
  // The actual at date `d` minus the one at the date before (unknown at the first date, or
  // when either is unknown).
  OptDouble change(size_t t, size_t d) const {
    if (d == 0 || target(t).kind == Kind::milestone) return OptDouble();
    OptDouble now = actual(t, d), before = actual(t, d - 1);
    if (!now || !before) return OptDouble();
    return *now - *before;
  }

 private:
  OptDouble actual(size_t t, size_t d) const {
    return d + 1 == dates.size() ? last.targets[t].actual : values[t * (dates.size() - 1) + d];
  }
};

// Evaluates at each of `dates` (increasing, at least one) by SPEC §3, exactly as evaluate()
// does for each. Findings: those of the last date, then those of earlier dates not found at the
// last (same code, file, position and target), except earlier dates' `future-entries` (entries
// after an earlier date are what a trend is about), in the order check sorts findings.
// `count` (progress), when given, gets one per target at each date.
Trend build_trend(const Plan& plan, const Actuals& actuals, const std::vector<Date>& dates,
                  WorkCount* count = nullptr);

// The dates of `--every quarter|month`: every quarter end (of the plan period, counted from
// period.start) or month end within the period, on or before `until`.
std::vector<Date> every_dates(const Plan& plan, bool quarters, Date until);

}  // namespace plantrack
