#include <sstream>
#include <string>

#include "helpers.hpp"
#include "template_sheet.hpp"

using namespace plantrack;
using namespace plantrack::test;

namespace {

constexpr const char* k_plan = R"(title: t
period: {start: 2024-01-01, end: 2024-12-31}
targets:
  - id: g
    name: 组
    children:
      - {id: a, name: "=甲", unit: 户, target: 8428}
      - {id: r, name: 率, unit: "%", target: {max: 3}}
  - {id: m, name: 验收, target: done, due: 2024-06-30}
)";

std::string csv_template(Lang lang, std::string by = "") {
  Plan plan = plan_of(k_plan);
  TemplateOptions o;
  o.as_of = date_of("2024-09-30");
  o.by = std::move(by);
  std::ostringstream out;
  write_csv_template(plan, o, lang, out);
  return out.str();
}

}  // namespace

TEST_CASE("the CSV template: a row per target to report, headers in the language") {
  CHECK(csv_template(Lang::en, "珠街乡") ==
        "\xEF\xBB\xBF"
        "id,name,unit,target,due,date,value,done,by,note\r\n"
        "g.a,'=甲,户,\"8,428\",2024-12-31,2024-09-30,,,珠街乡,\r\n"
        "g.r,率,%,<=3,2024-12-31,2024-09-30,,,珠街乡,\r\n"
        "m,验收,,by 2024-06-30,2024-06-30,2024-09-30,,,珠街乡,\r\n");
  std::string zh = csv_template(Lang::zh);
  CHECK(zh.substr(3, zh.find("\r\n") - 3) ==
        "编号,名称,单位,目标,截止日期,日期,数值,完成,填报单位,备注");
}

TEST_CASE("the xlsx template is a zip") {
  Plan plan = plan_of(k_plan);
  TemplateOptions o;
  o.as_of = date_of("2024-09-30");
  std::ostringstream out;
  write_xlsx_template(plan, o, Lang::zh, out);
  CHECK(out.str().substr(0, 4) == "PK\x03\x04");
}
