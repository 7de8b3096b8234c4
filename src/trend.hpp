#pragma once
// `trend` (SPEC §7.1): the plan evaluated at several dates over inputs read once, as one plain
// value every trend renderer prints from. Pure: no I/O.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model.hpp"
#include "report.hpp"

namespace plantrack {

// One target at one date: what `check --as-of DATE` shows on its row (48 bytes: a trend of a
// million targets over four dates holds four million).
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
  std::vector<Date> dates;             // increasing
  std::vector<const Target*> targets;  // plan order, groups included
  std::vector<OptDouble> baselines;    // per target: the b used
  std::vector<TrendPoint> points;      // targets.size() × dates.size(), target-major
  std::vector<Finding> findings;       // each once (see build_trend)
  Report last;                         // the check at the last date: exit status, summary

  std::span<const TrendPoint> series(size_t target) const {
    return std::span<const TrendPoint>(points.data() + target * dates.size(), dates.size());
  }
  // The actual at date `d` minus the one at the date before (unknown at the first date, or
  // when either is unknown).
  OptDouble change(size_t target, size_t d) const {
    if (d == 0) return OptDouble();
    const TrendPoint* p = points.data() + target * dates.size() + d;
    if (!p[0].actual || !p[-1].actual) return OptDouble();
    return *p[0].actual - *p[-1].actual;
  }
};

// Evaluates at each of `dates` (increasing, at least one) by SPEC §3, exactly as evaluate()
// does for each. Findings: those of the last date, then those of earlier dates not found at the
// last (same code, file, position and target), except earlier dates' `future-entries` (entries
// after an earlier date are what a trend is about), in the order check sorts findings.
Trend build_trend(const Plan& plan, const Actuals& actuals, const std::vector<Date>& dates);

// The dates of `--every quarter|month`: every quarter end (of the plan period, counted from
// period.start) or month end within the period, on or before `until`.
std::vector<Date> every_dates(const Plan& plan, bool quarters, Date until);

}  // namespace plantrack
