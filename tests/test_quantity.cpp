#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "quantity.hpp"

using namespace plantrack;

namespace {

// "VALUE" or "VALUE%" for a parsed number, else "error: MESSAGE".
std::string parsed(std::string_view text) {
  std::string error;
  auto n = parse_number(text, error);
  if (!n) return "error: " + error;
  return format_number(n->value) + (n->percent ? "%" : "");
}

double value_of(std::string_view text) {
  std::string error;
  auto n = parse_number(text, error);
  REQUIRE_MESSAGE(n.has_value(), error);
  CHECK(error.empty());
  return n->value;
}

const char* const k_generic =
    R"( is not a number (write e.g. 1590, "8,428.67", "20万", "1.2亿" or "95%"))";

std::string generic(std::string_view text) {
  return "error: `" + std::string(text) + "`" + k_generic;
}

std::string commas(std::string_view text) {
  return "error: `" + std::string(text) +
         "` is not a number: commas may only separate groups of three digits (8,428.67)";
}

}  // namespace

TEST_CASE("parse_number reads the forms of SPEC 2.1") {
  SUBCASE("plain integers and decimals") {
    CHECK(parsed("1590") == "1590");
    CHECK(value_of("1590") == 1590);
    CHECK(parsed("0") == "0");
    CHECK(parsed("317.4") == "317.4");
    CHECK(parsed(".5") == "0.5");
    CHECK(parsed("5.") == "5");
    CHECK(parsed("010") == "10");  // never octal
    CHECK(parsed("0010.50") == "10.5");
  }
  SUBCASE("signs") {
    CHECK(parsed("-5") == "-5");
    CHECK(parsed("+5") == "5");
    CHECK(parsed("-0") == "0");
    CHECK(std::signbit(value_of("-0")) == false);
    CHECK(parsed("-2.5%") == "-2.5%");
  }
  SUBCASE("exponents") {
    CHECK(parsed("1e3") == "1000");
    CHECK(parsed("1E3") == "1000");
    CHECK(parsed("2.5e-3") == "0.0025");
    CHECK(parsed("1e+2") == "100");
  }
  SUBCASE("thousands commas in groups of three") {
    CHECK(value_of("8,428.67") == 8428.67);
    CHECK(parsed("1,590") == "1590");
    CHECK(parsed("1,000,000") == "1000000");
    CHECK(parsed("-1,000") == "-1000");
    CHECK(parsed("123,456.5") == "123456.5");
  }
  SUBCASE("万 and 亿") {
    CHECK(value_of("20万") == 200000);
    CHECK(value_of("1,590万") == 15900000);
    CHECK(value_of("1.2亿") == 120000000);
    CHECK(value_of("0.3万") == 3000);
    CHECK(value_of("8,428.67万") == 84286700);
    CHECK(value_of("1.1亿") == 110000000);
    CHECK(value_of("-3万") == -30000);
    CHECK(value_of("5.万") == 50000);
    CHECK(value_of("1e2万") == 1000000);
  }
  SUBCASE("percent signs keep the value as written") {
    CHECK(parsed("95%") == "95%");
    CHECK(parsed("95％") == "95%");  // full-width
    CHECK(parsed("96.2%") == "96.2%");
    CHECK(parsed("0%") == "0%");
  }
  SUBCASE("surrounding spaces are ignored") {
    CHECK(parsed(" 12 ") == "12");
  }
}

