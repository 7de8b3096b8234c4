#pragma once
// Spreadsheet rows -> actual entries (SPEC §9): the header's columns (English or Chinese names)
// and the list form's rules (§1.2) applied to each row. Shared by read_csv and read_xlsx, which
// only turn their bytes into cells.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "model.hpp"

namespace plantrack {

enum class CellType : uint8_t { text, number, boolean };

// One cell as the file stores it. A number keeps the text it was stored as ("4100", "1.5E-3").
struct SheetCell {
  std::string_view text;
  uint32_t column = 0;  // 1-based, A = 1
  CellType type = CellType::text;
  bool percent_format = false;  // xlsx: a number shown as a percentage (0.95 shows 95%)
};

// The columns a sheet may have, in the order templates write them.
enum class Column : uint8_t {
  id,
  name,
  unit,
  target,
  due,
  date,
  value,
  add,
  done,
  by,
  note,
  source
};
constexpr int k_column_count = 12;

// "id" / "编号"; the header names read back in either language.
const char* column_name(Column c, bool chinese);

// Excel's day number (1900 date system, or 1904 when `date1904`) as a date; nullopt when out of
// the range Excel shows (years 1900..9999).
std::optional<Date> excel_serial_date(double serial, bool date1904 = false);
// The date a calendar day has in Excel's 1900 date system.
double excel_serial(Date d);

// Reads one sheet. Feed the header row, then every other row, then call finish().
class SheetRows {
 public:
  // `sheet` names the xlsx sheet in messages ("" for CSV).
  SheetRows(std::string file, std::string sheet, Actuals& out, bool date1904 = false);
  // False when the header has problems (they are collected; the rows are then not read).
  bool header(std::span<const SheetCell> cells, uint32_t row);
  void row(std::span<const SheetCell> cells, uint32_t row);
  // Stores the file and its entries in `out`, or throws InputError with every problem.
  void finish();
  // A problem not tied to a cell's meaning (the reader's own: bad quoting, bad bytes…).
  void error(Mark mark, std::string_view message);
  // Whether so many problems were found that reading on is pointless.
  bool full() const { return errors_ >= k_max_errors; }

 private:
  static constexpr size_t k_max_errors = 100;
  // The header of a column when a header was read, else the column letter.
  std::string column_label(uint32_t column) const;
  bool read_date(const SheetCell& c, uint32_t row, std::optional<Date>& out);
  bool read_amount(const SheetCell& c, uint32_t row, Entry& e);

  std::string file_, sheet_;
  Actuals& out_;
  Diagnostics diags_;
  size_t errors_ = 0;
  bool date1904_ = false;
  int file_index_ = 0;
  // The latest date of any row, reported or not: the file's as_of, as a YAML template's, so
  // that a template not filled in yet still says when it is for.
  std::optional<Date> latest_;
  std::vector<int> column_of_;  // per sheet column (0-based): Column index, -1 none, -2 ignored
  std::vector<std::string> headers_;              // per sheet column, as written
  std::array<uint32_t, k_column_count> where_{};  // Column -> sheet column (1-based), 0 absent
};

}  // namespace plantrack
