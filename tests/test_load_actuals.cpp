#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "helpers.hpp"

using namespace plantrack;
using plantrack::test::actuals_error;
using plantrack::test::actuals_errors;
using plantrack::test::actuals_of;
using plantrack::test::date_of;

namespace {

// "ID DATE KIND AMOUNT[%] [unit=U] [by=R] [done=D] @LINE:COL" for each entry.
std::vector<std::string> entries(const Actuals& a) {
  std::vector<std::string> out;
  for (const Entry& e : a.entries) {
    std::string s = fmt::format("{} {} ", e.id, format_date(e.date));
    switch (e.kind) {
      case EntryKind::value:
        s += "value " + format_number(e.amount) + (e.percent ? "%" : "");
        break;
      case EntryKind::add:
        s += "add " + format_number(e.amount) + (e.percent ? "%" : "");
        break;
      case EntryKind::done:
        s += std::string("done ") + (e.done ? "yes" : "no");
        if (e.done_on()) s += " on " + format_date(*e.done_on());
        break;
    }
    if (e.unit) s += fmt::format(" unit={}", a.name(e.unit));
    if (e.reporter) s += fmt::format(" by={}", a.name(e.reporter));
    s += fmt::format(" @{}:{}", e.mark.line, e.mark.column);
    if (e.file != 0) s += fmt::format(" file={}", e.file);
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> entries_of(const std::string& yaml,
                                    std::optional<Date> cli = std::nullopt) {
  return entries(actuals_of(yaml, cli));
}

}  // namespace

TEST_CASE("map form: a snapshot dated by as_of") {
  Actuals a = actuals_of(R"(plantrack: 1
as_of: 2024-09-30
reported_by: 珠街乡
actuals:
  relocation.households: 300
  relocation.funds: {value: 4000000, unit: 元}
  loans.recovery: 96.2%
  planning-report: {done: 2024-12-20}
  report2: {done: true}
  training.basic: {value: 4100, note: 含夜校, source: 台账}
  training.extra: {add: 20万, by: 大元村}
  x-remark: {value: 5}
)");
  REQUIRE(a.files.size() == 1);
  CHECK(a.files[0].path == "a.yaml");
  CHECK(format_date(*a.files[0].as_of) == "2024-09-30");
  CHECK(a.files[0].reported_by == "珠街乡");
  CHECK(entries(a) == std::vector<std::string>{
                          "relocation.households 2024-09-30 value 300 by=珠街乡 @5:3",
                          "relocation.funds 2024-09-30 value 4000000 unit=元 by=珠街乡 @6:3",
                          "loans.recovery 2024-09-30 value 96.2% by=珠街乡 @7:3",
                          "planning-report 2024-09-30 done yes on 2024-12-20 by=珠街乡 @8:3",
                          "report2 2024-09-30 done yes on 2024-09-30 by=珠街乡 @9:3",
                          "training.basic 2024-09-30 value 4100 by=珠街乡 @10:3",
                          "training.extra 2024-09-30 add 200000 by=大元村 @11:3",
                          "x-remark 2024-09-30 value 5 by=珠街乡 @12:3",
                      });
}

TEST_CASE("list form: a history of dated entries") {
  Actuals a = actuals_of(R"(plantrack: 1
reported_by: 鳌溪镇
actuals:
  - {id: relocation.households, date: 2024-03-31, value: 100}
  - {id: relocation.households, date: 2024-06-30, value: 220}
  - {id: training.basic, date: 2024-04-15, add: 120}
  - {id: training.basic, date: 2024-05-20, add: 80, by: 大元村}
  - id: report
    date: 2024-07-01
    done: true
  - {id: report2, date: 2024-07-01, done: 2024-06-15, x-checked: yes}
  - {id: report3, date: 2024-07-01, done: false}
)");
  CHECK_FALSE(a.files[0].as_of);
  CHECK(entries(a) == std::vector<std::string>{
                          "relocation.households 2024-03-31 value 100 by=鳌溪镇 @4:5",
                          "relocation.households 2024-06-30 value 220 by=鳌溪镇 @5:5",
                          "training.basic 2024-04-15 add 120 by=鳌溪镇 @6:5",
                          "training.basic 2024-05-20 add 80 by=大元村 @7:5",
                          "report 2024-07-01 done yes on 2024-07-01 by=鳌溪镇 @8:5",
                          "report2 2024-07-01 done yes on 2024-06-15 by=鳌溪镇 @11:5",
                          "report3 2024-07-01 done no by=鳌溪镇 @12:5",
                      });
  CHECK(*latest_date(a) == date_of("2024-07-01"));
}

TEST_CASE("no reporter: the unnamed one") {
  CHECK(entries_of("as_of: 2024-09-30\nactuals: {a: 1}\n") ==
        std::vector<std::string>{"a 2024-09-30 value 1 @2:11"});
}

TEST_CASE("several files") {
  Actuals a = actuals_of(std::vector<std::string>{
      "as_of: 2024-03-31\nactuals: {a: 1}\n", "actuals: [{id: b, date: 2024-06-30, add: 2}]\n"});
  REQUIRE(a.files.size() == 2);
  CHECK(a.files[1].path == "b.yaml");
  CHECK(entries(a) ==
        std::vector<std::string>{"a 2024-03-31 value 1 @2:11", "b 2024-06-30 add 2 @1:11 file=1"});
  CHECK(*latest_date(a) == date_of("2024-06-30"));
}

TEST_CASE("as_of for the map form") {
  SUBCASE("required without a date from the command line") {
    CHECK(actuals_error("actuals: {a: 1}\n") ==
          "1:1: map-form actuals need `as_of: YYYY-MM-DD` (the date they describe), or run with "
          "--as-of");
    CHECK(actuals_error("reported_by: x\nactuals:\n  a: 1\n") ==
          "1:1: map-form actuals need `as_of: YYYY-MM-DD` (the date they describe), or run with "
          "--as-of");
  }
  SUBCASE("the command line's date dates the entries") {
    CHECK(entries_of("actuals: {a: 1}\n", date_of("2024-06-30")) ==
          std::vector<std::string>{"a 2024-06-30 value 1 @1:11"});
  }
  SUBCASE("the file's own as_of wins over the command line's") {
    CHECK(entries_of("as_of: 2024-03-31\nactuals: {a: 1}\n", date_of("2024-06-30")) ==
          std::vector<std::string>{"a 2024-03-31 value 1 @2:11"});
  }
  SUBCASE("a list form needs no as_of") {
    CHECK(entries_of("actuals: [{id: a, date: 2024-01-31, value: 1}]\n").size() == 1);
  }
  SUBCASE("a bad as_of is reported once") {
    CHECK(actuals_error("as_of: 2024-09-31\nactuals: {a: 1}\n") ==
          "1:8: `2024-09-31` is not a valid date for `as_of` (write YYYY-MM-DD)");
    CHECK(actuals_error("as_of: 2024-Q3\nactuals: {a: 1}\n") ==
          "1:8: `2024-Q3` is not a valid date for `as_of` (write YYYY-MM-DD)");
  }
}

TEST_CASE("empty values are not reported yet, and skipped") {
  CHECK(entries_of(R"(as_of: 2024-09-30
actuals:
  a:
  b: ~
  c: {value: ~}
  d: {done: }
  e: {add: ~, unit: 元}
  f: 5
)") == std::vector<std::string>{"f 2024-09-30 value 5 @8:3"});
  CHECK(entries_of(R"(actuals:
  - {id: a, date: 2024-03-31, value: ~}
  -
  - {id: b, date: 2024-03-31, value: 2}
)") == std::vector<std::string>{"b 2024-03-31 value 2 @4:5"});
  CHECK(entries_of("as_of: 2024-09-30\nactuals:\n").empty());
  CHECK(entries_of("as_of: 2024-09-30\nactuals: {}\n").empty());
  CHECK(entries_of("actuals: []\n").empty());
  SUBCASE("a quoted ~ is text, not empty") {
    CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: \"~\"}\n") ==
          "2:14: `value`: `~` is not a number (write e.g. 1590, \"8,428.67\", \"20万\", "
          "\"1.2亿\" or \"95%\")");
  }
}

TEST_CASE("a last entry without `:` is an error, not an empty value") {
  CHECK(actuals_error("as_of: 2024-09-30\nactuals:\n  a: 1\n  relocation.households 300\n") ==
        "4:3: missing `:` after `relocation.households 300` (write KEY: VALUE)");
}

TEST_CASE("an entry has exactly one of value, add or done") {
  CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {value: 1, add: 2}}\n") ==
        "2:14: an entry has exactly one of `value`, `add` or `done`");
  CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {value: 1, done: true}}\n") ==
        "2:14: an entry has exactly one of `value`, `add` or `done`");
  CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {note: x}}\n") ==
        "2:14: an entry needs one of `value`, `add` or `done`");
  CHECK(actuals_error("actuals: [{id: a, date: 2024-01-01, value: 1, add: 1}]\n") ==
        "1:11: an entry has exactly one of `value`, `add` or `done`");
  CHECK(actuals_error("actuals: [{id: a, date: 2024-01-01}]\n") ==
        "1:11: an entry needs one of `value`, `add` or `done`");
  SUBCASE("a misspelt kind is reported once, with the suggestion") {
    CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {vlaue: 1}}\n") ==
          "2:15: unknown key `vlaue` in an entry (did you mean `value`?)");
    CHECK(actuals_error("actuals: [{id: a, date: 2024-01-01, dnoe: true}]\n") ==
          "1:37: unknown key `dnoe` in an entry (did you mean `done`?)");
  }
}

