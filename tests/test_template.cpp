#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "template.hpp"
#include "text.hpp"

using namespace plantrack;
using plantrack::test::actuals_of;
using plantrack::test::date_of;
using plantrack::test::doc_of;
using plantrack::test::plan_of;

namespace {

const char* const k_plan = R"(title: 2024年村计划
period: {start: 2024-01-01, end: 2024-12-31}
owner: 村委
targets:
  - id: roads
    name: 硬化水泥路
    unit: 公里
    target: 2.5
    children:
      - {id: a, name: 甲路, unit: 公里, target: 1.5}
      - {id: b, name: 乙路, unit: 米, target: 1000, owner: 乙组}
  - id: rate
    name: 入学率
    unit: "%"
    target: 100
    schedule: always
    children:
      - {id: boys, name: 男生, unit: "%", target: 100}
  - id: infra
    name: 基础设施
    children:
      - {id: bridge, name: 桥, target: done, due: 2024-10-01}
      - {id: poor, name: 贫困人口, unit: 人, target: {max: 50}, baseline: 70}
      - {id: funds, name: 资金, unit: 万元, target: {growth: 15%}, baseline: 100}
)";

std::string render(const Plan& plan, TemplateForm form, std::string by = "",
                   std::string as_of = "2024-09-30") {
  TemplateOptions o;
  o.plan_path = "plan.yaml";
  o.as_of = date_of(as_of);
  o.by = std::move(by);
  o.form = form;
  std::ostringstream out;
  write_template(plan, o, out);
  return out.str();
}

}  // namespace

TEST_CASE("template: map form") {
  Plan plan = plan_of(k_plan);
  std::string text = render(plan, TemplateForm::map, "大元村");
  CHECK(text == R"(# Actuals for 2024年村计划 (plan: plan.yaml)
# After each id, write its cumulative value as of `as_of`: 300, "8,428.67", 20万, 95%,
# or {value: 3200000, unit: 元} in another unit; after a milestone's `done:`, the date it was
# done (or true). Leave a value empty until it is reported.
# Check the file with: plantrack validate PLAN THIS-FILE
plantrack: 1
as_of: 2024-09-30
reported_by: 大元村
actuals:
  # ── roads: 硬化水泥路, 2.5 公里: from its children (sum)
  # 甲路: 1.5 公里, due 2024-12-31
  roads.a:
  # 乙路: 1,000 米, due 2024-12-31, owner 乙组
  roads.b:

  # 入学率: 100%, at all times, due 2024-12-31
  rate:
  # 男生: 100%, due 2024-12-31
  rate.boys:

  # ── infra: 基础设施
  # 桥: milestone, due 2024-10-01
  infra.bridge: {done: }
  # 贫困人口: at most 50 人, baseline 70 人, due 2024-12-31
  infra.poor:
  # 资金: 115 万元, baseline 100 万元, due 2024-12-31
  infra.funds:
)");

  SUBCASE("as printed it is valid and reports nothing") {
    Actuals a = actuals_of(text);
    CHECK(a.entries.empty());
    REQUIRE(a.files.size() == 1);
    CHECK(a.files[0].as_of == date_of("2024-09-30"));
    CHECK(a.files[0].reported_by == "大元村");
  }
  SUBCASE("filled in, it loads every value") {
    std::string filled = text;
    auto fill = [&](const std::string& key, const std::string& value) {
      size_t at = filled.find("\n  " + key + ":");
      REQUIRE(at != std::string::npos);
      size_t end = filled.find('\n', at + 1);
      filled.replace(at + 1, end - at - 1, "  " + key + ": " + value);
    };
    fill("roads.a", "1.2");
    fill("rate", "98%");
    fill("infra.bridge", "{done: 2024-08-01}");
    fill("infra.funds", "\"1,150,000\"");
    Actuals a = actuals_of(filled);
    CHECK(a.entries.size() == 4);
  }
}

