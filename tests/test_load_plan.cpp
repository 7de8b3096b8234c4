#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "messages.hpp"

using namespace plantrack;
using plantrack::test::plan_error;
using plantrack::test::plan_errors;
using plantrack::test::plan_of;
using plantrack::test::target_of;

namespace {

// Three lines of plan header; the targets given start on line 4.
std::string with_targets(const std::string& targets) {
  return "title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n" + targets;
}

Plan targets_plan(const std::string& targets) {
  return plan_of(with_targets(targets));
}
std::string target_error(const std::string& targets) {
  return plan_error(with_targets(targets));
}
std::vector<std::string> target_errors(const std::string& targets) {
  return plan_errors(with_targets(targets));
}

// The plan's first target.
const Target& one(const Plan& plan) {
  REQUIRE(plan.targets.size() >= 1);
  return plan.targets.front();
}

std::string date(std::optional<Date> d) {
  return d ? format_date(*d) : std::string("none");
}

}  // namespace

TEST_CASE("a plan with every field") {
  Plan plan = plan_of(R"(plantrack: 1
title: 2024年县扶贫开发年度工作计划
period: {start: 2024-01-01, end: 2024-12-31}
owner: 县扶贫办
thresholds: {warn: 95%, fail: 60%}
units: {万亩: 10000 亩}
x-comment: ignored
targets:
  - id: relocation
    name: 易地扶贫搬迁
    unit: 户
    target: 424
    baseline: 10
    start: 2024-02-01
    due: 2024-11-30
    schedule: linear
    rollup: mean
    owner: 珠街乡
    tags: [整村推进, 省级]
    thresholds: {warn: 80%}
    note: 重点解决山体滑坡地区
    x-source: 文件
    children:
      - {id: households, name: 户数, unit: 户, target: 400}
)");
  CHECK(plan.file == "plan.yaml");
  CHECK(plan.title == "2024年县扶贫开发年度工作计划");
  CHECK(format_date(plan.period_start) == "2024-01-01");
  CHECK(format_date(plan.period_end) == "2024-12-31");
  CHECK(plan.owner == "县扶贫办");
  CHECK(plan.thresholds.warn == doctest::Approx(0.95));
  CHECK(plan.thresholds.fail == doctest::Approx(0.6));
  CHECK(plan.units.convertible("万亩", "公顷"));
  REQUIRE(plan.targets.size() == 2);
  const Target& t = plan.targets[0];
  CHECK(t.id() == "relocation");
  CHECK(t.full_id == "relocation");
  CHECK(t.name == "易地扶贫搬迁");
  CHECK(t.unit == "户");
  CHECK(t.kind == Kind::min);
  CHECK(t.min == 424);
  CHECK_FALSE(t.max);
  CHECK(t.baseline == 10);
  CHECK(format_date(t.start) == "2024-02-01");
  CHECK(format_date(t.due) == "2024-11-30");
  CHECK(t.schedule == ScheduleKind::linear);
  CHECK(t.rollup == Rollup::mean);
  CHECK(t.owner == "珠街乡");
  CHECK(std::vector<std::string_view>(t.tags().begin(), t.tags().end()) ==
        std::vector<std::string_view>{"整村推进", "省级"});
  CHECK(t.thresholds->warn == doctest::Approx(0.8));
  CHECK(t.thresholds->fail == doctest::Approx(0.6));
  CHECK(t.note() == "重点解决山体滑坡地区");
  CHECK(t.parent == -1);
  CHECK(t.depth == 0);
  CHECK(std::vector<int>(t.children().begin(), t.children().end()) == std::vector<int>{1});
  CHECK(t.mark.line == 9);
  CHECK(t.mark.column == 5);
  CHECK(t.bound_mark.line == 12);
  CHECK(t.bound_mark.column == 13);
  const Target& c = plan.targets[1];
  CHECK(c.full_id == "relocation.households");
  CHECK(c.parent == 0);
  CHECK(c.depth == 1);
  CHECK(plan.find("relocation") == 0);
  CHECK(plan.find("relocation.households") == 1);
  CHECK(plan.find("households") == -1);
}

TEST_CASE("lint marks: where each target's keys stand, kept only when asked for") {
  const std::string yaml = R"(title: T
period: {start: 2024-01-01, end: 2024-12-31}
targets:
  - name: 甲
    id: a
    due: 2024-06-30
    children:
      - {id: b, name: 乙, unit: 户, target: 4, start: 2024-02-01}
)";
  CHECK(plan_of(yaml).lint_marks.empty());
  Plan plan = load_plan(plantrack::test::doc_of(yaml, "plan.yaml"), true);
  REQUIRE(plan.lint_marks.size() == 2);
  auto at = [](Mark m) { return fmt::format("{}:{}", m.line, m.column); };
  const LintMarks& a = plan.lint_marks[0];
  CHECK(at(a.id) == "5:9");
  CHECK(at(a.name) == "4:11");
  CHECK(at(a.unit) == "0:0");
  CHECK(at(a.start) == "0:0");
  CHECK(at(a.due) == "6:10");
  const LintMarks& b = plan.lint_marks[1];
  CHECK(at(b.id) == "8:14");
  CHECK(at(b.name) == "8:23");  // columns count characters
  CHECK(at(b.unit) == "8:32");
  CHECK(at(b.start) == "8:53");
  CHECK(at(b.due) == "0:0");
  CHECK(plan_error(yaml + "  - {id: a, name: again, target: done}\n") ==
        "9:10: duplicate id `a` (first at line 5)");
}