TEST_CASE("done") {
  auto done = [](const std::string& v) {
    return entries_of("as_of: 2024-09-30\nactuals: {m: {done: " + v + "}}\n");
  };
  CHECK(done("true") == std::vector<std::string>{"m 2024-09-30 done yes on 2024-09-30 @2:11"});
  CHECK(done("True") == std::vector<std::string>{"m 2024-09-30 done yes on 2024-09-30 @2:11"});
  CHECK(done("false") == std::vector<std::string>{"m 2024-09-30 done no @2:11"});
  CHECK(done("2024-05-01") ==
        std::vector<std::string>{"m 2024-09-30 done yes on 2024-05-01 @2:11"});
  CHECK(done("2024-12-20") ==
        std::vector<std::string>{"m 2024-09-30 done yes on 2024-12-20 @2:11"});
  CHECK(actuals_error("as_of: 2024-09-30\nactuals: {m: {done: soon}}\n") ==
        "2:21: `done` takes a date YYYY-MM-DD, true or false, not `soon`");
  CHECK(actuals_error("as_of: 2024-09-30\nactuals: {m: {done: 2024-02-30}}\n") ==
        "2:21: `done` takes a date YYYY-MM-DD, true or false, not `2024-02-30`");
  CHECK(actuals_error("as_of: 2024-09-30\nactuals: {m: {done: [2024-05-01]}}\n") ==
        "2:21: `done` must be text, not a list");
  SUBCASE("in the list form, done: true is dated by its entry") {
    CHECK(entries_of("actuals: [{id: m, date: 2024-04-02, done: true}]\n") ==
          std::vector<std::string>{"m 2024-04-02 done yes on 2024-04-02 @1:11"});
  }
}

