#include "template_sheet.hpp"

#include <array>
#include <string>
#include <vector>

#include "render.hpp"
#include "render_common.hpp"
#include "sheet_rows.hpp"
#include "text.hpp"
#include "xlsx_file.hpp"

namespace plantrack {

namespace {

constexpr std::array<Column, 10> k_columns = {
    Column::id,   Column::name,  Column::unit, Column::target, Column::due,
    Column::date, Column::value, Column::done, Column::by,     Column::note};

// The texts of one template row, in k_columns order ("" = empty).
std::array<std::string, 10> row_texts(const Target& t, const TemplateOptions& o, Lang lang) {
  return {std::string(t.full_id),
          escape_text(t.name),
          escape_text(t.unit),
          bound_text(t, lang),
          format_date(t.due),
          format_date(o.as_of),
          "",
          "",
          o.by,
          ""};
}

}  // namespace

void write_csv_template(const Plan& plan, const TemplateOptions& options, Lang lang,
                        std::ostream& out) {
  std::string buf = "\xEF\xBB\xBF";
  for (size_t i = 0; i < k_columns.size(); ++i)
    buf += (i ? "," : "") + csv_field(column_name(k_columns[i], lang == Lang::zh));
  buf += "\r\n";
  for (const Target& t : plan.targets) {
    if (!reported_directly(plan, t)) continue;
    auto texts = row_texts(t, options, lang);
    for (size_t i = 0; i < texts.size(); ++i)
      buf += (i ? "," : "") + (i == 0 ? csv_field(texts[i]) : csv_text(texts[i]));
    buf += "\r\n";
    if (buf.size() > (1 << 16)) {
      out << buf;
      buf.clear();
    }
  }
  out << buf;
}

void write_xlsx_template(const Plan& plan, const TemplateOptions& options, Lang lang,
                         std::ostream& out) {
  write_workbook(out, [&](lxw_workbook* book) {
    lxw_worksheet* ws = workbook_add_worksheet(book, "actuals");
    lxw_format* header = workbook_add_format(book);
    format_set_bold(header);
    format_set_bg_color(header, 0xD9D9D9);
    lxw_format* locked = workbook_add_format(book);
    format_set_bg_color(locked, 0xF2F2F2);
    lxw_format* open = workbook_add_format(book);
    format_set_unlocked(open);
    lxw_format* open_date = workbook_add_format(book);
    format_set_unlocked(open_date);
    format_set_num_format(open_date, "yyyy-mm-dd");
    std::vector<double> widths;
    for (size_t i = 0; i < k_columns.size(); ++i) {
      const char* h = column_name(k_columns[i], lang == Lang::zh);
      check_lxw(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(i), h, header), "header");
      widths.push_back(static_cast<double>(display_width(h)) + 4);
    }
    lxw_row_t row = 1;
    for (const Target& t : plan.targets) {
      if (!reported_directly(plan, t)) continue;
      auto texts = row_texts(t, options, lang);
      bool milestone = t.kind == Kind::milestone;
      for (size_t i = 0; i < texts.size(); ++i) {
        auto col = static_cast<lxw_col_t>(i);
        Column k = k_columns[i];
        bool fill = k == Column::date || k == Column::by || k == Column::note ||
                    (k == Column::value && !milestone) || (k == Column::done && milestone);
        lxw_format* f = !fill ? locked : k == Column::date || k == Column::done ? open_date : open;
        if (k == Column::date)
          check_lxw(worksheet_write_number(ws, row, col, excel_serial(options.as_of), f), "date");
        else if (texts[i].empty())
          check_lxw(worksheet_write_blank(ws, row, col, f), "a cell");
        else
          check_lxw(worksheet_write_string(ws, row, col, texts[i].c_str(), f), "a cell");
        widths[i] = std::min(60.0, std::max(widths[i], display_width(texts[i]) + 2.0));
      }
      ++row;
    }
    for (size_t i = 0; i < widths.size(); ++i) {
      Column k = k_columns[i];
      double w = k == Column::date || k == Column::done || k == Column::due
                     ? std::max(widths[i], 12.0)
                 : k == Column::value || k == Column::note ? std::max(widths[i], 14.0)
                                                           : widths[i];
      check_lxw(worksheet_set_column(ws, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), w,
                                     nullptr),
                "column width");
    }
    if (row > 1) {
      lxw_data_validation v{};
      v.validate = LXW_VALIDATION_TYPE_DECIMAL;
      v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      v.minimum_number = -1e15;
      v.maximum_number = 1e15;
      v.error_title = const_cast<char*>(message_text(Msg::template_numbers_only, lang).data());
      v.error_message = const_cast<char*>(message_text(Msg::template_value_column, lang).data());
      auto value_col = static_cast<lxw_col_t>(6);
      check_lxw(worksheet_data_validation_range(ws, 1, value_col, row - 1, value_col, &v),
                "data validation");
    }
    worksheet_freeze_panes(ws, 1, 1);
    lxw_protection protection{};
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect(ws, nullptr, &protection);
  });
}

}  // namespace plantrack