TEST_CASE("full ids join the ancestors' ids") {
  Plan plan = targets_plan(R"(  - id: a
    name: A
    children:
      - id: b
        name: B
        children:
          - {id: c, name: C, target: done}
          - {id: d, name: D, target: done}
      - {id: c, name: C again, target: done}
  - {id: e, name: E, target: done}
)");
  std::vector<std::string_view> ids;
  for (const Target& t : plan.targets)
    ids.push_back(t.full_id);
  CHECK(ids == std::vector<std::string_view>{"a", "a.b", "a.b.c", "a.b.d", "a.c", "e"});
  CHECK(target_of(plan, "a.b.d").depth == 2);
  CHECK(target_of(plan, "a").kind == Kind::group);
  CHECK(target_of(plan, "a.b").children().size() == 2);
}

TEST_CASE("children inherit owner, thresholds, start and due; nothing else") {
  Plan plan = plan_of(R"(title: T
period: {start: 2024-01-01, end: 2024-12-31}
owner: 县扶贫办
thresholds: {warn: 85%}
targets:
  - id: p
    name: P
    unit: 万元
    target: 100
    start: 2024-03-01
    due: 2024-10-31
    owner: 乡
    tags: [省级]
    rollup: max
    thresholds: {fail: 50%}
    note: parent note
    schedule: end
    children:
      - {id: c, name: C, unit: 万元, target: 50}
  - {id: q, name: Q, unit: "%", target: 95%}
)");
  const Target& p = target_of(plan, "p");
  const Target& c = target_of(plan, "p.c");
  const Target& q = target_of(plan, "q");
  CHECK(c.owner == "乡");
  CHECK(c.thresholds->warn == doctest::Approx(0.85));
  CHECK(c.thresholds->fail == doctest::Approx(0.5));
  CHECK(format_date(c.start) == "2024-03-01");
  CHECK(format_date(c.due) == "2024-10-31");
  CHECK(c.tags().empty());
  CHECK(c.note().empty());
  CHECK(c.rollup == Rollup::sum);
  CHECK(c.schedule == ScheduleKind::linear);
  CHECK(p.rollup == Rollup::max);
  SUBCASE("top-level targets take the plan's") {
    CHECK(q.owner == "县扶贫办");
    CHECK(q.thresholds->warn == doctest::Approx(0.85));
    CHECK(q.thresholds->fail == doctest::Approx(0.7));
    CHECK(format_date(q.start) == "2024-01-01");
    CHECK(format_date(q.due) == "2024-12-31");
  }
  SUBCASE("rollup defaults to sum, and to none for %") {
    CHECK(q.rollup == Rollup::none);
    CHECK(q.min == 95);
  }
}

TEST_CASE("the defaults") {
  Plan plan = targets_plan("  - {id: a, name: A, unit: 户, target: 5}\n");
  const Target& t = one(plan);
  CHECK(plan.owner == "");
  CHECK(plan.thresholds.warn == 0.9);
  CHECK(plan.thresholds.fail == 0.7);
  CHECK(t.owner == "");
  CHECK(t.schedule == ScheduleKind::linear);
  CHECK(t.rollup == Rollup::sum);
  CHECK_FALSE(t.baseline);
  CHECK(t.tags().empty());
}

TEST_CASE("target forms") {
  auto bounds = [](const std::string& extra) {
    Plan plan = targets_plan("  - {id: a, name: A, unit: 户, " + extra + "}\n");
    const Target& t = one(plan);
    std::string out = kind_name(t.kind);
    out += " min=" + (t.min ? format_number(*t.min) : std::string("none"));
    out += " max=" + (t.max ? format_number(*t.max) : std::string("none"));
    return out;
  };
  CHECK(bounds("target: 424") == "min min=424 max=none");
  CHECK(bounds("target: \"1,590\"") == "min min=1590 max=none");
  CHECK(bounds("target: 20万") == "min min=200000 max=none");
  CHECK(bounds("target: {min: 424}") == "min min=424 max=none");
  CHECK(bounds("target: {max: 500000}") == "max min=none max=500000");
  CHECK(bounds("target: {min: 3, max: 5}") == "range min=3 max=5");
  CHECK(bounds("target: {min: 5, max: 5}") == "range min=5 max=5");
  CHECK(bounds("target: {growth: 15%}, baseline: 100") == "min min=115 max=none");
  CHECK(bounds("target: {growth: 15%}, baseline: 424") == "min min=487.6 max=none");
  CHECK(bounds("target: {growth: 0.15}, baseline: 100") == "min min=115 max=none");
  CHECK(bounds("target: {increase: 20万}, baseline: 100万") == "min min=1200000 max=none");
  CHECK(bounds("target: {decrease: 20万}, baseline: 100万") == "max min=none max=800000");
  CHECK(bounds("target: {decrease: 5}, baseline: 5") == "max min=none max=0");
  SUBCASE("milestones") {
    Plan plan = targets_plan("  - {id: m, name: M, target: done, due: 2024-06-30}\n");
    CHECK(one(plan).kind == Kind::milestone);
    CHECK(one(plan).unit == "");
    CHECK_FALSE(one(plan).min);
    CHECK(format_date(one(plan).due) == "2024-06-30");
  }
  SUBCASE("percent targets") {
    Plan plan = targets_plan("  - {id: p, name: P, unit: \"%\", target: {min: 95%, max: 100}}\n");
    CHECK(one(plan).kind == Kind::range);
    CHECK(one(plan).min == 95);
    CHECK(one(plan).max == 100);
  }
}

