#pragma once
// Reading a run's inputs on every core: a big plan cut into pieces parsed on worker threads and
// read into the Plan in order, the actuals files parsed alongside. Results never depend on the
// threads or on where (or whether) the plan was cut: ARCHITECTURE.md, "Reading in parallel".
// The parts it is built of are in plan_pieces_parts.hpp.

#include <optional>
#include <string>
#include <vector>

#include "date.hpp"
#include "diagnostic.hpp"
#include "inputs.hpp"
#include "limits.hpp"

namespace plantrack {

struct WorkCount;

// Reads the plan at `plan_path` and the actuals files at `actuals_paths` (the actuals file i is
// not read when duplicate_of[i] names an earlier file with its bytes: its ActualsFile says so).
// Every problem is kept, not thrown: the plan's are put before those already in `problems`,
// the actuals files' appended after them in file order. `count` (progress), when given, counts
// the bytes read.
Inputs read_in_parallel(const std::string& plan_path, std::vector<std::string> actuals_paths,
                        std::vector<std::string> duplicate_of, std::optional<Date> cli_as_of,
                        const Limits& limits, WorkCount* count, std::vector<Diagnostic>& problems);

}  // namespace plantrack
