// trend: dates of --every, the series and the findings kept once; revisions in force (§7.4).

#include "trend.hpp"

#include <doctest/doctest.h>

#include "helpers.hpp"

using namespace plantrack;
using plantrack::test::date_of;

namespace {

const char* k_plan =
    "plantrack: 1\ntitle: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n"
    "  - {id: a, name: A, unit: 户, target: 100,\n"
    "     revisions: [{date: 2024-07-01, target: 80}, {date: 2024-10-01, target: 60}]}\n";

std::vector<std::string> texts(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (Date d : dates)
    out.push_back(format_date(d));
  return out;
}

}  // namespace

TEST_CASE("trend: a target at a date before the last is kept in 9 bytes") {
  // A million targets over four dates: 27 MB beside the check's own report at the last date (the
  // bench's budget for trend is 1.2 x the peak memory of one check).
  CHECK(sizeof(OptDouble) == 8);
  CHECK(sizeof(Status) == 1);
}

TEST_CASE("trend: --every quarter and month within the plan period") {
  Plan plan = test::plan_of(k_plan);
  CHECK(texts(every_dates(plan, true, date_of("2024-09-30"))) ==
        std::vector<std::string>{"2024-03-31", "2024-06-30", "2024-09-30"});
  CHECK(texts(every_dates(plan, true, date_of("2024-09-29"))) ==
        std::vector<std::string>{"2024-03-31", "2024-06-30"});
  CHECK(texts(every_dates(plan, true, date_of("2030-01-01"))).size() == 4);
  CHECK(texts(every_dates(plan, false, date_of("2024-03-15"))) ==
        std::vector<std::string>{"2024-01-31", "2024-02-29"});
  CHECK(every_dates(plan, true, date_of("2024-03-30")).empty());
}

TEST_CASE("trend: a period that does not start on the first of a month") {
  Plan plan = test::plan_of(
      "plantrack: 1\ntitle: t\nperiod: {start: 2024-07-15, end: 2025-07-14}\ntargets:\n"
      "  - {id: a, name: A, target: done}\n");
  CHECK(texts(every_dates(plan, true, date_of("2025-01-31"))) ==
        std::vector<std::string>{"2024-10-14", "2025-01-14"});
  CHECK(texts(every_dates(plan, false, date_of("2024-09-30"))) ==
        std::vector<std::string>{"2024-07-31", "2024-08-31", "2024-09-30"});
}

TEST_CASE("revisions: the bound in force is the latest revision on or before the as-of") {
  Plan plan = test::plan_of(k_plan);
  const Target& t = test::target_of(plan, "a");
  CHECK(*t.bounds_at(date_of("2024-06-30")).min == 100);
  CHECK(t.bounds_at(date_of("2024-06-30")).revision == nullptr);
  CHECK(*t.bounds_at(date_of("2024-07-01")).min == 80);  // dated exactly on the as-of
  CHECK(*t.bounds_at(date_of("2024-12-31")).min == 60);
  SUBCASE("the expected value uses the bound in force over the whole schedule") {
    // 182 of 366 days at 2024-06-30 against 100; 183 days at 2024-07-01 against 80.
    CHECK(*expected_value(t, date_of("2024-06-30")) == doctest::Approx(100.0 * 182 / 366));
    CHECK(*expected_value(t, date_of("2024-07-01")) == doctest::Approx(80.0 * 183 / 366));
  }
  SUBCASE("met against the revised bound") {
    auto c = test::check(k_plan, "plantrack: 1\nas_of: 2024-10-01\nactuals: {a: 65}\n");
    CHECK(c->status("a") == "done");
    CHECK(*c->report.targets[0].progress == doctest::Approx(65.0 / 60));
  }
}

TEST_CASE("revisions: input errors") {
  std::string head =
      "plantrack: 1\ntitle: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n";
  CHECK(test::plan_error(head + "  - {id: a, name: A, unit: 户, target: 100,\n"
                                "     revisions: [{date: 2024-07-01, target: 80}, "
                                "{date: 2024-07-01, target: 70}]}\n") ==
        "6:57: revisions must be in date order: 2024-07-01 comes after 2024-07-01");
  CHECK(test::plan_error(head + "  - {id: a, name: A, unit: 户, target: 100,\n"
                                "     revisions: [{date: 2024-07-01, target: {max: 80}}]}\n") ==
        "6:45: a revision keeps the target's kind: `a` is a min target, this revision gives a "
        "max");
  CHECK(test::plan_error(head + "  - {id: a, name: A, unit: 户, target: 100,\n"
                                "     revisions: [{target: 80}]}\n") ==
        "6:18: a revision is missing `date` (the day the revised target applies from, "
        "YYYY-MM-DD)");
  CHECK(test::plan_error(head + "  - {id: a, name: A, unit: 户, target: {max: 10},\n"
                                "     revisions: [{date: 2024-07-01, target: {decrease: 2}}]}\n") ==
        "6:56: `decrease` needs a `baseline` to start from");
}

TEST_CASE("trend: findings each once, earlier dates' future-entries left out") {
  std::string actuals =
      "plantrack: 1\nactuals:\n"
      "  - {id: a, date: 2024-03-31, value: 10}\n"
      "  - {id: nope, date: 2024-03-31, value: 1}\n"
      "  - {id: a, date: 2024-09-30, value: 50}\n";
  Plan plan = test::plan_of(k_plan);
  Actuals in = test::actuals_of(actuals);
  Trend trend =
      build_trend(plan, in, {date_of("2024-03-31"), date_of("2024-06-30"), date_of("2024-12-31")});
  std::vector<std::string> codes;
  for (const Finding& f : trend.findings)
    codes.push_back(f.code);
  CHECK(codes == std::vector<std::string>{"unknown-target"});
  CHECK(*trend.change(0, 1) == 0);
  CHECK(*trend.change(0, 2) == 40);
  CHECK(!trend.change(0, 0));
  CHECK(trend.series(0)[2].status == Status::at_risk);  // on the due date, 50 of 60
}
