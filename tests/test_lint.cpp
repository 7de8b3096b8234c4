#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "lint.hpp"

using namespace plantrack;
using plantrack::test::actuals_of;
using plantrack::test::doc_of;

namespace {

// "LINE:COL CODE: MESSAGE" for each lint of the plan.
std::vector<std::string> plan_lints(const std::string& yaml) {
  Plan plan = load_plan(doc_of(yaml, "plan.yaml"), true);
  std::vector<Finding> lints = lint_plan(plan);
  sort_findings(lints, plan, Actuals{});
  std::vector<std::string> out;
  for (const Finding& f : lints)
    out.push_back(fmt::format("{}:{} {}: {}", f.mark.line, f.mark.column, f.code, f.message));
  return out;
}

std::vector<std::string> actuals_lints(const std::string& plan_yaml,
                                       const std::vector<std::string>& files) {
  Plan plan = load_plan(doc_of(plan_yaml, "plan.yaml"), true);
  Actuals actuals = actuals_of(files);
  std::vector<Finding> lints = lint_actuals(plan, actuals);
  sort_findings(lints, plan, actuals);
  std::vector<std::string> out;
  for (const Finding& f : lints)
    out.push_back(format_warning(f));
  return out;
}

const char* const k_clean = R"(title: t
period: {start: 2024-01-01, end: 2024-12-31}
owner: o
targets:
  - id: roads
    name: Roads
    unit: 公里
    target: 2.5
    children:
      - {id: a, name: A, unit: 公里, target: 1.5}
      - {id: b, name: B, unit: 米, target: 1000}
  - id: m
    name: M
    target: done
)";

}  // namespace

TEST_CASE("lint: a clean plan has none") {
  CHECK(plan_lints(k_clean).empty());
}

TEST_CASE("lint: plan lints, each with its location") {
  std::vector<std::string> lints = plan_lints(R"(title: t
period: {start: 2024-01-01, end: 2024-12-31}
targets:
  - id: houses
    name: Houses
    unit: 户
    target: 100
    due: 2025-03-31
    children:
      - {id: a, name: A, unit: 户, target: 40}
      - {id: b, name: A, unit: 户, target: 50}
      - {id: c, name: C, unit: 人, target: 10}
  - id: roads
    name: Roads
    unit: 公里
    target: 10
    start: 2023-12-01
    due: 2024-09-30
    schedule: {Q1: 10%, Q2: 40%, Q3: 70%, Q4: 120%}
  - id: funds
    name: Funds
    unit: 万元
    target: 100
    owner: 财政
    children:
      - {id: x, name: X, unit: 元, target: 400000}
      - {id: y, name: Y, unit: 万元, target: 50}
)");
  CHECK(lints == std::vector<std::string>{
                     "4:5 no-owner: 4 targets in `houses` have no owner and the plan sets none: "
                     "add `owner:` to the plan, to `houses` or to each target",
                     "8:10 outside-period: due 2025-03-31 of `houses` is after the plan period "
                     "ends (2024-12-31)",
                     "11:23 duplicate-name: `houses.b` has the same name as `houses.a` (line "
                     "10): A",
                     "12:32 child-unit: `houses.c` is counted in 人, which does not convert to "
                     "户 (the unit of `houses`): it is left out of the parent's roll-up",
                     "13:5 no-owner: `roads` has no owner and the plan sets none: add `owner:` "
                     "to it or to the plan",
                     "17:12 outside-period: start 2023-12-01 of `roads` is before the plan "
                     "period starts (2024-01-01)",
                     "19:43 checkpoint-outside: checkpoint Q4 (2024-12-31) is after `roads` is "
                     "due (2024-09-30): it never applies",
                     "19:47 checkpoint-share: checkpoint Q4 expects 120% of `roads`: more than "
                     "all of it",
                     "23:13 children-sum: min 100 万元 differs from the sum of its children's "
                     "(90)",
                 });
}

