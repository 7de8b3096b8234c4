#pragma once
// The checked plan and the actual entries: plain structs, no YAML in sight.

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "arena.hpp"
#include "date.hpp"
#include "diagnostic.hpp"
#include "opt_double.hpp"
#include "quantity.hpp"

namespace plantrack {

enum class Kind : uint8_t { min, max, range, milestone, group };
enum class Rollup : uint8_t { sum, none, min, max, mean };
enum class ScheduleKind : uint8_t { linear, end, always, checkpoints };

// What a target inherits from its parent (then the plan) besides owner, start and due, stored
// once per distinct set: the pace thresholds and staleness (SPEC §3.3, §3.6).
struct Thresholds {
  double warn = 0.9;
  double fail = 0.7;
  uint32_t stale_after = 0;  // days; 0 = no staleness check
};

struct Checkpoint {
  Date date;
  int16_t quarter = 0;  // n when written as Qn (Q1..Q999), else 0
  bool share = false;   // written with %
  double amount = 0;    // a share (0.4) or an absolute value in the target's unit
  Mark mark;            // its key (Q3 or the date) in the plan
  Mark value_mark;      // its value
};
// Size budget (memory of a big check), as measured on x86_64 Linux; other ABIs may differ.
#if defined(__x86_64__) && defined(__linux__)
static_assert(sizeof(Checkpoint) <= 32, "Checkpoint grew past its 32-byte budget");
#endif

// A ratio target's parts (SPEC §10.1): positions in Plan::targets. A ratio parent (a `%` target
// without `ratio:` whose numeric children are all ratios) has no ids of its own: its parts are
// the sums of its children's.
struct Ratio {
  int numerator = -1, denominator = -1;  // -1 on a ratio parent
  Mark mark;                             // the `ratio:` value (the target's mark on a parent)
  bool parent = false;
};

// A revision (调整, SPEC §7.4): from `date` on, these bounds replace the ones before.
struct Revision {
  Date date;
  OptDouble min, max;  // the revised bounds, of the target's own kind
  std::string_view note;
  Mark mark;  // the revision's mapping in the plan
};

// What few targets have, kept out of Target so that a million targets stay small.
struct TargetExtras {
  std::string_view note;
  std::span<const std::string_view> tags;
  std::span<const Checkpoint> checkpoints;
  const Ratio* ratio = nullptr;
  std::span<const Revision> revisions;  // in date order
};

// The bounds in force at a date: the latest revision dated on or before it, else the plan's.
struct Bounds {
  OptDouble min, max;
  const Revision* revision = nullptr;  // the one in force, or none
  bool is_max = false;
  double bound() const { return is_max ? *max : *min; }
};

// A unit or an owner: one of its Plan's interned texts (Arena::intern_ref), 8 bytes where a
// string_view takes 16. Reads as a std::string_view.
class Name {
 public:
  Name() = default;
  explicit Name(const std::string_view* interned) : text_(interned) {}
  operator std::string_view() const { return *text_; }
  std::string_view view() const { return *text_; }
  bool empty() const { return text_->empty(); }
  size_t size() const { return text_->size(); }
  const char* data() const { return text_->data(); }
  friend bool operator==(Name a, Name b) { return *a.text_ == *b.text_; }
  friend bool operator==(Name a, std::string_view b) { return *a.text_ == b; }

 private:
  static constexpr std::string_view k_none{};
  const std::string_view* text_ = &k_none;
};

// One target of the plan, 136 bytes. Its strings, arrays and thresholds live in its Plan: a
// Target is only valid with its Plan.
struct Target {
  std::string_view full_id;  // ancestors' ids and its own joined by '.'
  std::string_view name;
  Name unit;  // "" for milestones and groups without one
  Name owner;
  const int* child_list = nullptr;  // children(): child_count indexes into Plan::targets
  const TargetExtras* extras = nullptr;
  const Thresholds* thresholds = nullptr;  // its own, inherited, or the plan's
  OptDouble min, max;                      // the bounds; T = min for min/range, max for max
  OptDouble baseline;                      // as written
  Date start, due;
  int parent = -1;
  uint32_t child_count = 0;
  Mark mark;        // the target's mapping in the plan
  Mark bound_mark;  // its `target:` value (or the mark when absent)
  uint16_t depth = 0;
  Kind kind = Kind::group;
  ScheduleKind schedule = ScheduleKind::linear;
  Rollup rollup = Rollup::sum;

