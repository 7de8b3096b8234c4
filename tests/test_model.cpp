// The compact model: the arena that holds a plan's strings, the 8-byte optional number, and the
// plan's id index.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "arena.hpp"
#include "helpers.hpp"
#include "model.hpp"
#include "opt_double.hpp"
#include "report.hpp"

namespace plantrack::test {

namespace {
Plan plan_of_targets(const std::string& targets) {
  return plan_of("title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n" + targets);
}
}  // namespace

TEST_CASE("the structs a national plan holds a million of stay small") {
  // The benchmark's memory goal (README, "Benchmark") rests on these; grow one only knowingly.
  CHECK(sizeof(Target) <= 160);
  CHECK(sizeof(Entry) <= 56);
  CHECK(sizeof(TargetResult) <= 64);
  CHECK(sizeof(Checkpoint) <= 32);
}

TEST_CASE("Arena: copies stay valid and unchanged while it grows") {
  Arena arena;
  std::vector<std::string> originals;
  std::vector<std::string_view> views;
  for (int i = 0; i < 20000; ++i) {
    originals.push_back(fmt::format("c{:03}.t{:02}.v{:04}.目标{}", i % 7, i % 13, i, i));
    views.push_back(arena.text(originals.back()));
  }
  std::string big(300000, 'x');  // larger than a block: a block of its own
  std::string_view big_view = arena.text(big);
  views.push_back(arena.text("after the big one"));
  for (size_t i = 0; i < originals.size(); ++i) {
    CHECK(views[i] == originals[i]);
    CHECK(views[i].data() != originals[i].data());
  }
  CHECK(big_view == big);
  CHECK(views.back() == "after the big one");
  CHECK(arena.text("").empty());
}

TEST_CASE("Arena: intern gives one copy per distinct text") {
  Arena arena;
  std::string a = "户", b = "户";
  std::string_view x = arena.intern(a), y = arena.intern(b), z = arena.intern("人");
  CHECK(x == "户");
  CHECK(x.data() == y.data());
  CHECK(z.data() != x.data());
  CHECK(arena.intern("").empty());
}

TEST_CASE("Arena: arrays keep their alignment and values; a move keeps views valid") {
  Arena arena;
  std::string_view odd = arena.text("abc");  // leaves the next byte unaligned
  std::vector<double> numbers = {1.5, -2, 1e300};
  std::span<const double> copy = arena.copy(numbers);
  CHECK(odd == "abc");
  CHECK(reinterpret_cast<uintptr_t>(copy.data()) % alignof(double) == 0);
  CHECK(std::vector<double>(copy.begin(), copy.end()) == numbers);
  CHECK(arena.copy(std::vector<int>{}).empty());
  std::string_view kept = arena.text("moved along");
  Arena moved = std::move(arena);
  CHECK(kept == "moved along");
  CHECK(odd == "abc");
  CHECK(moved.reserved() >= 4096);
  CHECK(moved.text("after the move") == "after the move");
}

TEST_CASE("OptDouble reads like std::optional<double>") {
  OptDouble none;
  CHECK_FALSE(none);
  CHECK_FALSE(none.has_value());
  CHECK(none.value_or(7) == 7);
  CHECK(none == std::nullopt);
  CHECK_FALSE(none == 0);
  CHECK(std::optional<double>(none) == std::nullopt);
  OptDouble zero = 0.0;
  CHECK(zero);
  CHECK(*zero == 0);
  CHECK(zero == 0);
  CHECK(std::optional<double>(zero) == 0.0);
  OptDouble from_optional = std::optional<double>(-2.5);
  CHECK(*from_optional == -2.5);
  CHECK(OptDouble(std::optional<double>()) == std::nullopt);
  // No output may show inf (SPEC §6): an infinity is no number, as NaN is.
  CHECK(OptDouble(1e308 * 10) == std::nullopt);
  CHECK(OptDouble(-1e308 * 10) == std::nullopt);
  CHECK(OptDouble(std::optional<double>(1e308 * 10)) == std::nullopt);
  CHECK(OptDouble(1e308) == 1e308);
  CHECK(sizeof(OptDouble) == 8);
}

TEST_CASE("Plan::find: every full id, and nothing else, through many regrowths") {
  std::string yaml;
  for (int i = 0; i < 3000; ++i)
    yaml +=
        fmt::format("  - {{id: g{}, name: G, children: [{{id: x, name: X, target: done}}]}}\n", i);
  Plan plan = plan_of_targets(yaml);
  REQUIRE(plan.targets.size() == 6000);
  for (size_t i = 0; i < plan.targets.size(); ++i)
    CHECK(plan.find(plan.targets[i].full_id) == static_cast<int>(i));
  CHECK(plan.find("g3000") == -1);
  CHECK(plan.find("x") == -1);
  CHECK(plan.find("g1.x.x") == -1);
  CHECK(plan.find("") == -1);
  CHECK(Plan().find("g1") == -1);
}

TEST_CASE("a plan keeps its strings when moved, and its ids are views of full ids") {
  Plan plan =
      plan_of_targets(("  - {id: a, name: 甲, unit: 户, target: 4, note: n, tags: [t]}\n"
                       "  - {id: b, name: 乙, unit: 户, target: 5}\n"));
  Plan moved = std::move(plan);
  const Target& a = moved.targets[0];
  CHECK(a.id() == "a");
  CHECK(a.name == "甲");
  CHECK(a.note() == "n");
  CHECK(a.tags().size() == 1);
  CHECK(moved.targets[1].extras == nullptr);
  CHECK(moved.targets[1].note().empty());
  CHECK(a.unit.data() == moved.targets[1].unit.data());  // units are interned
  CHECK(moved.find("b") == 1);
}

TEST_CASE("Actuals::intern numbers each unit and reporter once, \"\" as 0") {
  Actuals a;
  CHECK(a.intern("") == 0);
  CHECK(a.name(0).empty());
  std::string town = "岗万乡";
  uint32_t t = a.intern(town);
  uint32_t u = a.intern("万元");
  CHECK(t == 1);
  CHECK(u == 2);
  CHECK(a.intern(std::string("岗万乡")) == t);
  town[0] = 'x';  // interned names are copies
  CHECK(a.name(t) == "岗万乡");
  CHECK(a.names.size() == 3);
}

}  // namespace plantrack::test
