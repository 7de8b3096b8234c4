#include <string>
#include <vector>

#include "helpers.hpp"
#include "sheet_rows.hpp"

using namespace plantrack;
using namespace plantrack::test;

namespace {

// Rows of texts as cells (column = position + 1; "" = no cell); the first row is the header.
Actuals sheet_of(const std::vector<std::vector<std::string>>& rows, std::string sheet = "") {
  Actuals out;
  SheetRows reader("s.csv", std::move(sheet), out);
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<SheetCell> cells;
    for (size_t c = 0; c < rows[r].size(); ++c)
      if (!rows[r][c].empty()) cells.push_back(SheetCell{rows[r][c], static_cast<uint32_t>(c + 1)});
    uint32_t row = static_cast<uint32_t>(r + 1);
    if (r == 0) {
      if (!reader.header(cells, row)) break;
    } else {
      reader.row(cells, row);
    }
  }
  reader.finish();
  return out;
}

std::vector<std::string> sheet_errors(const std::vector<std::vector<std::string>>& rows,
                                      std::string sheet = "") {
  return errors_of([&] { sheet_of(rows, std::move(sheet)); });
}

}  // namespace

TEST_CASE("sheet rows become the list form's entries") {
  SUBCASE("English and Chinese headers, any order, in any letter case") {
    for (auto header : {std::vector<std::string>{"ID", "Date", "value", "unit", "by"},
                        std::vector<std::string>{"编号", "日期", "数值", "单位", "填报单位"}}) {
      Actuals a = sheet_of({header, {"relocation", "2024-09-30", "8,428.67", "万元", "珠街乡"}});
      REQUIRE(a.entries.size() == 1);
      const Entry& e = a.entries[0];
      CHECK(e.id == "relocation");
      CHECK(e.amount == doctest::Approx(8428.67));
      CHECK(e.kind == EntryKind::value);
      CHECK(e.date == date_of("2024-09-30"));
      CHECK(a.name(e.unit) == "万元");
      CHECK(a.name(e.reporter) == "珠街乡");
      CHECK(e.mark.line == 2);
      CHECK(e.mark.column == 1);
    }
  }
  SUBCASE("add, done, 20万, 95%, Excel's YYYY/M/D") {
    Actuals a = sheet_of({{"id", "date", "add", "done"},
                          {"a", "2024/9/3", "20万", ""},
                          {"b", "2024-09-30", "", "true"},
                          {"c", "2024-09-30", "", "2024/8/1"},
                          {"d", "2024-09-30", "95%", ""}});
    REQUIRE(a.entries.size() == 4);
    CHECK(a.entries[0].kind == EntryKind::add);
    CHECK(a.entries[0].amount == 200000);
    CHECK(a.entries[0].date == date_of("2024-09-03"));
    CHECK(a.entries[1].done);
    CHECK(a.entries[1].done_on() == date_of("2024-09-30"));
    CHECK(a.entries[2].done_on() == date_of("2024-08-01"));
    CHECK(a.entries[3].percent);
  }
  SUBCASE("empty value cells are not reported yet; blank rows and x- columns are skipped") {
    Actuals a = sheet_of({{"id", "name", "target", "due", "date", "value", "x-mine"},
                          {"a", "甲", "424", "2024-12-31", "2024-09-30", "", "whatever"},
                          {},
                          {"b", "乙", "", "", "2024-10-31", "3", ""}});
    REQUIRE(a.entries.size() == 1);
    CHECK(a.entries[0].id == "b");
    REQUIRE(a.files.size() == 1);
    CHECK(a.files[0].as_of == date_of("2024-10-31"));  // the latest row date
  }
  SUBCASE("a CSV writer's formula guard before an id is dropped") {
    Actuals a = sheet_of({{"id", "date", "value"}, {"'-x", "2024-09-30", "1"}});
    CHECK(a.entries[0].id == "-x");
  }
}

