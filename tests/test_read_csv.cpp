#include <string>
#include <vector>

#include "helpers.hpp"
#include "read_csv.hpp"

using namespace plantrack;
using namespace plantrack::test;

namespace {

Actuals csv_of(std::string_view text, TextEncoding enc = TextEncoding::detect) {
  Actuals out;
  read_csv("a.csv", text, enc, out);
  return out;
}
std::vector<std::string> csv_errors(std::string_view text,
                                    TextEncoding enc = TextEncoding::detect) {
  return errors_of([&] { csv_of(text, enc); });
}

// "编号,日期,数值\r\n" and a row with 乡 in GB18030 (what iconv -t GBK writes).
const std::string k_gbk =
    "\xB1\xE0\xBA\xC5,\xC8\xD5\xC6\xDA,\xCA\xFD\xD6\xB5,\xCC\xEE\xB1\xA8\xB5\xA5\xCE\xBB\r\n"
    "a,2024-09-30,3,\xCF\xE7\r\n";

}  // namespace

TEST_CASE("CSV: RFC 4180 cells") {
  Actuals a = csv_of(
      "id,date,value,note\r\n"
      "a,2024-09-30,\"8,428.67\",\"say \"\"hi\"\"\r\nnext line\"\r\n"
      "\r\n"
      "b,2024-09-30,2\n"
      "c,2024-09-30,3");
  REQUIRE(a.entries.size() == 3);
  CHECK(a.entries[0].amount == doctest::Approx(8428.67));
  CHECK(a.entries[1].mark.line == 4);  // the blank line 3 is a row too, as in a spreadsheet
  CHECK(a.entries[2].id == "c");
}

TEST_CASE("CSV: encodings") {
  SUBCASE("UTF-8 with a BOM") {
    Actuals a = csv_of("\xEF\xBB\xBF编号,日期,数值\na,2024-09-30,3\n");
    CHECK(a.entries.size() == 1);
  }
  SUBCASE("GBK detected, or named") {
    for (TextEncoding enc : {TextEncoding::detect, TextEncoding::gb18030}) {
      Actuals a = csv_of(k_gbk, enc);
      REQUIRE(a.entries.size() == 1);
      CHECK(a.name(a.entries[0].reporter) == "乡");
    }
  }
  SUBCASE("GBK read as UTF-8 because --encoding says so") {
    CHECK(csv_errors(k_gbk, TextEncoding::utf8).front() ==
          "1:1: this cell is not UTF-8 text, as --encoding utf-8 says (leave --encoding out to "
          "read GB18030/GBK)");
  }
  SUBCASE("neither") {
    CHECK(csv_errors("id,date,value\na,2024-09-30,\xFF\n") ==
          std::vector<std::string>{
              "2:3: the file is neither UTF-8 nor GB18030/GBK text (save it as CSV UTF-8)"});
  }
}

TEST_CASE("CSV: quoting errors are located") {
  CHECK(csv_errors("id,date,value\na\"b,2024-09-30,1\n\"a\"b,2024-09-30,1\na,2024-09-30,\"1\n") ==
        std::vector<std::string>{
            "2:1: a `\"` inside a cell that does not start with one (quote the cell and write "
            "the `\"` twice)",
            "3:1: text after a quoted cell's closing `\"` (a `\"` inside a cell is written "
            "`\"\"`)",
            "4:3: a quoted cell is never closed (a `\"` inside a cell is written `\"\"`)"});
  CHECK(csv_errors("") ==
        std::vector<std::string>{"1:1: the CSV file is empty: it needs a header row"});
}

TEST_CASE("CSV: a file of problems stops at 100") {
  std::string text = "id,date,value\n";
  for (int i = 0; i < 1000; ++i)
    text += "a,2024-09-30,x\n";
  std::vector<std::string> errors = csv_errors(text);
  CHECK(errors.size() == 100);
  CHECK(errors.back().find("(stopping after 100 problems)") != std::string::npos);
}

TEST_CASE("CSV: a row wider than a spreadsheet stops at Excel's last column") {
  std::string text = "id,date,value" + std::string(100000, ',') + "\n";
  CHECK(csv_errors(text) ==
        std::vector<std::string>{"1:16385: a row of more than 16384 cells (the most a "
                                 "spreadsheet has): the rest of the row is not read"});
}
