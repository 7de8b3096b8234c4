#include "inputs.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>
#include <thread>

#include <fmt/format.h>

#include "load_actuals.hpp"
#include "load_plan.hpp"

namespace plantrack {

static bool yaml_name(const std::string& name) {
  auto ends = [&](const char* suffix) {
    size_t n = std::strlen(suffix);
    return name.size() > n && name.compare(name.size() - n, n, suffix) == 0;
  };
  return name[0] != '.' && (ends(".yaml") || ends(".yml"));
}

std::vector<std::string> expand_actuals_paths(const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  for (const std::string& arg : args) {
    struct stat st {};
    if (stat(arg.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      paths.push_back(arg);  // load_document reports what is wrong with it
      continue;
    }
    DIR* dir = opendir(arg.c_str());
    if (!dir)
      throw InputError(arg, Mark{1, 1},
                       fmt::format("cannot read folder: {}", std::strerror(errno)));
    std::vector<std::string> names;
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (yaml_name(name)) names.push_back(name);
    }
    closedir(dir);
    std::sort(names.begin(), names.end());
    std::string prefix = arg.back() == '/' ? arg : arg + "/";
    for (const std::string& name : names)
      paths.push_back(prefix + name);
  }
  return paths;
}

Inputs load_inputs(const std::string& plan_path, const std::vector<std::string>& actuals_args,
                   std::optional<Date> cli_as_of, const Limits& limits) {
  Inputs in;
  std::vector<Diagnostic> problems;
  auto collect = [&](const InputError& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
  };
  // The plan is read on a second thread while this one reads the actuals: both cores work.
  std::vector<Diagnostic> plan_problems;
  std::thread plan_reader([&] {
    try {
      in.plan = load_plan(load_document(plan_path, limits));
    } catch (const InputError& e) {
      plan_problems = e.diagnostics();
    } catch (const std::bad_alloc&) {
      plan_problems.push_back({plan_path, Mark{1, 1}, "out of memory while reading the plan"});
    }
  });
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join{plan_reader};
  std::vector<std::string> paths;
  try {
    paths = expand_actuals_paths(actuals_args);
  } catch (const InputError& e) {
    collect(e);
  }
  for (const std::string& path : paths) {
    try {
      load_actuals(load_document(path, limits), cli_as_of, in.actuals);
    } catch (const InputError& e) {
      collect(e);
    }
  }
  plan_reader.join();
  problems.insert(problems.begin(), plan_problems.begin(), plan_problems.end());
  if (!problems.empty()) throw InputError(std::move(problems));
  return in;
}

}  // namespace plantrack
