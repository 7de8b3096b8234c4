#include "read_xlsx.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "messages.hpp"
#include "sheet_rows.hpp"
#include "text.hpp"

namespace plantrack {

uint64_t unpacked_budget(uint64_t size, uint64_t max_bytes) {
  return std::min<uint64_t>(max_bytes, (32ull << 20) + 16 * size);
}

namespace {

// libzip's own words (English whatever the locale), said as damaged data in Chinese.
std::string zip_error_text(const char* error) {
  if (current_lang() == Lang::en) return error;
  return tr(Msg::zip_damaged, fmt::arg("error", error));
}

// Expat's words for the XML errors a damaged workbook shows, in the language of the run
// (English: expat's own, as its version writes them).
std::string xml_error_text(XML_Error code) {
  if (current_lang() == Lang::en) return XML_ErrorString(code);
  static const std::pair<XML_Error, Msg> k_known[] = {
      {XML_ERROR_SYNTAX, Msg::xml_syntax},
      {XML_ERROR_NO_ELEMENTS, Msg::xml_no_elements},
      {XML_ERROR_INVALID_TOKEN, Msg::xml_invalid_token},
      {XML_ERROR_UNCLOSED_TOKEN, Msg::xml_unclosed_token},
      {XML_ERROR_PARTIAL_CHAR, Msg::xml_partial_char},
      {XML_ERROR_TAG_MISMATCH, Msg::xml_tag_mismatch},
      {XML_ERROR_DUPLICATE_ATTRIBUTE, Msg::xml_duplicate_attribute},
      {XML_ERROR_JUNK_AFTER_DOC_ELEMENT, Msg::xml_junk_after_doc},
      {XML_ERROR_UNDEFINED_ENTITY, Msg::xml_undefined_entity},
      {XML_ERROR_UNCLOSED_CDATA_SECTION, Msg::xml_unclosed_cdata},
      {XML_ERROR_BAD_CHAR_REF, Msg::xml_bad_char_ref},
      {XML_ERROR_RECURSIVE_ENTITY_REF, Msg::xml_recursive_entity},
      {XML_ERROR_UNBOUND_PREFIX, Msg::xml_unbound_prefix}};
  for (auto [c, m] : k_known)
    if (c == code) return tr(m);
  return XML_ErrorString(code);
}

// Expat 2.9 deprecates the XML_Size position functions for 64-bit twins (Debian 13).
uint64_t xml_line(XML_Parser p) {
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 9)
  return XML_GetCurrentLineNumber64(p);
#else
  return XML_GetCurrentLineNumber(p);
#endif
}

uint64_t xml_column(XML_Parser p) {
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 9)
  return XML_GetCurrentColumnNumber64(p);
#else
  return XML_GetCurrentColumnNumber(p);
#endif
}

constexpr uint32_t k_max_xml_depth = 64;

// A structural problem: the file cannot be read as a workbook at all.
struct Broken {
  std::string message;
  Mark mark{1, 1};  // the sheet's row and column when the problem is in a cell
};