TEST_CASE("sheet header errors are located at the header cell") {
  CHECK(sheet_errors({{"id", "date", "vaule"}}) ==
        std::vector<std::string>{
            "1:3: unknown column `vaule`: did you mean `value`? (the columns are id, date, value, "
            "add, done, unit, by, note, source, or 编号, 日期, 数值, 增量, 完成, 单位, 填报单位, "
            "备注, 来源; headers starting with x- are ignored)"});
  CHECK(sheet_errors({{"id", "date", "value", "数值"}}) ==
        std::vector<std::string>{"1:4: column `数值` appears twice (also value)"});
  CHECK(sheet_errors({{"value"}}) ==
        std::vector<std::string>{"1:1: the header row has no `id` (编号) column",
                                 "1:1: the header row has no `date` (日期) column"});
  CHECK(sheet_errors({{"id", "date"}}, "actuals") ==
        std::vector<std::string>{"1:1: sheet `actuals`: the header row has no `value` (数值), "
                                 "`add` (增量) or `done` (完成) column"});
}

TEST_CASE("sheet row errors name the row and column") {
  CHECK(sheet_errors({{"id", "date", "value", "done", "unit"},
                      {"a", "2024-09-31", "1"},
                      {"a", "2024-09-30", "abc"},
                      {"a", "2024-09-30", "1", "true"},
                      {"", "2024-09-30", "1"},
                      {"a", "", "1"},
                      {"a", "2024-09-30", "", "soon"},
                      {"a", "2024-09-30", "95%", "", "户"},
                      {"a", "2024-09-30", "1", "", "", "stray"}}) ==
        std::vector<std::string>{
            "2:2: `date`: `2024-09-31` is not a date (write YYYY-MM-DD, or a date cell)",
            "3:3: `value`: `abc` is not a number (write e.g. 1590, \"8,428.67\", \"20万\", "
            "\"1.2亿\" or \"95%\")",
            "4:3: a row has exactly one of `value`, `add` or `done`",
            "5:1: the row has a value but no `id` (编号): which target is it for?",
            "6:2: the row has a value but no `date` (日期): the date the value describes",
            "7:4: `done` takes a date YYYY-MM-DD, true or false, not `soon`",
            "8:3: `95%` is a percentage but the entry says unit 户",
            "9:6: `stray` is in a column without a header (name it, or start its header with x- "
            "to keep your own notes)"});
}

TEST_CASE("typed cells: numbers, percentages, booleans, Excel day numbers") {
  Actuals out;
  SheetRows reader("s.xlsx", "actuals", out);
  std::vector<SheetCell> header = {{"id", 1}, {"date", 2}, {"value", 3}, {"done", 4}};
  REQUIRE(reader.header(header, 1));
  std::vector<SheetCell> percent = {
      {"r", 1}, {"45565", 2, CellType::number}, {"0.962", 3, CellType::number, true}};
  reader.row(percent, 2);
  std::vector<SheetCell> done = {
      {"m", 1}, {"45565.5", 2, CellType::number}, {"1", 4, CellType::boolean}};
  reader.row(done, 3);
  std::vector<SheetCell> flag = {
      {"r", 1}, {"45565", 2, CellType::number}, {"1", 3, CellType::boolean}};
  reader.row(flag, 4);
  CHECK(
      errors_of([&] { reader.finish(); }) ==
      std::vector<std::string>{"4:3: sheet `actuals`: `value`: a true/false cell is not a number"});
  REQUIRE(out.entries.size() == 2);
  CHECK(out.entries[0].date == date_of("2024-09-30"));
  CHECK(out.entries[0].amount == doctest::Approx(96.2));
  CHECK(out.entries[0].percent);
  CHECK(out.entries[1].done);
  CHECK(out.entries[1].done_on() == date_of("2024-09-30"));
}

TEST_CASE("Excel day numbers") {
  CHECK(excel_serial_date(1) == date_of("1900-01-01"));
  CHECK(excel_serial_date(59) == date_of("1900-02-28"));
  CHECK(!excel_serial_date(60));  // 1900-02-29, which Excel invented
  CHECK(excel_serial_date(61) == date_of("1900-03-01"));
  CHECK(excel_serial_date(45565) == date_of("2024-09-30"));
  CHECK(excel_serial_date(45565 - 1462, true) == date_of("2024-09-30"));
  CHECK(!excel_serial_date(0));
  CHECK(!excel_serial_date(3e6));
  CHECK(excel_serial(date_of("2024-09-30")) == 45565);
}
