#include "text.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace plantrack {

char32_t decode_utf8(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += len;
  return cp;
}

size_t utf8_length(std::string_view s, size_t i, char32_t* cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    if (cp) *cp = c;
    return 1;
  }
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return 0;
  char32_t v = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (byte(i + k) & 0x3F);
  }
  if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
      (v >= 0xD800 && v <= 0xDFFF))
    return 0;
  if (cp) *cp = v;
  return len;
}

bool is_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    size_t len = utf8_length(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string_view strip_utf8_bom(std::string_view content) {
  if (content.size() >= 3 && content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  return content;
}

size_t count_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

static bool in(char32_t c, char32_t lo, char32_t hi) {
  return c >= lo && c <= hi;
}

static int char_width(char32_t c) {
  if (c == 0) return 0;
  if (in(c, 0x0300, 0x036F) || in(c, 0x1AB0, 0x1AFF) || in(c, 0x1DC0, 0x1DFF) ||
      in(c, 0x200B, 0x200F) || in(c, 0x20D0, 0x20FF) || in(c, 0xFE00, 0xFE0F) ||
      in(c, 0xFE20, 0xFE2F) || in(c, 0xE0100, 0xE01EF))
    return 0;
  if (in(c, 0x1100, 0x115F) || in(c, 0x2E80, 0x303E) || in(c, 0x3041, 0x33FF) ||
      in(c, 0x3400, 0x4DBF) || in(c, 0x4E00, 0x9FFF) || in(c, 0xA000, 0xA4CF) ||
      in(c, 0xAC00, 0xD7A3) || in(c, 0xF900, 0xFAFF) || in(c, 0xFE30, 0xFE4F) ||
      in(c, 0xFF00, 0xFF60) || in(c, 0xFFE0, 0xFFE6) || in(c, 0x1F300, 0x1F64F) ||
      in(c, 0x1F680, 0x1F6FF) || in(c, 0x1F900, 0x1FAFF) || in(c, 0x20000, 0x3FFFD))
    return 2;
  return 1;
}

size_t display_width(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();)
    w += char_width(decode_utf8(s, i));
  return w;
}

// The East Asian Ambiguous characters a report is likely to hold (Unicode's EastAsianWidth "A",
// the common blocks): Latin-1 signs, Greek, Cyrillic, punctuation, letterlike symbols, arrows,
// mathematical operators, enclosed numbers, box drawing, blocks, shapes, private use.
static bool ambiguous_width(char32_t c) {
  static constexpr char32_t k_single[] = {
      0xA1,   0xA4,   0xA7,   0xA8,   0xAA,   0xAD,   0xAE,   0xB0,   0xB1,   0xB2,
      0xB3,   0xB4,   0xB6,   0xB7,   0xB8,   0xB9,   0xBA,   0xBC,   0xBD,   0xBE,
      0xBF,   0xD7,   0xF7,   0x2010, 0x2030, 0x2032, 0x2033, 0x2035, 0x203B, 0x203E,
      0x2103, 0x2109, 0x2116, 0x2121, 0x2122, 0x2312, 0xFFFD};
  for (char32_t x : k_single)
    if (c == x) return true;
  return in(c, 0x391, 0x3A9) || in(c, 0x3B1, 0x3C9) || c == 0x401 || in(c, 0x410, 0x44F) ||
         c == 0x451 || in(c, 0x2013, 0x2016) || in(c, 0x2018, 0x2019) || in(c, 0x201C, 0x201D) ||
         in(c, 0x2020, 0x2022) || in(c, 0x2024, 0x2027) || in(c, 0x2160, 0x216B) ||
         in(c, 0x2170, 0x2179) || in(c, 0x2190, 0x2199) || in(c, 0x21D2, 0x21D4) ||
         in(c, 0x2200, 0x22FF) || in(c, 0x2460, 0x25FF) || in(c, 0x2605, 0x2606) || c == 0x2609 ||
         in(c, 0x260E, 0x260F) || c == 0x261C || c == 0x261E || c == 0x2640 || c == 0x2642 ||
         in(c, 0x2660, 0x266F) || in(c, 0x3248, 0x324F) || in(c, 0xE000, 0xF8FF);
}

static int char_width(char32_t c, Ambiguous ambiguous) {
  int w = char_width(c);
  return w == 1 && ambiguous == Ambiguous::wide && ambiguous_width(c) ? 2 : w;
}

size_t display_width(std::string_view s, Ambiguous ambiguous) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();)
    w += char_width(decode_utf8(s, i), ambiguous);
  return w;
}

bool has_ambiguous_width(std::string_view s) {
  for (size_t i = 0; i < s.size();)
    if (ambiguous_width(decode_utf8(s, i))) return true;
  return false;
}

