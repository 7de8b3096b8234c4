#pragma once
// UTF-8 text for terminals: display width, escaping of control characters, "did you mean".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace plantrack {

// Decodes one UTF-8 code point at s[i] and advances i; returns U+FFFD on bad bytes.
char32_t decode_utf8(std::string_view s, size_t& i);

// Number of characters (code points) in valid UTF-8.
size_t count_chars(std::string_view s);

// Terminal columns: CJK and emoji take two, combining marks none.
size_t display_width(std::string_view s);

// How a terminal draws the East Asian Ambiguous characters (█ ░ ▏ — … · × ° → ①, Greek,
// Cyrillic, box drawing): one column in most, two in CJK consoles (Chinese Windows, Xshell).
enum class Ambiguous { narrow, wide };
size_t display_width(std::string_view s, Ambiguous ambiguous);
bool has_ambiguous_width(std::string_view s);

// Control characters (C0, DEL, C1), line/paragraph separators and bidi overrides become visible
// escapes (\n, \x1B, \u202E) so that user text cannot drive a terminal.
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

// The candidate closest to `word` when it is close enough to be a plausible typo, else "".
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace plantrack
