#pragma once
// The plan reader behind load_plan() (load_plan.hpp), for its own files only: load_plan.cpp (the
// plan's keys, each target's identity, labels, timing and kind), load_bounds.cpp (`target:` and
// `revisions:`), load_schedule.cpp (`schedule:` and checkpoints).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fields.hpp"
#include "load_plan.hpp"
#include "ratios.hpp"

namespace plantrack {

// What a target takes from its parent (or the plan) unless it says otherwise.
// The highest quarter a checkpoint key can name: Q followed by at most three digits.
inline constexpr int k_last_quarter = 999;

struct Inherited {
  Name owner;
  const Thresholds* thresholds;
  Date start, due;
};

class PlanLoader {
 public:
  PlanLoader(const Document& doc, Plan& plan, const NextPiece* pieces, bool lint_marks)
      : doc_(&doc), plan_(plan), diags_(doc.file()), pieces_(pieces), lint_marks_(lint_marks) {}

  void load();

 private:
  void read_period(const Node* n);

  void read_thresholds(const Node& n, Thresholds& t);

  // SPEC §3.6: a positive whole number of days.
  void read_stale_after(const Node& n, Thresholds& t);

  void read_units(const Node& n);

  // Reads the items of `seq` and appends their positions to `read`.
  void read_targets(const Node& seq, int parent, const Inherited& inh, std::string_view prefix,
                    std::vector<int>& read);

  // Returns the target's position in plan_.targets. One step per group of keys, in the order
  // their problems are reported.
  int read_target(const Node& n, int parent, const Inherited& inh, std::string_view prefix);

  // `id`: the target's own and full id, entered in the index; returns where the id stands.
  Mark read_identity(Fields& f, Target& t, int index, std::string_view prefix);

  // `name`, `unit`, `owner`, `note` and `tags`; returns the `unit` node, or nullptr.
  const Node* read_labels(Fields& f, Target& t, const Inherited& inh, LintMarks& marks,
                          TargetExtras& extras);

  // `thresholds` and `stale_after`, over the inherited ones.
  void read_own_thresholds(Fields& f, Target& t, const Inherited& inh);

  // `start` and `due`, over the inherited ones.
  void read_timing(Fields& f, const Node& n, Target& t, const Inherited& inh, LintMarks& marks);

  // `target`, `children` and `baseline`: what kind of target it is, and the keys that kind
  // forbids; returns the `children` sequence to read, or nullptr.
  const Node* read_kind(Fields& f, const Node& n, Target& t, const Node* unit,
                        TargetExtras& extras);

  // `rollup`, `schedule` and `ratio`.
  void read_numbers(Fields& f, Target& t, int index, TargetExtras& extras);

  // ratio: {numerator: ID, denominator: ID} (SPEC §10.1); the ids are resolved once every
  // target is read, as they may name targets further down.
  void read_ratio_key(const Node& n, int index, const Node* rollup);

  void read_tags(const Node& n, TargetExtras& extras);

  // A value in the target's unit: "95%" only where the unit is %.
  std::optional<double> read_value(const Node& n, const Target& t, std::string_view field);

  // target: 424 | done | {min, max} | {growth} | {increase} | {decrease}; growth and friends are
  // resolved in finish_bound, once the baseline is known.
  void read_bound(const Node& n, Target& t);

  void finish_bound(const Node& n, Target& t);

  // revisions: [{date, target, note}]: each FORM as `target:` and of the same kind, in date order.
  void read_revisions(const Node& n, const Target& t, TargetExtras& extras);

  void read_rollup(const Node& n, Target& t);

  void read_schedule(const Node* n, Target& t, TargetExtras& extras);

  void read_checkpoints(const Node& n, const Target& t, TargetExtras& extras);
  // A checkpoint's key: Qn (n from 1, written with one to three digits) naming a quarter of the
  // period (`quarter` set to n), or a date; nullopt after reporting a bad one.
  std::optional<Date> read_checkpoint_key(const Node& k, int& quarter);
  // The first day of the period's quarter q (q ≥ 1).
  Date quarter_start(int q) const;
  void check_checkpoint_order(const std::vector<Checkpoint>& checkpoints, const Target& t);

  const Document* doc_;  // the document being read: the whole plan, its head or a piece
  Plan& plan_;
  Diagnostics diags_;
  const NextPiece* pieces_;
  bool period_ok_ = false;
  bool lint_marks_;
  std::vector<uint32_t> id_lines_;  // per target: the line of its id, for duplicates
  std::string full_id_;             // scratch
  // Scalar text read so far, as in the whole file's text arena whether it is read whole or in
  // pieces (so that cutting never changes a result): the pieces before doc_, then up to the
  // latest id; and the bytes of every target's full id so far.
  uint64_t text_base_ = 0;
  uint64_t text_pos_ = 0;
  uint64_t full_id_bytes_ = 0;
  bool full_ids_over_ = false;
  std::vector<RatioKey> ratio_keys_;  // resolved once every target is read
};

}  // namespace plantrack