std::string_view local_name(const char* name) {
  std::string_view s(name);
  size_t colon = s.rfind(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

const char* attribute(const char** attrs, std::string_view name) {
  for (size_t i = 0; attrs[i]; i += 2)
    if (local_name(attrs[i]) == name) return attrs[i + 1];
  return nullptr;
}

// What a part's XML events go to.
struct XmlHandler {
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
};

class Workbook {
 public:
  Workbook(std::string_view bytes, uint64_t budget) : budget_(budget) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src) zip_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!zip_) {
      if (src) zip_source_free(src);
      // Our own words: libzip's texts and codes differ between versions (Debian 12 and 13).
      zip_error_fini(&error);
      throw Broken{tr(Msg::xlsx_not_zip)};
    }
    zip_error_fini(&error);
  }
  ~Workbook() {
    if (zip_) zip_discard(zip_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  bool has(const std::string& part) const { return zip_name_locate(zip_, part.c_str(), 0) >= 0; }

  // Streams `part` through expat into `h`.
  void parse(const std::string& part, XmlHandler& h) {
    zip_int64_t index = zip_name_locate(zip_, part.c_str(), 0);
    if (index < 0) throw Broken{tr(Msg::xlsx_no_part, fmt::arg("part", escape_text(part)))};
    zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!f)
      throw Broken{tr(Msg::xlsx_cannot_unpack, fmt::arg("part", escape_text(part)),
                      fmt::arg("error", zip_error_text(zip_strerror(zip_))))};
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(f, zip_fclose);
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(
        XML_ParserCreate("UTF-8"), XML_ParserFree);
    if (!parser) throw std::bad_alloc();
    State state{&h, part, parser.get(), 0, std::nullopt};
    XML_SetUserData(parser.get(), &state);
    XML_SetElementHandler(parser.get(), on_start, on_end);
    XML_SetCharacterDataHandler(parser.get(), on_text);
    XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
    std::vector<char> buf(1 << 16);
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buf.data(), buf.size());
      if (n < 0)
        throw Broken{tr(Msg::xlsx_cannot_unpack, fmt::arg("part", escape_text(part)),
                        fmt::arg("error", zip_error_text(zip_file_strerror(file.get()))))};
      unpacked_ += static_cast<uint64_t>(n);
      if (unpacked_ > budget_) throw Broken{tr(Msg::xlsx_bomb, fmt::arg("mib", budget_ >> 20))};
      int last = n == 0;
      if (XML_Parse(parser.get(), buf.data(), static_cast<int>(n), last) != XML_STATUS_OK) {
        if (state.problem) throw Broken{*state.problem};
        throw Broken{tr(Msg::xlsx_bad_xml, fmt::arg("part", escape_text(part)),
                        fmt::arg("line", xml_line(parser.get())),
                        fmt::arg("column", xml_column(parser.get()) + 1),
                        fmt::arg("error", xml_error_text(XML_GetErrorCode(parser.get()))))};
      }
      if (last) return;
    }
  }

 private:
  struct State {
    XmlHandler* h;
    const std::string& part;
    XML_Parser parser;
    uint32_t depth;
    std::optional<std::string> problem;
  };
  // The handlers run inside expat (C): nothing may be thrown through it, so they stop the
  // parser and leave the problem for parse() to throw.
  template <class F>
  static void guarded(void* data, F f) {
    auto* s = static_cast<State*>(data);
    if (s->problem) return;
    try {
      f(s);
      return;
    } catch (const Broken& b) {
      s->problem = b.message;
    } catch (const std::bad_alloc&) {
      s->problem = tr(Msg::xlsx_out_of_memory);
    }
    XML_StopParser(s->parser, XML_FALSE);
  }
  static void on_start(void* data, const char* name, const char** attrs) {
    guarded(data, [&](State* s) {
      if (++s->depth > k_max_xml_depth)
        throw Broken{tr(Msg::xlsx_deep_xml, fmt::arg("part", escape_text(s->part)),
                        fmt::arg("limit", k_max_xml_depth))};
      s->h->start(local_name(name), attrs);
    });
  }
  static void on_end(void* data, const char* name) {
    guarded(data, [&](State* s) {
      --s->depth;
      s->h->end(local_name(name));
    });
  }
  static void on_text(void* data, const char* text, int len) {
    guarded(data, [&](State* s) { s->h->text({text, static_cast<size_t>(len)}); });
  }
  static void on_doctype(void* data, const char*, const char*, const char*, int) {
    guarded(data, [&](State* s) {
      throw Broken{tr(Msg::xlsx_doctype, fmt::arg("part", escape_text(s->part)))};
    });
  }

  zip_t* zip_ = nullptr;
  uint64_t budget_;
  uint64_t unpacked_ = 0;
};

struct SheetRef {
  std::string name, rel_id;
};

struct WorkbookPart : XmlHandler {
  std::vector<SheetRef> sheets;
  bool date1904 = false;
  void start(std::string_view name, const char** attrs) override {
    if (name == "sheet") {
      const char* n = attribute(attrs, "name");
      const char* id = attribute(attrs, "id");
      sheets.push_back({n ? n : "", id ? id : ""});
    } else if (name == "workbookPr") {
      const char* d = attribute(attrs, "date1904");
      date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
    }
  }
  void end(std::string_view) override {}
};

struct RelsPart : XmlHandler {
  std::vector<std::pair<std::string, std::string>> targets;  // id -> target
  void start(std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* id = attribute(attrs, "Id");
    const char* target = attribute(attrs, "Target");
    if (id && target) targets.emplace_back(id, target);
  }
  void end(std::string_view) override {}
};