TEST_CASE("target form errors") {
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: {growth: 15%}}\n") ==
        "4:48: `growth` needs a `baseline` to start from");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: {increase: 5}}\n") ==
        "4:50: `increase` needs a `baseline` to start from");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: {decrease: 5}}\n") ==
        "4:50: `decrease` needs a `baseline` to start from");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: {min: 5, max: 3}}\n") ==
        "4:39: min 5 is above max 3");
  CHECK(target_error(
            "  - {id: a, name: A, unit: 户, baseline: 1, target: {growth: 15%, min: 3}}\n") ==
        "4:52: `target` takes min and/or max, or one of growth, increase, decrease");
  CHECK(target_error(
            "  - {id: a, name: A, unit: 户, baseline: 1, target: {growth: 1%, increase: 3}}\n") ==
        "4:52: `target` takes min and/or max, or one of growth, increase, decrease");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: {}}\n") ==
        "4:39: `target` needs min, max, growth, increase or decrease");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: {mni: 3}}\n") ==
        "4:40: unknown key `mni` in `target` (did you mean `min`?)");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: [3]}\n") ==
        "4:39: `target` must be a mapping, not a list");
  CHECK(
      target_error("  - {id: a, name: A, unit: 户, target: lots}\n") ==
      "4:39: `target`: `lots` is not a number (write e.g. 1590, \"8,428.67\", \"20万\", \"1.2亿\" "
      "or \"95%\")");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: .nan}\n") ==
        "4:39: `target`: `.nan` is not a finite number");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: ~}\n") ==
        "4:31: `target` is empty: give a number, {min: …, max: …}, or done");
  CHECK(target_error("  - {id: a, name: A, unit: 户, baseline: 1, target: {growth: 15}}\n") ==
        "4:61: `growth` is a ratio: write 15% (or 0.15)");
  SUBCASE("a percentage on a unit that is not %") {
    CHECK(
        target_error("  - {id: a, name: A, unit: 户, target: 95%}\n") ==
        "4:39: `95%` is a percentage but the unit is 户: write a number in 户, or use unit: \"%\"");
    CHECK(
        target_error("  - {id: a, name: A, unit: 户, target: {max: 5%}}\n") ==
        "4:45: `5%` is a percentage but the unit is 户: write a number in 户, or use unit: \"%\"");
    CHECK(
        target_error("  - {id: a, name: A, unit: 户, target: 5, baseline: 1%}\n") ==
        "4:52: `1%` is a percentage but the unit is 户: write a number in 户, or use unit: \"%\"");
    // growth is a ratio whatever the unit
    CHECK(targets_plan("  - {id: a, name: A, unit: 户, target: {growth: 10%}, baseline: 10}\n")
              .targets[0]
              .min == 11);
  }
}

TEST_CASE("units, kinds and the shape of a target") {
  SUBCASE("numeric targets need a unit") {
    CHECK(target_error("  - {id: a, name: A, target: 5}\n") ==
          "4:5: target `a` needs a `unit` (e.g. 户, 人, 万元, \"%\")");
    CHECK(target_error(
              "  - id: g\n    name: G\n    children:\n      - {id: a, name: A, target: 5}\n") ==
          "7:9: target `g.a` needs a `unit` (e.g. 户, 人, 万元, \"%\")");
  }
  SUBCASE("milestones have no unit, baseline or schedule") {
    CHECK(target_error("  - {id: m, name: M, unit: 项, target: done}\n") ==
          "4:28: a milestone (`target: done`) has no unit");
    CHECK(target_error("  - {id: m, name: M, target: done, baseline: 0}\n") ==
          "4:46: a milestone (`target: done`) has no baseline");
    CHECK(target_error("  - {id: m, name: M, target: done, schedule: end}\n") ==
          "4:46: a milestone (`target: done`) has no schedule: use `due`");
  }
  SUBCASE("groups have no numbers") {
    std::string group =
        "  - id: g\n    name: G\n    children: [{id: a, name: A, unit: 户, target: 1}]\n";
    auto msg = [](const char* key) {
      return fmt::format(
          "a group (children without `target`) has no numbers: remove `{}` or give it a `target`",
          key);
    };
    CHECK(target_error(group + "    unit: 户\n") == "7:11: " + msg("unit"));
    CHECK(target_error(group + "    baseline: 5\n") == "7:15: " + msg("baseline"));
    CHECK(target_error(group + "    schedule: end\n") == "7:15: " + msg("schedule"));
    CHECK(target_error(group + "    rollup: sum\n") == "7:13: " + msg("rollup"));
  }
  SUBCASE("a target needs a target or children") {
    CHECK(target_error("  - {id: a, name: A, unit: 户}\n") ==
          "4:5: a target needs `target:` (a number, {min: …, max: …}, or done) or `children:`");
    CHECK(target_errors("  - {id: a, name: A, children: []}\n") ==
          std::vector<std::string>{
              "4:5: a target needs `target:` (a number, {min: …, max: …}, or done) or `children:`",
              "4:32: `children` is empty"});
  }
  SUBCASE("a numeric target with children") {
    Plan plan = targets_plan(
        "  - id: p\n    name: P\n    unit: 万元\n    target: 10\n    children:\n"
        "      - {id: c, name: C, unit: 元, target: 100000}\n");
    CHECK(target_of(plan, "p").kind == Kind::min);
    CHECK(target_of(plan, "p").children().size() == 1);
  }
}

