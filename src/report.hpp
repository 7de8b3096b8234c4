#pragma once
// The finished result of a check: one plain value that every output format prints from.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "date.hpp"
#include "diagnostic.hpp"
#include "model.hpp"

namespace plantrack {

// In SPEC §3.3 order: the row number decides ties between statuses of one severity.
enum class Status : uint8_t {
  done,
  late,
  above_range,
  breached,
  overdue,
  pending,
  missing,
  on_track,
  at_risk,
  behind
};
constexpr int k_status_count = 10;

enum class Severity : uint8_t { info, ok, warn, fail };

const char* status_name(Status s);
Severity status_severity(Status s);
const char* severity_name(Severity s);

// One row per target: 64 bytes, a million of them in a national plan.
struct TargetResult {
  const Target* target = nullptr;  // points into the Plan, which outlives the report
  OptDouble baseline;              // the b used (0 for min/range without one)
  OptDouble actual, expected, progress, pace;
  std::optional<Date> done_on;  // milestones
  // The named reporters whose entries were used: Report::reporters_of reads them.
  uint32_t reporters = 0;
  Status status = Status::pending;
  Severity severity = Severity::ok;
  bool rolled_up = false;  // the actual comes from the children
  bool context = false;    // shown only as the parent of a filtered-in target; not counted

  // Gap to the bound in the target's unit (positive = still to go), and actual - expected.
  // The bound is the one in force at `as_of` (SPEC §7.4).
  OptDouble remaining(Date as_of) const;
  OptDouble variance() const;
};
// Size budget (memory of a big check), as measured on x86_64 Linux; other ABIs may differ.
#if defined(__x86_64__) && defined(__linux__)
static_assert(sizeof(TargetResult) <= 64, "TargetResult grew past its 64-byte budget");
#endif

struct Finding {
  std::string code;
  Severity severity = Severity::warn;
  std::string target;  // full id concerned, "" when none
  std::string message;
  std::string file;
  Mark mark;
};

// One reporter's part of a row (SPEC §10.2): its combined actual in the target's unit (for a
// milestone, the day it reported done, as days since 1970), and the date of its latest entry used.
struct ReporterActual {
  OptDouble actual;
  uint32_t by = 0;  // Report::reporter_names[by]; "" is the unnamed reporter
  Date date;
};

// One reporter's parts of a ratio, in the ratio's part unit.
struct ReporterParts {
  uint32_t by = 0;
  OptDouble numerator, denominator;
};

// What a ratio row shows of its parts: their actuals in one unit (the denominator's; a ratio
// parent's sums in its first ratio child's), and each reporter's.
struct RatioResult {
  OptDouble numerator, denominator;
  std::string_view unit;
  std::vector<ReporterParts> by_reporter;
};

// An entry's note and source as a row lists them, in the report's arena.
struct RowNote {
  uint32_t by = 0;  // Report::reporter_names
  Date date;
  std::string_view note, source;
};

struct Summary {
  int targets = 0, ok = 0, warn = 0, fail = 0;
  std::array<int, k_status_count> by_status{};
};

// A row of the check at `check --compare DATE` (SPEC §7.2).
struct PreviousResult {
  OptDouble actual;
  std::optional<Date> done_on;
  Status status = Status::pending;
  Severity severity = Severity::ok;
};

struct Comparison {
  Date as_of;
  std::unordered_map<const Target*, PreviousResult> rows;  // every target of the plan
};

struct Report {
  const Plan* plan = nullptr;  // outlives the report
  std::string title;
  Date as_of;
  std::string plan_file;
  Summary summary;
  std::vector<TargetResult> targets;  // plan order, groups included
  std::vector<Finding> findings;      // by file (plan first, then actuals), line, column
  // Lists of reporters, each sorted by name, that rows point to; [0] is the empty list. Rows
  // reported by the same people share one.
  std::vector<std::span<const std::string_view>> reporter_lists{{}};
  Arena arena;  // the lists and the names in them
  // Every reporter whose entries were used, numbered in order of their first used entry.
  std::vector<std::string_view> reporter_names;
  // Per row (parallel to `targets`): its reporters' parts, worst first (see by_reporter), a span
  // of `reporter_actuals`. Empty when the report was not made by evaluate.
  std::vector<std::pair<uint32_t, uint32_t>> by_reporter_spans;  // first, count
  std::vector<ReporterActual> reporter_actuals;
  // Ratio rows' parts, and entry notes, by target: few rows have them.
  std::unordered_map<const Target*, RatioResult> ratios;
  std::unordered_map<const Target*, std::vector<RowNote>> notes;

  std::optional<Comparison> comparison;  // with check --compare DATE

  // The same target at the --compare date (nullptr without --compare).
  const PreviousResult* previous_of(const TargetResult& r) const {
    if (!comparison) return nullptr;
    auto it = comparison->rows.find(r.target);
    return it == comparison->rows.end() ? nullptr : &it->second;
  }
  // actual - the previous actual (本期新增), when both are known.
  OptDouble change_of(const TargetResult& r) const {
    const PreviousResult* p = previous_of(r);
    if (!p || !r.actual || !p->actual) return OptDouble();
    return *r.actual - *p->actual;
  }
  // The severity got worse since the --compare date (ok → warn → fail).
  bool worsened(const TargetResult& r) const {
    const PreviousResult* p = previous_of(r);
    return p && r.severity > p->severity;
  }

  std::span<const std::string_view> reporters_of(const TargetResult& r) const {
    return reporter_lists[r.reporters];
  }
  // Row `row`'s reporters' parts, worst first: unknown actuals, then the farthest from meeting
  // the bound (the lowest actual on min and range targets, the highest on max targets; for a
  // milestone, not done, then done latest), ties by name.
  std::span<const ReporterActual> by_reporter(size_t row) const {
    if (row >= by_reporter_spans.size()) return {};
    auto [first, count] = by_reporter_spans[row];
    return {reporter_actuals.data() + first, count};
  }
  std::string_view reporter_name(uint32_t by) const { return reporter_names[by]; }
  const RatioResult* ratio_of(const TargetResult& r) const {
    auto it = ratios.find(r.target);
    return it == ratios.end() ? nullptr : &it->second;
  }
  std::span<const RowNote> notes_of(const TargetResult& r) const {
    auto it = notes.find(r.target);
    return it == notes.end() ? std::span<const RowNote>() : std::span<const RowNote>(it->second);
  }

  // 0 when nothing has severity fail (with strict: nor warn), else 1.
  int exit_code(bool strict) const;
};

// Recounts the summary from `targets` (after filtering, for instance).
Summary summarize(const std::vector<TargetResult>& targets);

// Findings by severity (SPEC §4: the summary counts them next to targets).
struct FindingCounts {
  int fail = 0, warn = 0, info = 0;
};
FindingCounts count_findings(const std::vector<Finding>& findings);

// The order findings and lints are printed in: the plan's file first, then the actuals files in
// `actuals` order; within a file by line, then column (stable).
void sort_findings(std::vector<Finding>& findings, const Plan& plan, const Actuals& actuals);

}  // namespace plantrack
