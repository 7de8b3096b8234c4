#include <string>

#include "actuals_file.hpp"
#include "helpers.hpp"

using namespace plantrack;

TEST_CASE("actuals files are told apart by extension, in any letter case") {
  CHECK(actuals_kind("a.yaml") == ActualsKind::yaml);
  CHECK(actuals_kind("a.csv") == ActualsKind::csv);
  CHECK(actuals_kind("dir/A.CSV") == ActualsKind::csv);
  CHECK(actuals_kind("a.Xlsx") == ActualsKind::xlsx);
  CHECK(actuals_kind("-") == ActualsKind::yaml);
  CHECK(actuals_kind(".csv") == ActualsKind::yaml);  // a name, not an extension
}

TEST_CASE("a folder reads YAML, CSV and XLSX files, not hidden ones") {
  for (const char* yes : {"a.yaml", "a.yml", "a.csv", "A.XLSX"})
    CHECK(actuals_file_name(yes));
  for (const char* no : {".a.csv", "a.xls", "a.txt", "a.csv~", "csv"})
    CHECK(!actuals_file_name(no));
}
