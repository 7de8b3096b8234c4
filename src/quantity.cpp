#include "quantity.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "messages.hpp"

namespace plantrack {

namespace {

// `0x1F` and `0o17` (YAML 1.2 core schema integers; lower case) as their value, for the message
// that says to write it in decimal. nullopt for anything else or a value over 2^53.
std::optional<unsigned long long> based_integer(std::string_view s) {
  if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'o')) return std::nullopt;
  int base = s[1] == 'x' ? 16 : 8;
  unsigned long long v = 0;
  auto [end, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), v, base);
  if (ec != std::errc() || end != s.data() + s.size() || v > (1ull << 53)) return std::nullopt;
  return v;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "8,428.67": groups of three after the first, then an optional fraction.
bool strip_group_commas(std::string_view s, std::string& out) {
  size_t dot = s.find('.');
  if (dot != std::string_view::npos && s.find(',', dot) != std::string_view::npos) return false;
  std::string_view whole = s.substr(0, dot);
  size_t first = whole.find(',');
  if (first == 0 || first > 3) return false;
  for (size_t i = first; i < whole.size(); i += 4) {
    if (whole[i] != ',' || i + 4 > whole.size()) return false;
    for (size_t k = 1; k <= 3; ++k)
      if (!is_digit(whole[i + k])) return false;
  }
  for (char c : s)
    if (c != ',') out.push_back(c);
  return true;
}

// Decimal with optional fraction and exponent; no hex, no inf/nan, no underscores.
bool plain_decimal(std::string_view s) {
  size_t i = 0, digits = 0;
  while (i < s.size() && is_digit(s[i]))
    ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i]))
      ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i]))
      ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

namespace {

// Takes a trailing %, ％, 万 or 亿 off `s`: sets n.percent, or returns the power of ten it scales
// by (万 = 10^4, 亿 = 10^8; 0 for none).
int take_suffix(std::string_view& s, Number& n) {
  for (std::string_view percent : {"%", "％"})
    if (ends_with(s, percent)) {
      n.percent = true;
      s.remove_suffix(percent.size());
      return 0;
    }
  if (ends_with(s, "万")) {
    s.remove_suffix(std::string_view("万").size());
    return 4;
  }
  if (ends_with(s, "亿")) {
    s.remove_suffix(std::string_view("亿").size());
    return 8;
  }
  return 0;
}

// Why `s` (what remains of `text` without sign and suffix) is not a plain decimal.
std::string not_decimal_message(std::string_view text, std::string_view s) {
  std::string lower;
  for (char c : s)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == ".nan" || lower == "nan" || lower == ".inf" || lower == "inf" || lower == "infinity")
    return tr(Msg::number_not_finite, fmt::arg("text", text));
  if (auto based = based_integer(lower))
    return tr(lower[1] == 'x' ? Msg::number_hexadecimal : Msg::number_octal, fmt::arg("text", text),
              fmt::arg("value", *based));
  if (text.find(',') != std::string_view::npos)
    return tr(Msg::number_commas, fmt::arg("text", text));
  return tr(Msg::number_bad, fmt::arg("text", text));
}

// The value of the plain decimal `digits` scaled by 10^scale, or nullopt with `error` set.
std::optional<double> decimal_value(std::string digits, int scale, std::string_view text,
                                    std::string& error) {
  // The scale joins the exponent when there is none, so that "1.1亿" is exactly 110000000.
  bool has_exponent = digits.find_first_of("eE") != std::string::npos;
  if (scale && !has_exponent) digits += fmt::format("e{}", scale);
  double v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports both overflow and underflow this way: tell them apart by the exponent.
    bool tiny = digits.find("e-") != std::string::npos || digits.find("E-") != std::string::npos;
    error = tr(tiny ? Msg::number_too_small : Msg::number_too_large, fmt::arg("text", text));
    return std::nullopt;
  }
  if (ec != std::errc() || ptr != digits.data() + digits.size()) {
    error = tr(Msg::number_plain_bad, fmt::arg("text", text));
    return std::nullopt;
  }
  if (scale && has_exponent) v *= scale == 4 ? 1e4 : 1e8;
  if (!within_magnitude(v)) {
    error = tr(Msg::number_too_large, fmt::arg("text", text));
    return std::nullopt;
  }
  return v;
}

}  // namespace

std::optional<Number> parse_number(std::string_view text, std::string& error) {
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  if (s.empty()) {
    error = tr(Msg::number_empty);
    return std::nullopt;
  }
  Number n;
  int scale = take_suffix(s, n);
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  std::string digits;
  bool ok = true;
  if (s.find(',') != std::string_view::npos)
    ok = strip_group_commas(s, digits);
  else
    digits = s;
  if (!ok || !plain_decimal(digits)) {
    error = not_decimal_message(text, s);
    return std::nullopt;
  }
  std::optional<double> v = decimal_value(std::move(digits), scale, text, error);
  if (!v) return std::nullopt;
  n.value = negative ? -*v : *v;
  if (n.value == 0) n.value = 0;  // no negative zero
  return n;
}

