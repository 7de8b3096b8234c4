#pragma once
// Calendar dates as whole days since 1970-01-01; ISO parsing, quarters, month arithmetic.

#include <optional>
#include <string>
#include <string_view>

namespace plantrack {

struct Date {
  int days = 0;  // days since 1970-01-01
  friend auto operator<=>(const Date&, const Date&) = default;
};

Date make_date(int year, unsigned month, unsigned day);
void split_date(Date d, int& year, unsigned& month, unsigned& day);

// Strict YYYY-MM-DD with a real calendar day (2024-02-30 is rejected).
std::optional<Date> parse_iso_date(std::string_view s);
std::string format_date(Date d);

// The last day of calendar quarter q (1..4) of `year`.
Date quarter_end(int year, int q);

// "YYYY-Qn" as the last day of that quarter.
std::optional<Date> parse_quarter(std::string_view s);

// Same day-of-month `months` later, clamped to the month's end (Jan 31 + 1 month = Feb 29/28).
Date add_months(Date d, int months);

// The last day of the n-th quarter (n >= 1) of a period starting at `start`: the day before
// start + 3n months, or the month's last day when that month lacks the day (Jan 31 -> Apr 30).
Date period_quarter_end(Date start, int n);

// Today in the local time zone.
Date today();

}  // namespace plantrack