TEST_CASE("parse_number rejects anything else with a message naming the text") {
  SUBCASE("commas out of their groups") {
    CHECK(parsed("1,59") == commas("1,59"));
    CHECK(parsed("12,3456") == commas("12,3456"));
    CHECK(parsed("1234,567") == commas("1234,567"));
    CHECK(parsed(",100") == commas(",100"));
    CHECK(parsed("1,000.000,5") == commas("1,000.000,5"));
    CHECK(parsed("1,,000") == commas("1,,000"));
  }
  SUBCASE("words, hex, underscores, empty text") {
    CHECK(parsed("abc") == generic("abc"));
    CHECK(parsed("0x10") ==
          "error: `0x10` is a hexadecimal number (YAML 1.2 reads 16): "
          "plantrack reads decimal numbers only, write 16");
    CHECK(parsed("0o17") ==
          "error: `0o17` is an octal number (YAML 1.2 reads 15): plantrack "
          "reads decimal numbers only, write 15");
    CHECK(parsed("0xZZ") == generic("0xZZ"));
    CHECK(parsed("1_000") == generic("1_000"));
    CHECK(parsed("95%%") == generic("95%%"));
    CHECK(parsed("1.2.3") == generic("1.2.3"));
    CHECK(parsed("1e") == generic("1e"));
    CHECK(parsed("e5") == generic("e5"));
    CHECK(parsed("--5") == generic("--5"));
    CHECK(parsed("-") == generic("-"));
    CHECK(parsed("万") == generic("万"));
    CHECK(parsed("20 万") == generic("20 万"));
    CHECK(parsed("information") == generic("information"));
    CHECK(parsed("") == "error: an empty text is not a number");
    CHECK(parsed("  ") == "error: an empty text is not a number");
  }
  SUBCASE("NaN and infinities") {
    CHECK(parsed(".nan") == "error: `.nan` is not a finite number");
    CHECK(parsed(".NaN") == "error: `.NaN` is not a finite number");
    CHECK(parsed(".inf") == "error: `.inf` is not a finite number");
    CHECK(parsed("-.inf") == "error: `-.inf` is not a finite number");
    CHECK(parsed("+.Inf") == "error: `+.Inf` is not a finite number");
    CHECK(parsed("inf") == "error: `inf` is not a finite number");
    CHECK(parsed("Infinity") == "error: `Infinity` is not a finite number");
    CHECK(parsed("nan") == "error: `nan` is not a finite number");
  }
  SUBCASE("out of the range of a double") {
    CHECK(parsed("1e400") == "error: `1e400` is too large (the limit is 10^15)");
    CHECK(parsed("-1e400") == "error: `-1e400` is too large (the limit is 10^15)");
    CHECK(parsed("1e-400") ==
          "error: `1e-400` is too small to represent (closer to zero than a double can hold)");
    CHECK(parsed("1e305亿") == "error: `1e305亿` is too large (the limit is 10^15)");
  }
  SUBCASE("over 10^15 (SPEC §6), after 万 and 亿 too") {
    CHECK(parsed("1e15") == "1000000000000000");
    CHECK(parsed("-1e15") == "-1000000000000000");
    CHECK(parsed("1000000000000001") ==
          "error: `1000000000000001` is too large (the limit is 10^15)");
    CHECK(parsed("1e308") == "error: `1e308` is too large (the limit is 10^15)");
    CHECK(parsed("-1.7e308") == "error: `-1.7e308` is too large (the limit is 10^15)");
    CHECK(parsed("1e11万") == "1000000000000000");
    CHECK(parsed("10000001亿") == "error: `10000001亿` is too large (the limit is 10^15)");
    CHECK(parsed("1e16%") == "error: `1e16%` is too large (the limit is 10^15)");
  }
}

TEST_CASE("format_number gives the shortest text that reads back the same") {
  CHECK(format_number(424) == "424");
  CHECK(format_number(317.4) == "317.4");
  CHECK(format_number(1.0 / 3) == "0.3333333333333333");
  CHECK(format_number(-2.5) == "-2.5");
  CHECK(format_number(0) == "0");
  CHECK(format_number(-0.0) == "0");
  CHECK(format_number(1e16) == "1e+16");
  CHECK(format_number(4000000) == "4000000");
  CHECK(format_number(0.0001) == "0.0001");
  for (double v : {317.4, 1.0 / 3, 6.02214076e23, 5e-324, 666.6666666666666, 79.35519125683061,
                   0.8557894736842105, 1.0 / 7, 2.0 / 3 * 1e10})
    CHECK(std::strtod(format_number(v).c_str(), nullptr) == v);
}