namespace {

// Significant digits of fmt's shortest text ("428.6700000000001" has 16).
int significant_digits(const char* begin, const char* end) {
  int digits = 0;
  bool leading = true;
  for (const char* c = begin; c != end && *c != 'e'; ++c) {
    if (*c < '0' || *c > '9' || (leading && *c == '0')) continue;
    leading = false;
    ++digits;
  }
  return digits;
}

// Digits after the decimal point of v as printed ("96.2": 1, "1.5e-07": 8).
int decimals_of(double v) {
  std::string text = format_number(v);
  size_t e = text.find('e');
  size_t end = e == std::string::npos ? text.size() : e;
  size_t dot = text.find('.');
  int decimals = dot < end ? static_cast<int>(end - dot - 1) : 0;
  if (e != std::string::npos) decimals -= std::atoi(text.c_str() + e + 1);
  return std::max(decimals, 0);
}

}  // namespace

void append_number(std::string& out, double v) {
  if (v == 0) v = 0;  // no "-0"
  char buf[48];
  char* end = fmt::format_to_n(buf, sizeof buf, "{}", v).out;
  if (significant_digits(buf, end) > 15 && std::isfinite(v)) {
    // Binary arithmetic on decimals leaves noise in the last digits: 96.2 / 100 is
    // 0.9620000000000001. When the 15-digit decimal next to v is short (at most 12 significant
    // digits: the rest were zeros or nines) and within two units in the last place, print it.
    char rounded[48];
    char* rounded_end = fmt::format_to_n(rounded, sizeof rounded, "{:.15g}", v).out;
    double w = 0;
    std::from_chars(rounded, rounded_end, w);
    double ulp = std::nextafter(std::fabs(v), INFINITY) - std::fabs(v);
    char clean[48];
    char* clean_end = fmt::format_to_n(clean, sizeof clean, "{}", w).out;
    if (std::fabs(w - v) <= 2 * ulp && significant_digits(clean, clean_end) <= 12) {
      out.append(clean, clean_end);
      return;
    }
  }
  out.append(buf, end);
}

std::string format_number(double v) {
  std::string out;
  append_number(out, v);
  return out;
}

double difference(double a, double b) {
  double d = a - b;
  if (!std::isfinite(d)) return d;
  // Rounded to the decimals the operands have (100 - 96.2: one), when that is exact: a power of
  // ten up to 1e22 is a double, and dividing by it rounds correctly.
  int decimals = std::max(decimals_of(a), decimals_of(b));
  if (decimals > 22) return d;
  double scale = std::pow(10.0, decimals);
  double scaled = d * scale;
  if (!(std::fabs(scaled) < 0x1p52)) return d;  // no finer than a double already is
  double r = std::round(scaled) / scale;
  return r == 0 ? 0.0 : r;
}

std::string format_readable(double v, int decimals) {
  std::string s = fmt::format("{:.{}f}", std::fabs(v), decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0')
      s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  size_t dot = s.find('.');
  size_t int_end = dot == std::string::npos ? s.size() : dot;
  std::string out;
  for (size_t i = 0; i < int_end; ++i) {
    if (i > 0 && (int_end - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  out.append(s, int_end, std::string::npos);
  bool zero = out.find_first_not_of("0.,") == std::string::npos;
  return (v < 0 && !zero ? "-" : "") + out;
}

UnitTable::UnitTable() {
  struct Builtin {
    const char* name;
    const char* dimension;
    double factor;
  };
  static const Builtin k_builtins[] = {
      {"元", "money", 1},          {"yuan", "money", 1},
      {"万元", "money", 1e4},      {"亿元", "money", 1e8},
      {"人", "people", 1},         {"万人", "people", 1e4},
      {"人次", "person-times", 1}, {"万人次", "person-times", 1e4},
      {"户", "households", 1},     {"万户", "households", 1e4},
      {"平方米", "area", 1},       {"m²", "area", 1},
      {"m2", "area", 1},           {"亩", "area", 10000.0 / 15},
      {"公顷", "area", 1e4},       {"ha", "area", 1e4},
      {"米", "length", 1},         {"m", "length", 1},
      {"公里", "length", 1000},    {"千米", "length", 1000},
      {"km", "length", 1000},      {"立方米", "volume", 1},
      {"m³", "volume", 1},         {"m3", "volume", 1},
      {"%", "percent", 1},
  };
  for (const Builtin& b : k_builtins)
    units_[b.name] = Unit{b.dimension, b.factor};
}

bool UnitTable::is_builtin(std::string_view name) {
  static const UnitTable builtins;
  return builtins.units_.count(std::string(name)) > 0;
}

UnitTable::Unit UnitTable::lookup(std::string_view name) const {
  auto it = units_.find(std::string(name));
  if (it != units_.end()) return it->second;
  return Unit{"unit:" + std::string(name), 1};
}

std::string UnitTable::add(const std::string& name, double factor, const std::string& other) {
  if (units_.count(name)) return tr(Msg::unit_defined_twice, fmt::arg("unit", name));
  if (!(factor > 0)) return tr(Msg::unit_factor_positive, fmt::arg("unit", name));
  Unit base = lookup(other);
  double total = factor * base.factor;
  if (!(total <= k_max_unit_factor && total >= 1 / k_max_unit_factor))
    return tr(Msg::unit_factor_limits, fmt::arg("unit", name),
              fmt::arg("factor", format_number(total)));
  units_[name] = Unit{base.dimension, total};
  return "";
}

std::optional<double> UnitTable::convert(double value, std::string_view from,
                                         std::string_view to) const {
  if (from == to) return value;
  Unit a = lookup(from), b = lookup(to);
  if (a.dimension != b.dimension) return std::nullopt;
  return value * a.factor / b.factor;
}

}  // namespace plantrack
