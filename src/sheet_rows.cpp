#include "sheet_rows.hpp"

#include <array>
#include <cmath>

#include <fmt/format.h>

#include "load_actuals.hpp"
#include "messages.hpp"
#include "quantity.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

constexpr std::array<std::array<const char*, 2>, k_column_count> k_names = {{
    {"id", "编号"},
    {"name", "名称"},
    {"unit", "单位"},
    {"target", "目标"},
    {"due", "截止日期"},
    {"date", "日期"},
    {"value", "数值"},
    {"add", "增量"},
    {"done", "完成"},
    {"by", "填报单位"},
    {"note", "备注"},
    {"source", "来源"},
}};

constexpr int k_unheaded = -1;  // a column with an empty header
constexpr int k_ignored = -2;   // an x-... column: the user's own

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

int column_index(std::string_view header) {
  for (int c = 0; c < k_column_count; ++c)
    if (ascii_iequal(header, k_names[static_cast<size_t>(c)][0]) ||
        header == k_names[static_cast<size_t>(c)][1])
      return c;
  return k_unheaded;
}

// "2024-09-30", or "2024/9/30" as Excel and WPS write dates in a Chinese locale.
std::optional<Date> parse_text_date(std::string_view s) {
  if (auto d = parse_iso_date(s)) return d;
  unsigned parts[3] = {0, 0, 0};
  size_t digits[3] = {0, 0, 0};
  size_t k = 0;
  for (char c : s) {
    if (c == '/') {
      if (++k == 3) return std::nullopt;
    } else if (c >= '0' && c <= '9' && digits[k] < 4) {
      parts[k] = parts[k] * 10 + static_cast<unsigned>(c - '0');
      ++digits[k];
    } else {
      return std::nullopt;
    }
  }
  if (k != 2 || digits[0] != 4 || digits[1] == 0 || digits[1] > 2 || digits[2] == 0 ||
      digits[2] > 2)
    return std::nullopt;
  return parse_iso_date(fmt::format("{:04}-{:02}-{:02}", parts[0], parts[1], parts[2]));
}

}  // namespace

const char* column_name(Column c, bool chinese) {
  return k_names[static_cast<size_t>(c)][chinese ? 1 : 0];
}

std::optional<Date> excel_serial_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 1 || serial >= 2958466) return std::nullopt;
  int day = static_cast<int>(std::floor(serial));
  // 1900 system: day 1 is 1900-01-01 and day 60 the 29 February 1900 that never was.
  if (date1904) return Date{day - 24107};
  if (day == 60) return std::nullopt;
  return Date{day < 60 ? day - 25568 : day - 25569};
}

double excel_serial(Date d) {
  return d.days + 25569.0;
}

SheetRows::SheetRows(std::string file, std::string sheet, Actuals& out, bool date1904)
    : file_(file),
      sheet_(std::move(sheet)),
      out_(out),
      diags_(std::move(file)),
      date1904_(date1904),
      file_index_(static_cast<int>(out.files.size())) {}

void SheetRows::error(Mark mark, std::string_view message) {
  if (errors_ == k_max_errors) return;
  ++errors_;
  std::string text = sheet_.empty() ? std::string(message)
                                    : tr(Msg::in_sheet, fmt::arg("sheet", escape_text(sheet_)),
                                         fmt::arg("message", message));
  if (errors_ == k_max_errors) text += tr(Msg::stopping_after, fmt::arg("n", k_max_errors));
  diags_.error(mark, std::move(text));
}

