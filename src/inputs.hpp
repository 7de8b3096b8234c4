#pragma once
// Reading every input of a run: the plan and the actuals files or folders.

#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

// Files named on the command line, folders expanded to their *.yaml/*.yml/*.csv/*.xlsx files
// (sorted by name, not recursive, hidden files skipped). Throws InputError for a path that cannot
// be read.
std::vector<std::string> expand_actuals_paths(const std::vector<std::string>& args);

struct Inputs {
  Plan plan;
  Actuals actuals;
};

// Loads everything, collecting the problems of every file before throwing one InputError.
Inputs load_inputs(const std::string& plan_path, const std::vector<std::string>& actuals_args,
                   std::optional<Date> cli_as_of, const Limits& limits);

}  // namespace plantrack
