#include "inputs.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "actuals_file.hpp"
#include "file_id.hpp"
#include "messages.hpp"
#include "plan_pieces.hpp"
#include "read_file.hpp"

namespace plantrack {

static std::string input_name(const std::string& arg) {
  return arg == "-" ? std::string(k_stdin_name) : arg;
}

ActualsPaths expand_actuals_paths(const std::vector<std::string>& args) {
  ActualsPaths out;
  std::set<FileId> seen;             // a folder may hold many thousand files
  std::set<std::string> seen_paths;  // those that cannot be stat'ed (load_document says why)
  auto add = [&](std::string path) {
    std::optional<FileId> id = file_id(path);
    if (id.has_value() ? !seen.insert(id.value()).second : !seen_paths.insert(path).second)
      return;  // read once, silently
    out.paths.push_back(std::move(path));
  };
  for (const std::string& arg : args) {
    struct stat st {};
    if (arg == "-" || stat(arg.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      add(input_name(arg));  // load_document reports what is wrong with it
      continue;
    }
    DIR* dir = opendir(arg.c_str());
    if (!dir) {
      out.problems.push_back(
          {arg, Mark{1, 1},
           tr(Msg::cannot_read_folder, fmt::arg("error", system_error_text(errno)))});
      continue;
    }
    std::vector<std::string> names;
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (actuals_file_name(name)) names.push_back(name);
    }
    closedir(dir);
    if (names.empty()) {
      out.problems.push_back({arg, Mark{1, 1}, tr(Msg::no_actuals_in_folder)});
      continue;
    }
    std::sort(names.begin(), names.end());
    std::string prefix = arg.back() == '/' ? arg : arg + "/";
    for (const std::string& name : names)
      add(prefix + name);
  }
  return out;
}

std::vector<std::string> input_paths(const std::string& plan_path,
                                     const std::vector<std::string>& actuals_args) {
  std::vector<std::string> paths = {input_name(plan_path)};
  for (const std::string& arg : actuals_args)
    paths.push_back(input_name(arg));
  for (std::string& p : expand_actuals_paths(actuals_args).paths)
    paths.push_back(std::move(p));
  return paths;
}

// For each path, the earlier path whose file has the same bytes, or "" (SPEC §3.5
// duplicate-input). Only files of equal size are read, and compared byte for byte only when
// their hashes agree too: linear in the files, and one file's bytes in memory at a time (a folder
// of thousands of filled-in templates has many of one size). A file that cannot be read is
// compared with nothing (its reader reports it).
static std::vector<std::string> duplicates(const std::vector<std::string>& paths,
                                           const Limits& limits) {
  std::vector<std::string> of(paths.size());
  std::vector<std::optional<uint64_t>> size(paths.size());
  std::unordered_map<uint64_t, std::vector<size_t>> by_size;
  for (size_t i = 0; i < paths.size(); ++i) {
    struct stat st {};
    if (paths[i] == k_stdin_name) {
      try {
        size[i] = read_file(paths[i], limits).size();
      } catch (const InputError&) {
      }
    } else if (stat(paths[i].c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
               static_cast<uint64_t>(st.st_size) <= limits.max_bytes) {
      size[i] = static_cast<uint64_t>(st.st_size);
    }
    if (size[i]) by_size[*size[i]].push_back(i);
  }
  auto read = [&](size_t i) -> std::optional<std::string> {
    try {
      return read_file(paths[i], limits);
    } catch (const InputError&) {
      return std::nullopt;
    }
  };
  std::unordered_map<size_t, std::vector<size_t>> by_hash;  // of one size, in path order
  for (auto& [bytes_, group] : by_size) {
    if (group.size() < 2) continue;
    by_hash.clear();
    for (size_t i : group)
      if (std::optional<std::string> text = read(i))
        by_hash[std::hash<std::string_view>{}(*text)].push_back(i);
    for (auto& [hash_, same] : by_hash) {
      // Compared with each earlier file of the group that is not itself a copy (rarely more
      // than one: equal hashes are equal bytes but for a collision).
      for (size_t k = 1; k < same.size(); ++k) {
        std::optional<std::string> text = read(same[k]);
        for (size_t m = 0; text && m < k && of[same[k]].empty(); ++m) {
          if (!of[same[m]].empty()) continue;
          if (read(same[m]) == text) of[same[k]] = paths[same[m]];
        }
      }
    }
  }
  return of;
}

Inputs load_inputs(const std::string& plan_arg, const std::vector<std::string>& actuals_args,
                   std::optional<Date> cli_as_of, const Limits& limits, WorkCount* count) {
  std::vector<Diagnostic> problems;
  const std::string plan_path = input_name(plan_arg);
  bool uses_stdin = plan_path == k_stdin_name ||
                    std::find(actuals_args.begin(), actuals_args.end(), "-") != actuals_args.end();
  if (uses_stdin) read_stdin(limits);  // throws when the one stream fails
  ActualsPaths paths = expand_actuals_paths(actuals_args);
  problems = std::move(paths.problems);
  std::vector<std::string> dup = duplicates(paths.paths, limits);
  Inputs in = read_in_parallel(plan_path, std::move(paths.paths), std::move(dup), cli_as_of, limits,
                               count, problems);
  if (!problems.empty()) throw InputError(std::move(problems));
  return in;
}

}  // namespace plantrack
