// plan_diff: matching targets across two plans, and the rows it gives.

#include "plan_diff.hpp"

#include <doctest/doctest.h>

#include "helpers.hpp"

using namespace plantrack;
using plantrack::test::plan_of;

namespace {

std::string plan_with(const std::string& targets) {
  return "plantrack: 1\ntitle: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n" +
         targets;
}

// Rows as "ID FIELD OLD NEW [lowered]".
std::vector<std::string> rows(const std::string& a, const std::string& b) {
  Plan pa = plan_of(plan_with(a));
  Plan pb = plan_of(plan_with(b));
  std::vector<std::string> out;
  for (const PlanChange& c : diff_plans(pa, pb))
    out.push_back(fmt::format("{} {} {} {}{}", c.id, c.field, c.old_value.value_or("~"),
                              c.new_value.value_or("~"), c.lowered ? " lowered" : ""));
  return out;
}

const char* k_tree =
    "  - {id: a, name: A, children: [{id: x, name: X, unit: 户, target: 10,\n"
    "       children: [{id: y, name: Y, unit: 户, target: 10}]}]}\n"
    "  - {id: b, name: B, children: [{id: z, name: Z, unit: 户, target: 5}]}\n";

}  // namespace

TEST_CASE("diff: the same plan has no changes") {
  CHECK(rows(k_tree, k_tree).empty());
}

TEST_CASE("diff: bounds, lowered and the relative change") {
  SUBCASE("a min bound that goes down is lowered, up is not") {
    CHECK(rows("  - {id: a, name: A, unit: 户, target: 10}\n",
               "  - {id: a, name: A, unit: 户, target: 8}\n") ==
          std::vector<std::string>{"a min 10 8 lowered"});
    CHECK(rows("  - {id: a, name: A, unit: 户, target: 10}\n",
               "  - {id: a, name: A, unit: 户, target: 12}\n") ==
          std::vector<std::string>{"a min 10 12"});
  }
  SUBCASE("a max bound that goes up is lowered") {
    CHECK(rows("  - {id: a, name: A, unit: 户, target: {max: 10}}\n",
               "  - {id: a, name: A, unit: 户, target: {max: 11}}\n") ==
          std::vector<std::string>{"a max 10 11 lowered"});
  }
  SUBCASE("relative change is against the old bound") {
    Plan a = plan_of(plan_with("  - {id: a, name: A, unit: 户, target: 400}\n"));
    Plan b = plan_of(plan_with("  - {id: a, name: A, unit: 户, target: 300}\n"));
    auto changes = diff_plans(a, b);
    REQUIRE(changes.size() == 1);
    CHECK(*changes[0].relative == doctest::Approx(-0.25));
    CHECK(changes[0].mark.line == 5);
  }
}

TEST_CASE("diff: a target moved under another parent keeps its children") {
  // x (with its child y) moves from a to b: one `parent` row, nothing added or removed.
  std::string moved =
      "  - {id: a, name: A, children: [{id: w, name: W, target: done}]}\n"
      "  - {id: b, name: B, children: [{id: z, name: Z, unit: 户, target: 5},\n"
      "       {id: x, name: X, unit: 户, target: 10,\n"
      "        children: [{id: y, name: Y, unit: 户, target: 10}]}]}\n";
  CHECK(rows(k_tree, moved) == std::vector<std::string>{"a.w added ~ W", "b.x parent a b"});
}

TEST_CASE("diff: an own id on several unmatched targets is not guessed as a move") {
  std::string before =
      "  - {id: a, name: A, children: [{id: x, name: X1, target: done}]}\n"
      "  - {id: b, name: B, children: [{id: x, name: X2, target: done}]}\n";
  std::string after =
      "  - {id: c, name: C, children: [{id: x, name: X1, target: done},\n"
      "       {id: q, name: Q, children: [{id: x, name: X2, target: done}]}]}\n";
  CHECK(rows(before, after) == std::vector<std::string>{"c added ~ C", "c.x added ~ X1",
                                                        "c.q added ~ Q", "c.q.x added ~ X2",
                                                        "a removed A ~", "a.x removed X1 ~",
                                                        "b removed B ~", "b.x removed X2 ~"});
}

TEST_CASE("diff: fields in force after inheritance") {
  std::string a = "  - {id: a, name: A, owner: 甲, children: [{id: x, name: X, target: done}]}\n";
  std::string b = "  - {id: a, name: A, owner: 乙, children: [{id: x, name: X, target: done}]}\n";
  CHECK(rows(a, b) == std::vector<std::string>{"a owner 甲 乙", "a.x owner 甲 乙"});
}
