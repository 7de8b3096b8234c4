#include "report.hpp"

#include <algorithm>
#include <unordered_map>

#include "quantity.hpp"

namespace plantrack {

const char* status_name(Status s) {
  switch (s) {
    case Status::done:
      return "done";
    case Status::late:
      return "late";
    case Status::above_range:
      return "above-range";
    case Status::breached:
      return "breached";
    case Status::overdue:
      return "overdue";
    case Status::pending:
      return "pending";
    case Status::missing:
      return "missing";
    case Status::on_track:
      return "on-track";
    case Status::at_risk:
      return "at-risk";
    case Status::behind:
      return "behind";
  }
  return "?";
}

Severity status_severity(Status s) {
  switch (s) {
    case Status::done:
    case Status::pending:
    case Status::on_track:
      return Severity::ok;
    case Status::late:
    case Status::above_range:
    case Status::missing:
    case Status::at_risk:
      return Severity::warn;
    case Status::breached:
    case Status::overdue:
    case Status::behind:
      return Severity::fail;
  }
  return Severity::fail;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::ok:
      return "ok";
    case Severity::warn:
      return "warn";
    case Severity::fail:
      return "fail";
  }
  return "?";
}

OptDouble TargetResult::remaining(Date as_of) const {
  if (!actual || !target || !target->numeric()) return std::nullopt;
  Bounds b = target->bounds_at(as_of);
  double gap =
      target->kind == Kind::max ? difference(*actual, *b.max) : difference(*b.min, *actual);
  return gap > 0 ? gap : 0.0;
}

OptDouble TargetResult::variance() const {
  if (!actual || !expected) return std::nullopt;
  return difference(*actual, *expected);
}

Summary summarize(const std::vector<TargetResult>& targets) {
  Summary s;
  for (const TargetResult& r : targets) {
    if (r.target->kind == Kind::group || r.context) continue;
    ++s.targets;
    ++s.by_status[static_cast<size_t>(r.status)];
    if (r.severity == Severity::fail)
      ++s.fail;
    else if (r.severity == Severity::warn)
      ++s.warn;
    else
      ++s.ok;
  }
  return s;
}

FindingCounts count_findings(const std::vector<Finding>& findings) {
  FindingCounts c;
  for (const Finding& f : findings) {
    if (f.severity == Severity::fail)
      ++c.fail;
    else if (f.severity == Severity::warn)
      ++c.warn;
    else if (f.severity == Severity::info)
      ++c.info;
  }
  return c;
}

int Report::exit_code(bool strict) const {
  auto bad = [&](Severity s) { return s == Severity::fail || (strict && s == Severity::warn); };
  for (const TargetResult& r : targets)
    if (r.target->kind != Kind::group && !r.context && bad(r.severity)) return 1;
  for (const Finding& f : findings)
    if (bad(f.severity)) return 1;
  return 0;
}

void sort_findings(std::vector<Finding>& findings, const Plan& plan, const Actuals& actuals) {
  std::unordered_map<std::string, size_t> order{{plan.file, 0}};
  for (size_t i = 0; i < actuals.files.size(); ++i)
    order.emplace(actuals.files[i].path, i + 1);
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    size_t fa = order[a.file], fb = order[b.file];
    if (fa != fb) return fa < fb;
    if (a.mark.line != b.mark.line) return a.mark.line < b.mark.line;
    return a.mark.column < b.mark.column;
  });
}

}  // namespace plantrack