TEST_CASE("reporters: by overrides reported_by") {
  CHECK(entries_of(R"(reported_by: 乡
actuals:
  - {id: a, date: 2024-01-31, value: 1}
  - {id: a, date: 2024-01-31, value: 2, by: 村}
)") == std::vector<std::string>{"a 2024-01-31 value 1 by=乡 @3:5",
                                "a 2024-01-31 value 2 by=村 @4:5"});
  CHECK(entries_of("as_of: 2024-01-31\nactuals: {a: {value: 1, by: 村}}\n") ==
        std::vector<std::string>{"a 2024-01-31 value 1 by=村 @2:11"});
  CHECK(actuals_error("reported_by: [a, b]\nactuals: []\n") ==
        "1:14: `reported_by` must be text, not a list");
}

TEST_CASE("units and percentages on entries") {
  CHECK(entries_of("as_of: 2024-09-30\nactuals: {a: {value: 12, unit: 万元}, b: {value: 95%, "
                   "unit: \"%\"}}\n") ==
        std::vector<std::string>{"a 2024-09-30 value 12 unit=万元 @2:11",
                                 "b 2024-09-30 value 95% unit=% @2:37"});
  CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {value: 95%, unit: 户}}\n") ==
        "2:22: `95%` is a percentage but the entry says unit 户");
  CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {value: 1, unit: ~}}\n") ==
        "2:25: `unit` is empty");
}