TEST_CASE("ids") {
  SUBCASE("duplicate siblings") {
    CHECK(
        target_error("  - {id: a, name: A, target: done}\n  - {id: a, name: B, target: done}\n") ==
        "5:10: duplicate id `a` (first at line 4)");
    // the same id under different parents is fine
    Plan plan = targets_plan(
        "  - {id: a, name: A, children: [{id: x, name: X, target: done}]}\n"
        "  - {id: b, name: B, children: [{id: x, name: X, target: done}]}\n");
    CHECK(plan.find("a.x") >= 0);
    CHECK(plan.find("b.x") >= 0);
  }
  SUBCASE("invalid characters") {
    for (const char* id : {"a.b", "搬迁", "a b", "a/b", "\"\""}) {
      CAPTURE(id);
      std::string shown = id == std::string("\"\"") ? "" : id;
      CHECK(target_error(fmt::format("  - {{id: {}, name: A, target: done}}\n", id)) ==
            fmt::format("4:10: id `{}` may only hold letters A-Z a-z, digits, _ and -", shown));
    }
    CHECK(targets_plan("  - {id: Aa-_9, name: A, target: done}\n").targets[0].id() == "Aa-_9");
  }
  SUBCASE("missing id and name") {
    CHECK(target_errors("  - {unit: 户, target: 1}\n") ==
          std::vector<std::string>{"4:5: a target is missing `id` (letters, digits, _ and -)",
                                   "4:5: a target is missing `name` (any text)"});
  }
}

TEST_CASE("unknown keys") {
  CHECK(target_error("  - {id: a, name: A, unit: 户, tagret: 5, target: 1}\n") ==
        "4:31: unknown key `tagret` in a target (did you mean `target`?)");
  CHECK(target_error("  - {id: a, nmae: A, name: B, unit: 户, target: 1}\n") ==
        "4:13: unknown key `nmae` in a target (did you mean `name`?)");
  CHECK(target_error("  - {id: a, name: A, unit: 户, target: 1, colour: red}\n") ==
        "4:42: unknown key `colour` in a target (keys starting with x- are ignored)");
  CHECK(plan_error("title: T\ntitel: U\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
                   "targets: [{id: a, name: A, target: done}]\n") ==
        "2:1: unknown key `titel` in the plan (did you mean `title`?)");
  CHECK(plan_error("title: T\nperiod: {start: 2024-01-01, ende: 2024-12-31, end: 2024-12-31}\n"
                   "targets: [{id: a, name: A, target: done}]\n") ==
        "2:29: unknown key `ende` in `period` (did you mean `end`?)");
  CHECK(plan_error("title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
                   "thresholds: {wran: 80%}\ntargets: [{id: a, name: A, target: done}]\n") ==
        "3:14: unknown key `wran` in `thresholds` (did you mean `warn`?)");
  SUBCASE("x- keys are ignored everywhere") {
    Plan plan = plan_of(
        "x-top: 1\ntitle: T\nperiod: {start: 2024-01-01, end: 2024-12-31, x-p: 2}\n"
        "targets: [{id: a, name: A, target: done, x-t: {deep: [1]}}]\n");
    CHECK(plan.targets.size() == 1);
  }
}

TEST_CASE("the format version") {
  std::string rest =
      "title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
      "targets: [{id: a, name: A, target: done}]\n";
  CHECK(plan_of("plantrack: 1\n" + rest).targets.size() == 1);
  CHECK(plan_error("plantrack: 2\n" + rest) ==
        "1:12: unsupported `plantrack: 2`: this version reads format 1");
  CHECK(plan_error("plantrack: 1.0\n" + rest) ==
        "1:12: unsupported `plantrack: 1.0`: this version reads format 1");
  CHECK(plan_error("plantrack: [1]\n" + rest) ==
        "1:12: unsupported `plantrack: a list`: this version reads format 1");
}

TEST_CASE("the plan's required parts") {
  CHECK(plan_error("") == "1:1: the plan is empty: it needs `title`, `period` and `targets`");
  CHECK(plan_error("- a\n") ==
        "1:1: a plan must be a mapping with `title`, `period` and `targets`");
  CHECK(plan_errors("owner: x\n") ==
        std::vector<std::string>{
            "1:1: the plan is missing `title` (the plan's title)",
            "1:1: the plan is missing `period` (e.g. period: {start: 2024-01-01, end: 2024-12-31})",
            "1:1: the plan is missing `targets` (the list of targets)"});
  CHECK(plan_error("title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets: []\n") ==
        "3:10: `targets` is empty");
  CHECK(plan_error("title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets: {}\n") ==
        "3:10: `targets` must be a list, not a mapping");
  CHECK(plan_error(
            "title: T\nperiod: {start: 2024-01-01}\ntargets: [{id: a, name: A, target: done}]\n") ==
        "2:9: `period` is missing `end` (the last day of the plan, YYYY-MM-DD)");
  CHECK(plan_error("title: [T]\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
                   "targets: [{id: a, name: A, target: done}]\n") ==
        "1:8: `title` must be text, not a list");
  CHECK(plan_error(with_targets("  - just text\n")) ==
        "4:5: `targets item` must be a mapping, not text");
}

