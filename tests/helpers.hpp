#pragma once
// Shared test helpers: documents, plans, actuals and reports from YAML string literals, and
// input errors captured as "LINE:COL: message" strings.

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "date.hpp"
#include "diagnostic.hpp"
#include "evaluate.hpp"
#include "load_actuals.hpp"
#include "load_plan.hpp"
#include "model.hpp"
#include "report.hpp"
#include "yaml_doc.hpp"

// Lists of messages print one per line when a check fails.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "{";
    for (const std::string& s : v)
      out += "\n  \"" + s + "\"";
    out += v.empty() ? "}" : "\n}";
    return String(out.c_str());
  }
};
}  // namespace doctest

namespace plantrack::test {

inline Date date_of(std::string_view s) {
  auto d = parse_iso_date(s);
  REQUIRE_MESSAGE(d.has_value(), "bad date in a test: ", std::string(s));
  return *d;
}

inline Document doc_of(std::string_view yaml, const std::string& file = "plan.yaml") {
  return parse_document(file, yaml, Limits{});
}

// Every diagnostic of the InputError that `f` throws, as "LINE:COL: message"; fails the test
// when `f` throws nothing.
template <class F>
std::vector<std::string> errors_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const Diagnostic& d : e.diagnostics())
      out.push_back(fmt::format("{}:{}: {}", d.mark.line, d.mark.column, d.message));
    return out;
  }
  FAIL("expected an InputError");
  return {};
}

// The single diagnostic of the InputError that `f` throws.
template <class F>
std::string error_of(F&& f) {
  std::vector<std::string> all = errors_of(std::forward<F>(f));
  REQUIRE_MESSAGE(all.size() == 1, "errors: ", fmt::format("{}", fmt::join(all, " | ")));
  return all.front();
}

inline std::vector<std::string> doc_errors(std::string_view yaml, Limits limits = {}) {
  return errors_of([&] { parse_document("f.yaml", yaml, limits); });
}
inline std::string doc_error(std::string_view yaml, Limits limits = {}) {
  return error_of([&] { parse_document("f.yaml", yaml, limits); });
}

inline Plan plan_of(std::string_view yaml) {
  return load_plan(doc_of(yaml, "plan.yaml"));
}
inline std::vector<std::string> plan_errors(std::string_view yaml) {
  return errors_of([&] { plan_of(yaml); });
}
inline std::string plan_error(std::string_view yaml) {
  return error_of([&] { plan_of(yaml); });
}

// The id by value (a view): a reference parameter bound to a temporary string would make GCC 14
// warn that the returned reference may dangle (-Wdangling-reference), though it refers to plan.
inline const Target& target_of(const Plan& plan, std::string_view full_id) {
  int i = plan.find(full_id);
  REQUIRE_MESSAGE(i >= 0, "no target ", full_id);
  return plan.targets[static_cast<size_t>(i)];
}

// Loads `files` in order, as if read from a.yaml, b.yaml, ...
inline Actuals actuals_of(const std::vector<std::string>& files,
                          std::optional<Date> cli_as_of = std::nullopt) {
  Actuals out;
  for (size_t i = 0; i < files.size(); ++i) {
    std::string name = std::string(1, static_cast<char>('a' + i)) + ".yaml";
    load_actuals(doc_of(files[i], name), cli_as_of, out);
  }
  return out;
}
inline Actuals actuals_of(std::string_view yaml, std::optional<Date> cli_as_of = std::nullopt) {
  return actuals_of(std::vector<std::string>{std::string(yaml)}, cli_as_of);
}
inline std::vector<std::string> actuals_errors(std::string_view yaml,
                                               std::optional<Date> cli_as_of = std::nullopt) {
  return errors_of([&] { actuals_of(yaml, cli_as_of); });
}
inline std::string actuals_error(std::string_view yaml,
                                 std::optional<Date> cli_as_of = std::nullopt) {
  return error_of([&] { actuals_of(yaml, cli_as_of); });
}

// A plan and its report together: the report points into the plan.
struct Checked {
  Plan plan;
  Actuals actuals;
  Report report;

  const TargetResult& operator[](const std::string& full_id) const {
    int i = plan.find(full_id);
    REQUIRE_MESSAGE(i >= 0, "no target ", full_id);
    return report.targets[static_cast<size_t>(i)];
  }
  std::string status(const std::string& full_id) const {
    return status_name((*this)[full_id].status);
  }
  // Findings as "FILE:LINE:COL CODE SEVERITY TARGET: MESSAGE".
  std::vector<std::string> findings() const {
    std::vector<std::string> out;
    for (const Finding& f : report.findings)
      out.push_back(fmt::format("{}:{}:{} {} {} {}: {}", f.file, f.mark.line, f.mark.column, f.code,
                                severity_name(f.severity), f.target, f.message));
    return out;
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const Finding& f : report.findings)
      out.push_back(f.code);
    return out;
  }
};

// Evaluates at `as_of` (the latest date in the actuals when empty).
inline std::unique_ptr<Checked> check(std::string_view plan_yaml,
                                      const std::vector<std::string>& actuals_yaml,
                                      std::string_view as_of = "") {
  auto c = std::make_unique<Checked>();
  c->plan = plan_of(plan_yaml);
  std::optional<Date> cli = as_of.empty() ? std::nullopt : std::optional<Date>(date_of(as_of));
  c->actuals = actuals_of(actuals_yaml, cli);
  std::optional<Date> at = cli ? cli : latest_date(c->actuals);
  REQUIRE(at.has_value());
  c->report = evaluate(c->plan, c->actuals, *at);
  return c;
}
inline std::unique_ptr<Checked> check(std::string_view plan_yaml, std::string_view actuals_yaml,
                                      std::string_view as_of = "") {
  return check(plan_yaml, std::vector<std::string>{std::string(actuals_yaml)}, as_of);
}

}  // namespace plantrack::test