TEST_CASE("format_number drops the noise of binary arithmetic, not real digits") {
  CHECK(format_number(0.1 + 0.2) == "0.3");          // 0.30000000000000004
  CHECK(format_number(96.2 / 100) == "0.962");       // 0.9620000000000001
  CHECK(format_number(8428.67 - 8000) == "428.67");  // 428.6700000000001
  CHECK(format_number(100.1 + 50) == "150.1");       // 150.10000000000002
  CHECK(format_number(-(8428.67 - 8000)) == "-428.67");
  CHECK(format_number(1.0 / 3) == "0.3333333333333333");
  CHECK(format_number(79.35519125683061) == "79.35519125683061");
  CHECK(format_number(1e300 * 10) == "1e+301");
  std::string out = "x=";
  append_number(out, 96.2 / 100);
  CHECK(out == "x=0.962");
}

TEST_CASE("difference rounds to the decimals of its operands") {
  CHECK(difference(100, 96.2) == 3.8);  // 3.799999999999997
  CHECK(format_number(difference(100, 96.2)) == "3.8");
  CHECK(difference(95, 94.9) == 0.1);  // 0.09999999999999432
  CHECK(difference(349.9, 500) == -150.1);
  CHECK(difference(8428.67, 8000) == 428.67);
  CHECK(difference(95, 81.3) == 13.7);                                   // 13.700000000000003
  CHECK(difference(100, 74.86338797814207) == 100 - 74.86338797814207);  // real digits stay
  CHECK(difference(1e20, 1) == 1e20 - 1);
  CHECK(difference(0.5, 0.5) == 0);
  CHECK(!std::signbit(difference(0.5, 0.5)));
}

TEST_CASE("format_readable groups thousands and trims decimals") {
  CHECK(format_readable(1234567.891) == "1,234,567.89");
  CHECK(format_readable(1000) == "1,000");
  CHECK(format_readable(999) == "999");
  CHECK(format_readable(100000) == "100,000");
  CHECK(format_readable(1234.5) == "1,234.5");
  CHECK(format_readable(1234.5, 0) == "1,234");  // half to even, like printf
  CHECK(format_readable(0.125, 4) == "0.125");
  CHECK(format_readable(999.999) == "1,000");
  CHECK(format_readable(2.0) == "2");
  CHECK(format_readable(-1234.5) == "-1,234.5");
  CHECK(format_readable(-0.0) == "0");
  CHECK(format_readable(-0.001) == "0");  // rounds to zero: no sign
  CHECK(format_readable(0) == "0");
}

