#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "helpers.hpp"

using namespace plantrack;
using plantrack::test::check;
using plantrack::test::date_of;
using plantrack::test::plan_of;

namespace {

// A plan over 2024 (366 days) with the given targets, which start on line 4.
std::string plan_with(const std::string& targets) {
  return "title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n" + targets;
}

// Map-form actuals as of `as_of`; entries start on line 3.
std::string map_actuals(const std::string& as_of, const std::string& entries) {
  return "as_of: " + as_of + "\nactuals:\n" + entries;
}

// List-form actuals; entries start on line 2.
std::string list_actuals(const std::string& entries) {
  return "actuals:\n" + entries;
}

std::vector<std::string> names(std::span<const std::string_view> views) {
  return {views.begin(), views.end()};
}

std::string num(std::optional<double> v) {
  return v ? format_number(*v) : std::string("null");
}

// E of the plan's first target at `as_of`.
std::string expected_at(const std::string& targets, const char* as_of) {
  Plan plan = plan_of(plan_with(targets));
  return num(expected_value(plan.targets.front(), date_of(as_of)));
}

const std::string k_no_entries = "actuals: []\n";

}  // namespace

TEST_CASE("linear: E = b + f (T - b), f counted in whole days") {
  std::string t = "  - {id: a, name: A, unit: 户, target: 366}\n";
  CHECK(expected_at(t, "2023-12-31") == "0");  // before start: b
  CHECK(expected_at(t, "2024-01-01") == "1");  // the start day counts
  CHECK(expected_at(t, "2024-01-02") == "2");
  CHECK(expected_at(t, "2024-06-30") == "182");
  CHECK(expected_at(t, "2024-12-30") == "365");
  CHECK(expected_at(t, "2024-12-31") == "366");  // on due: T
  CHECK(expected_at(t, "2025-03-01") == "366");  // after due: T
  SUBCASE("with a baseline") {
    std::string tb = "  - {id: a, name: A, unit: 户, target: 466, baseline: 100}\n";
    CHECK(expected_at(tb, "2023-06-01") == "100");
    CHECK(expected_at(tb, "2024-01-01") == "101");
    CHECK(expected_at(tb, "2024-06-30") == "282");
    CHECK(expected_at(tb, "2024-12-31") == "466");
  }
  SUBCASE("own start and due") {
    std::string ts =
        "  - {id: a, name: A, unit: 户, target: 10, start: 2024-03-01, due: 2024-03-10}\n";
    CHECK(expected_at(ts, "2024-02-29") == "0");
    CHECK(expected_at(ts, "2024-03-01") == "1");
    CHECK(expected_at(ts, "2024-03-05") == "5");
    CHECK(expected_at(ts, "2024-03-10") == "10");
  }
  SUBCASE("a max target with a baseline moves down") {
    std::string tm = "  - {id: a, name: A, unit: 户, target: {max: 0}, baseline: 366}\n";
    CHECK(expected_at(tm, "2024-01-01") == "365");
    CHECK(expected_at(tm, "2024-06-30") == "184");
    CHECK(expected_at(tm, "2024-12-31") == "0");
  }
  SUBCASE("a range moves towards its min") {
    CHECK(expected_at("  - {id: a, name: A, unit: 户, target: {min: 366, max: 400}}\n",
                      "2024-06-30") == "182");
  }
}

TEST_CASE("end: E = b before due, T from due on") {
  std::string t = "  - {id: a, name: A, unit: 户, target: 100, baseline: 5, schedule: end}\n";
  CHECK(expected_at(t, "2024-01-01") == "5");
  CHECK(expected_at(t, "2024-12-30") == "5");
  CHECK(expected_at(t, "2024-12-31") == "100");
  CHECK(expected_at(t, "2025-01-01") == "100");
  SUBCASE("a max target without baseline has no E before due") {
    std::string tm = "  - {id: a, name: A, unit: 户, target: {max: 50}}\n";
    CHECK(expected_at(tm, "2024-12-30") == "null");
    CHECK(expected_at(tm, "2024-12-31") == "50");
  }
}

TEST_CASE("always: E = T on every date") {
  std::string t = "  - {id: a, name: A, unit: \"%\", target: 95, schedule: always}\n";
  CHECK(expected_at(t, "2023-01-01") == "95");
  CHECK(expected_at(t, "2024-01-01") == "95");
  CHECK(expected_at(t, "2025-06-01") == "95");
  CHECK(expected_at("  - {id: a, name: A, unit: 户, target: {max: 50}, schedule: always}\n",
                    "2024-02-01") == "50");
}

TEST_CASE("checkpoints: steps at the latest checkpoint on or before as-of") {
  std::string t =
      "  - {id: a, name: A, unit: 户, target: 1000, schedule: {Q1: 10%, Q2: 40%, Q3: 70%, Q4: "
      "100%}}\n";
  CHECK(expected_at(t, "2024-01-01") == "0");  // before the first: b
  CHECK(expected_at(t, "2024-03-30") == "0");
  CHECK(expected_at(t, "2024-03-31") == "100");  // on a checkpoint
  CHECK(expected_at(t, "2024-04-01") == "100");  // between: no interpolation
  CHECK(expected_at(t, "2024-06-29") == "100");
  CHECK(expected_at(t, "2024-06-30") == "400");
  CHECK(expected_at(t, "2024-09-30") == "700");
  CHECK(expected_at(t, "2024-12-31") == "1000");
  CHECK(expected_at(t, "2025-02-01") == "1000");
  SUBCASE("shares of T - b") {
    std::string tb =
        "  - {id: a, name: A, unit: 户, target: 1200, baseline: 200, schedule: {Q2: 40%}}\n";
    CHECK(expected_at(tb, "2024-06-29") == "200");
    CHECK(expected_at(tb, "2024-06-30") == "600");
  }
  SUBCASE("absolute values in the target's unit") {
    std::string ta =
        "  - {id: a, name: A, unit: 户, target: 1000, baseline: 200, schedule: {2024-05-15: 300, "
        "2024-08-01: 650}}\n";
    CHECK(expected_at(ta, "2024-05-14") == "200");
    CHECK(expected_at(ta, "2024-05-15") == "300");
    CHECK(expected_at(ta, "2024-07-31") == "300");
    CHECK(expected_at(ta, "2024-08-01") == "650");
    CHECK(expected_at(ta, "2024-12-31") == "650");  // the checkpoints decide, even on due
  }
  SUBCASE("a max target without baseline, absolute values") {
    std::string tm =
        "  - {id: a, name: A, unit: 户, target: {max: 50}, schedule: {Q2: 80, Q4: 50}}\n";
    CHECK(expected_at(tm, "2024-06-29") == "null");
    CHECK(expected_at(tm, "2024-06-30") == "80");
  }
}

TEST_CASE("milestones and groups have no E") {
  CHECK(expected_at("  - {id: m, name: M, target: done}\n", "2024-06-30") == "null");
  CHECK(expected_at("  - {id: g, name: G, children: [{id: m, name: M, target: done}]}\n",
                    "2024-06-30") == "null");
}

