#pragma once
// The checked plan and the actual entries: plain structs, no YAML in sight.

#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "date.hpp"
#include "diagnostic.hpp"
#include "quantity.hpp"

namespace plantrack {

enum class Kind { min, max, range, milestone, group };
enum class Rollup { sum, none, min, max, mean };
enum class ScheduleKind { linear, end, always, checkpoints };

struct Thresholds {
  double warn = 0.9;
  double fail = 0.7;
};

struct Checkpoint {
  Date date;
  double amount = 0;   // a share (0.4) or an absolute value in the target's unit
  bool share = false;  // written with %
  int quarter = 0;     // n when written as Qn, else 0
  Mark mark;           // its key (Q3 or the date) in the plan
  Mark value_mark;     // its value
};

struct Target {
  std::string id;       // own id
  std::string full_id;  // ancestors' ids and its own joined by '.'
  std::string name;
  std::string unit;  // "" for milestones and groups without one
  std::string owner;
  std::string note;
  std::vector<std::string> tags;
  Kind kind = Kind::group;
  std::optional<double> min, max;  // the bounds; T = min for min/range, max for max
  std::optional<double> baseline;  // as written
  Date start, due;
  ScheduleKind schedule = ScheduleKind::linear;
  std::vector<Checkpoint> checkpoints;
  Rollup rollup = Rollup::sum;
  Thresholds thresholds;
  int parent = -1;
  std::vector<int> children;  // indexes into Plan::targets
  int depth = 0;
  Mark mark;        // the target's mapping in the plan
  Mark id_mark;     // its `id:` value
  Mark bound_mark;  // its `target:` value (or the mark when absent)
  // Where these keys stand on this target in the plan; line 0 when not written on it.
  Mark name_mark, unit_mark, start_mark, due_mark;

  bool numeric() const { return kind == Kind::min || kind == Kind::max || kind == Kind::range; }
  // The bound the schedule moves towards: min for min/range, max for max.
  double bound() const { return kind == Kind::max ? *max : *min; }
};

struct Plan {
  std::string file;
  std::string title;
  Date period_start, period_end;
  std::string owner;
  Thresholds thresholds;
  UnitTable units;
  std::deque<Target> targets;  // depth first, plan order (a deque: growing never moves them)
  // Full id (a view of the target's own full_id) -> position in targets.
  std::unordered_map<std::string_view, int> index;

  Plan() = default;
  Plan(Plan&&) = default;
  Plan& operator=(Plan&&) = default;
  Plan(const Plan&) = delete;  // the index views strings of this plan's targets
  Plan& operator=(const Plan&) = delete;
};

enum class EntryKind { value, add, done };

struct Entry {
  int file = 0;  // index into the actuals file list
  Mark mark;     // the entry in its file
  std::string id;
  Date date;
  EntryKind kind = EntryKind::value;
  double amount = 0;     // value or add, as written (suffixes applied)
  bool percent = false;  // written with %
  std::string unit;      // "" = the target's unit
  bool done = false;     // done: true or a date
  std::optional<Date> done_on;
  std::string reporter;  // "" = the unnamed reporter
};

struct ActualsFile {
  std::string path;
  std::optional<Date> as_of;  // the file's own as_of
  std::string reported_by;
};

struct Actuals {
  std::vector<ActualsFile> files;
  std::deque<Entry> entries;  // in file order, then entry order
};

const char* kind_name(Kind k);

}  // namespace plantrack