TEST_CASE("lint: a checkpoint before the target starts") {
  std::vector<std::string> lints = plan_lints(R"(title: t
period: {start: 2024-01-01, end: 2024-12-31}
owner: o
targets:
  - {id: a, name: A, unit: 个, target: 4, start: 2024-04-01, schedule: {Q1: 1, 2024-06-30: 2}}
)");
  CHECK(lints == std::vector<std::string>{
                     "5:72 checkpoint-outside: checkpoint Q1 (2024-03-31) is before `a` starts "
                     "(2024-04-01)"});
}

TEST_CASE("lint: actuals") {
  SUBCASE("none when all is well") {
    CHECK(actuals_lints(k_clean, {"as_of: 2024-06-30\nactuals: {roads.a: 1, m: {done: true}}\n"})
              .empty());
  }
  SUBCASE("entries before the period, and check's findings whatever their date") {
    std::vector<std::string> lints =
        actuals_lints(k_clean, {"as_of: 2023-12-31\nactuals:\n  roads.a: 1\n  roads.b: 2\n",
                                "actuals:\n  - {id: roads.c, date: 2025-06-30, value: 1}\n"
                                "  - {id: m, date: 2024-06-30, value: 1}\n"
                                "  - {id: roads, date: 2024-06-30, value: 1, unit: 人}\n"
                                "  - {id: roads.a, date: 2024-06-30, value: 1}\n"
                                "  - {id: roads.a, date: 2024-06-30, value: 2}\n"});
    CHECK(lints ==
          std::vector<std::string>{
              "a.yaml:3:3: warning: 2 entries dated before the plan period starts "
              "(2024-01-01), the first on 2023-12-31: not used (a file from another year?) "
              "[before-period]",
              "b.yaml:2:5: warning: no target `roads.c` in the plan (did you mean `roads.a`?) "
              "[unknown-target]",
              "b.yaml:3:5: warning: `m` is a milestone: report `done: DATE` or `done: true`, "
              "not `value`; entry not used [wrong-kind]",
              "b.yaml:4:5: warning: unit 人 cannot be converted to 公里 (the unit of `roads`); "
              "entry not used [unit-mismatch]",
              "b.yaml:6:5: warning: two different values for `roads.a` from the unnamed "
              "reporter on 2024-06-30 (1 and 2): the actual is unknown until one is corrected "
              "[conflict]",
          });
  }
}

TEST_CASE("lint: every code is documented in k_lint_codes") {
  std::set<std::string> seen;
  for (const std::string& code : k_lint_codes)
    CHECK_MESSAGE(seen.insert(code).second, "listed twice: ", code);
  CHECK(seen.size() == 14);
}

TEST_CASE("format_warning") {
  Finding f{"no-owner", Severity::warn, "a", "message", "p\x1B.yaml", Mark{3, 4}};
  CHECK(format_warning(f) == "p\\x1B.yaml:3:4: warning: message [no-owner]");
  f.mark = Mark{};
  CHECK(format_warning(f) == "p\\x1B.yaml: warning: message [no-owner]");
}

TEST_CASE("lint: a percentage on a linear schedule from 0") {
  const std::string head =
      "title: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\nowner: o\ntargets:\n";
  CHECK(plan_lints(head + "  - {id: rate, name: R, unit: \"%\", target: 95}\n") ==
        std::vector<std::string>{
            "5:44 percent-linear: `rate` is a percentage on a linear schedule from 0: it expects "
            "0% at the start; did you mean `schedule: end` or `always`?"});
  CHECK(plan_lints(head + "  - {id: rate, name: R, unit: \"%\", target: 95, schedule: linear, "
                          "baseline: 0}\n")
            .size() == 1);
  // Not on end or always, from a baseline, on a max target, or in another unit.
  for (const char* ok : {"target: 95, schedule: end", "target: 95, schedule: always",
                         "target: 95, baseline: 80", "target: {max: 5}, baseline: 9"})
    CHECK(plan_lints(head + "  - {id: rate, name: R, unit: \"%\", " + ok + "}\n").empty());
  CHECK(plan_lints(head + "  - {id: n, name: N, unit: 户, target: 95}\n").empty());
}
