#pragma once
// UTF-8 text for terminals: display width, escaping of control characters, "did you mean".

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack {

// Decodes one UTF-8 code point at s[i] and advances i; returns U+FFFD on bad bytes.
char32_t decode_utf8(std::string_view s, size_t& i);

// Length of the valid UTF-8 sequence at s[i] (strict: shortest form, no surrogates, at most
// U+10FFFF), or 0; its code point goes to *cp when asked for.
size_t utf8_length(std::string_view s, size_t i, char32_t* cp = nullptr);

// Strict UTF-8 throughout (utf8_length's rules).
bool is_utf8(std::string_view s);

// `content` without a leading UTF-8 byte order mark.
std::string_view strip_utf8_bom(std::string_view content);

// Appends code point `c` as UTF-8.
void append_utf8(std::string& out, char32_t c);

// Number of characters (code points) in valid UTF-8.
size_t count_chars(std::string_view s);

// Terminal columns: CJK and emoji take two, combining marks none.
size_t display_width(std::string_view s);

// How a terminal draws the East Asian Ambiguous characters (█ ░ ▏ — … · × ° → ①, Greek,
// Cyrillic, box drawing): one column in most, two in CJK consoles (Chinese Windows, Xshell).
enum class Ambiguous { narrow, wide };
size_t display_width(std::string_view s, Ambiguous ambiguous);
bool has_ambiguous_width(std::string_view s);

// Control characters (C0, DEL, C1), line/paragraph separators and bidirectional controls (marks
// U+200E U+200F U+061C, embeddings, overrides, isolates) become visible escapes (\n, \x1B,
// \u202E) so that user text cannot drive a terminal or reorder what it shows.
std::string escape_text(std::string_view s);

// Pads with spaces to `width` display columns (left- or right-aligned).
std::string pad_right(std::string_view s, size_t width, Ambiguous ambiguous = Ambiguous::narrow);
std::string pad_left(std::string_view s, size_t width, Ambiguous ambiguous = Ambiguous::narrow);

// Cuts to at most `width` display columns, ending with "…" when cut ("..." when ambiguous
// characters are wide: "…" is one of them).
std::string truncate_to_width(std::string_view s, size_t width,
                              Ambiguous ambiguous = Ambiguous::narrow);

// Edit distance over code points: insertions, deletions, substitutions and swaps of neighbours
// (optimal string alignment), each counting one.
size_t edit_distance(std::string_view a, std::string_view b);

// The same distance when it is at most `limit`, else limit + 1: a band of 2 × limit + 1
// diagonals, given up as soon as a whole row is over the limit (time O(length × limit)).
size_t edit_distance_within(std::u32string_view a, std::u32string_view b, size_t limit);
struct EditRows {  // the three rows edit_distance_within works in, kept between calls
  std::vector<size_t> before, prev, row;
};
size_t edit_distance_within(std::u32string_view a, std::u32string_view b, size_t limit,
                            EditRows& rows);

// "Did you mean": the candidate closest to a word, offered one by one, when close enough to be a
// plausible typo (at most 1 edit per 3 characters, at most 3). The work is bounded whatever the
// input: words and candidates longer than k_max_suggest_chars are never compared, and a shared
// `budget` (steps left, see k_suggest_budget) is spent by every candidate looked at; once it is
// spent, no more suggestions are made (best() is "") rather than taking unbounded time.
constexpr size_t k_max_suggest_chars = 256;
constexpr size_t k_suggest_budget = size_t{1} << 26;  // about 0.1 s of comparisons per run
class ClosestMatch {
 public:
  explicit ClosestMatch(std::string_view word, size_t* budget = nullptr);
  void offer(std::string_view candidate);
  // The budget ran out (or the word is too long to suggest for): offers do nothing.
  bool given_up() const { return given_up_; }
  std::string best() const;

 private:
  std::u32string word_;
  size_t limit_ = 0;
  size_t own_budget_ = k_suggest_budget;
  size_t* budget_;
  bool given_up_ = false;
  std::string best_;
  size_t best_distance_ = SIZE_MAX;
  std::u32string scratch_;
  EditRows rows_;
};

// The candidate closest to `word` when it is close enough to be a plausible typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates,
                          size_t* budget = nullptr);

}  // namespace plantrack
