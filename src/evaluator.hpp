#pragma once
// The evaluator behind evaluate() (evaluate.hpp), for its own files only: evaluate.cpp (the run,
// entries to targets), evaluate_combine.cpp (one target's entries), evaluate_rollup.cpp
// (children and ratio parts), evaluate_judge.cpp (statuses), evaluate_findings.cpp.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "evaluate.hpp"
#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

inline constexpr double k_eps = 1e-9;

inline bool ge(double a, double b) {
  return a >= b - k_eps * std::max(1.0, std::fabs(b));
}
inline bool le(double a, double b) {
  return a <= b + k_eps * std::max(1.0, std::fabs(b));
}
inline bool same(double a, double b) {
  return ge(a, b) && le(a, b);
}

inline std::string show(double v) {
  return format_readable(v, 4);
}

// A reporter as findings name it: the unnamed one in words.
std::string reporter_label(std::string_view r);

inline constexpr uint32_t k_no_entry = UINT32_MAX;

struct Used {
  uint32_t entry;
  int reporter;
  double amount;  // converted to the target's unit
};

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

  Report run();

 private:
  void combine_all();

  void add_finding(std::string code, Severity sev, std::string_view target, std::string message,
                   const std::string& file, Mark mark);
  void entry_finding(const char* code, Severity sev, const Entry& e, std::string message);
  void plan_finding(const char* code, Severity sev, const Target& t, std::string message,
                    Mark mark);

  void report_future_entries();

  // duplicate-input and before-period (input_findings), outside-period: SPEC §3.5.
  void report_inputs_and_period();

  // Not used: dated before the plan period (entries after the as-of are future-entries instead).
  bool before_period(const Entry& e) const;

  // SPEC §3.6: one reporter's latest entry used, dated more than stale_after days before as-of.
  void check_stale(const Target& t, std::span<const Used> used, size_t begin, size_t end);

  // Finds each entry's target; reports unknown ids, wrong kinds and unit mismatches.
  void classify_entries(std::vector<Used>& used, std::vector<uint32_t>& first);

  // Whether entry `e` is of a kind its target `t` takes (a group or ratio takes none, a
  // milestone only done, the others value and add); reports wrong-kind when not.
  bool kind_fits(const Entry& e, const Target& t);

  // The entry's amount in its target's unit; nullopt (reported) when it cannot be converted or
  // comes out too large.
  std::optional<double> amount_in_unit(const Entry& e, const Target& t);

  // The used entries grouped by target with a counting sort: stable, so each target keeps its
  // entries in entry order; entries of target t are used[first[t]..first[t+1]).
  void group_by_target(const std::vector<int>& target_of, const std::vector<double>& amount_of,
                       const std::vector<int>& reporter_of, size_t kept, std::vector<Used>& used,
                       std::vector<uint32_t>& first);

  // Walks the id segment by segment, fixing each unknown one by its closest sibling.
  std::string suggest(std::string_view id);

  // SPEC §3.2: per reporter the latest value plus later adds; then reporters by the rollup.
  void combine(size_t ti, std::span<Used> used);
  uint32_t reporter_list();
  bool check_one_reporter(const Target& t, std::span<const Used> used);

  // The level of one reporter, or nullopt after reporting a conflict.
  std::optional<double> reporter_level(const Target& t, std::span<const Used> used, size_t begin,
                                       size_t end);

  static std::optional<double> roll(Rollup r, const std::vector<double>& values);

  // A numeric target without an actual of its own takes its numeric children's actuals (SPEC
  // §3.2): one never reported, and one whose own entries conflicted (the conflict finding stays).
  void roll_up(size_t ti);

  // SPEC §10.1: 100 × numerator / denominator, the parts converted to the denominator's unit;
  // a ratio parent sums its ratio children's parts.
  void compute_ratio(size_t ti);

  // A ratio's own parts: its numerator's and denominator's actuals, and each reporter's.
  void gather_own_parts(const Ratio& q, RatioResult& result);

  // A ratio parent's: the sums of its ratio children's parts (those with both), in the first
  // child's unit; `partial` when some child lacks one.
  void gather_children_parts(const Target& t, RatioResult& result);

  static OptDouble rate(OptDouble numerator, OptDouble denominator);

  // parts_ by reporter (stable: within one, in the order gathered).
  void group_parts();

  // Sorts the parts target `ti` added since `first` worst first and gives them to its row.
  void finish_by_reporter(size_t ti, size_t first);

  // The notes of the entries of one reporter that its actual uses: its latest value and the
  // adds after it (a milestone: its latest entry).
  void keep_notes(const Target& t, std::span<const Used> used, size_t begin, size_t end);

  // Judges target `ti` once its children are judged; its row holds what combine() and roll_up()
  // found.
  void judge(size_t ti);

  Status status_of(const Target& t, const Bounds& bounds, const TargetResult& r,
                   bool nothing_expected, std::optional<double> pace) const;

  void check_suspicious(const Target& t, const Bounds& bounds, double actual,
                        uint32_t latest_entry);

  const Plan& plan_;
  const Actuals& actuals_;
  Date as_of_;
  const EvaluateOptions& options_;
  Report report_;
  std::vector<uint32_t> latest_entry_;   // per target: its latest entry used, or k_no_entry
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

}  // namespace plantrack
