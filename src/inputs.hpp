#pragma once
// Reading every input of a run: the plan and the actuals files or folders.

#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

struct WorkCount;

// Files named on the command line, folders expanded to their *.yaml/*.yml/*.csv/*.xlsx
// files (sorted by name,
// not recursive, hidden files skipped), `-` as "<stdin>". A file reached twice (same device and
// inode: named twice, through a folder and by name, by a link) is kept once, where it first
// comes (SPEC §3.7). A folder that cannot be read, or holds no actuals file, is a problem.
struct ActualsPaths {
  std::vector<std::string> paths;
  std::vector<Diagnostic> problems;
};
ActualsPaths expand_actuals_paths(const std::vector<std::string>& args);

// Every path a run with these arguments reads (the plan, the actuals arguments and the files in
// their folders, `-` as "<stdin>"): what `-o` must never name.
std::vector<std::string> input_paths(const std::string& plan_path,
                                     const std::vector<std::string>& actuals_args);

struct Inputs {
  Plan plan;
  Actuals actuals;
};

// Loads everything, collecting the problems of every file before throwing one InputError. `-`
// (as the plan or among the actuals) reads standard input, named "<stdin>". An actuals file
// whose bytes equal an earlier one's is not read: its ActualsFile says which (duplicate_of).
// `count` (progress), when given, counts the bytes read of the plan and the actuals files.
Inputs load_inputs(const std::string& plan_path, const std::vector<std::string>& actuals_args,
                   std::optional<Date> cli_as_of, const Limits& limits, WorkCount* count = nullptr);

}  // namespace plantrack