TEST_CASE("template: list form") {
  Plan plan = plan_of(k_plan);
  std::string text = render(plan, TemplateForm::list);
  CHECK(text.find("plantrack: 1\n# reported_by: NAME (optional: who reports every entry of this "
                  "file)\nactuals:\n") != std::string::npos);
  CHECK(text.find("as_of:") == std::string::npos);
  CHECK(text.find("  - {id: roads.a, date: 2024-09-30, value: }\n") != std::string::npos);
  CHECK(text.find("  - {id: infra.bridge, date: 2024-09-30, done: }\n") != std::string::npos);

  SUBCASE("`value: }` in a flow mapping is empty: nothing reported") {
    CHECK(actuals_of(text).entries.empty());
  }
  SUBCASE("filled in") {
    std::string filled = text;
    size_t at = filled.find("value: }");
    filled.replace(at, 8, "value: 0.5}");
    at = filled.find("done: }");
    filled.replace(at, 7, "done: true}");
    Actuals a = actuals_of(filled);
    REQUIRE(a.entries.size() == 2);
    CHECK(a.entries[0].id == "roads.a");
    CHECK(a.entries[0].amount == 0.5);
    CHECK(a.entries[1].id == "infra.bridge");
    CHECK(a.entries[1].done_on() == date_of("2024-09-30"));
  }
}

TEST_CASE("template: which targets are asked for") {
  Plan plan = plan_of(k_plan);
  auto asked = [&](const std::string& id) {
    return reported_directly(plan, plantrack::test::target_of(plan, id));
  };
  CHECK_FALSE(asked("roads"));  // sums its children
  CHECK(asked("roads.a"));
  CHECK(asked("rate"));         // % targets roll up with none: reported themselves
  CHECK_FALSE(asked("infra"));  // a group
  CHECK(asked("infra.bridge"));

  SUBCASE("a parent whose children are in another dimension") {
    Plan p = plan_of(R"(title: t
period: {start: 2024-01-01, end: 2024-12-31}
targets:
  - id: p
    name: P
    unit: 户
    target: 10
    children: [{id: c, name: C, unit: 人, target: 30}]
)");
    CHECK(reported_directly(p, p.targets[0]));
  }
}

TEST_CASE("template: the default as_of is today, kept within the plan period") {
  Plan plan = plan_of(k_plan);
  CHECK(default_template_date(plan, date_of("2024-05-06")) == date_of("2024-05-06"));
  CHECK(default_template_date(plan, date_of("2026-11-29")) == date_of("2024-12-31"));
  CHECK(default_template_date(plan, date_of("2023-02-01")) == date_of("2024-01-01"));
}

TEST_CASE("template: names cannot break out of their comment") {
  Plan plan = plan_of(R"(title: "标题\nactuals: {x: 1}"
period: {start: 2024-01-01, end: 2024-12-31}
owner: o
targets:
  - id: a
    name: "一\n  a: 5\r\u0085\u2028\u2029\e[31m二"
    unit: "个\n#"
    target: 3
)");
  std::string text = render(plan, TemplateForm::map, "x\ny");
  CHECK(text.find("# Actuals for 标题\\nactuals: {x: 1} (plan: plan.yaml)\n") == 0);
  CHECK(
      text.find("  # 一\\n  a: 5\\r\\u0085\\u2028\\u2029\\x1B[31m二: 3 个\\n#, due 2024-12-31\n") !=
      std::string::npos);
  CHECK(text.find("reported_by: \"x\\ny\"\n") != std::string::npos);
  Actuals a = actuals_of(text);
  CHECK(a.entries.empty());
  CHECK(a.files[0].reported_by == "x\ny");
}