TEST_CASE("each status, and the rule that decides it") {
  std::string plan = plan_with(R"(  - {id: done, name: met, unit: 户, target: 100}
  - {id: done-late, name: met after due, unit: 户, target: 100, due: 2024-06-30}
  - {id: late, name: filed late, target: done, due: 2024-06-30}
  - {id: range, name: range, unit: 个, target: {min: 3, max: 5}}
  - {id: range-over-due, name: range, unit: 个, target: {min: 3, max: 5}, due: 2024-06-30}
  - {id: range-always, name: range, unit: 个, target: {min: 3, max: 5}, schedule: always}
  - {id: breached, name: rate, unit: "%", target: 95, schedule: always}
  - {id: breached-over-due, name: rate, unit: "%", target: 95, schedule: always, due: 2024-06-30}
  - {id: overdue, name: due in June, unit: 户, target: 100, due: 2024-06-30}
  - {id: overdue-unreported, name: due in June, unit: 户, target: 100, due: 2024-06-30}
  - {id: due-today, name: due today, unit: 户, target: 100, due: 2024-09-30}
  - {id: pending, name: end, unit: 户, target: 100, schedule: end}
  - {id: pending-start, name: later, unit: 户, target: 100, start: 2024-10-01}
  - {id: missing, name: not reported, unit: 户, target: 100}
  - {id: missing-always, name: not reported, unit: "%", target: 95, schedule: always}
  - {id: on-track-end, name: nothing expected, unit: 户, target: 100, schedule: end}
  - {id: on-track, name: at warn, unit: 户, target: 1000, schedule: {Q3: 50%}}
  - {id: at-risk-high, name: below warn, unit: 户, target: 1000, schedule: {Q3: 50%}}
  - {id: at-risk, name: at fail, unit: 户, target: 1000, schedule: {Q3: 50%}}
  - {id: behind, name: below fail, unit: 户, target: 1000, schedule: {Q3: 50%}}
)");
  auto c = check(plan, map_actuals("2024-09-30", R"(  done: 100
  done-late: 120
  late: {done: 2024-07-02}
  range: 6
  range-over-due: 7
  range-always: 6
  breached: 94.9%
  breached-over-due: 90
  overdue: 99
  due-today: 95
  pending-start: ~
  on-track-end: 10
  on-track: 450
  at-risk-high: 449.9
  at-risk: 350
  behind: 349.9
)"));
  CHECK(c->status("done") == "done");
  CHECK(c->status("done-late") == "done");  // met, even after due
  CHECK(c->status("late") == "late");
  CHECK(c->status("range") == "above-range");
  CHECK(c->status("range-over-due") == "above-range");  // whatever the date
  CHECK(c->status("range-always") == "above-range");    // above-range beats breached
  CHECK(c->status("breached") == "breached");
  CHECK(c->status("breached-over-due") == "breached");  // breached beats overdue
  CHECK(c->status("overdue") == "overdue");
  CHECK(c->status("overdue-unreported") == "overdue");  // no actual is not met
  CHECK(c->status("due-today") == "on-track");          // a == d is not overdue
  CHECK(c->status("pending") == "pending");             // E = b, no actual
  CHECK(c->status("pending-start") == "pending");       // before its start
  CHECK(c->status("missing") == "missing");
  CHECK(c->status("missing-always") == "missing");
  CHECK(c->status("on-track-end") == "on-track");  // E = b
  CHECK(c->status("on-track") == "on-track");      // pace exactly warn
  CHECK(c->status("at-risk-high") == "at-risk");   // just below warn
  CHECK(c->status("at-risk") == "at-risk");        // pace exactly fail
  CHECK(c->status("behind") == "behind");          // just below fail

  CHECK(num(c->operator[]("on-track").pace) == "0.9");
  CHECK(num(c->operator[]("at-risk").pace) == "0.7");
  CHECK(num(c->operator[]("on-track").expected) == "500");
  CHECK(num(c->operator[]("on-track").progress) == "0.45");
  CHECK(num(c->operator[]("due-today").pace) == "0.95");
  CHECK(num(c->operator[]("pending").pace) == "null");
  CHECK(num(c->operator[]("on-track-end").pace) == "null");  // E = b: no pace
  CHECK(num(c->operator[]("on-track-end").progress) == "0.1");
  CHECK(num(c->operator[]("missing").actual) == "null");
  CHECK(num(c->operator[]("missing").progress) == "null");

  CHECK(c->report.findings.empty());
  const Summary& s = c->report.summary;
  CHECK(s.targets == 20);
  CHECK(s.by_status[static_cast<size_t>(Status::done)] == 2);
  CHECK(s.by_status[static_cast<size_t>(Status::late)] == 1);
  CHECK(s.by_status[static_cast<size_t>(Status::above_range)] == 3);
  CHECK(s.by_status[static_cast<size_t>(Status::breached)] == 2);
  CHECK(s.by_status[static_cast<size_t>(Status::overdue)] == 2);
  CHECK(s.by_status[static_cast<size_t>(Status::pending)] == 2);
  CHECK(s.by_status[static_cast<size_t>(Status::missing)] == 2);
  CHECK(s.by_status[static_cast<size_t>(Status::on_track)] == 3);
  CHECK(s.by_status[static_cast<size_t>(Status::at_risk)] == 2);
  CHECK(s.by_status[static_cast<size_t>(Status::behind)] == 1);
  CHECK(s.ok == 7);
  CHECK(s.warn == 8);
  CHECK(s.fail == 5);
  CHECK(c->report.exit_code(false) == 1);
}

TEST_CASE("statuses carry their severity") {
  CHECK(status_severity(Status::done) == Severity::ok);
  CHECK(status_severity(Status::late) == Severity::warn);
  CHECK(status_severity(Status::above_range) == Severity::warn);
  CHECK(status_severity(Status::breached) == Severity::fail);
  CHECK(status_severity(Status::overdue) == Severity::fail);
  CHECK(status_severity(Status::pending) == Severity::ok);
  CHECK(status_severity(Status::missing) == Severity::warn);
  CHECK(status_severity(Status::on_track) == Severity::ok);
  CHECK(status_severity(Status::at_risk) == Severity::warn);
  CHECK(status_severity(Status::behind) == Severity::fail);
  std::vector<std::string> names;
  for (int i = 0; i < k_status_count; ++i)
    names.push_back(status_name(static_cast<Status>(i)));
  CHECK(names == std::vector<std::string>{"done", "late", "above-range", "breached", "overdue",
                                          "pending", "missing", "on-track", "at-risk", "behind"});
}

TEST_CASE("pace against the thresholds, linear schedule") {
  // E = 182 on 2024-06-30.
  std::string plan = plan_with(R"(  - {id: a, name: A, unit: 户, target: 366}
  - {id: b, name: B, unit: 户, target: 366, thresholds: {warn: 95%, fail: 50%}}
)");
  auto status_with = [&](const char* actual) {
    auto c = check(
        plan, map_actuals("2024-06-30", std::string("  a: ") + actual + "\n  b: " + actual + "\n"));
    return c->status("a") + "/" + c->status("b");
  };
  CHECK(status_with("182") == "on-track/on-track");
  CHECK(status_with("173") == "on-track/on-track");   // 0.9505
  CHECK(status_with("172") == "on-track/at-risk");    // 0.945
  CHECK(status_with("163.8") == "on-track/at-risk");  // 0.9
  CHECK(status_with("163") == "at-risk/at-risk");
  CHECK(status_with("127.4") == "at-risk/at-risk");  // 0.7
  CHECK(status_with("127") == "behind/at-risk");
  CHECK(status_with("91") == "behind/at-risk");  // 0.5
  CHECK(status_with("90") == "behind/behind");
  CHECK(status_with("0") == "behind/behind");
  CHECK(status_with("400") == "done/done");
}

TEST_CASE("plan thresholds apply to every target") {
  std::string plan =
      "title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
      "thresholds: {warn: 50%, fail: 40%}\n"
      "targets: [{id: a, name: A, unit: 户, target: 366}]\n";
  CHECK(check(plan, map_actuals("2024-06-30", "  a: 91\n"))->status("a") == "on-track");
  CHECK(check(plan, map_actuals("2024-06-30", "  a: 90\n"))->status("a") == "at-risk");
  CHECK(check(plan, map_actuals("2024-06-30", "  a: 72\n"))->status("a") == "behind");
}

TEST_CASE("max targets") {
  SUBCASE("with a baseline: pace and progress of the reduction") {
    // b = 100, T = 50, E = 80 from Q2 on.
    std::string plan = plan_with(
        "  - {id: a, name: A, unit: 户, target: {max: 50}, baseline: 100, schedule: {Q2: 80}}\n");
    auto at = [&](const char* actual) {
      return check(plan, map_actuals("2024-09-30", std::string("  a: ") + actual + "\n"));
    };
    auto c = at("82");
    CHECK(c->status("a") == "on-track");
    CHECK(num((*c)["a"].pace) == "0.9");
    CHECK(num((*c)["a"].progress) == "0.36");
    CHECK(num((*c)["a"].baseline) == "100");
    CHECK(num((*c)["a"].expected) == "80");
    CHECK(at("86")->status("a") == "at-risk");
    CHECK(num((*at("86"))["a"].pace) == "0.7");
    CHECK(at("87")->status("a") == "behind");
    CHECK(at("50")->status("a") == "done");
    CHECK(at("20")->status("a") == "done");
    CHECK(num((*at("20"))["a"].progress) == "1.6");
    CHECK(at("120")->status("a") == "behind");
  }
  SUBCASE("without a baseline: no pace, no progress, default schedule end") {
    std::string plan = plan_with("  - {id: a, name: A, unit: 户, target: {max: 50}}\n");
    auto c = check(plan, map_actuals("2024-09-30", "  a: 60\n"));
    CHECK(c->status("a") == "on-track");  // nothing expected before due
    CHECK(num((*c)["a"].pace) == "null");
    CHECK(num((*c)["a"].progress) == "null");
    CHECK(num((*c)["a"].baseline) == "null");
    CHECK(num((*c)["a"].expected) == "null");
    CHECK(check(plan, map_actuals("2024-09-30", "  a: 40\n"))->status("a") == "done");
    CHECK(check(plan, map_actuals("2024-12-31", "  a: 60\n"))->status("a") == "behind");
    CHECK(check(plan, map_actuals("2025-01-01", "  a: 60\n"))->status("a") == "overdue");
    CHECK(check(plan, k_no_entries, "2024-09-30")->status("a") == "pending");
    CHECK(check(plan, k_no_entries, "2024-12-31")->status("a") == "missing");
  }
  SUBCASE("a limit that must always hold") {
    std::string plan =
        plan_with("  - {id: a, name: A, unit: 户, target: {max: 50}, schedule: always}\n");
    CHECK(check(plan, map_actuals("2024-03-31", "  a: 50\n"))->status("a") == "done");
    CHECK(check(plan, map_actuals("2024-03-31", "  a: 50.5\n"))->status("a") == "breached");
    CHECK(check(plan, k_no_entries, "2024-03-31")->status("a") == "missing");
  }
  SUBCASE("a decrease target") {
    std::string plan =
        plan_with("  - {id: a, name: A, unit: 人, target: {decrease: 20万}, baseline: 70万}\n");
    auto c = check(plan, map_actuals("2024-12-31", "  a: 55万\n"));
    CHECK(num(c->plan.targets[0].max) == "500000");
    CHECK(c->status("a") == "at-risk");  // on due, not overdue
    CHECK(num((*c)["a"].pace) == "0.75");
    CHECK(num((*c)["a"].progress) == "0.75");
  }
}

TEST_CASE("milestones") {
  std::string plan = plan_with("  - {id: m, name: M, target: done, due: 2024-06-30}\n");
  auto at = [&](const std::string& as_of, const std::string& done) {
    return check(plan, map_actuals(as_of, "  m: {done: " + done + "}\n"));
  };
  auto c = at("2024-09-30", "2024-05-01");
  CHECK(c->status("m") == "done");
  CHECK(format_date(*(*c)["m"].done_on) == "2024-05-01");
  CHECK(num((*c)["m"].progress) == "1");
  CHECK(num((*c)["m"].actual) == "null");
  CHECK(at("2024-09-30", "2024-06-30")->status("m") == "done");  // on due
  CHECK(at("2024-09-30", "2024-07-01")->status("m") == "late");
  CHECK(at("2024-09-30", "true")->status("m") == "late");  // dated by as_of
  CHECK(at("2024-05-31", "true")->status("m") == "done");
  CHECK(at("2024-07-01", "false")->status("m") == "overdue");
  CHECK(at("2024-06-30", "false")->status("m") == "pending");
  CHECK(num((*at("2024-06-30", "false"))["m"].progress) == "0");
  CHECK(check(plan, k_no_entries, "2024-06-30")->status("m") == "pending");
  CHECK(check(plan, k_no_entries, "2024-07-01")->status("m") == "overdue");
  SUBCASE("a done date after as-of counts as not done yet") {
    CHECK(check(plan, map_actuals("2024-09-30", "  m: {done: 2024-12-20}\n"), "2024-06-15")
              ->status("m") == "pending");
    auto later = check(plan, list_actuals("  - {id: m, date: 2024-06-01, done: 2024-06-20}\n"),
                       "2024-06-10");
    CHECK(later->status("m") == "pending");
    CHECK_FALSE(later->operator[]("m").done_on);
  }
  SUBCASE("the latest entry of a reporter decides; the earliest reporter's date counts") {
    auto c2 = check(plan, list_actuals(R"(  - {id: m, date: 2024-05-01, done: 2024-05-01, by: A}
  - {id: m, date: 2024-06-01, done: false, by: A}
  - {id: m, date: 2024-06-20, done: 2024-06-20, by: B}
  - {id: m, date: 2024-06-25, done: 2024-06-10, by: C}
)"),
                    "2024-09-30");
    CHECK(c2->status("m") == "done");
    CHECK(format_date(*(*c2)["m"].done_on) == "2024-06-10");
    CHECK(names((*c2).report.reporters_of((*c2)["m"])) == std::vector<std::string>{"A", "B", "C"});
  }
}

TEST_CASE("the actual of one reporter: the latest value plus later adds") {
  std::string plan = plan_with("  - {id: a, name: A, unit: 户, target: 1000}\n");
  auto actual = [&](const std::string& entries) {
    return num((*check(plan, list_actuals(entries), "2024-09-30"))["a"].actual);
  };
  CHECK(actual(R"(  - {id: a, date: 2024-03-01, add: 30}
  - {id: a, date: 2024-03-31, value: 100}
  - {id: a, date: 2024-04-15, add: 20}
  - {id: a, date: 2024-06-30, value: 150}
  - {id: a, date: 2024-07-01, add: 10}
  - {id: a, date: 2024-08-01, add: 5}
)") == "165");
  CHECK(actual(R"(  - {id: a, date: 2024-03-01, add: 5}
  - {id: a, date: 2024-04-01, add: 7}
)") == "12");   // adds only, on top of 0
  CHECK(actual(R"(  - {id: a, date: 2024-06-30, add: 5}
  - {id: a, date: 2024-06-30, value: 100}
)") == "100");  // an add on the same date as the value is in it
  CHECK(actual(R"(  - {id: a, date: 2024-08-01, value: 300}
  - {id: a, date: 2024-03-31, value: 100}
)") == "300");  // the latest by date, not by position
  CHECK(actual(R"(  - {id: a, date: 2024-08-01, value: 300}
  - {id: a, date: 2024-10-01, value: 500}
  - {id: a, date: 2024-10-01, add: 5}
)") == "300");  // entries after as-of are ignored
  SUBCASE("equal duplicates are fine") {
    auto c = check(plan,
                   list_actuals("  - {id: a, date: 2024-06-30, value: 100}\n"
                                "  - {id: a, date: 2024-06-30, value: \"100\"}\n"),
                   "2024-09-30");
    CHECK(num((*c)["a"].actual) == "100");
    CHECK(c->report.findings.empty());
  }
  SUBCASE("units are converted before adding") {
    std::string funds = plan_with("  - {id: a, name: A, unit: 万元, target: 1000}\n");
    auto c = check(funds, list_actuals(R"(  - {id: a, date: 2024-03-31, value: 4000000, unit: 元}
  - {id: a, date: 2024-04-30, add: 0.5, unit: 亿元}
  - {id: a, date: 2024-05-30, add: 1}
)"),
                   "2024-09-30");
    CHECK(num((*c)["a"].actual) == "5401");
  }
}

TEST_CASE("reporters combine by the rollup") {
  auto actual = [](const std::string& rollup, const std::string& unit = "户") {
    std::string plan =
        plan_with("  - {id: a, name: A, unit: \"" + unit + "\", target: 1000" + rollup + "}\n");
    return check(plan, list_actuals(R"(  - {id: a, date: 2024-06-30, value: 100, by: 乙村}
  - {id: a, date: 2024-06-30, value: 50, by: 甲村}
  - {id: a, date: 2024-07-30, add: 10, by: 甲村}
)"),
                 "2024-09-30");
  };
  CHECK(num((*actual(""))["a"].actual) == "160");
  auto both = actual("");
  CHECK(names(both->report.reporters_of((*both)["a"])) == std::vector<std::string>{"乙村", "甲村"});
  CHECK(num((*actual(", rollup: sum"))["a"].actual) == "160");
  CHECK(num((*actual(", rollup: mean"))["a"].actual) == "80");
  CHECK(num((*actual(", rollup: min"))["a"].actual) == "60");
  CHECK(num((*actual(", rollup: max"))["a"].actual) == "100");
  SUBCASE("none: a second reporter is a conflict and the actual is unknown") {
    auto c = actual(", rollup: none");
    CHECK(num((*c)["a"].actual) == "null");
    CHECK(c->status("a") == "missing");
    CHECK(c->findings() == std::vector<std::string>{
                               "a.yaml:3:5 conflict fail a: `a` has rollup none but is "
                               "reported by 乙村 and 甲村: the actual is unknown until only one "
                               "reports it"});
    CHECK(c->report.exit_code(false) == 1);
  }
  SUBCASE("% targets default to none") {
    auto c = actual("", "%");
    CHECK(num((*c)["a"].actual) == "null");
    CHECK(c->codes() == std::vector<std::string>{"conflict"});
  }
  SUBCASE("none with one reporter") {
    std::string plan = plan_with("  - {id: a, name: A, unit: \"%\", target: 95}\n");
    auto c = check(plan, map_actuals("2024-09-30", "  a: 96.2%\n"));
    CHECK(num((*c)["a"].actual) == "96.2");
    CHECK(c->status("a") == "done");
    CHECK(c->report.reporters_of((*c)["a"]).empty());  // the unnamed reporter is not listed
  }
  SUBCASE("reporters across files") {
    std::string plan = plan_with("  - {id: a, name: A, unit: 户, target: 1000}\n");
    auto c = check(
        plan, std::vector<std::string>{"as_of: 2024-06-30\nreported_by: 甲\nactuals: {a: 100}\n",
                                       "as_of: 2024-06-30\nreported_by: 乙\nactuals: {a: 30}\n",
                                       "as_of: 2024-06-30\nactuals: {a: 1}\n"});
    CHECK(num((*c)["a"].actual) == "131");
    CHECK(names((*c).report.reporters_of((*c)["a"])) == std::vector<std::string>{"乙", "甲"});
  }
}

TEST_CASE("two different values from one reporter on one date: a conflict, never a guess") {
  std::string plan = plan_with(
      "  - {id: a, name: A, unit: 户, target: 1000}\n"
      "  - {id: b, name: B, unit: 户, target: 1000}\n");
  auto c = check(plan, list_actuals(R"(  - {id: a, date: 2024-06-30, value: 100, by: 甲}
  - {id: a, date: 2024-06-30, value: 120, by: 甲}
  - {id: a, date: 2024-06-30, value: 500, by: 乙}
  - {id: b, date: 2024-06-30, value: 100}
  - {id: b, date: 2024-06-30, value: 1200}
)"),
                 "2024-09-30");
  CHECK(num((*c)["a"].actual) == "null");
  CHECK(c->status("a") == "missing");
  CHECK(c->findings() ==
        std::vector<std::string>{
            "a.yaml:3:5 conflict fail a: two different values for `a` from 甲 on 2024-06-30 (100 "
            "and 120): the actual is unknown until one is corrected",
            "a.yaml:6:5 conflict fail b: two different values for `b` from the unnamed reporter "
            "on 2024-06-30 (100 and 1,200): the actual is unknown until one is corrected"});
  SUBCASE("a later value settles nothing: the conflict stays") {
    auto c2 = check(plan, list_actuals(R"(  - {id: a, date: 2024-06-30, value: 100}
  - {id: a, date: 2024-06-30, value: 120}
  - {id: a, date: 2024-07-30, value: 130}
)"),
                    "2024-09-30");
    CHECK(num((*c2)["a"].actual) == "null");
    CHECK(c2->codes() == std::vector<std::string>{"conflict"});
  }
}

TEST_CASE("a parent whose own entries conflicted is rolled up from its children") {
  std::string plan = plan_with(
      "  - {id: p, name: P, unit: 户, target: 10, children: [{id: c, name: C, unit: 户, target: "
      "10}]}\n");
  auto c = check(plan, list_actuals(R"(  - {id: p, date: 2024-06-30, value: 3}
  - {id: p, date: 2024-06-30, value: 4}
  - {id: p.c, date: 2024-06-30, value: 5}
)"));
  CHECK(num((*c)["p"].actual) == "5");
  CHECK((*c)["p"].rolled_up);
  CHECK(c->status("p") == "on-track");
  CHECK(c->status("p.c") == "on-track");
  CHECK(c->findings() ==
        std::vector<std::string>{"a.yaml:3:5 conflict fail p: two different values for `p` from "
                                 "the unnamed reporter on 2024-06-30 (3 and 4): the actual is "
                                 "unknown until one is corrected"});
}

TEST_CASE("children roll up into a parent without entries of its own") {
  std::string plan = plan_with(R"(  - id: p
    name: P
    unit: 万元
    target: 100
    children:
      - {id: a, name: A, unit: 元, target: 600000}
      - {id: b, name: B, unit: 万元, target: 40}
      - {id: c, name: C, unit: 个, target: 3}
      - {id: m, name: M, target: done}
)");
  SUBCASE("converted to the parent's unit") {
    auto c = check(plan, map_actuals("2024-06-30", "  p.a: 500000\n  p.b: 30\n"));
    CHECK(num((*c)["p"].actual) == "80");
    CHECK((*c)["p"].rolled_up);
    CHECK_FALSE((*c)["p.a"].rolled_up);
    CHECK(c->status("p") == "on-track");  // 80 / 49.73 expected
    CHECK(c->report.findings.empty());    // 个 and milestones do not count as children here
  }
  SUBCASE("only some reported: partial") {
    auto c = check(plan, map_actuals("2024-06-30", "  p.b: 30\n"));
    CHECK(num((*c)["p"].actual) == "30");
    CHECK(c->findings() ==
          std::vector<std::string>{"plan.yaml:4:5 partial warn p: 1 of 2 children reported"});
  }
  SUBCASE("a parent with its own actual is not rolled up") {
    auto c = check(plan, map_actuals("2024-06-30", "  p: 99\n  p.a: 500000\n  p.b: 30\n"));
    CHECK(num((*c)["p"].actual) == "99");
    CHECK_FALSE((*c)["p"].rolled_up);
    CHECK(c->report.findings.empty());
  }
  SUBCASE("nothing reported below: no actual, no finding") {
    auto c = check(plan, k_no_entries, "2024-06-30");
    CHECK(num((*c)["p"].actual) == "null");
    CHECK(c->report.findings.empty());
  }
  SUBCASE("rollup none: no roll-up") {
    std::string none = plan_with(R"(  - id: p
    name: P
    unit: 户
    target: 10
    rollup: none
    children: [{id: a, name: A, unit: 户, target: 10}]
)");
    CHECK(num((*check(none, map_actuals("2024-06-30", "  p.a: 5\n")))["p"].actual) == "null");
  }
  SUBCASE("rollup mean, through two levels") {
    std::string mean = plan_with(R"(  - id: p
    name: P
    unit: "%"
    target: 90
    rollup: mean
    children:
      - {id: a, name: A, unit: "%", target: 90}
      - id: b
        name: B
        unit: "%"
        target: 90
        rollup: max
        children:
          - {id: x, name: X, unit: "%", target: 90}
          - {id: y, name: Y, unit: "%", target: 90}
)");
    auto c = check(mean, map_actuals("2024-06-30", "  p.a: 80%\n  p.b.x: 70\n  p.b.y: 100\n"));
    CHECK(num((*c)["p.b"].actual) == "100");
    CHECK(num((*c)["p"].actual) == "90");
  }
}

TEST_CASE("partial: 2 of 3 children reported") {
  std::string plan = plan_with(R"(  - id: villages
    name: V
    unit: 个
    target: 106
    children:
      - {id: model, name: M, unit: 个, target: 11}
      - {id: major, name: J, unit: 个, target: 42}
      - {id: general, name: G, unit: 个, target: 53}
)");
  auto c = check(plan, map_actuals("2024-09-30", "  villages.model: 9\n  villages.major: 30\n"));
  CHECK(num((*c)["villages"].actual) == "39");
  CHECK(c->findings() ==
        std::vector<std::string>{"plan.yaml:4:5 partial warn villages: 2 of 3 children reported"});
  CHECK(c->status("villages") == "behind");  // 39 against 79.36 expected
  CHECK(c->report.exit_code(false) == 1);
}

TEST_CASE("the plan's own units convert actuals") {
  std::string plan =
      "title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
      "units: {万亩: 10000 亩}\n"
      "targets: [{id: a, name: A, unit: 万亩, target: 3}]\n";
  auto c = check(plan, map_actuals("2024-12-31", "  a: {value: 2000, unit: 公顷}\n"));
  CHECK(std::fabs(*(*c)["a"].actual - 3) < 1e-12);
  CHECK(c->status("a") == "done");
}

TEST_CASE("a group's status is its worst child's") {
  std::string plan = plan_with(R"(  - id: g
    name: G
    children:
      - {id: miss, name: M, unit: 户, target: 100}
      - {id: risk, name: R, unit: 户, target: 1000, schedule: {Q3: 50%}}
      - {id: ok, name: O, unit: 户, target: 100}
      - id: inner
        name: I
        children:
          - {id: late, name: L, target: done, due: 2024-06-30}
  - id: h
    name: H
    children:
      - {id: a, name: A, unit: 户, target: 100}
      - {id: b, name: B, unit: 户, target: 100, due: 2024-06-30}
)");
  auto c = check(plan, map_actuals("2024-09-30", R"(  g.risk: 400
  g.ok: 100
  g.inner.late: {done: 2024-07-01}
  h.a: 100
)"));
  CHECK(c->status("g.inner") == "late");
  CHECK(c->status("g") == "at-risk");  // warn: missing (7), late (2), at-risk (9)
  CHECK((*c)["g"].severity == Severity::warn);
  CHECK(c->status("h") == "overdue");  // fail beats ok
  CHECK(num((*c)["g"].actual) == "null");
  const Summary& s = c->report.summary;
  CHECK(s.targets == 6);  // groups are not counted
  CHECK(s.ok == 2);
  CHECK(s.warn == 3);
  CHECK(s.fail == 1);
}

TEST_CASE("findings, each with its file, line and column") {
  std::string plan = plan_with(R"(  - id: relocation
    name: R
    children:
      - {id: households, name: H, unit: 户, target: 424}
      - {id: funds, name: F, unit: 万元, target: 568}
  - {id: report, name: Rep, target: done}
  - {id: rate, name: Rate, unit: "%", target: 95}
)");
  SUBCASE("unknown-target, with a suggestion when one is close") {
    auto c = check(plan, map_actuals("2024-09-30", R"(  relocation.housholds: 1
  relocaton.households: 2
  relocaton.housholds: 3
  elsewhere: 4
  relocation.funds.extra: 5
)"));
    CHECK(c->findings() ==
          std::vector<std::string>{
              "a.yaml:3:3 unknown-target fail relocation.housholds: no target "
              "`relocation.housholds` in the plan (did you mean `relocation.households`?)",
              "a.yaml:4:3 unknown-target fail relocaton.households: no target "
              "`relocaton.households` in the plan (did you mean `relocation.households`?)",
              "a.yaml:5:3 unknown-target fail relocaton.housholds: no target "
              "`relocaton.housholds` in the plan (did you mean `relocation.households`?)",
              "a.yaml:6:3 unknown-target fail elsewhere: no target `elsewhere` in the plan",
              "a.yaml:7:3 unknown-target fail relocation.funds.extra: no target "
              "`relocation.funds.extra` in the plan"});
    CHECK(c->report.exit_code(false) == 1);
  }
  SUBCASE("unit-mismatch") {
    auto c = check(plan, map_actuals("2024-09-30", R"(  relocation.households: 95%
  relocation.funds: {value: 4000000, unit: 亩}
  rate: {value: 95, unit: 户}
)"));
    CHECK(c->findings() ==
          std::vector<std::string>{
              "a.yaml:3:3 unit-mismatch fail relocation.households: 95% is a percentage but "
              "`relocation.households` is counted in 户; entry not used",
              "a.yaml:4:3 unit-mismatch fail relocation.funds: unit 亩 cannot be converted to 万元 "
              "(the unit of `relocation.funds`); entry not used",
              "a.yaml:5:3 unit-mismatch fail rate: unit 户 cannot be converted to % (the unit of "
              "`rate`); entry not used"});
    CHECK(num((*c)["relocation.households"].actual) == "null");
    CHECK(num((*c)["rate"].actual) == "null");
  }
  SUBCASE("wrong-kind") {
    auto c = check(plan, map_actuals("2024-09-30", R"(  report: 1
  relocation.households: {done: true}
  relocation: 5
  rate: 96%
)"));
    CHECK(c->findings() ==
          std::vector<std::string>{
              "a.yaml:3:3 wrong-kind fail report: `report` is a milestone: report `done: DATE` or "
              "`done: true`, not `value`; entry not used",
              "a.yaml:4:3 wrong-kind fail relocation.households: `relocation.households` is a "
              "numeric target: report `value` or `add`, not `done`; entry not used",
              "a.yaml:5:3 wrong-kind fail relocation: `relocation` is a group with no numbers of "
              "its own: report its children; entry not used"});
    CHECK(c->status("report") == "pending");
    CHECK(num((*c)["relocation.households"].actual) == "null");
  }
  SUBCASE("suspicious: more than 10 times the largest bound, or negative") {
    auto c = check(plan, map_actuals("2024-09-30", R"(  relocation.households: 4241
  relocation.funds: -5
  rate: 950
)"));
    CHECK(c->findings() ==
          std::vector<std::string>{
              "a.yaml:3:3 suspicious warn relocation.households: actual 4,241 户 is more than 10 × "
              "the target 424: a unit slip?",
              "a.yaml:4:3 suspicious warn relocation.funds: actual -5 万元 is negative: a slip?",
          });
    CHECK(c->status("relocation.households") == "done");
    auto fine = check(plan, map_actuals("2024-09-30", "  relocation.households: 4240\n"));
    CHECK(fine->report.findings.empty());
    CHECK(fine->report.exit_code(false) == 0);
    CHECK(fine->report.exit_code(true) == 1);  // missing and at-risk targets are warn
  }
}

TEST_CASE("suspicious only on an actual from a target's own entries, never a rolled-up one") {
  std::string plan = plan_with(R"(  - id: p
    name: P
    unit: 户
    target: 10
    children:
      - {id: a, name: A, unit: 户, target: 5}
      - {id: b, name: B, unit: 户, target: 5}
)");
  auto c = check(plan, map_actuals("2024-09-30", "  p.a: 40\n  p.b: 70\n"));
  // One slip, one finding: on the child that reported it (SPEC §3.5).
  CHECK(c->findings() ==
        std::vector<std::string>{"a.yaml:4:3 suspicious warn p.b: actual 70 户 is more than 10 × "
                                 "the target 5: a unit slip?"});
}

TEST_CASE("children-sum: a parent's bound against the sum of its children's") {
  // `general` is the given child; `model` and `major` have bounds 11 and 42 in `form`.
  auto findings = [](const std::string& parent, const std::string& general,
                     const char* form = "{}") {
    std::string plan = plan_with(fmt::format(R"(  - id: villages
    name: V
    unit: 个
    {}
    children:
      - {{id: model, name: M, unit: 个, target: {}}}
      - {{id: major, name: J, unit: 个, target: {}}}
      - {{id: general, name: G, {}}}
)",
                                             parent, fmt::format(fmt::runtime(form), 11),
                                             fmt::format(fmt::runtime(form), 42), general));
    return check(plan, k_no_entries, "2024-01-01")->findings();
  };
  CHECK(findings("target: 106", "unit: 个, target: 53").empty());
  CHECK(findings("target: 106", "unit: 个, target: 50") ==
        std::vector<std::string>{"plan.yaml:7:13 children-sum warn villages: min 106 个 differs "
                                 "from the sum of its children's (103)"});
  CHECK(findings("target: 106\n    rollup: max", "unit: 个, target: 50").empty());  // sum only
  // Not every child has a comparable bound: no check.
  CHECK(findings("target: 106", "target: done").empty());
  CHECK(findings("target: 106", "unit: 个, target: {max: 50}").empty());
  CHECK(findings("target: 106", "unit: 户, target: 50").empty());
  CHECK(findings("target: {max: 106}", "unit: 个, target: {max: 50}", "{{max: {}}}") ==
        std::vector<std::string>{"plan.yaml:7:13 children-sum warn villages: max 106 个 differs "
                                 "from the sum of its children's (103)"});
  CHECK(findings("target: {min: 100, max: 106}", "unit: 个, target: {min: 50, max: 53}",
                 "{{min: 9, max: {}}}") ==
        std::vector<std::string>{"plan.yaml:7:13 children-sum warn villages: min 100 个 differs "
                                 "from the sum of its children's (68)"});
  SUBCASE("in convertible units") {
    std::string plan = plan_with(R"(  - id: f
    name: F
    unit: 万元
    target: 100
    children:
      - {id: a, name: A, unit: 元, target: 600000}
      - {id: b, name: B, unit: 万元, target: 40}
)");
    CHECK(check(plan, k_no_entries, "2024-01-01")->report.findings.empty());
  }
}

TEST_CASE("future entries: one finding per file, at the first ignored entry") {
  std::string plan = plan_with("  - {id: a, name: A, unit: 户, target: 100}\n");
  auto c = check(plan,
                 std::vector<std::string>{list_actuals(R"(  - {id: a, date: 2024-06-30, value: 10}
  - {id: a, date: 2024-10-01, value: 20}
  - {id: nope, date: 2024-10-02, value: 30}
  - {id: a, date: 2024-11-01, add: 40}
)"),
                                          "as_of: 2024-12-31\nactuals: {a: 5}\n",
                                          "as_of: 2024-09-30\nactuals: {a: 5}\n"},
                 "2024-09-30");
  CHECK(c->findings() ==
        std::vector<std::string>{
            "a.yaml:3:5 future-entries info : 3 entries dated after the as-of date 2024-09-30 were "
            "ignored",
            "a.yaml:4:5 unknown-target fail nope: no target `nope` in the plan",
            "b.yaml:2:11 future-entries info : 1 entry dated after the as-of date 2024-09-30 was "
            "ignored"});
  CHECK(num((*c)["a"].actual) == "5");  // one unnamed reporter: c.yaml's value is the latest
  SUBCASE("without --as-of, the latest date: nothing is in the future") {
    auto latest = check(plan, list_actuals("  - {id: a, date: 2024-06-30, value: 10}\n"
                                           "  - {id: a, date: 2024-10-01, value: 20}\n"));
    CHECK(format_date(latest->report.as_of) == "2024-10-01");
    CHECK(latest->report.findings.empty());
    CHECK(num((*latest)["a"].actual) == "20");
  }
}

TEST_CASE("findings come sorted: the plan first, then each actuals file by line") {
  std::string plan = plan_with(R"(  - id: p
    name: P
    unit: 户
    target: 100
    children:
      - {id: a, name: A, unit: 户, target: 50}
      - {id: b, name: B, unit: 户, target: 40}
)");
  auto c = check(plan, std::vector<std::string>{"as_of: 2024-06-30\nactuals:\n  zz: 1\n  p.a: 5\n",
                                                "as_of: 2024-06-30\nactuals: {yy: 1}\n"});
  CHECK(c->codes() ==
        std::vector<std::string>{"partial", "children-sum", "unknown-target", "unknown-target"});
  CHECK(c->findings()[0].substr(0, 13) == "plan.yaml:4:5");
  CHECK(c->findings()[1].substr(0, 14) == "plan.yaml:7:13");
  CHECK(c->findings()[2].substr(0, 10) == "a.yaml:3:3");
  CHECK(c->findings()[3].substr(0, 11) == "b.yaml:2:11");
}

TEST_CASE("the report") {
  std::string plan = plan_with("  - {id: a, name: A, unit: 户, target: 100}\n");
  auto c = check(plan, map_actuals("2024-09-30", "  a: 100\n"));
  CHECK(c->report.title == "T");
  CHECK(c->report.plan_file == "plan.yaml");
  CHECK(format_date(c->report.as_of) == "2024-09-30");
  CHECK(c->report.plan == &c->plan);
  CHECK(c->report.targets.size() == 1);
  CHECK(c->report.targets[0].target == &c->plan.targets[0]);
  CHECK(num(c->report.targets[0].remaining(c->report.as_of)) == "0");
  CHECK(num(c->report.targets[0].variance()) == "25.13661202185793");
  CHECK(c->report.exit_code(false) == 0);
  CHECK(c->report.exit_code(true) == 0);
}

TEST_CASE("exit codes: fail counts, and under strict warn counts too") {
  std::string plan = plan_with("  - {id: a, name: A, unit: 户, target: 100}\n");
  auto exits = [&](const std::string& actuals) {
    auto c = check(plan, actuals);
    return std::to_string(c->report.exit_code(false)) + std::to_string(c->report.exit_code(true));
  };
  CHECK(exits(map_actuals("2024-09-30", "  a: 100\n")) == "00");   // done
  CHECK(exits(map_actuals("2024-09-30", "  a: 60\n")) == "01");    // at-risk: warn
  CHECK(exits(map_actuals("2024-09-30", "  a: 10\n")) == "11");    // behind: fail
  CHECK(exits(map_actuals("2024-09-30", "  a: 2000\n")) == "01");  // suspicious: warn finding
  CHECK(exits(map_actuals("2024-09-30", "  a: 100\n  b: 1\n")) == "11");  // unknown-target
  // an info finding never fails
  CHECK(exits("actuals:\n  - {id: a, date: 2024-09-30, value: 100}\n") == "00");
}

TEST_CASE("latest_date: the latest as_of or entry date") {
  Actuals none;
  CHECK_FALSE(latest_date(none));
  Actuals a = plantrack::test::actuals_of(std::vector<std::string>{
      "as_of: 2024-09-30\nactuals: {}\n", "actuals: [{id: a, date: 2024-06-30, value: 1}]\n"});
  CHECK(format_date(*latest_date(a)) == "2024-09-30");
}

namespace {

// Each reporter's part of a target as "NAME=ACTUAL@DATE", worst first ("-" for unnamed).
std::vector<std::string> parts_of(const plantrack::test::Checked& c, const std::string& id) {
  std::vector<std::string> out;
  for (const ReporterActual& p : c.report.by_reporter(static_cast<size_t>(c.plan.find(id)))) {
    std::string_view by = c.report.reporter_name(p.by);
    out.push_back(
        fmt::format("{}={}@{}", by.empty() ? "-" : by, num(p.actual), format_date(p.date)));
  }
  return out;
}

// A loan-recovery rate over two towns: recovered / due, each reported per town.
const std::string k_rate_plan = plan_with(
    "  - {id: rate, name: R, unit: \"%\", target: 95, schedule: end,\n"
    "     ratio: {numerator: loans.recovered, denominator: loans.due}}\n"
    "  - id: loans\n"
    "    name: L\n"
    "    children:\n"
    "      - {id: recovered, name: Rec, unit: 万元, target: 100}\n"
    "      - {id: due, name: Due, unit: 万元, target: 100}\n");

std::string town(const std::string& name, const std::string& entries) {
  return "as_of: 2024-09-30\nreported_by: " + name + "\nactuals:\n" + entries;
}

}  // namespace

TEST_CASE("ratio: summed numerators over summed denominators, never a mean of rates") {
  // Town A recovers 90 of 100, town B 50 of 50: 140 / 150 = 93.3%, not the mean 95%.
  auto c = check(k_rate_plan, {town("A", "  loans.recovered: 90\n  loans.due: 100\n"),
                               town("B", "  loans.recovered: 50\n  loans.due: 50\n")});
  CHECK(num((*c)["rate"].actual) == num(100.0 * 140 / 150));
  const RatioResult* r = c->report.ratio_of((*c)["rate"]);
  REQUIRE(r != nullptr);
  CHECK(num(r->numerator) == "140");
  CHECK(num(r->denominator) == "150");
  CHECK(r->unit == "万元");
  CHECK(c->status("rate") == "on-track");  // schedule end: nothing expected before due
  // Each town's own rate, worst first.
  CHECK(parts_of(*c, "rate") == std::vector<std::string>{"A=90@2024-09-30", "B=100@2024-09-30"});
  CHECK(c->findings().empty());
}

TEST_CASE("ratio: unknown while a part is unknown or the denominator is 0") {
  SUBCASE("denominator 0") {
    auto c = check(k_rate_plan, town("A", "  loans.recovered: 0\n  loans.due: 0\n"));
    CHECK(num((*c)["loans.due"].actual) == "0");
    CHECK(num((*c)["rate"].actual) == "null");
    CHECK(num(c->report.ratio_of((*c)["rate"])->denominator) == "0");
    CHECK(parts_of(*c, "rate") == std::vector<std::string>{"A=null@2024-09-30"});
  }
  SUBCASE("numerator not reported") {
    auto c = check(k_rate_plan, town("A", "  loans.due: 80\n"));
    CHECK(num((*c)["rate"].actual) == "null");
    CHECK(num(c->report.ratio_of((*c)["rate"])->numerator) == "null");
    CHECK(c->status("rate") == "pending");
  }
  SUBCASE("a part whose entries conflict") {
    auto c =
        check(k_rate_plan, list_actuals("  - {id: loans.recovered, date: 2024-09-30, value: 5}\n"
                                        "  - {id: loans.recovered, date: 2024-09-30, value: 6}\n"
                                        "  - {id: loans.due, date: 2024-09-30, value: 10}\n"));
    CHECK(num((*c)["rate"].actual) == "null");
  }
  SUBCASE("one town's denominator 0 does not hide the others'") {
    auto c = check(k_rate_plan, {town("A", "  loans.recovered: 0\n  loans.due: 0\n"),
                                 town("B", "  loans.recovered: 40\n  loans.due: 50\n")});
    CHECK(num((*c)["rate"].actual) == "80");
    CHECK(parts_of(*c, "rate") == std::vector<std::string>{"A=null@2024-09-30", "B=80@2024-09-30"});
  }
}

TEST_CASE("ratio: units converted before dividing") {
  // The numerator counts in 元, the denominator in 万元; one entry is in 元 on a 万元 target.
  std::string plan = plan_with(
      "  - {id: rate, name: R, unit: \"%\", target: 95, ratio: {numerator: rec, denominator: "
      "due}}\n"
      "  - {id: rec, name: Rec, unit: 元, target: 80000000}\n"
      "  - {id: due, name: Due, unit: 万元, target: 8428.67}\n");
  auto c = check(
      plan, map_actuals("2024-09-30", "  rec: 78000000\n  due: {value: 84286700, unit: 元}\n"));
  CHECK(num((*c)["due"].actual) == "8428.67");
  const RatioResult* r = c->report.ratio_of((*c)["rate"]);
  CHECK(num(r->numerator) == "7800");  // in the denominator's unit
  CHECK(r->unit == "万元");
  CHECK(std::fabs(*(*c)["rate"].actual - 100 * 7800 / 8428.67) < 1e-9);
}

TEST_CASE("ratio: parts that are rolled up, or stand later in the plan") {
  // The rate comes first; its numerator is a parent summing two villages.
  std::string plan = plan_with(
      "  - {id: rate, name: R, unit: \"%\", target: 90, ratio: {numerator: enrolled, denominator: "
      "children}}\n"
      "  - id: enrolled\n"
      "    name: E\n"
      "    unit: 人\n"
      "    target: 100\n"
      "    children:\n"
      "      - {id: v1, name: V1, unit: 人, target: 50}\n"
      "      - {id: v2, name: V2, unit: 人, target: 50}\n"
      "  - {id: children, name: C, unit: 人, target: 110}\n");
  auto c = check(plan, {town("A", "  enrolled.v1: 30\n  children: 60\n"),
                        town("B", "  enrolled.v2: 40\n  children: 20\n")});
  CHECK(num((*c)["enrolled"].actual) == "70");
  CHECK(num((*c)["rate"].actual) == num(100.0 * 70 / 80));
  CHECK(parts_of(*c, "enrolled") == std::vector<std::string>{"A=30@2024-09-30", "B=40@2024-09-30"});
  CHECK(parts_of(*c, "rate") == std::vector<std::string>{"A=50@2024-09-30", "B=200@2024-09-30"});
}

TEST_CASE("ratio parents: the sum of their children's numerators over the sum of denominators") {
  std::string plan = plan_with(
      "  - id: county\n"
      "    name: County rate\n"
      "    unit: \"%\"\n"
      "    target: 95\n"
      "    children:\n"
      "      - id: east\n"
      "        name: East\n"
      "        unit: \"%\"\n"
      "        target: 95\n"
      "        children:\n"
      "          - {id: a, name: A, unit: \"%\", target: 95, ratio: {numerator: n.a, denominator: "
      "d.a}}\n"
      "          - {id: b, name: B, unit: \"%\", target: 95, ratio: {numerator: n.b, denominator: "
      "d.b}}\n"
      "      - {id: west, name: W, unit: \"%\", target: 95, ratio: {numerator: n.w, denominator: "
      "d.w}}\n"
      "  - id: n\n"
      "    name: N\n"
      "    children:\n"
      "      - {id: a, name: A, unit: 万元, target: 1}\n"
      "      - {id: b, name: B, unit: 万元, target: 1}\n"
      "      - {id: w, name: W, unit: 元, target: 1}\n"
      "  - id: d\n"
      "    name: D\n"
      "    children:\n"
      "      - {id: a, name: A, unit: 万元, target: 1}\n"
      "      - {id: b, name: B, unit: 万元, target: 1}\n"
      "      - {id: w, name: W, unit: 元, target: 1}\n");
  REQUIRE(plan_of(plan).targets.front().ratio() != nullptr);
  CHECK(plan_of(plan).targets.front().ratio()->parent);
  // a 90/100, b 50/50; west 300000 元 / 400000 元 = 30 / 40 万元.
  auto c = check(plan, map_actuals("2024-09-30",
                                   "  n.a: 90\n  d.a: 100\n  n.b: 50\n  d.b: 50\n"
                                   "  n.w: 300000\n  d.w: 400000\n"));
  CHECK(num((*c)["county.east.a"].actual) == "90");
  CHECK(num((*c)["county.east"].actual) == num(100.0 * 140 / 150));
  const RatioResult* east = c->report.ratio_of((*c)["county.east"]);
  CHECK(num(east->numerator) == "140");
  CHECK(east->unit == "万元");
  const RatioResult* county = c->report.ratio_of((*c)["county"]);
  CHECK(num(county->numerator) == "170");  // 140 万元 + 30 万元
  CHECK(num(county->denominator) == "190");
  CHECK(num((*c)["county"].actual) == num(100.0 * 170 / 190));
  SUBCASE("a child without its parts: partial, the others summed") {
    auto p = check(plan, map_actuals("2024-09-30", "  n.a: 90\n  d.a: 100\n  n.b: 50\n"));
    CHECK(num((*p)["county.east"].actual) == "90");
    std::vector<std::string> codes = p->codes();
    CHECK(std::count(codes.begin(), codes.end(), "partial") == 2);  // east and the county
  }
}

TEST_CASE("ratio: entries on a ratio target are wrong-kind and not used") {
  auto c = check(k_rate_plan, town("A", "  rate: 99\n  loans.recovered: 9\n  loans.due: 10\n"));
  CHECK(num((*c)["rate"].actual) == "90");
  CHECK(c->findings() ==
        std::vector<std::string>{"a.yaml:4:3 wrong-kind fail rate: `rate` is a ratio computed from "
                                 "`loans.recovered` / `loans.due`: report those; entry not used"});
}

TEST_CASE("per reporter: each reporter's combined actual, the latest date, worst first") {
  std::string plan = plan_with(
      "  - {id: a, name: A, unit: 户, target: 100}\n"
      "  - {id: m, name: M, unit: 户, target: {max: 10}, baseline: 50}\n"
      "  - {id: one, name: O, unit: 户, target: 100, rollup: none}\n");
  auto c = check(plan, list_actuals("  - {id: a, date: 2024-03-31, value: 10, by: X}\n"
                                    "  - {id: a, date: 2024-05-31, add: 5, by: X}\n"
                                    "  - {id: a, date: 2024-04-30, value: 7}\n"
                                    "  - {id: m, date: 2024-04-30, value: 20, by: X}\n"
                                    "  - {id: m, date: 2024-04-30, value: 30, by: Y}\n"
                                    "  - {id: one, date: 2024-04-30, value: 30, by: Y}\n"
                                    "  - {id: one, date: 2024-04-30, value: 20, by: X}\n"));
  CHECK(parts_of(*c, "a") == std::vector<std::string>{"-=7@2024-04-30", "X=15@2024-05-31"});
  // Lower is better on a max target: the highest first.
  CHECK(parts_of(*c, "m") == std::vector<std::string>{"Y=30@2024-04-30", "X=20@2024-04-30"});
  // rollup none with two reporters: the actual is unknown, each part is still shown.
  CHECK(num((*c)["one"].actual) == "null");
  CHECK(parts_of(*c, "one") == std::vector<std::string>{"X=20@2024-04-30", "Y=30@2024-04-30"});
}

TEST_CASE("--by: only that reporter's entries are evaluated") {
  Plan plan = plan_of(k_rate_plan);
  Actuals actuals =
      test::actuals_of({town("A", "  loans.recovered: 90\n  loans.due: 100\n  nosuch: 1\n"),
                        town("B", "  loans.recovered: 50\n  loans.due: 50\n")});
  EvaluateOptions options;
  options.by = "B";
  Report r = evaluate(plan, actuals, date_of("2024-09-30"), options);
  CHECK(num(r.targets[0].actual) == "100");
  CHECK(r.findings.empty());  // A's unknown id is A's business
  options.by = "A";
  Report a = evaluate(plan, actuals, date_of("2024-09-30"), options);
  CHECK(num(a.targets[0].actual) == "90");
  CHECK(a.findings.size() == 1);
}

TEST_CASE("notes: those of the entries used, with reporter and date") {
  std::string plan = plan_with("  - {id: a, name: A, unit: 户, target: 100}\n");
  auto c = check(
      plan,
      list_actuals("  - {id: a, date: 2024-03-31, value: 10, by: X, note: old}\n"
                   "  - {id: a, date: 2024-05-31, value: 12, by: X, note: 批复滞后, source: 台账}\n"
                   "  - {id: a, date: 2024-06-30, add: 3, by: X, source: 月报}\n"
                   "  - {id: a, date: 2024-12-31, add: 3, by: X, note: future}\n"),
      "2024-09-30");
  std::vector<std::string> notes;
  for (const RowNote& n : c->report.notes_of((*c)["a"]))
    notes.push_back(fmt::format("{} {} {}|{}", c->report.reporter_name(n.by), format_date(n.date),
                                n.note, n.source));
  CHECK(notes == std::vector<std::string>{"X 2024-05-31 批复滞后|台账", "X 2024-06-30 |月报"});
}

TEST_CASE("sort_findings: the plan's file first, then the actuals files in order; line, column") {
  Plan plan;
  plan.file = "plan.yaml";
  Actuals actuals;
  actuals.files = {{"b.yaml", {}, "", ""}, {"a.yaml", {}, "", ""}};
  auto at = [](const char* file, uint32_t line, uint32_t column, const char* code) {
    return Finding{code, Severity::warn, "", "", file, Mark{line, column}};
  };
  std::vector<Finding> findings = {at("a.yaml", 1, 1, "a1"),    at("b.yaml", 9, 1, "b9"),
                                   at("plan.yaml", 5, 3, "p5"), at("b.yaml", 2, 7, "b2-7"),
                                   at("b.yaml", 2, 3, "b2-3"),  at("b.yaml", 2, 3, "b2-3 again")};
  sort_findings(findings, plan, actuals);
  std::vector<std::string> codes;
  for (const Finding& f : findings)
    codes.push_back(f.code);
  CHECK(codes == std::vector<std::string>{"p5", "b2-3", "b2-3 again", "b2-7", "b9", "a1"});
}