std::string SheetRows::column_label(uint32_t column) const {
  size_t i = column - 1;
  if (i < headers_.size() && !headers_[i].empty()) return escape_text(headers_[i]);
  std::string letters;
  for (uint32_t n = column; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return tr(Msg::column_letters, fmt::arg("letters", letters));
}

bool SheetRows::header(std::span<const SheetCell> cells, uint32_t row) {
  size_t before = errors_;
  std::vector<std::string_view> known;
  for (const auto& n : k_names)
    known.insert(known.end(), {n[0], n[1]});
  for (const SheetCell& c : cells) {
    std::string_view h = trim(c.text);
    size_t i = c.column - 1;
    if (column_of_.size() <= i) {
      column_of_.resize(i + 1, k_unheaded);
      headers_.resize(i + 1);
    }
    headers_[i] = std::string(h);
    if (h.empty()) continue;
    if (h.substr(0, 2) == "x-") {
      column_of_[i] = k_ignored;
      continue;
    }
    int k = column_index(h);
    if (k == k_unheaded) {
      std::string hint = closest_match(h, known);
      error(
          Mark{row, c.column},
          tr(Msg::unknown_column, fmt::arg("column", escape_text(h)),
             fmt::arg("hint", hint.empty() ? std::string()
                                           : tr(Msg::colon_did_you_mean, fmt::arg("hint", hint)))));
      continue;
    }
    uint32_t& where = where_[static_cast<size_t>(k)];
    if (where != 0) {
      error(Mark{row, c.column}, tr(Msg::column_twice, fmt::arg("column", escape_text(h)),
                                    fmt::arg("other", column_label(where))));
      continue;
    }
    where = c.column;
    column_of_[i] = k;
  }
  auto require = [&](std::initializer_list<Column> any, Msg what) {
    for (Column c : any)
      if (where_[static_cast<size_t>(c)] != 0) return;
    error(Mark{row, 1}, tr(Msg::header_missing_column, fmt::arg("what", tr(what))));
  };
  if (errors_ == before) {
    require({Column::id}, Msg::column_id);
    require({Column::date}, Msg::column_date);
    require({Column::value, Column::add, Column::done}, Msg::column_amounts);
  }
  return errors_ == before;
}

bool SheetRows::read_date(const SheetCell& c, uint32_t row, std::optional<Date>& out) {
  std::string_view text = trim(c.text);
  if (c.type == CellType::number) {
    std::string error_text;
    auto n = parse_number(text, error_text);
    if (n) out = excel_serial_date(n->value, date1904_);
  } else if (c.type == CellType::text) {
    out = parse_text_date(text);
  }
  if (out) return true;
  error(Mark{row, c.column}, tr(Msg::cell_not_date, fmt::arg("column", column_label(c.column)),
                                fmt::arg("text", escape_text(text))));
  return false;
}

bool SheetRows::read_amount(const SheetCell& c, uint32_t row, Entry& e) {
  std::string_view text = trim(c.text);
  if (c.type == CellType::boolean) {
    error(Mark{row, c.column}, tr(Msg::cell_boolean, fmt::arg("column", column_label(c.column))));
    return false;
  }
  std::string error_text;
  auto n = parse_number(text, error_text);
  if (!n) {
    error(Mark{row, c.column},
          tr(Msg::cell_number_error, fmt::arg("column", column_label(c.column)),
             fmt::arg("error", escape_text(error_text))));
    return false;
  }
  e.amount = n->value;
  e.percent = n->percent;
  if (c.type == CellType::number && c.percent_format) {
    e.amount = n->value * 100;
    e.percent = true;
  }
  return true;
}

void SheetRows::row(std::span<const SheetCell> cells, uint32_t row) {
  std::array<const SheetCell*, k_column_count> at{};
  bool any = false;
  for (const SheetCell& c : cells) {
    if (trim(c.text).empty()) continue;
    any = true;
    size_t i = c.column - 1;
    int k = i < column_of_.size() ? column_of_[i] : k_unheaded;
    if (k == k_ignored) continue;
    if (k == k_unheaded) {
      error(Mark{row, c.column},
            tr(Msg::cell_no_header, fmt::arg("text", escape_text(trim(c.text)))));
      continue;
    }
    at[static_cast<size_t>(k)] = &c;
  }
  if (!any) return;  // a blank row
  auto cell = [&](Column c) { return at[static_cast<size_t>(c)]; };
  auto text = [&](Column c) { return cell(c) ? trim(cell(c)->text) : std::string_view(); };
  const SheetCell* amounts[] = {cell(Column::value), cell(Column::add), cell(Column::done)};
  int kinds = (amounts[0] != nullptr) + (amounts[1] != nullptr) + (amounts[2] != nullptr);
  std::optional<Date> date;
  bool date_ok = !cell(Column::date) || read_date(*cell(Column::date), row, date);
  if (date && (!latest_ || *date > *latest_)) latest_ = date;
  if (kinds == 0) return;  // not reported yet
  Entry e;
  e.file = file_index_;
  std::string_view id = text(Column::id);
  // A leading ' that a CSV writer put before a cell a spreadsheet would run as a formula.
  if (id.size() > 1 && id[0] == '\'' &&
      std::string_view("=+-@").find(id[1]) != std::string_view::npos)
    id.remove_prefix(1);
  uint32_t first = 0;
  for (const SheetCell* c : amounts)
    if (c && (first == 0 || c->column < first)) first = c->column;
  if (id.empty()) error(Mark{row, where_[static_cast<size_t>(Column::id)]}, tr(Msg::row_no_id));
  if (!cell(Column::date))
    error(Mark{row, where_[static_cast<size_t>(Column::date)]}, tr(Msg::row_no_date));
  if (kinds > 1) {
    error(Mark{row, first}, tr(Msg::row_one_kind));
    return;
  }
  if (id.empty() || !date_ok || !date) return;
  e.id = id;
  e.mark = Mark{row, where_[static_cast<size_t>(Column::id)]};
  e.date = *date;
  std::string_view unit = text(Column::unit);
  if (const SheetCell* d = cell(Column::done)) {
    e.kind = EntryKind::done;
    bool ok = false;
    if (d->type == CellType::boolean) {
      ok = parse_done(trim(d->text) == "1" ? "true" : "false", date, e);
    } else if (d->type == CellType::number) {
      std::optional<Date> on;
      ok = read_date(*d, row, on);
      if (!ok) return;
      e.done = true;
      e.set_done_on(on);
    } else if (auto on = parse_text_date(trim(d->text))) {
      e.done = true;
      e.set_done_on(on);
      ok = true;
    } else {
      ok = parse_done(trim(d->text), date, e);
    }
    if (!ok) {
      error(Mark{row, d->column}, done_error(trim(d->text)));
      return;
    }
  } else {
    const SheetCell& v = amounts[0] ? *amounts[0] : *amounts[1];
    e.kind = amounts[0] ? EntryKind::value : EntryKind::add;
    if (!read_amount(v, row, e)) return;
    if (std::string m = percent_unit_error(e, trim(v.text), unit); !m.empty()) {
      error(Mark{row, v.column}, m);
      return;
    }
  }
  e.id = out_.arena.text(e.id);
  e.unit = out_.intern(unit);
  e.reporter = out_.intern(text(Column::by));
  out_.entries.push_back(e);
  std::string_view note = text(Column::note), source = text(Column::source);
  if (!note.empty() || !source.empty())
    out_.notes.push_back({static_cast<uint32_t>(out_.entries.size() - 1), out_.arena.text(note),
                          out_.arena.text(source)});
}

void SheetRows::finish() {
  diags_.throw_if_any();
  out_.files.push_back(ActualsFile{file_, latest_, "", ""});
}

}  // namespace plantrack