TEST_CASE("numbers in entries") {
  CHECK(entries_of("as_of: 2024-09-30\nactuals: {a: \"8,428.67\", b: 1.2亿, c: -5, d: 010}\n") ==
        std::vector<std::string>{"a 2024-09-30 value 8428.67 @2:11",
                                 "b 2024-09-30 value 120000000 @2:26",
                                 "c 2024-09-30 value -5 @2:35", "d 2024-09-30 value 10 @2:42"});
  CHECK(actuals_errors("as_of: 2024-09-30\nactuals:\n  a: 1,59\n  b: .inf\n  c: {add: 1e400}\n") ==
        std::vector<std::string>{
            "3:6: `value`: `1,59` is not a number: commas may only separate groups of three "
            "digits (8,428.67)",
            "4:6: `value`: `.inf` is not a finite number",
            "5:12: `add`: `1e400` is too large (the limit is 10^15)"});
}

TEST_CASE("the shape of the file and its entries") {
  CHECK(actuals_error("") == "1:1: the actuals file is empty: it needs `actuals:`");
  CHECK(actuals_error("- a\n") == "1:1: an actuals file must be a mapping with `actuals:`");
  CHECK(actuals_error("as_of: 2024-09-30\n") ==
        "1:1: the actuals file is missing `actuals` (a mapping of target id to value, or a list "
        "of dated entries)");
  CHECK(actuals_error("actuals: 5\n") ==
        "1:10: `actuals` must be a mapping (id: value) or a list of entries, not text");
  CHECK(actuals_error("plantrack: 2\nactuals: []\n") ==
        "1:12: unsupported `plantrack: 2`: this version reads format 1");
  CHECK(actuals_error("as_of: 2024-09-30\nreportedby: x\nactuals: []\n") ==
        "2:1: unknown key `reportedby` in the actuals file (did you mean `reported_by`?)");
  CHECK(entries_of("x-generated-by: tool\nactuals: []\n").empty());
  SUBCASE("map-form entries") {
    CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: [1]}\n") ==
          "2:14: `a` takes a number or a mapping such as {value: 1} or {done: 2024-06-30}, not a "
          "list");
    CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {value: 1, date: 2024-01-01}}\n") ==
          "2:31: a map-form entry has no `date`: it is dated by the file's `as_of` (write a list "
          "of entries to give each its own date)");
    CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {value: 1, id: b}}\n") ==
          "2:29: a map-form entry has no `id`: its key names the target");
    CHECK(actuals_error("as_of: 2024-09-30\nactuals: {a: {value: 1, colour: red}}\n") ==
          "2:25: unknown key `colour` in an entry (keys starting with x- are ignored)");
  }
  SUBCASE("list-form entries") {
    CHECK(actuals_error("actuals: [5]\n") == "1:11: `actuals item` must be a mapping, not text");
    CHECK(actuals_error("actuals: [{date: 2024-01-01, value: 1}]\n") ==
          "1:11: an entry is missing `id` (the target's full id)");
    CHECK(actuals_error("actuals: [{id: a, value: 1}]\n") ==
          "1:11: an entry is missing `date` (the date of the entry, YYYY-MM-DD)");
    CHECK(actuals_errors("actuals: [{value: 1}]\n") ==
          std::vector<std::string>{"1:11: an entry is missing `id` (the target's full id)",
                                   "1:11: an entry is missing `date` (the date of the entry, "
                                   "YYYY-MM-DD)"});
    CHECK(actuals_error("actuals: [{id: a, date: 2024-13-01, value: 1}]\n") ==
          "1:25: `2024-13-01` is not a valid date for `date` (write YYYY-MM-DD)");
    CHECK(actuals_error("actuals: [{id: a, date: 2024-01-01, value: 1, colour: red}]\n") ==
          "1:47: unknown key `colour` in an entry (keys starting with x- are ignored)");
  }
}