TEST_CASE("UnitTable converts within a dimension, never across") {
  UnitTable units;
  auto conv = [&](double v, const char* from, const char* to) {
    return units.convert(v, from, to);
  };
  SUBCASE("money") {
    REQUIRE(conv(4000000, "元", "万元"));
    CHECK(*conv(4000000, "元", "万元") == 400);  // exactly
    CHECK(*conv(1.2, "亿元", "万元") == doctest::Approx(12000));
    CHECK(*conv(5, "yuan", "元") == 5);
    CHECK(*conv(3, "万元", "元") == 30000);
  }
  SUBCASE("people, person-times, households") {
    CHECK(*conv(3, "万人", "人") == 30000);
    CHECK(*conv(25000, "人", "万人") == 2.5);
    CHECK(*conv(2, "万人次", "人次") == 20000);
    CHECK(*conv(2, "万户", "户") == 20000);
    CHECK_FALSE(conv(1, "人", "人次"));
    CHECK_FALSE(conv(1, "户", "人"));
  }
  SUBCASE("area") {
    CHECK(std::fabs(*conv(15, "亩", "公顷") - 1) < 1e-12);
    CHECK(std::fabs(*conv(1, "公顷", "亩") - 15) < 1e-12);
    CHECK(*conv(1, "亩", "平方米") == doctest::Approx(666.667).epsilon(1e-6));
    CHECK(*conv(1, "ha", "m²") == 10000);
    CHECK(*conv(7, "m²", "平方米") == 7);
  }
  SUBCASE("length and volume") {
    CHECK(*conv(3, "km", "m") == 3000);
    CHECK(*conv(3, "公里", "千米") == 3);
    CHECK(*conv(2500, "米", "公里") == 2.5);
    CHECK(*conv(4, "m³", "立方米") == 4);
    CHECK_FALSE(conv(1, "m", "m²"));
    CHECK_FALSE(conv(1, "m²", "m³"));
  }
  SUBCASE("percent") {
    CHECK(*conv(95, "%", "%") == 95);
    CHECK_FALSE(conv(95, "%", "户"));
  }
  SUBCASE("unknown units convert only to themselves") {
    CHECK(*conv(3, "个", "个") == 3);
    CHECK_FALSE(conv(3, "个", "项"));
    CHECK_FALSE(conv(3, "个", "元"));
    CHECK(units.convertible("村", "村"));
    CHECK_FALSE(units.convertible("村", "所"));
  }
  SUBCASE("across dimensions") {
    CHECK_FALSE(conv(1, "元", "人"));
    CHECK_FALSE(conv(1, "亩", "万元"));
    CHECK_FALSE(conv(1, "km", "公顷"));
    CHECK_FALSE(units.convertible("万元", "%"));
  }
}

TEST_CASE("UnitTable::add defines plan units") {
  UnitTable units;
  SUBCASE("万亩 from 亩 converts to every area unit") {
    CHECK(units.add("万亩", 10000, "亩") == "");
    CHECK(*units.convert(1, "万亩", "亩") == doctest::Approx(10000));
    CHECK(std::fabs(*units.convert(1.5, "万亩", "公顷") - 1000) < 1e-9);
    CHECK_FALSE(units.convert(1, "万亩", "元"));
  }
  SUBCASE("a unit over an unknown unit shares its dimension") {
    CHECK(units.add("箱", 12, "瓶") == "");
    CHECK(*units.convert(2, "箱", "瓶") == 24);
    CHECK_FALSE(units.convert(2, "箱", "个"));
  }
  SUBCASE("factors stay within 10^-15 .. 10^15 of the base unit, chains included") {
    CHECK(units.add("X", 1e15, "元") == "");
    CHECK(units.add("Y", 10, "X") ==
          "unit `Y` is 1e+16 times the base unit of its dimension: outside the limits (10^-15 to "
          "10^15)");
    CHECK(units.add("Z", 1e-16, "元") ==
          "unit `Z` is 1e-16 times the base unit of its dimension: outside the limits (10^-15 to "
          "10^15)");
    CHECK_FALSE(units.convert(1, "Y", "元"));  // not defined
  }
  SUBCASE("redefinitions and bad factors are errors") {
    CHECK(units.add("万亩", 10000, "亩") == "");
    CHECK(units.add("万亩", 10, "亩") == "unit `万亩` is already defined");
    CHECK(units.add("元", 1, "万元") == "unit `元` is already defined");
    CHECK(units.add("打", 0, "个") == "the factor of unit `打` must be positive");
    CHECK(units.add("打", -12, "个") == "the factor of unit `打` must be positive");
  }
  SUBCASE("built-in names") {
    CHECK(UnitTable::is_builtin("万元"));
    CHECK(UnitTable::is_builtin("%"));
    CHECK(UnitTable::is_builtin("km"));
    CHECK_FALSE(UnitTable::is_builtin("万亩"));
    CHECK_FALSE(UnitTable::is_builtin("个"));
  }
}