  // Indexes into Plan::targets, in plan order.
  std::span<const int> children() const { return {child_list, child_count}; }
  void set_children(std::span<const int> c) {
    child_list = c.data();
    child_count = static_cast<uint32_t>(c.size());
  }
  // The own id: what follows the last '.' of full_id (an id holds none).
  std::string_view id() const {
    size_t dot = full_id.rfind('.');
    return dot == std::string_view::npos ? full_id : full_id.substr(dot + 1);
  }
  std::string_view note() const { return extras ? extras->note : std::string_view(); }
  std::span<const std::string_view> tags() const {
    return extras ? extras->tags : std::span<const std::string_view>();
  }
  std::span<const Checkpoint> checkpoints() const {
    return extras ? extras->checkpoints : std::span<const Checkpoint>();
  }
  // Its parts when it is a ratio target or a ratio parent, else nullptr.
  const Ratio* ratio() const { return extras ? extras->ratio : nullptr; }
  std::span<const Revision> revisions() const {
    return extras ? extras->revisions : std::span<const Revision>();
  }
  Bounds bounds_at(Date d) const {
    Bounds b{min, max, nullptr, kind == Kind::max};
    for (const Revision& r : revisions())
      if (r.date <= d) b = Bounds{r.min, r.max, &r, kind == Kind::max};
    return b;
  }
  bool numeric() const { return kind == Kind::min || kind == Kind::max || kind == Kind::range; }
  // The bound the schedule moves towards: min for min/range, max for max.
  double bound() const { return kind == Kind::max ? *max : *min; }
};
// Size budget (memory of a big check), as measured on x86_64 Linux; other ABIs may differ.
#if defined(__x86_64__) && defined(__linux__)
static_assert(sizeof(Target) <= 136, "Target grew past its 136-byte budget");
#endif

// Where keys stand on one target (line 0 when not written on it): what validate's lints point
// at. Kept only when asked for (Limits::lint_marks), as check never needs them.
struct LintMarks {
  Mark id, name, unit, start, due;
};

struct Plan {
  std::string file;
  std::string title;
  Date period_start, period_end;
  Mark period_mark;  // the plan's `period:` key (where outside-period points)
  std::string owner;
  Thresholds thresholds;
  UnitTable units;
  std::deque<Target> targets;       // depth first, plan order (a deque: growing never moves them)
  std::deque<TargetExtras> extras;  // what targets' `extras` point to
  std::deque<Thresholds> threshold_sets;  // what targets' `thresholds` point to
  std::deque<Ratio> ratios;               // what extras' `ratio` point to
  // The order evaluate judges targets in: every target after what its actual depends on
  // (children, a ratio's parts). Empty when the plan has no ratio: then it is the reverse of
  // plan order.
  std::vector<int> eval_order;
  Arena arena;                        // the targets' strings and arrays
  std::vector<LintMarks> lint_marks;  // per target when asked for, else empty

  // The position in `targets` of the target with this full id, or -1.
  int find(std::string_view full_id) const;
  // Indexes target `i` by its full id; when an earlier target has the same one, returns that
  // target's position and indexes nothing.
  int add_to_index(int i);

  Plan() = default;
  Plan(Plan&&) = default;
  Plan& operator=(Plan&&) = default;
  Plan(const Plan&) = delete;  // targets view this plan's arena
  Plan& operator=(const Plan&) = delete;

 private:
  // Open addressing with linear probing: slot -> position in targets, -1 when empty. At most
  // three quarters full. 4 bytes a slot, where a node-based map takes about 50 bytes a target.
  std::vector<int> slots_;
  size_t indexed_ = 0;
  // The slot holding `full_id`, or the empty one where it would go.
  size_t slot_of(std::string_view full_id) const;
};

enum class EntryKind : uint8_t { value, add, done };

// One dated entry of an actuals file (56 bytes; its id lives in the Actuals' arena or the
// plan's, its unit and reporter in Actuals::names).
struct Entry {
  std::string_view id;
  double amount = 0;  // value or add, as written (suffixes applied)
  Mark mark;          // the entry in its file
  int file = 0;       // index into the actuals file list
  Date date;
  uint32_t unit = 0;      // Actuals::names[unit]; 0 = "" = the target's unit
  uint32_t reporter = 0;  // Actuals::names[reporter]; 0 = "" = the unnamed reporter
  Date done_date;         // when has_done_date
  EntryKind kind = EntryKind::value;
  bool percent = false;  // written with %
  bool done = false;     // done: true or a date
  bool has_done_date = false;

  std::optional<Date> done_on() const {
    return has_done_date ? std::optional<Date>(done_date) : std::nullopt;
  }
  void set_done_on(std::optional<Date> d) {
    has_done_date = d.has_value();
    done_date = d.value_or(Date{});
  }
};
// Size budget (memory of a big check), as measured on x86_64 Linux; other ABIs may differ.
#if defined(__x86_64__) && defined(__linux__)
static_assert(sizeof(Entry) <= 56, "Entry grew past its 56-byte budget");
#endif

struct ActualsFile {
  std::string path;
  std::optional<Date> as_of;  // the file's own as_of
  std::string reported_by;
  // Not read: its bytes equal those of this earlier file of the run (SPEC §3.5 duplicate-input).
  std::string duplicate_of;
};

// An entry's `note` and `source` (few entries have them), in the Actuals' arena.
struct EntryNote {
  uint32_t entry = 0;  // index into Actuals::entries
  std::string_view note, source;
};

struct Actuals {
  std::vector<ActualsFile> files;
  std::deque<Entry> entries;     // in file order, then entry order
  std::vector<EntryNote> notes;  // by entry index
  Arena arena;                   // the entries' ids not found in the plan, and names
  // The units and reporters entries name, each once, in order of first appearance; names[0] is
  // "". A million entries name a few hundred.
  std::vector<std::string_view> names{std::string_view()};

  std::string_view name(uint32_t i) const { return names[i]; }
  // The index of `s` in names, added when new.
  uint32_t intern(std::string_view s);

 private:
  std::unordered_map<std::string_view, uint32_t> name_index_;
};

const char* kind_name(Kind k);
// The plan's word for a rollup: "sum", "none", "min", "max", "mean".
const char* rollup_name(Rollup r);

}  // namespace plantrack