TEST_CASE("thresholds") {
  auto thresholds = [](const std::string& t) {
    Plan plan = plan_of("title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\nthresholds: " + t +
                        "\ntargets: [{id: a, name: A, target: done}]\n");
    return format_number(plan.thresholds.warn) + "/" + format_number(plan.thresholds.fail);
  };
  auto error = [](const std::string& t) {
    return plan_error("title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\nthresholds: " + t +
                      "\ntargets: [{id: a, name: A, target: done}]\n");
  };
  CHECK(thresholds("{warn: 90%, fail: 70%}") == "0.9/0.7");
  CHECK(thresholds("{warn: 0.9, fail: 0.7}") == "0.9/0.7");
  CHECK(thresholds("{warn: 80%}") == "0.8/0.7");
  CHECK(thresholds("{fail: 50%}") == "0.9/0.5");
  CHECK(thresholds("{warn: 100%, fail: 100%}") == "1/1");
  CHECK(thresholds("{}") == "0.9/0.7");
  CHECK(error("{warn: 90%, fail: 95%}") == "3:13: threshold fail (95%) is above warn (90%)");
  CHECK(error("{warn: 60%}") == "3:13: threshold fail (70%) is above warn (60%)");
  CHECK(error("{warn: 90}") == "3:20: `warn` is a ratio: write 90% (or 0.9)");
  CHECK(error("{fail: 70}") == "3:20: `fail` is a ratio: write 70% (or 0.7)");
  CHECK(error("{warn: high}") ==
        "3:20: `warn`: `high` is not a number (write e.g. 1590, \"8,428.67\", \"20万\", "
        "\"1.2亿\" or \"95%\")");
  CHECK(error("90%") == "3:13: `thresholds` must be a mapping, not text");
  SUBCASE("per target, over the plan's") {
    Plan plan =
        targets_plan("  - {id: a, name: A, target: done, thresholds: {warn: 0.95, fail: 0.8}}\n");
    CHECK(one(plan).thresholds->warn == 0.95);
    CHECK(one(plan).thresholds->fail == 0.8);
    CHECK(target_error("  - {id: a, name: A, target: done, thresholds: {warn: 50%}}\n") ==
          "4:48: threshold fail (70%) is above warn (50%)");
  }
}

TEST_CASE("units: the plan's own") {
  auto error = [](const std::string& u) {
    return plan_error("title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\nunits: " + u +
                      "\ntargets: [{id: a, name: A, target: done}]\n");
  };
  Plan plan = plan_of(
      "title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
      "units: {万亩: 10000 亩, 打: 12 个}\ntargets: [{id: a, name: A, target: done}]\n");
  CHECK(*plan.units.convert(1, "万亩", "公顷") == doctest::Approx(10000.0 / 15));
  CHECK(*plan.units.convert(2, "打", "个") == 24);
  CHECK(error("{元: 10 角}") == "3:9: unit `元` is built in and cannot be redefined");
  CHECK(error("{万亩: lots 亩}") ==
        "3:13: unit `万亩` must be defined as FACTOR UNIT, e.g. 万亩: 10000 亩");
  CHECK(error("{万亩: 10000}") ==
        "3:13: unit `万亩` must be defined as FACTOR UNIT, e.g. 万亩: 10000 亩");
  CHECK(error("{万亩: 0 亩}") == "3:13: the factor of unit `万亩` must be positive");
  CHECK(error("{万亩: 10000 亩, 万亩: 1 亩}") == "3:22: duplicate key `万亩` (first at line 3)");
  CHECK(error("[万亩]") == "3:8: `units` must be a mapping, not a list");
}

