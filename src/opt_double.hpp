#pragma once
// An optional double in 8 bytes instead of 16: NaN stands for "none". Numbers in plantrack are
// never NaN (inputs are finite and every ratio guards its divisor), and a NaN that slipped in
// would read as "no number", which is what it is. An infinity is no number either: a ratio
// whose divisor is tiny can overflow, and no output may show `inf` (SPEC §6), so it is "none"
// too, as a result the evaluation could not compute. Reads like std::optional<double>.

#include <cmath>
#include <limits>
#include <optional>

namespace plantrack {

class OptDouble {
 public:
  constexpr OptDouble() = default;
  constexpr OptDouble(std::nullopt_t) {}
  constexpr OptDouble(double v) : v_(finite(v) ? v : k_none) {}
  constexpr OptDouble(const std::optional<double>& v) : v_(v && finite(*v) ? *v : k_none) {}

  bool has_value() const { return !std::isnan(v_); }
  explicit operator bool() const { return has_value(); }
  double operator*() const { return v_; }
  double value_or(double other) const { return has_value() ? v_ : other; }
  operator std::optional<double>() const {
    return has_value() ? std::optional<double>(v_) : std::nullopt;
  }
  // As std::optional: none equals none, and no number.
  friend bool operator==(OptDouble a, double b) { return a.has_value() && a.v_ == b; }
  friend bool operator==(OptDouble a, std::nullopt_t) { return !a.has_value(); }

 private:
  static constexpr bool finite(double v) { return v - v == 0; }  // false for inf and NaN
  static constexpr double k_none = std::numeric_limits<double>::quiet_NaN();
  double v_ = k_none;
};

}  // namespace plantrack