TEST_CASE("every problem of a file in one InputError, sorted by line") {
  CHECK(actuals_errors(R"(plantrack: 3
actuals:
  - {id: a, date: 2024-02-30, value: 1}
  - {id: b, date: 2024-03-01, value: abc}
  - {id: c, date: 2024-03-01, value: 1, add: 2}
  - {id: d, date: 2024-03-01, value: 1, tpyo: 2}
)") == std::vector<std::string>{
           "1:12: unsupported `plantrack: 3`: this version reads format 1",
           "3:19: `2024-02-30` is not a valid date for `date` (write YYYY-MM-DD)",
           "4:38: `value`: `abc` is not a number (write e.g. 1590, \"8,428.67\", \"20万\", "
           "\"1.2亿\" or \"95%\")",
           "5:5: an entry has exactly one of `value`, `add` or `done`",
           "6:41: unknown key `tpyo` in an entry (keys starting with x- are ignored)",
       });
}

TEST_CASE("append_actuals: files renumbered, strings kept after the source is gone") {
  Actuals all = actuals_of("plantrack: 1\nas_of: 2024-09-30\nactuals: {a.x: 1}\n");
  {
    Actuals more = actuals_of(std::vector<std::string>{
        "plantrack: 1\nas_of: 2024-06-30\nreported_by: 乙\nactuals: {b.y: 2}\n",
        "plantrack: 1\nactuals:\n  - {id: c.z, date: 2024-03-31, add: 3, unit: 万元, by: 丙}\n"});
    append_actuals(all, std::move(more));
    CHECK(more.entries.empty());
    CHECK(more.files.empty());
  }  // `more` and its arena are gone: `all` holds its own copies
  REQUIRE(all.files.size() == 3);
  CHECK(all.files[1].path == "a.yaml");
  CHECK(all.files[2].path == "b.yaml");
  CHECK(entries(all) == std::vector<std::string>{
                            "a.x 2024-09-30 value 1 @3:11",
                            "b.y 2024-06-30 value 2 by=乙 @4:11 file=1",
                            "c.z 2024-03-31 add 3 unit=万元 by=丙 @3:5 file=2",
                        });
}

TEST_CASE("append_actuals with a plan: known ids view the plan's full ids") {
  Plan plan = plantrack::test::plan_of(
      "title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\n"
      "targets: [{id: a, name: A, children: [{id: x, name: X, unit: 户, target: 1}]}]\n");
  Actuals all;
  append_actuals(all, actuals_of("plantrack: 1\nas_of: 2024-09-30\nactuals: {a.x: 1, a.y: 2}\n"),
                 &plan);
  REQUIRE(all.entries.size() == 2);
  CHECK(all.entries[0].id == "a.x");
  CHECK(all.entries[0].id.data() == plan.targets[1].full_id.data());
  CHECK(all.entries[1].id == "a.y");  // unknown: a copy of its own
  CHECK(all.entries[1].id.data() != nullptr);
  CHECK(all.arena.reserved() > 0);
}
