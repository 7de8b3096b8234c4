#include "date.hpp"

#include <charconv>
#include <ctime>

#include <fmt/format.h>

namespace plantrack {

// Howard Hinnant's days_from_civil / civil_from_days.
Date make_date(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + static_cast<int>(doe) - 719468};
}

void split_date(Date date, int& year, unsigned& month, unsigned& day) {
  int z = date.days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int>(yoe) + era * 400 + (month <= 2);
}

static unsigned days_in_month(int y, unsigned m) {
  static const unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : k_days[m - 1];
}

static bool parse_digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return true;
}

std::optional<Date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_digits(s.substr(0, 4), y) || !parse_digits(s.substr(5, 2), m) ||
      !parse_digits(s.substr(8, 2), d))
    return std::nullopt;
  if (y < 1 || m < 1 || m > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, m))
    return std::nullopt;
  return make_date(y, m, d);
}

std::string format_date(Date d) {
  int y;
  unsigned m, day;
  split_date(d, y, m, day);
  return fmt::format("{:04}-{:02}-{:02}", y, m, day);
}

Date quarter_end(int year, int q) {
  unsigned m = static_cast<unsigned>(q) * 3;
  return make_date(year, m, days_in_month(year, m));
}

std::optional<Date> parse_quarter(std::string_view s) {
  if (s.size() != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q')) return std::nullopt;
  int y = 0;
  if (!parse_digits(s.substr(0, 4), y) || y < 1 || s[6] < '1' || s[6] > '4') return std::nullopt;
  return quarter_end(y, s[6] - '0');
}

Date add_months(Date d, int months) {
  int y;
  unsigned m, day;
  split_date(d, y, m, day);
  int total = y * 12 + static_cast<int>(m) - 1 + months;
  int ny = total / 12;
  unsigned nm = static_cast<unsigned>(total % 12) + 1;
  return make_date(ny, nm, std::min(day, days_in_month(ny, nm)));
}

static unsigned day_of_month(Date d) {
  int y;
  unsigned m, day;
  split_date(d, y, m, day);
  return day;
}

Date period_quarter_end(Date start, int n) {
  Date next = add_months(start, 3 * n);  // the next quarter's start, clamped to its month
  // Clamped (a start on the 31st): the real next start runs past that month, which ends ours.
  return day_of_month(next) < day_of_month(start) ? next : Date{next.days - 1};
}

Date today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return make_date(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                   static_cast<unsigned>(local.tm_mday));
}

}  // namespace plantrack
