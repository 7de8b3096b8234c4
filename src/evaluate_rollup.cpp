#include "evaluator.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace plantrack {

namespace {

std::string partial_message(size_t reported, size_t of) {
  return tr(Msg::partial_children, fmt::arg("reported", reported), fmt::arg("of", of));
}

}  // namespace

// A numeric target without an actual of its own takes its numeric children's actuals (SPEC
// §3.2): one never reported, and one whose own entries conflicted (the conflict finding stays).
void Evaluator::roll_up(size_t ti) {
  const Target& t = plan_.targets[ti];
  TargetResult& row = report_.targets[ti];
  if (t.ratio()) {
    compute_ratio(ti);
    return;
  }
  if (!t.numeric() || row.actual || t.rollup == Rollup::none || t.children().empty()) return;
  std::vector<double> values;
  int numeric = 0;
  parts_.clear();
  for (int child : t.children()) {
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
void Evaluator::compute_ratio(size_t ti) {
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
void Evaluator::gather_own_parts(const Ratio& q, RatioResult& result) {
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
void Evaluator::gather_children_parts(const Target& t, RatioResult& result) {
  size_t children = 0, known = 0;
  double num = 0, den = 0;
  for (int child : t.children()) {
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

OptDouble Evaluator::rate(OptDouble numerator, OptDouble denominator) {
  if (!numerator || !denominator || *denominator == 0) return {};
  return 100 * *numerator / *denominator;
}

// parts_ by reporter (stable: within one, in the order gathered).
void Evaluator::group_parts() {
  std::stable_sort(parts_.begin(), parts_.end(),
                   [](const Part& x, const Part& y) { return x.by < y.by; });
}

}  // namespace plantrack