// Which cell styles show numbers as percentages.
struct StylesPart : XmlHandler {
  std::set<int> custom_percent;  // numFmtId of custom formats with a %
  std::vector<bool> percent;     // per cellXfs entry
  bool in_xfs = false;
  static bool percent_code(std::string_view code) {
    bool quoted = false;
    for (size_t i = 0; i < code.size(); ++i) {
      char c = code[i];
      if (c == '"')
        quoted = !quoted;
      else if (c == '\\')
        ++i;
      else if (c == '%' && !quoted)
        return true;
    }
    return false;
  }
  void start(std::string_view name, const char** attrs) override {
    if (name == "numFmt") {
      const char* id = attribute(attrs, "numFmtId");
      const char* code = attribute(attrs, "formatCode");
      if (id && code && percent_code(code)) custom_percent.insert(std::atoi(id));
    } else if (name == "cellXfs") {
      in_xfs = true;
    } else if (name == "xf" && in_xfs) {
      const char* id = attribute(attrs, "numFmtId");
      int n = id ? std::atoi(id) : 0;
      percent.push_back(n == 9 || n == 10 || custom_percent.count(n) > 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_xfs = false;
  }
};

// The shared strings, in one buffer: a table of a million strings costs 4 bytes each beyond
// their text.
struct SharedStringsPart : XmlHandler {
  std::string chars;
  std::vector<uint32_t> ends;  // string i is text[ends[i-1], ends[i])
  bool in_t = false;
  int in_phonetic = 0;  // <rPh> runs (ruby) are not part of the text
  void start(std::string_view name, const char**) override {
    if (name == "t" && in_phonetic == 0) in_t = true;
    if (name == "rPh") ++in_phonetic;
  }
  void end(std::string_view name) override {
    if (name == "t") in_t = false;
    if (name == "rPh") --in_phonetic;
    if (name == "si") {
      if (chars.size() > UINT32_MAX) throw Broken{tr(Msg::xlsx_strings_too_large)};
      ends.push_back(static_cast<uint32_t>(chars.size()));
    }
  }
  void text(std::string_view s) override {
    if (in_t) chars.append(s);
  }
  std::optional<std::string_view> get(size_t i) const {
    if (i >= ends.size()) return std::nullopt;
    uint32_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(chars).substr(begin, ends[i] - begin);
  }
};

class SheetPart : public XmlHandler {
 public:
  SheetPart(SheetRows& rows, std::string name, const SharedStringsPart* strings,
            const StylesPart& styles)
      : rows_(rows), rows_name_(std::move(name)), strings_(strings), styles_(styles) {}
  bool header_seen() const { return header_seen_; }

  void start(std::string_view name, const char** attrs) override {
    if (name == "row") {
      const char* r = attribute(attrs, "r");
      uint32_t n = r ? parse_row_number(r) : row_ + 1;
      if (n == 0 || n <= row_ || n > 1048576)
        throw Broken{tr(Msg::xlsx_row_number, fmt::arg("sheet", escape_text(rows_name_)),
                        fmt::arg("row", escape_text(r ? r : ""))),
                     Mark{row_ + 1, 1}};
      row_ = n;
      column_ = 0;
      cells_.clear();
      store_.clear();
    } else if (name == "c") {
      const char* ref = attribute(attrs, "r");
      uint32_t col = ref ? parse_column(ref) : column_ + 1;
      if (col == 0 || col > 16384 || col <= column_)
        throw Broken{tr(Msg::xlsx_cell_reference, fmt::arg("sheet", escape_text(rows_name_)),
                        fmt::arg("ref", escape_text(ref ? ref : "")), fmt::arg("row", row_),
                        fmt::arg("column", column_)),
                     Mark{row_, column_ + 1}};
      column_ = col;
      const char* t = attribute(attrs, "t");
      type_ = t ? t : "n";
      const char* s = attribute(attrs, "s");
      size_t style = s ? static_cast<size_t>(std::atol(s)) : 0;
      percent_ = style < styles_.percent.size() && styles_.percent[style];
      value_.clear();
      in_cell_ = true;
    } else if (in_cell_ && in_phonetic_ == 0 &&
               (name == "v" || (name == "t" && type_ == "inlineStr"))) {
      collecting_ = true;
    } else if (name == "rPh") {
      ++in_phonetic_;  // ruby runs are not part of the text
    }
  }

  void text(std::string_view s) override {
    if (collecting_) value_.append(s);
  }

  void end(std::string_view name) override {
    if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "v" || name == "t") {
      collecting_ = false;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      finish_cell();
    } else if (name == "row") {
      flush_row();
    }
  }

 private:
  static uint32_t parse_row_number(std::string_view s) {
    uint32_t n = 0;
    if (s.empty() || s.size() > 7) return 0;
    for (char c : s) {
      if (c < '0' || c > '9') return 0;
      n = n * 10 + static_cast<uint32_t>(c - '0');
    }
    return n;
  }
  // "B3" -> 2, when the row part is this row.
  uint32_t parse_column(std::string_view ref) const {
    uint32_t col = 0;
    size_t i = 0;
    while (i < ref.size() && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z')
      col = col * 26 + static_cast<uint32_t>(ref[i++] - 'A' + 1);
    if (i == 0 || parse_row_number(ref.substr(i)) != row_) return 0;
    return col;
  }

  void finish_cell() {
    SheetCell c;
    c.column = column_;
    std::string_view text = value_;
    if (type_ == "s") {
      std::optional<std::string_view> s;
      size_t index = 0;
      bool digits = !value_.empty() && value_.size() < 11 &&
                    value_.find_first_not_of("0123456789") == std::string::npos;
      if (digits) index = std::stoull(value_);
      if (!strings_) {
        rows_.error(Mark{row_, column_}, tr(Msg::xlsx_no_shared_strings));
        row_bad_ = true;
        return;
      }
      if (digits) s = strings_->get(index);
      if (!s) {
        rows_.error(Mark{row_, column_},
                    tr(Msg::xlsx_no_shared_string, fmt::arg("index", escape_text(value_))));
        row_bad_ = true;
        return;
      }
      text = *s;
    } else if (type_ == "b") {
      c.type = CellType::boolean;
    } else if (type_ == "n") {
      c.type = CellType::number;
      c.percent_format = percent_;
    }
    if (text.empty()) return;
    cells_.push_back(c);
    offsets_.push_back({store_.size(), text.size()});
    store_.append(text);
  }

  void flush_row() {
    for (size_t i = 0; i < cells_.size(); ++i)
      cells_[i].text = std::string_view(store_).substr(offsets_[i].first, offsets_[i].second);
    // A cell that could not be read was reported: the row's meaning would only add noise.
    if (!header_seen_) {
      if (!cells_.empty() || row_bad_) {
        header_seen_ = true;
        header_ok_ = !row_bad_ && rows_.header(cells_, row_);
      }
    } else if (header_ok_ && !row_bad_) {
      rows_.row(cells_, row_);
    }
    row_bad_ = false;
    if (rows_.full()) throw Broken{""};
    cells_.clear();
    offsets_.clear();
    store_.clear();
  }

  SheetRows& rows_;
  std::string rows_name_;
  const SharedStringsPart* strings_;
  const StylesPart& styles_;
  uint32_t row_ = 0, column_ = 0;
  std::string type_;
  bool percent_ = false;
  bool in_cell_ = false, collecting_ = false;
  bool header_seen_ = false, header_ok_ = false;
  bool row_bad_ = false;  // a cell of this row could not be read
  int in_phonetic_ = 0;
  std::string value_;
  std::vector<SheetCell> cells_;
  std::vector<std::pair<size_t, size_t>> offsets_;
  std::string store_;
};

// "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml".
std::string part_path(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string path = "xl/";
  path += target;
  return path;
}

bool is_actuals_name(std::string_view s) {
  if (s.size() != 7) return false;
  for (size_t i = 0; i < 7; ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != "actuals"[i]) return false;
  return true;
}

}  // namespace

void read_xlsx(const std::string& file, std::string_view bytes, uint64_t max_bytes, Actuals& out) {
  std::optional<SheetRows> rows;
  try {
    Workbook book(bytes, unpacked_budget(bytes.size(), max_bytes));
    WorkbookPart wb;
    book.parse("xl/workbook.xml", wb);
    if (wb.sheets.empty()) throw Broken{tr(Msg::xlsx_no_sheets)};
    const SheetRef* sheet = &wb.sheets.front();
    for (const SheetRef& s : wb.sheets)
      if (is_actuals_name(s.name)) sheet = &s;
    RelsPart rels;
    book.parse("xl/_rels/workbook.xml.rels", rels);
    std::string path;
    for (const auto& [id, target] : rels.targets)
      if (id == sheet->rel_id) path = part_path(target);
    if (path.empty())
      throw Broken{tr(Msg::xlsx_sheet_no_part, fmt::arg("sheet", escape_text(sheet->name)))};
    StylesPart styles;
    if (book.has("xl/styles.xml")) book.parse("xl/styles.xml", styles);
    std::optional<SharedStringsPart> strings;
    if (book.has("xl/sharedStrings.xml")) book.parse("xl/sharedStrings.xml", strings.emplace());
    rows.emplace(file, sheet->name, out, wb.date1904);
    SheetPart part(*rows, sheet->name, strings ? &*strings : nullptr, styles);
    try {
      book.parse(path, part);
    } catch (const Broken& b) {
      if (!b.message.empty()) throw;  // else: too many problems, reported below
    }
    if (!part.header_seen()) rows->error(Mark{1, 1}, tr(Msg::xlsx_sheet_empty));
  } catch (const Broken& b) {
    throw InputError(file, b.mark, b.message);
  }
  rows->finish();
}

}  // namespace plantrack
