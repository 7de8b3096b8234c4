#pragma once
// Numbers as users write them (万, 亿, %, thousands commas) and units with their conversions.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace plantrack {

// SPEC §6: a number whose magnitude is over this, as written or after unit conversion, is an
// input error. With every value within it, sums of values stay far from a double's range.
constexpr double k_max_magnitude = 1e15;
// Unit factors (a unit in its dimension's base unit) stay within 10^-15 .. 10^15, so that a
// conversion can never overflow.
constexpr double k_max_unit_factor = 1e15;

// Whether |v| <= k_max_magnitude (false for inf and NaN).
inline bool within_magnitude(double v) {
  return v >= -k_max_magnitude && v <= k_max_magnitude;
}

struct Number {
  double value = 0;
  bool percent = false;  // written with a trailing % (the value is as written: "95%" -> 95)
};

// SPEC §2.1, locale-independent. On failure returns nullopt and sets `error`.
std::optional<Number> parse_number(std::string_view text, std::string& error);

// Shortest round-trip text of a double ("317.4", "424", "1e+16"), without the noise of binary
// arithmetic: when a decimal of at most 12 significant digits lies within two units in the last
// place of v, that decimal ("0.962", not "0.9620000000000001"). append_number appends it.
std::string format_number(double v);
void append_number(std::string& out, double v);

// a - b rounded to the decimals of a and b (their shortest texts), so that cancellation leaves
// no noise: 100 - 96.2 is 3.8, not 3.799999999999997; 8428.67 - 8000 is 428.67.
double difference(double a, double b);

// Human-readable: thousands separators, at most `decimals` decimals, trailing zeros trimmed.
std::string format_readable(double v, int decimals = 2);

class UnitTable {
 public:
  UnitTable();  // the built-in units of SPEC §2.2

  // Adds NAME = factor × OTHER (the plan's `units:`); returns an error message or "".
  std::string add(const std::string& name, double factor, const std::string& other);

  // `value` in `from` expressed in `to`; nullopt across dimensions.
  std::optional<double> convert(double value, std::string_view from, std::string_view to) const;
  bool convertible(std::string_view from, std::string_view to) const {
    return convert(1, from, to).has_value();
  }
  static bool is_builtin(std::string_view name);

 private:
  struct Unit {
    std::string dimension;
    double factor = 1;
  };
  Unit lookup(std::string_view name) const;
  std::unordered_map<std::string, Unit> units_;
};

}  // namespace plantrack