TEST_CASE("yaml_scalar reads back as the same text") {
  CHECK(yaml_scalar("珠街乡") == "珠街乡");
  CHECK(yaml_scalar("relocation.households") == "relocation.households");
  CHECK(yaml_scalar("true") == "\"true\"");
  CHECK(yaml_scalar("~") == "\"~\"");
  CHECK(yaml_scalar("123") == "\"123\"");
  CHECK(yaml_scalar("-x") == "\"-x\"");
  CHECK(yaml_scalar("a: b") == "\"a: b\"");
  CHECK(yaml_scalar("") == "\"\"");
  CHECK(yaml_scalar("say \"hi\"") == "say \"hi\"");
  CHECK(yaml_scalar("\"hi\"\\") == "\"\\\"hi\\\"\\\\\"");
  CHECK(yaml_scalar("a\tb\x01") == "\"a\\tb\\x01\"");
  CHECK(yaml_scalar("x\u2028y") == "\"x\\u2028y\"");
  CHECK(yaml_scalar("\"\xC3x") == "\"\\\"\\uFFFDx\"");  // a byte that is not UTF-8
  CHECK(yaml_scalar("\"\u202E\"") == "\"\\\"\\u202E\\\"\"");
  for (std::string s :
       {"珠街乡",      "true",   "NULL",  "123",         "-x",        "a: b",       "a #b",
        "{x}",         "[1, 2]", "'q'",   "\"dq\"",      " lead",     "trail ",     "x\ny",
        "\x1B[31mred", "a,b",    "%p",    "@at",         "x\u2028y",  "\u00A0nbsp", "*star",
        "&amp",        "!tag",   "|pipe", "\"\u202Eb\\", "\"\uFFFD\""}) {
    CAPTURE(s);
    Document d = doc_of("k: " + yaml_scalar(s) + "\n");
    const Node* v = d.find(d.root(), "k");
    REQUIRE(v != nullptr);
    CHECK(v->kind == NodeKind::scalar);
    CHECK(std::string(d.text(*v)) == s);
  }
}

TEST_CASE("comment_text escapes what could end a comment line") {
  CHECK(comment_text("正常 text") == "正常 text");
  CHECK(comment_text("a\nb") == "a\\nb");
  CHECK(comment_text("a\rb") == "a\\rb");
  CHECK(comment_text("a\u2028b\u2029c\u0085d") == "a\\u2028b\\u2029c\\u0085d");
  CHECK(comment_text("\xFF\xC0\x80") == "\\xFF\\xC0\\x80");
  CHECK(comment_text("\xE0\x80\xAF") == "\\xE0\\x80\\xAF");  // an overlong '/'
}

TEST_CASE("is_utf8") {
  CHECK(is_utf8("珠街乡 abc"));
  CHECK(is_utf8(""));
  CHECK_FALSE(is_utf8("\xFF"));
  CHECK_FALSE(is_utf8("\xC0\xAF"));
  CHECK_FALSE(is_utf8("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(is_utf8("\xE4\xB8"));          // cut short
  CHECK_FALSE(is_utf8("\xF5\x80\x80\x80"));  // past U+10FFFF
}

TEST_CASE("template: a ratio target is computed, its parts are listed") {
  Plan plan = plantrack::test::plan_of(
      "title: T\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n"
      "  - {id: rate, name: 收回率, unit: \"%\", target: 95, ratio: {numerator: rec, denominator: "
      "due}}\n"
      "  - {id: rec, name: 已收回, unit: 万元, target: 95}\n"
      "  - {id: due, name: 到期, unit: 万元, target: 100}\n");
  CHECK_FALSE(reported_directly(plan, plan.targets[0]));
  TemplateOptions o;
  o.plan_path = "plan.yaml";
  o.as_of = plantrack::test::date_of("2024-09-30");
  std::ostringstream out;
  write_template(plan, o, out);
  CHECK(out.str().find("  # ── rate: 收回率, 95%: the ratio of rec over due\n") !=
        std::string::npos);
  CHECK(out.str().find("\n  rate:") == std::string::npos);
  CHECK(out.str().find("\n  rec:\n") != std::string::npos);
}
