#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "date.hpp"

using namespace plantrack;

namespace {

std::string iso(std::string_view s) {
  auto d = parse_iso_date(s);
  return d ? format_date(*d) : std::string("invalid");
}

std::string quarter(std::string_view s) {
  auto d = parse_quarter(s);
  return d ? format_date(*d) : std::string("invalid");
}

Date day(std::string_view s) {
  auto d = parse_iso_date(s);
  REQUIRE(d.has_value());
  return *d;
}

}  // namespace

TEST_CASE("parse_iso_date accepts real calendar days only") {
  SUBCASE("valid dates round-trip") {
    CHECK(iso("2024-01-01") == "2024-01-01");
    CHECK(iso("2024-12-31") == "2024-12-31");
    CHECK(iso("0001-01-01") == "0001-01-01");
    CHECK(iso("9999-12-31") == "9999-12-31");
  }
  SUBCASE("the epoch is day 0") {
    CHECK(day("1970-01-01").days == 0);
    CHECK(day("1970-01-02").days == 1);
    CHECK(day("1969-12-31").days == -1);
  }
  SUBCASE("leap days") {
    CHECK(iso("2024-02-29") == "2024-02-29");
    CHECK(iso("2023-02-29") == "invalid");
    CHECK(iso("2000-02-29") == "2000-02-29");  // divisible by 400
    CHECK(iso("1900-02-29") == "invalid");     // divisible by 100 only
    CHECK(iso("2024-02-30") == "invalid");
  }
  SUBCASE("month and day out of range") {
    CHECK(iso("2024-13-01") == "invalid");
    CHECK(iso("2024-00-10") == "invalid");
    CHECK(iso("2024-01-00") == "invalid");
    CHECK(iso("2024-04-31") == "invalid");
    CHECK(iso("2024-01-32") == "invalid");
    CHECK(iso("0000-01-01") == "invalid");
  }
  SUBCASE("wrong widths and separators") {
    CHECK(iso("2024-1-01") == "invalid");
    CHECK(iso("2024-01-1") == "invalid");
    CHECK(iso("24-01-01") == "invalid");
    CHECK(iso("02024-01-01") == "invalid");
    CHECK(iso("2024/01/01") == "invalid");
    CHECK(iso("20240101") == "invalid");
    CHECK(iso("2024-01-01 ") == "invalid");
    CHECK(iso(" 2024-01-01") == "invalid");
    CHECK(iso("2024-01-01T00:00") == "invalid");
    CHECK(iso("") == "invalid");
  }
  SUBCASE("signs and other characters in the digits") {
    CHECK(iso("+024-01-01") == "invalid");
    CHECK(iso("-024-01-01") == "invalid");
    CHECK(iso("-2024-01-01") == "invalid");
    CHECK(iso("2024-+1-01") == "invalid");
    CHECK(iso("2024-01-+1") == "invalid");
    CHECK(iso("2024-0a-01") == "invalid");
    CHECK(iso("２０２４-01-01") == "invalid");  // full-width digits
  }
}

TEST_CASE("format_date pads to YYYY-MM-DD") {
  CHECK(format_date(make_date(2024, 3, 5)) == "2024-03-05");
  CHECK(format_date(make_date(987, 11, 9)) == "0987-11-09");
  CHECK(format_date(Date{0}) == "1970-01-01");
}

TEST_CASE("make_date and split_date are inverse") {
  for (int days : {-800000, -1, 0, 1, 19723, 19782, 2932896}) {
    int y = 0;
    unsigned m = 0, d = 0;
    split_date(Date{days}, y, m, d);
    CHECK(make_date(y, m, d).days == days);
  }
}

TEST_CASE("quarter_end is the last day of a calendar quarter") {
  CHECK(format_date(quarter_end(2024, 1)) == "2024-03-31");
  CHECK(format_date(quarter_end(2024, 2)) == "2024-06-30");
  CHECK(format_date(quarter_end(2024, 3)) == "2024-09-30");
  CHECK(format_date(quarter_end(2024, 4)) == "2024-12-31");
}

TEST_CASE("parse_quarter reads YYYY-Qn") {
  CHECK(quarter("2024-Q1") == "2024-03-31");
  CHECK(quarter("2024-Q2") == "2024-06-30");
  CHECK(quarter("2024-Q3") == "2024-09-30");
  CHECK(quarter("2024-Q4") == "2024-12-31");
  CHECK(quarter("2024-q3") == "2024-09-30");
  CHECK(quarter("2024-Q0") == "invalid");
  CHECK(quarter("2024-Q5") == "invalid");
  CHECK(quarter("2024-Q") == "invalid");
  CHECK(quarter("2024-Q10") == "invalid");
  CHECK(quarter("2024Q3") == "invalid");
  CHECK(quarter("24-Q3") == "invalid");
  CHECK(quarter("0000-Q1") == "invalid");
  CHECK(quarter("2024-09-30") == "invalid");
}