TEST_CASE("schedules") {
  auto sched = [](const std::string& extra) {
    Plan plan = targets_plan("  - {id: a, name: A, unit: 户, target: 100, " + extra + "}\n");
    const Target& t = one(plan);
    std::string out;
    switch (t.schedule) {
      case ScheduleKind::linear:
        out = "linear";
        break;
      case ScheduleKind::end:
        out = "end";
        break;
      case ScheduleKind::always:
        out = "always";
        break;
      case ScheduleKind::checkpoints:
        out = "checkpoints";
        break;
    }
    for (const Checkpoint& c : t.checkpoints())
      out +=
          fmt::format(" {}={}{}", format_date(c.date), format_number(c.amount), c.share ? "s" : "");
    return out;
  };
  CHECK(sched("schedule: linear") == "linear");
  CHECK(sched("schedule: end") == "end");
  CHECK(sched("schedule: always") == "always");
  CHECK(sched("schedule: {Q1: 10%, Q2: 40%, Q3: 70%, Q4: 100%}") ==
        "checkpoints 2024-03-31=0.1s 2024-06-30=0.4s 2024-09-30=0.7s 2024-12-31=1s");
  CHECK(sched("schedule: {Q3: 70%, Q1: 10%}") == "checkpoints 2024-03-31=0.1s 2024-09-30=0.7s");
  CHECK(sched("schedule: {2024-05-15: 30, 2024-11-01: 80}") ==
        "checkpoints 2024-05-15=30 2024-11-01=80");
  CHECK(sched("schedule: {Q2: 50, 2024-10-01: 50%}") ==
        "checkpoints 2024-06-30=50 2024-10-01=0.5s");
  CHECK(sched("schedule: {q2: 1万}") == "checkpoints 2024-06-30=10000");
  SUBCASE("quarters count from the period's start") {
    Plan plan = plan_of(
        "title: T\nperiod: {start: 2024-04-01, end: 2025-03-31}\n"
        "targets: [{id: a, name: A, unit: 户, target: 4, schedule: {Q1: 1, Q4: 4}}]\n");
    CHECK(format_date(one(plan).checkpoints()[0].date) == "2024-06-30");
    CHECK(format_date(one(plan).checkpoints()[1].date) == "2025-03-31");
  }
  SUBCASE("errors") {
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, schedule: linaer}\n") ==
          "4:54: unknown schedule `linaer`: did you mean `linear`? (linear, end, always, or "
          "checkpoints like {Q1: 10%, Q2: 40%})");
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, schedule: monthly}\n") ==
          "4:54: unknown schedule `monthly` (linear, end, always, or checkpoints like "
          "{Q1: 10%, Q2: 40%})");
    CHECK(target_error(
              "  - {id: a, name: A, unit: 户, target: 100, schedule: {Q1: 40%, Q2: 30%}}\n") ==
          "4:64: checkpoint Q2 goes back (30% after 40%): checkpoints are cumulative");
    CHECK(
        target_error("  - {id: a, name: A, unit: 户, target: 100, schedule: {Q1: 40, Q2: 30}}\n") ==
        "4:63: checkpoint Q2 goes back (30 after 40): checkpoints are cumulative");
    // A plain number and a share compared by the value each expects (SPEC §3.1).
    CHECK(target_error(
              "  - {id: a, name: A, unit: 户, target: 100, schedule: {Q1: 30, Q2: 25%}}\n") ==
          "4:63: checkpoint Q2 goes back (25% = 25 after 30): checkpoints are cumulative");
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, baseline: 20, "
                       "schedule: {Q1: 50%, 2024-05-01: 50}}\n") ==
          "4:78: checkpoint 2024-05-01 goes back (50 after 50% = 60): checkpoints are cumulative");
    CHECK(targets_plan("  - {id: a, name: A, unit: 户, target: 100, baseline: 20, "
                       "schedule: {Q1: 30, Q2: 25%, Q3: 60%, Q4: 100}}\n")
              .targets.size() == 1);
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, schedule: {Q0: 10%}}\n") ==
          "4:55: checkpoint Q0 lies outside the plan period");
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, schedule: {Q5: 10%}}\n") ==
          "4:55: checkpoint Q5 lies outside the plan period");
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, schedule: {June: 10%}}\n") ==
          "4:55: checkpoint `June` must be one of the plan period's quarters Q1..Q4 or a date "
          "YYYY-MM-DD");
    CHECK(target_error(
              "  - {id: a, name: A, unit: 户, target: 100, schedule: {2024-02-30: 10%}}\n") ==
          "4:55: checkpoint `2024-02-30` must be one of the plan period's quarters Q1..Q4 or a "
          "date YYYY-MM-DD");
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, schedule: {}}\n") ==
          "4:54: `schedule` has no checkpoints");
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, schedule: {Q1: many}}\n") ==
          "4:59: `schedule`: `many` is not a number (write e.g. 1590, \"8,428.67\", \"20万\", "
          "\"1.2亿\" or \"95%\")");
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, rollup: avg}\n") ==
          "4:52: unknown rollup `avg` (sum, none, min, max or mean)");
    CHECK(target_error("  - {id: a, name: A, unit: 户, target: 100, rollup: maen}\n") ==
          "4:52: unknown rollup `maen`: did you mean `mean`? (sum, none, min, max or mean)");
  }
  SUBCASE("a multi-year period has more quarters") {
    Plan plan = plan_of(
        "title: T\nperiod: {start: 2024-01-01, end: 2025-12-31}\n"
        "targets: [{id: a, name: A, unit: 户, target: 8, schedule: {Q8: 8}}]\n");
    CHECK(format_date(one(plan).checkpoints()[0].date) == "2025-12-31");
  }
  SUBCASE("a bad key's message names the period's quarters") {
    const char* two_years =
        "title: T\nperiod: {start: 2024-01-01, end: 2025-12-31}\n"
        "targets: [{id: a, name: A, unit: 户, target: 8, schedule: {Q9: 8, June: 8}}]\n";
    CHECK(plan_errors(two_years) ==
          std::vector<std::string>{
              "3:59: checkpoint Q9 lies outside the plan period",
              "3:66: checkpoint `June` must be one of the plan period's quarters Q1..Q8 or a "
              "date YYYY-MM-DD"});
    set_lang(Lang::zh);
    CHECK(plan_errors(two_years).back() ==
          "3:66: 节点 `June` 应为计划期的季度 Q1..Q8 或日期 YYYY-MM-DD");
    set_lang(Lang::en);
    CHECK(plan_errors("title: T\nperiod: {start: 2024-01-01, end: 2024-11-15}\n"
                      "targets: [{id: a, name: A, unit: 户, target: 8, schedule: {q4: 8, June: "
                      "8}}]\n") ==
          std::vector<std::string>{"3:66: checkpoint `June` must be one of the plan period's "
                                   "quarters Q1..Q4 or a date YYYY-MM-DD"});
  }
  SUBCASE("a period shorter than a year: its last, partial quarter is fine") {
    Plan plan = plan_of(
        "title: T\nperiod: {start: 2024-01-01, end: 2024-11-15}\n"
        "targets: [{id: a, name: A, unit: 户, target: 8, schedule: {Q4: 8}}]\n");
    CHECK(format_date(one(plan).checkpoints()[0].date) == "2024-12-31");
  }
}

