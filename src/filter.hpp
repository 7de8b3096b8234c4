#pragma once
// --tag, --owner and --only-problems: which targets a report shows (groups above them stay).

#include <string>
#include <vector>

#include "report.hpp"

namespace plantrack {

struct Filter {
  std::vector<std::string> tags;    // any of them
  std::vector<std::string> owners;  // any of them
  bool only_problems = false;       // severity warn or fail
  std::string by;                   // --by: shown only (evaluate kept that reporter's entries)
  bool active() const { return !tags.empty() || !owners.empty() || only_problems; }
};

// Keeps matching targets, their ancestor groups and parents, and the findings about them (or
// about no target); recounts the summary.
void apply_filter(Report& report, const Filter& filter);

}  // namespace plantrack
