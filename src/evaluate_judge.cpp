#include "evaluator.hpp"

namespace plantrack {

namespace {

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

}  // namespace

// Judges target `ti` once its children are judged; its row holds what combine() and roll_up()
// found.
void Evaluator::judge(size_t ti) {
  const Target& t = plan_.targets[ti];
  TargetResult& r = report_.targets[ti];
  if (t.kind == Kind::group) {
    const TargetResult* worst = nullptr;
    for (int child : t.children()) {
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
  if (r.actual && !r.rolled_up) check_suspicious(t, bounds, *r.actual, latest_entry_[ti]);
}

Status Evaluator::status_of(const Target& t, const Bounds& bounds, const TargetResult& r,
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

}  // namespace plantrack
