#include <sstream>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "read_xlsx.hpp"
#include "render.hpp"
#include "template_sheet.hpp"

using namespace plantrack;
using namespace plantrack::test;

namespace {

constexpr const char* k_plan = R"(title: t
period: {start: 2024-01-01, end: 2024-12-31}
targets:
  - {id: a, name: 甲, unit: 户, target: 424}
  - {id: m, name: 验收, target: done}
)";

std::string template_xlsx(Lang lang) {
  Plan plan = plan_of(k_plan);
  TemplateOptions o;
  o.as_of = date_of("2024-09-30");
  std::ostringstream out;
  write_xlsx_template(plan, o, lang, out);
  return out.str();
}

}  // namespace

TEST_CASE("xlsx: our own template reads back as a file with no entries yet") {
  for (Lang lang : {Lang::en, Lang::zh}) {
    Actuals a;
    read_xlsx("t.xlsx", template_xlsx(lang), 1 << 30, a);
    CHECK(a.entries.empty());
    REQUIRE(a.files.size() == 1);
    CHECK(a.files[0].as_of == date_of("2024-09-30"));  // the date column, an Excel date
  }
}

TEST_CASE("xlsx: the report's first sheet is a workbook sheet with its header") {
  auto c = check(k_plan, "as_of: 2024-09-30\nactuals: {a: 300}\n");
  std::ostringstream out;
  RenderOptions o;
  o.format = Format::xlsx;
  render(c->report, o, out);
  CHECK(out.str().substr(0, 2) == "PK");
  // Read as actuals, its header is not an actuals header: which shows it was read.
  std::vector<std::string> errors = errors_of([&] {
    Actuals a;
    read_xlsx("r.xlsx", out.str(), 1 << 30, a);
  });
  REQUIRE(!errors.empty());
  CHECK(errors.front().rfind("1:3: sheet `targets`: unknown column `Status`", 0) == 0);
}

TEST_CASE("xlsx: hostile containers get a located error") {
  auto error = [](std::string_view bytes, uint64_t max_bytes = 1 << 30) {
    return error_of([&] {
      Actuals a;
      read_xlsx("h.xlsx", bytes, max_bytes, a);
    });
  };
  CHECK(error("id,date,value\n") ==
        "1:1: not an xlsx workbook: it is not a whole zip archive (not a zip file, or one that is "
        "truncated or damaged)");
  std::string book = template_xlsx(Lang::en);
  CHECK(error(book.substr(0, book.size() / 2)).rfind("1:1: not an xlsx workbook", 0) == 0);
  // The parts unpack to more than the budget: here --max-input-size is 2 KiB.
  CHECK(error(book, 2048) ==
        "1:1: the workbook unpacks to more than 0 MiB (a zip bomb?): at most 16 times the "
        "file's size plus 32 MiB is read");
}

TEST_CASE("xlsx: the unpacking budget") {
  CHECK(unpacked_budget(0, 1ull << 30) == 32ull << 20);
  CHECK(unpacked_budget(1 << 20, 1ull << 30) == 48ull << 20);
  CHECK(unpacked_budget(1ull << 30, 1ull << 30) == 1ull << 30);  // never over --max-input-size
}