TEST_CASE("max targets and their schedules") {
  SUBCASE("without baseline the default is end, and linear is an error") {
    Plan plan = targets_plan("  - {id: a, name: A, unit: 万元, target: {max: 50}}\n");
    CHECK(one(plan).schedule == ScheduleKind::end);
    CHECK(target_error("  - {id: a, name: A, unit: 万元, target: {max: 50}, schedule: linear}\n") ==
          "4:61: a max target without a baseline has no linear path: give a `baseline`, or use "
          "schedule end or always");
    CHECK(target_error(
              "  - {id: a, name: A, unit: 万元, target: {max: 50}, schedule: {Q1: 10%}}\n") ==
          "4:66: a share needs a baseline on a max target: give a `baseline` or absolute values");
    Plan always =
        targets_plan("  - {id: a, name: A, unit: 万元, target: {max: 50}, schedule: always}\n");
    CHECK(one(always).schedule == ScheduleKind::always);
  }
  SUBCASE("with a baseline the default is linear") {
    Plan plan = targets_plan("  - {id: a, name: A, unit: 万元, target: {max: 50}, baseline: 80}\n");
    CHECK(one(plan).schedule == ScheduleKind::linear);
  }
  SUBCASE("absolute checkpoints go down") {
    Plan plan = targets_plan(
        "  - {id: a, name: A, unit: 万元, target: {max: 50}, baseline: 80, schedule: {Q2: 70, Q4: "
        "50}}\n");
    CHECK(one(plan).checkpoints().size() == 2);
    CHECK(target_error("  - {id: a, name: A, unit: 万元, target: {max: 50}, baseline: 80, "
                       "schedule: {Q2: 60, Q4: 70}}\n") ==
          "4:84: checkpoint Q4 goes back (70 after 60): checkpoints are cumulative");
    // On a max target the expected value falls toward T: a share that expects more goes back.
    CHECK(target_error("  - {id: a, name: A, unit: 万元, target: {max: 50}, baseline: 80, "
                       "schedule: {Q2: 60, Q3: 50%}}\n") ==
          "4:84: checkpoint Q3 goes back (50% = 65 after 60): checkpoints are cumulative");
    CHECK(one(targets_plan("  - {id: a, name: A, unit: 万元, target: {max: 50}, baseline: 80, "
                           "schedule: {Q2: 70, Q3: 50%, Q4: 50}}\n"))
              .checkpoints()
              .size() == 3);
  }
}

TEST_CASE("dates") {
  CHECK(target_error("  - {id: a, name: A, target: done, start: 2024-06-01, due: 2024-05-31}\n") ==
        "4:60: due 2024-05-31 is before start 2024-06-01");
  CHECK(target_error("  - {id: a, name: A, target: done, start: 2025-01-01}\n") ==
        "4:43: due 2024-12-31 is before start 2025-01-01");
  CHECK(target_error("  - {id: a, name: A, target: done, due: 2024-02-30}\n") ==
        "4:41: `2024-02-30` is not a valid date for `due` (write YYYY-MM-DD)");
  CHECK(target_error("  - {id: a, name: A, target: done, start: 2024/03/01}\n") ==
        "4:43: `2024/03/01` is not a valid date for `start` (write YYYY-MM-DD)");
  CHECK(plan_error("title: T\nperiod: {start: 2024-01-01, end: 2023-12-31}\n"
                   "targets: [{id: a, name: A, target: done}]\n") ==
        "2:34: the period ends (2023-12-31) before it starts (2024-01-01)");
  CHECK(plan_error("title: T\nperiod: {start: 2024-13-01, end: 2024-12-31}\n"
                   "targets: [{id: a, name: A, target: done}]\n") ==
        "2:17: `2024-13-01` is not a valid date for `start` (write YYYY-MM-DD)");
  SUBCASE("a one-day period") {
    Plan plan = plan_of(
        "title: T\nperiod: {start: 2024-05-01, end: 2024-05-01}\n"
        "targets: [{id: a, name: A, target: done}]\n");
    CHECK(format_date(one(plan).due) == "2024-05-01");
  }
  SUBCASE("a child's own start and due") {
    Plan plan = targets_plan(
        "  - id: g\n    name: G\n    due: 2024-06-30\n    children:\n"
        "      - {id: a, name: A, target: done, due: 2024-03-31}\n"
        "      - {id: b, name: B, target: done}\n");
    CHECK(date(target_of(plan, "g.a").due) == "2024-03-31");
    CHECK(date(target_of(plan, "g.b").due) == "2024-06-30");
  }
}

TEST_CASE("every problem of a file comes in one InputError, sorted by line") {
  std::vector<std::string> errors = plan_errors(R"(plantrack: 2
title: T
period: {start: 2024-01-01, end: 2024-12-31}
thresholds: {warn: 90}
targets:
  - id: a.b
    name: A
    unit: 户
    target: 95%
  - id: c
    nmae: C
    target: {growth: 10%}
    unit: 户
  - {id: d, name: D, target: done, due: 2024-02-30}
)");
  // `nmae` is reported with its suggestion, so the missing `name` is not reported again.
  CHECK(errors == std::vector<std::string>{
                      "1:12: unsupported `plantrack: 2`: this version reads format 1",
                      "4:20: `warn` is a ratio: write 90% (or 0.9)",
                      "6:9: id `a.b` may only hold letters A-Z a-z, digits, _ and -",
                      "9:13: `95%` is a percentage but the unit is 户: write a number in 户, or "
                      "use unit: \"%\"",
                      "11:5: unknown key `nmae` in a target (did you mean `name`?)",
                      "12:22: `growth` needs a `baseline` to start from",
                      "14:41: `2024-02-30` is not a valid date for `due` (write YYYY-MM-DD)",
                  });
}

