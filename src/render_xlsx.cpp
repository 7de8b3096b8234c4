// --format xlsx: a workbook with a sheet of targets (numbers as numbers, progress and pace as
// percentages, rows coloured by severity, the header frozen) and a sheet of findings.

#include <array>
#include <span>
#include <string>

#include "render.hpp"
#include "render_common.hpp"
#include "sheet_rows.hpp"
#include "text.hpp"
#include "xlsx_file.hpp"

namespace plantrack {

namespace {

// Column widths in Excel's units (about one Latin character; a Chinese one takes two).
double width_of(std::string_view s) {
  return static_cast<double>(display_width(s)) + 2;
}

class XlsxReport {
 public:
  XlsxReport(const Report& report, const RenderOptions& o, lxw_workbook* book)
      : report_(report), lang_(o.lang), book_(book) {}

  void write() {
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xD9D9D9);
    for (size_t s = 0; s < 4; ++s) {
      static constexpr std::array<lxw_color_t, 4> k_fill = {0xDDEBF7, 0xE2EFDA, 0xFFF2CC,
                                                            0xF8CBAD};  // info ok warn fail
      text_[s] = workbook_add_format(book_);
      format_set_bg_color(text_[s], k_fill[s]);
      number_[s] = workbook_add_format(book_);
      format_set_bg_color(number_[s], k_fill[s]);
      format_set_num_format(number_[s], "#,##0.##");
      percent_[s] = workbook_add_format(book_);
      format_set_bg_color(percent_[s], k_fill[s]);
      format_set_num_format(percent_[s], "0.0%");
    }
    write_targets();
    write_findings();
  }

 private:
  using Cell = lxw_col_t;

  // The header row; returns each column's width so far.
  std::vector<double> write_headers(lxw_worksheet* ws, std::span<const Word> headers) {
    std::vector<double> widths;
    for (Word w : headers) {
      check_lxw(
          worksheet_write_string(ws, 0, static_cast<Cell>(widths.size()), word(w, lang_), header_),
          "header");
      widths.push_back(width_of(word(w, lang_)));
    }
    return widths;
  }

  void set_widths(lxw_worksheet* ws, const std::vector<double>& widths) {
    for (size_t i = 0; i < widths.size(); ++i)
      check_lxw(
          worksheet_set_column(ws, static_cast<Cell>(i), static_cast<Cell>(i), widths[i], nullptr),
          "column width");
  }

  // Text `v` (escaped) into cell (row, c), widening its column up to `max_width`; moves c on.
  void put_text(lxw_worksheet* ws, lxw_row_t row, Cell& c, std::string_view v, lxw_format* f,
                std::vector<double>& widths, double max_width) {
    std::string e = escape_text(v);
    check_lxw(worksheet_write_string(ws, row, c, e.c_str(), f), "a cell");
    widths[c] = std::min(max_width, std::max(widths[c], width_of(e)));
    ++c;
  }

  void write_targets() {
    lxw_worksheet* ws =
        workbook_add_worksheet(book_, message_text(Msg::xlsx_sheet_targets, lang_).data());
    const Word k_headers[] = {Word::id,     Word::name,     Word::status,   Word::severity,
                              Word::unit,   Word::minimum,  Word::maximum,  Word::baseline,
                              Word::actual, Word::expected, Word::progress, Word::pace,
                              Word::due,    Word::done_on,  Word::owner};
    std::vector<double> widths = write_headers(ws, k_headers);
    lxw_row_t row = 1;
    for (const TargetResult& r : report_.targets) {
      const Target& t = *r.target;
      size_t s = static_cast<size_t>(r.severity);
      Cell c = 0;
      auto text = [&](std::string_view v) { put_text(ws, row, c, v, text_[s], widths, 60.0); };
      auto number = [&](const std::optional<double>& v, lxw_format* f) {
        if (v)
          check_lxw(worksheet_write_number(ws, row, c, *v, f), "a cell");
        else
          check_lxw(worksheet_write_blank(ws, row, c, f), "a cell");
        widths[c] = std::max(widths[c], 12.0);
        ++c;
      };
      text(t.full_id);
      text(std::string(t.depth * 2, ' ') + std::string(t.name));
      text(status_cell(r, lang_));
      text(severity_label(r.severity, lang_));
      text(t.unit);
      number(t.min, number_[s]);
      number(t.max, number_[s]);
      number(r.baseline, number_[s]);
      number(t.kind == Kind::milestone ? std::nullopt : std::optional<double>(r.actual),
             number_[s]);
      number(r.expected, number_[s]);
      number(r.progress, percent_[s]);
      number(r.pace, percent_[s]);
      text(format_date(t.due));
      text(r.done_on ? format_date(*r.done_on) : "");
      text(t.owner);
      ++row;
    }
    set_widths(ws, widths);
    worksheet_freeze_panes(ws, 1, 2);
    if (row > 1) worksheet_autofilter(ws, 0, 0, row - 1, static_cast<Cell>(widths.size() - 1));
  }

  void write_findings() {
    lxw_worksheet* ws =
        workbook_add_worksheet(book_, message_text(Msg::xlsx_sheet_findings, lang_).data());
    const Word k_headers[] = {Word::code, Word::severity, Word::id,    Word::message,
                              Word::file, Word::line,     Word::column};
    std::vector<double> widths = write_headers(ws, k_headers);
    lxw_row_t row = 1;
    for (const Finding& f : report_.findings) {
      size_t s = static_cast<size_t>(f.severity);
      Cell c = 0;
      auto text = [&](std::string_view v) { put_text(ws, row, c, v, text_[s], widths, 80.0); };
      auto whole = [&](uint32_t v) {
        if (v)
          check_lxw(worksheet_write_number(ws, row, c, v, text_[s]), "a cell");
        else
          check_lxw(worksheet_write_blank(ws, row, c, text_[s]), "a cell");
        ++c;
      };
      text(f.code);
      text(severity_label(f.severity, lang_));
      text(f.target);
      text(f.message);
      text(f.file);
      whole(f.mark.line);
      whole(f.mark.column);
      ++row;
    }
    set_widths(ws, widths);
    worksheet_freeze_panes(ws, 1, 0);
  }

  const Report& report_;
  Lang lang_;
  lxw_workbook* book_;
  lxw_format* header_ = nullptr;
  std::array<lxw_format*, 4> text_{}, number_{}, percent_{};
};

}  // namespace

void render_xlsx(const Report& report, const RenderOptions& options, std::ostream& out) {
  write_workbook(out, [&](lxw_workbook* book) { XlsxReport(report, options, book).write(); });
}

}  // namespace plantrack