TEST_CASE("add_months keeps the day of month, clamped to the month's end") {
  CHECK(format_date(add_months(day("2024-01-15"), 1)) == "2024-02-15");
  CHECK(format_date(add_months(day("2024-01-31"), 1)) == "2024-02-29");
  CHECK(format_date(add_months(day("2023-01-31"), 1)) == "2023-02-28");
  CHECK(format_date(add_months(day("2024-03-31"), 1)) == "2024-04-30");
  CHECK(format_date(add_months(day("2024-11-30"), 3)) == "2025-02-28");
  CHECK(format_date(add_months(day("2024-12-31"), 12)) == "2025-12-31");
  CHECK(format_date(add_months(day("2024-02-29"), 12)) == "2025-02-28");
  CHECK(format_date(add_months(day("2024-05-31"), -3)) == "2024-02-29");
  CHECK(format_date(add_months(day("2024-01-10"), -1)) == "2023-12-10");
  CHECK(format_date(add_months(day("2024-06-15"), 0)) == "2024-06-15");
}

TEST_CASE("period_quarter_end counts quarters from the period's start") {
  SUBCASE("a calendar year") {
    Date start = day("2024-01-01");
    CHECK(format_date(period_quarter_end(start, 1)) == "2024-03-31");
    CHECK(format_date(period_quarter_end(start, 2)) == "2024-06-30");
    CHECK(format_date(period_quarter_end(start, 3)) == "2024-09-30");
    CHECK(format_date(period_quarter_end(start, 4)) == "2024-12-31");
    CHECK(format_date(period_quarter_end(start, 5)) == "2025-03-31");
  }
  SUBCASE("a fiscal year from April") {
    Date start = day("2024-04-01");
    CHECK(format_date(period_quarter_end(start, 1)) == "2024-06-30");
    CHECK(format_date(period_quarter_end(start, 2)) == "2024-09-30");
    CHECK(format_date(period_quarter_end(start, 3)) == "2024-12-31");
    CHECK(format_date(period_quarter_end(start, 4)) == "2025-03-31");
  }
  SUBCASE("a period starting on the 15th") {
    Date start = day("2024-02-15");
    CHECK(format_date(period_quarter_end(start, 1)) == "2024-05-14");
    CHECK(format_date(period_quarter_end(start, 4)) == "2025-02-14");
  }
  SUBCASE("a period starting on the 31st: quarters end the day before the next one starts") {
    Date start = day("2024-01-31");
    CHECK(format_date(period_quarter_end(start, 1)) == "2024-04-30");
    CHECK(format_date(period_quarter_end(start, 2)) == "2024-07-30");
    CHECK(format_date(period_quarter_end(start, 3)) == "2024-10-30");
    CHECK(format_date(period_quarter_end(start, 4)) == "2025-01-30");
    CHECK(format_date(period_quarter_end(day("2024-03-31"), 1)) == "2024-06-30");
    CHECK(format_date(period_quarter_end(day("2024-11-30"), 1)) == "2025-02-28");
  }
  SUBCASE("a period starting on a leap day") {
    Date start = day("2024-02-29");
    CHECK(format_date(period_quarter_end(start, 1)) == "2024-05-28");
    CHECK(format_date(period_quarter_end(start, 4)) == "2025-02-28");
  }
}

TEST_CASE("day arithmetic across leap years") {
  CHECK(day("2024-03-01").days - day("2024-02-28").days == 2);
  CHECK(day("2023-03-01").days - day("2023-02-28").days == 1);
  CHECK(day("2024-12-31").days - day("2024-01-01").days + 1 == 366);
  CHECK(day("2023-12-31").days - day("2023-01-01").days + 1 == 365);
  CHECK(day("2100-03-01").days - day("2100-02-28").days == 1);
  CHECK(day("2000-03-01").days - day("2000-02-28").days == 2);
  CHECK(format_date(Date{day("2024-02-28").days + 1}) == "2024-02-29");
  CHECK(format_date(Date{day("2024-12-31").days + 1}) == "2025-01-01");
  CHECK(day("2024-02-29") < day("2024-03-01"));
}