// C0, DEL, C1; the line and paragraph separators; the bidirectional marks, embeddings,
// overrides and isolates (SPEC §6: U+200E, U+200F, U+061C, U+202A-U+202E, U+2066-U+2069).
static bool needs_escape(char32_t c) {
  return c < 0x20 || c == 0x7F || in(c, 0x80, 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
         in(c, 0x2028, 0x202E) || in(c, 0x2066, 0x2069) || c == 0xFFFD;
}

std::string escape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = decode_utf8(s, i);
    if (!needs_escape(c)) {
      out.append(s.substr(start, i - start));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x80) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(c));
    } else if (c == 0xFFFD && i - start == 1) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[start]));
    } else {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
    }
  }
  return out;
}

std::string pad_right(std::string_view s, size_t width, Ambiguous ambiguous) {
  std::string out(s);
  size_t w = display_width(s, ambiguous);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view s, size_t width, Ambiguous ambiguous) {
  size_t w = display_width(s, ambiguous);
  std::string out = w < width ? std::string(width - w, ' ') : std::string();
  out.append(s);
  return out;
}

std::string truncate_to_width(std::string_view s, size_t width, Ambiguous ambiguous) {
  if (display_width(s, ambiguous) <= width) return std::string(s);
  std::string_view ellipsis = ambiguous == Ambiguous::wide ? "..." : "…";
  size_t ellipsis_width = ambiguous == Ambiguous::wide ? 3 : 1;
  if (width < ellipsis_width) return "";  // no room even for the ellipsis
  std::string out;
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    int cw = char_width(decode_utf8(s, i), ambiguous);
    if (w + cw + ellipsis_width > width) break;
    out.append(s.substr(start, i - start));
    w += cw;
  }
  return out.append(ellipsis);
}

static std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();)
    out.push_back(decode_utf8(s, i));
  return out;
}

size_t edit_distance(std::string_view a8, std::string_view b8) {
  std::u32string a = to_u32(a8), b = to_u32(b8);
  // Three rows: a swap of two neighbours ("tagret") reaches back two rows.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      row[j] =
          std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

size_t edit_distance_within(std::u32string_view a, std::u32string_view b, size_t limit) {
  EditRows rows;
  return edit_distance_within(a, b, limit, rows);
}

size_t edit_distance_within(std::u32string_view a, std::u32string_view b, size_t limit,
                            EditRows& rows) {
  const size_t n = a.size(), m = b.size(), over = limit + 1;
  if ((n > m ? n - m : m - n) > limit) return over;
  // Three rows, as in edit_distance; cells outside the band read as `over`.
  auto& [before, prev, row] = rows;
  before.assign(m + 1, over);
  prev.assign(m + 1, over);
  row.assign(m + 1, over);
  for (size_t j = 0; j <= std::min(m, limit); ++j)
    prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    size_t lo = i > limit ? i - limit : 1, hi = std::min(m, i + limit);
    if (lo == 1)
      row[0] = i;
    else
      row[lo - 1] = over;
    size_t smallest = lo == 1 ? i : over;
    for (size_t j = lo; j <= hi; ++j) {
      size_t v =
          std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, before[j - 2] + 1);
      row[j] = std::min(v, over);
      smallest = std::min(smallest, row[j]);
    }
    if (hi < m) row[hi + 1] = over;
    if (smallest > limit) return over;
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return std::min(prev[m], over);
}

ClosestMatch::ClosestMatch(std::string_view word, size_t* budget)
    : budget_(budget ? budget : &own_budget_) {
  size_t len = count_chars(word);
  if (len > k_max_suggest_chars) {
    given_up_ = true;
    return;
  }
  word_ = to_u32(word);
  limit_ = std::max<size_t>(1, std::min<size_t>(3, (len + 2) / 3));
}

void ClosestMatch::offer(std::string_view candidate) {
  if (given_up_ || best_distance_ == 0) return;
  // Looking at a candidate costs a step per byte read (at most a bounded prefix of it), then
  // a step per cell of the band.
  size_t most_bytes = 4 * (word_.size() + limit_);
  size_t cost = 1 + std::min(candidate.size(), most_bytes + 1);
  bool comparable = candidate.size() <= most_bytes;
  size_t len = comparable ? count_chars(candidate) : 0;
  comparable =
      comparable && (len > word_.size() ? len - word_.size() : word_.size() - len) <= limit_;
  if (comparable) cost += (word_.size() + 1) * (2 * limit_ + 1);
  if (*budget_ < cost) {
    *budget_ = 0;
    given_up_ = true;
    return;
  }
  *budget_ -= cost;
  if (!comparable) return;
  scratch_.clear();
  for (size_t i = 0; i < candidate.size();)
    scratch_.push_back(decode_utf8(candidate, i));
  size_t d = edit_distance_within(word_, scratch_, std::min(limit_, best_distance_ - 1), rows_);
  if (d <= limit_ && d < best_distance_) {
    best_distance_ = d;
    best_ = std::string(candidate);
  }
}

std::string ClosestMatch::best() const {
  return given_up_ || best_distance_ > limit_ ? std::string() : best_;
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates,
                          size_t* budget) {
  ClosestMatch match(word, budget);
  for (std::string_view c : candidates)
    match.offer(c);
  return match.best();
}

}  // namespace plantrack
