#include "trend.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "evaluate.hpp"

namespace plantrack {

namespace {

using FindingKey = std::tuple<std::string, std::string, uint32_t, uint32_t, std::string>;

FindingKey key_of(const Finding& f) {
  return {f.code, f.file, f.mark.line, f.mark.column, f.target};
}

}  // namespace

Trend build_trend(const Plan& plan, const Actuals& actuals, const std::vector<Date>& dates,
                  WorkCount* count) {
  Trend trend;
  trend.plan = &plan;
  trend.title = plan.title;
  trend.plan_file = plan.file;
  trend.dates = dates;
  const size_t n = plan.targets.size(), k = dates.size();
  trend.values.resize(n * (k - 1));
  trend.statuses.resize(n * (k - 1));
  std::vector<std::vector<Finding>> earlier;  // per date before the last
  for (size_t d = 0; d < k; ++d) {
    EvaluateOptions options;
    options.count = count;
    Report report = evaluate(plan, actuals, dates[d], options);
    for (size_t t = 0; d + 1 < k && t < n; ++t) {
      const TargetResult& r = report.targets[t];
      const size_t cell = t * (k - 1) + d;
      trend.values[cell] = r.done_on ? OptDouble(r.done_on->days) : r.actual;
      trend.statuses[cell] = r.status;
    }
    if (d + 1 < k)
      earlier.push_back(std::move(report.findings));
    else
      trend.last = std::move(report);
  }
  // Findings each once: the last date's, then earlier ones it does not have.
  std::set<FindingKey> seen;
  trend.findings = trend.last.findings;
  for (const Finding& f : trend.findings)
    seen.insert(key_of(f));
  for (size_t d = earlier.size(); d-- > 0;)
    for (Finding& f : earlier[d])
      if (f.code != "future-entries" && seen.insert(key_of(f)).second)
        trend.findings.push_back(std::move(f));
  std::map<std::string, size_t> order{{plan.file, 0}};
  for (size_t i = 0; i < actuals.files.size(); ++i)
    order.emplace(actuals.files[i].path, i + 1);
  std::stable_sort(trend.findings.begin(), trend.findings.end(),
                   [&](const Finding& a, const Finding& b) {
                     return std::tuple(order[a.file], a.mark.line, a.mark.column) <
                            std::tuple(order[b.file], b.mark.line, b.mark.column);
                   });
  return trend;
}

OptDouble Trend::baseline(size_t t) const {
  const Target& tg = target(t);
  return tg.numeric() ? OptDouble(used_baseline(tg)) : OptDouble();
}

TrendPoint Trend::point(size_t t, size_t d) const {
  const Target& tg = target(t);
  TargetResult r;
  if (d + 1 == dates.size()) {
    r = last.targets[t];
  } else {
    const size_t cell = t * (dates.size() - 1) + d;
    if (tg.kind != Kind::milestone)
      r.actual = values[cell];
    else if (values[cell])
      r.done_on = Date{static_cast<int>(*values[cell])};
    if (tg.numeric()) {
      r.baseline = used_baseline(tg);
      r.expected = expected_value(tg, dates[d]);
    }
    const Progress progress = progress_of(tg, dates[d], r);
    r.progress = progress.progress;
    r.pace = progress.pace;
    r.status = statuses[cell];
    r.severity = status_severity(r.status);
  }
  TrendPoint p;
  p.actual = r.actual;
  p.expected = r.expected;
  p.progress = r.progress;
  p.pace = r.pace;
  p.done_on = r.done_on;
  p.status = r.status;
  p.severity = r.severity;
  return p;
}

std::vector<TrendPoint> Trend::series(size_t t) const {
  std::vector<TrendPoint> out;
  out.reserve(dates.size());
  for (size_t d = 0; d < dates.size(); ++d)
    out.push_back(point(t, d));
  return out;
}

std::vector<Date> every_dates(const Plan& plan, bool quarters, Date until) {
  std::vector<Date> out;
  Date last = std::min(until, plan.period_end);
  for (int i = 1;; ++i) {
    Date end;
    if (quarters) {
      end = period_quarter_end(plan.period_start, i);
    } else {
      int year;
      unsigned month, day;
      split_date(plan.period_start, year, month, day);
      Date first = make_date(year, month, 1);
      end = Date{add_months(first, i).days - 1};
    }
    Date clamped = std::min(end, plan.period_end);
    if (clamped > last) break;
    out.push_back(clamped);
    if (end >= plan.period_end) break;
  }
  return out;
}

}  // namespace plantrack