TEST_CASE("ratio: its ids name numeric targets of one dimension, later ones too") {
  Plan p = targets_plan(
      "  - {id: r, name: R, unit: \"%\", target: 95, ratio: {numerator: x.n, denominator: d}}\n"
      "  - id: x\n"
      "    name: X\n"
      "    children: [{id: n, name: N, unit: 元, target: 1}]\n"
      "  - {id: d, name: D, unit: 万元, target: 1}\n");
  const Ratio* r = one(p).ratio();
  REQUIRE(r != nullptr);
  CHECK(p.targets[static_cast<size_t>(r->numerator)].full_id == "x.n");
  CHECK(p.targets[static_cast<size_t>(r->denominator)].full_id == "d");
  CHECK_FALSE(r->parent);
  // Parts before the ratio in the evaluation order.
  auto at = [&](int i) {
    return std::find(p.eval_order.begin(), p.eval_order.end(), i) - p.eval_order.begin();
  };
  CHECK(at(r->numerator) < at(0));
  CHECK(at(r->denominator) < at(0));
  CHECK(p.eval_order.size() == p.targets.size());
  // Without ratios, no order is kept (plan order backwards).
  CHECK(targets_plan("  - {id: a, name: A, unit: 户, target: 1}\n").eval_order.empty());
}

TEST_CASE("ratio: input errors, located") {
  const std::string parts =
      "  - {id: n, name: N, unit: 万元, target: 1}\n"
      "  - {id: g, name: G, children: [{id: c, name: C, unit: 户, target: 1}]}\n"
      "  - {id: m, name: M, target: done}\n"
      "  - {id: h, name: H, unit: 户, target: 1}\n";
  auto ratio = [&](const std::string& body) {
    return target_error("  - {id: r, name: R, unit: \"%\", target: 95, ratio: " + body + "}\n" +
                        parts);
  };
  CHECK(ratio("{numerator: nn, denominator: g.c}") ==
        "4:64: the numerator `nn` is not a target of the plan (did you mean `n`?)");
  CHECK(ratio("{numerator: n, denominator: g}") ==
        "4:80: the denominator `g` is a group, not a numeric target");
  CHECK(ratio("{numerator: m, denominator: n}") ==
        "4:64: the numerator `m` is a milestone, not a numeric target");
  CHECK(ratio("{numerator: n, denominator: h}") ==
        "4:52: the numerator `n` (万元) and the denominator `h` (户) are not of one dimension");
  CHECK(ratio("{numerator: n}") ==
        "4:52: `ratio` is missing `denominator` (the full id of the target counted against)");
  CHECK(target_error("  - {id: r, name: R, unit: 户, target: 95, ratio: {numerator: h, "
                     "denominator: h}}\n" +
                     parts) == "4:50: a ratio target needs unit: \"%\" and a `target:` (e.g. 95)");
  CHECK(target_error("  - {id: r, name: R, unit: \"%\", target: 95, rollup: sum, ratio: "
                     "{numerator: h, denominator: h}}\n" +
                     parts) ==
        "4:53: a ratio target's actual is computed from its parts: remove "
        "`rollup`");
}

TEST_CASE("ratio: one that depends on itself, directly or through a chain") {
  CHECK(target_error("  - {id: r, name: R, unit: \"%\", target: 95, ratio: {numerator: r, "
                     "denominator: r}}\n") == "4:52: the ratio `r` depends on itself (r → r)");
  // r over s, s over a parent that rolls r up.
  CHECK(
      target_error("  - {id: r, name: R, unit: \"%\", target: 95, ratio: {numerator: s, "
                   "denominator: s}}\n"
                   "  - {id: s, name: S, unit: \"%\", target: 95, ratio: {numerator: p, "
                   "denominator: p}}\n"
                   "  - id: p\n"
                   "    name: P\n"
                   "    unit: \"%\"\n"
                   "    target: 1\n"
                   "    rollup: sum\n"
                   "    children: [{id: q, name: Q, unit: \"%\", target: 1, ratio: {numerator: r, "
                   "denominator: r}},\n"
                   "               {id: z, name: Z, unit: \"%\", target: 1}]\n") ==
      "4:52: the ratio `r` depends on itself (r → s → p → p.q → r)");
}

TEST_CASE("ratio parents: % targets whose numeric children are all ratios") {
  const std::string parts =
      "  - {id: n1, name: N, unit: 万元, target: 1}\n"
      "  - {id: d1, name: D, unit: 万元, target: 1}\n"
      "  - {id: h, name: H, unit: 户, target: 1}\n";
  const std::string child1 =
      "      - {id: a, name: A, unit: \"%\", target: 95, ratio: {numerator: n1, denominator: "
      "d1}}\n";
  // Any rollup written on it is not used: it is the ratio of sums.
  for (const char* rollup : {"", "    rollup: mean\n", "    rollup: sum\n"}) {
    Plan p = targets_plan(std::string("  - id: p\n    name: P\n    unit: \"%\"\n    target: 95\n") +
                          rollup + "    children:\n" + child1 + parts);
    REQUIRE(one(p).ratio() != nullptr);
    CHECK(one(p).ratio()->parent);
  }
  // A plain % child among them: an ordinary parent.
  Plan mixed =
      targets_plan("  - id: p\n    name: P\n    unit: \"%\"\n    target: 95\n    children:\n" +
                   child1 + "      - {id: b, name: B, unit: \"%\", target: 95}\n" + parts);
  CHECK(one(mixed).ratio() == nullptr);
  CHECK(target_error("  - id: p\n    name: P\n    unit: \"%\"\n    target: 95\n    children:\n" +
                     child1 +
                     "      - {id: b, name: B, unit: \"%\", target: 95, ratio: {numerator: h, "
                     "denominator: h}}\n" +
                     parts) ==
        "4:5: the ratio children of `p` divide parts of different dimensions: their sums cannot "
        "be taken");
}
