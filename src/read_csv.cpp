#include "read_csv.hpp"

#include <iconv.h>

#include <cerrno>
#include <vector>

#include <fmt/format.h>

#include "messages.hpp"
#include "sheet_rows.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

// GB18030 -> UTF-8 through glibc's iconv, one cell at a time. GB18030's trailing bytes are
// never `,` `"` CR or LF, so the cells can be split before converting.
class Gb18030 {
 public:
  Gb18030() : cd_(iconv_open("UTF-8", "GB18030")) {
    if (cd_ == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error(tr(Msg::no_gb18030));
  }
  ~Gb18030() { iconv_close(cd_); }
  Gb18030(const Gb18030&) = delete;
  Gb18030& operator=(const Gb18030&) = delete;

  // False when `in` is not GB18030.
  bool convert(std::string_view in, std::string& out) {
    out.assign(in.size() * 2 + 4, '\0');  // a GB18030 character never grows past 2x in UTF-8
    char* src = const_cast<char*>(in.data());
    size_t src_left = in.size();
    char* dst = out.data();
    size_t dst_left = out.size();
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    size_t r = iconv(cd_, &src, &src_left, &dst, &dst_left);
    if (r == static_cast<size_t>(-1) || src_left != 0) return false;
    out.resize(out.size() - dst_left);
    return true;
  }

 private:
  iconv_t cd_;
};

constexpr uint32_t k_max_columns = 16384;  // Excel's last column, XFD

class CsvReader {
 public:
  CsvReader(const std::string& file, std::string_view text, TextEncoding encoding, bool detected,
            Actuals& out)
      : text_(text), encoding_(encoding), detected_(detected), rows_(file, "", out) {
    if (encoding_ == TextEncoding::gb18030) gb_.emplace();
  }

  void read() {
    bool header_ok = false;
    uint32_t row = 1;
    while (pos_ < text_.size() && !rows_.full()) {
      read_record(row);
      bool text_ok = convert_cells(row);
      std::vector<SheetCell> cells;
      cells.reserve(texts_.size());
      for (size_t i = 0; i < texts_.size(); ++i)
        cells.push_back(SheetCell{texts_[i], static_cast<uint32_t>(i + 1)});
      // A cell that is not text was reported: the row's meaning would only add noise.
      if (row == 1)
        header_ok = text_ok && rows_.header(cells, row);
      else if (header_ok && text_ok)
        rows_.row(cells, row);
      ++row;
    }
    if (row == 1) rows_.error(Mark{1, 1}, tr(Msg::csv_empty));
    rows_.finish();
  }

 private:
  // One record into texts_ (raw bytes), at pos_; pos_ ends after its line end. Cells past
  // Excel's last column are read (to find the record's end) but not kept.
  void read_record(uint32_t row) {
    texts_.clear();
    for (uint32_t column = 1;; ++column) {
      std::string cell;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        for (;;) {
          size_t q = text_.find('"', pos_);
          if (q == std::string_view::npos) {
            rows_.error(Mark{row, column}, tr(Msg::csv_quote_open));
            pos_ = text_.size();
            keep(std::move(cell), row, column);
            return;
          }
          cell.append(text_.substr(pos_, q - pos_));
          pos_ = q + 1;
          if (pos_ < text_.size() && text_[pos_] == '"') {
            cell += '"';
            ++pos_;
            continue;
          }
          break;
        }
        if (pos_ < text_.size() && !end_of_cell(text_[pos_])) {
          rows_.error(Mark{row, column}, tr(Msg::csv_after_quote));
          while (pos_ < text_.size() && !end_of_cell(text_[pos_]))
            ++pos_;
        }
      } else {
        size_t end = pos_;
        while (end < text_.size() && !end_of_cell(text_[end]))
          ++end;
        cell.assign(text_.substr(pos_, end - pos_));
        if (cell.find('"') != std::string::npos)
          rows_.error(Mark{row, column}, tr(Msg::csv_stray_quote));
        pos_ = end;
      }
      keep(std::move(cell), row, column);
      if (pos_ >= text_.size()) return;
      char c = text_[pos_++];
      if (c == ',') continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      return;
    }
  }

  void keep(std::string cell, uint32_t row, uint32_t column) {
    if (column <= k_max_columns) {
      texts_.push_back(std::move(cell));
    } else if (column == k_max_columns + 1) {
      rows_.error(Mark{row, column}, tr(Msg::csv_too_many_cells, fmt::arg("n", k_max_columns)));
    }
  }

  static bool end_of_cell(char c) { return c == ',' || c == '\n' || c == '\r'; }

  // False when a cell is not text in the encoding (reported).
  bool convert_cells(uint32_t row) {
    bool ok = true;
    for (size_t i = 0; i < texts_.size(); ++i) {
      std::string& t = texts_[i];
      if (encoding_ == TextEncoding::gb18030) {
        if (gb_->convert(t, converted_)) {
          t.swap(converted_);
          continue;
        }
        rows_.error(Mark{row, static_cast<uint32_t>(i + 1)},
                    tr(detected_ ? Msg::csv_not_text : Msg::csv_not_gb18030));
        t.clear();
        ok = false;
      } else if (!is_utf8(t)) {
        rows_.error(Mark{row, static_cast<uint32_t>(i + 1)}, tr(Msg::csv_not_utf8));
        t.clear();
        ok = false;
      }
    }
    return ok;
  }

  std::string_view text_;
  TextEncoding encoding_;
  bool detected_;
  SheetRows rows_;
  std::optional<Gb18030> gb_;
  size_t pos_ = 0;
  std::vector<std::string> texts_;
  std::string converted_;
};

}  // namespace

void read_csv(const std::string& file, std::string_view bytes, TextEncoding encoding,
              Actuals& out) {
  std::string_view text = strip_utf8_bom(bytes);
  bool detected = false;
  if (encoding == TextEncoding::detect) {
    detected = true;
    encoding =
        text.size() != bytes.size() || is_utf8(text) ? TextEncoding::utf8 : TextEncoding::gb18030;
  }
  CsvReader(file, text, encoding, detected, out).read();
}

}  // namespace plantrack
