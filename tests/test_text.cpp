#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "text.hpp"

using namespace plantrack;

TEST_CASE("display_width counts terminal columns") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("中文") == 4);
  CHECK(display_width("a中b") == 4);
  CHECK(display_width("县扶贫办 2024") == 13);
  CHECK(display_width("，。") == 4);      // full-width punctuation
  CHECK(display_width("ＡＢ") == 4);      // full-width Latin
  CHECK(display_width("한국") == 4);      // Hangul
  CHECK(display_width("e\u0301") == 1);   // combining acute accent
  CHECK(display_width("a\u200Bb") == 2);  // zero-width space
  CHECK(display_width("😀") == 2);
  CHECK(display_width("🚀") == 2);
  CHECK(display_width("🥇") == 2);
  CHECK(display_width("é") == 1);
}

TEST_CASE("count_chars counts code points") {
  CHECK(count_chars("abc") == 3);
  CHECK(count_chars("中文") == 2);
  CHECK(count_chars("😀a") == 2);
}

TEST_CASE("escape_text makes control characters visible") {
  CHECK(escape_text("a\nb") == "a\\nb");
  CHECK(escape_text("a\tb") == "a\\tb");
  CHECK(escape_text("a\rb") == "a\\rb");
  CHECK(escape_text("\x1B[31mred") == "\\x1B[31mred");
  CHECK(escape_text(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(escape_text("x\x7Fy") == "x\\x7Fy");
  CHECK(escape_text("x\u0085y") == "x\\u0085y");  // C1 NEL
  CHECK(escape_text("x\u009By") == "x\\u009By");  // C1 CSI
  CHECK(escape_text("abc\u202Edef") == "abc\\u202Edef");
  CHECK(escape_text("\u2066x\u2069") == "\\u2066x\\u2069");
  CHECK(escape_text("\xFF") == "\\xFF");  // not UTF-8
  CHECK(escape_text("易地扶贫搬迁") == "易地扶贫搬迁");
  CHECK(escape_text("plain text, 100%") == "plain text, 100%");
  CHECK(escape_text("😀") == "😀");
}

TEST_CASE("pad_left and pad_right pad to display columns") {
  CHECK(pad_right("ab", 4) == "ab  ");
  CHECK(pad_left("ab", 4) == "  ab");
  CHECK(pad_right("中", 4) == "中  ");
  CHECK(pad_left("中", 4) == "  中");
  CHECK(pad_right("中文字", 4) == "中文字");  // never cut
  CHECK(pad_left("abcdef", 2) == "abcdef");
  CHECK(pad_right("", 2) == "  ");
}

TEST_CASE("truncate_to_width cuts with an ellipsis") {
  CHECK(truncate_to_width("abcdef", 6) == "abcdef");
  CHECK(truncate_to_width("abcdef", 4) == "abc…");
  CHECK(truncate_to_width("中文字", 6) == "中文字");
  CHECK(truncate_to_width("中文字", 5) == "中文…");
  CHECK(truncate_to_width("中文字", 4) == "中…");
  CHECK(truncate_to_width("a中文", 3) == "a…");
  CHECK(display_width(truncate_to_width("县扶贫开发年度工作计划", 9)) <= 9);
  CHECK(truncate_to_width("abc", 1) == "…");
  CHECK(truncate_to_width("abc", 0) == "");
  CHECK(truncate_to_width("", 0) == "");
}

TEST_CASE("edit_distance counts code point edits") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("tagret", "target") == 1);  // a swap of neighbours counts one
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("abc", "ca") == 3);  // no edits of a swapped pair
  CHECK(edit_distance("nmae", "name") == 1);
  CHECK(edit_distance("中文", "中国") == 1);
  CHECK(edit_distance("relocation", "relocation") == 0);
}

TEST_CASE("closest_match suggests plausible typos only") {
  std::vector<std::string_view> keys = {"id",    "name", "unit",  "target", "baseline",
                                        "start", "due",  "owner", "tags",   "children"};
  CHECK(closest_match("tagret", keys) == "target");
  CHECK(closest_match("nmae", keys) == "name");
  CHECK(closest_match("baselin", keys) == "baseline");
  CHECK(closest_match("childern", keys) == "children");
  CHECK(closest_match("colour", keys) == "");
  CHECK(closest_match("x", keys) == "");
  CHECK(closest_match("description", keys) == "");
  CHECK(closest_match("relocaton", {"relocation", "training"}) == "relocation");
  CHECK(closest_match("anything", {}) == "");
  CHECK(closest_match("mni", {"min", "max", "growth"}) == "min");
  CHECK(closest_match("maen", {"sum", "none", "min", "max", "mean"}) == "mean");
  CHECK(closest_match("mx", {"min", "max"}) == "max");
}

TEST_CASE("escape_text escapes the bidirectional marks too") {
  CHECK(escape_text("a\u200Eb\u200Fc\u061Cd") == "a\\u200Eb\\u200Fc\\u061Cd");
  CHECK(escape_text("\u202A\u202B\u202C\u202D") == "\\u202A\\u202B\\u202C\\u202D");
  CHECK(escape_text("\u2067\u2068") == "\\u2067\\u2068");
  CHECK(escape_text("a\u200Db") == "a\u200Db");  // a joiner inside emoji sequences stays
}

TEST_CASE("edit_distance_within agrees with edit_distance up to its limit") {
  // Every pair of words over a small alphabet, up to 5 letters: exhaustive enough for the band.
  std::vector<std::u32string> words = {U""};
  for (size_t len = 1, from = 0; len <= 5; ++len) {
    size_t to = words.size();
    for (size_t i = from; i < to; ++i)
      for (char32_t c : {U'a', U'b', U'c'})
        words.push_back(words[i] + c);
    from = to;
  }
  auto utf8 = [](const std::u32string& w) { return std::string(w.begin(), w.end()); };
  int checked = 0;
  for (size_t i = 0; i < words.size(); i += 7)
    for (size_t j = 0; j < words.size(); j += 5)
      for (size_t limit : {0, 1, 2, 3}) {
        size_t full = edit_distance(utf8(words[i]), utf8(words[j]));
        size_t banded = edit_distance_within(words[i], words[j], limit);
        if (full <= limit)
          CHECK(banded == full);
        else
          CHECK(banded == limit + 1);
        ++checked;
      }
  CHECK(checked > 10000);
}

TEST_CASE("closest_match does bounded work on long words") {
  std::string id(100000, 'a'), other = id;
  other.back() = 'b';
  // Over k_max_suggest_chars: no suggestion at all, at once.
  CHECK(closest_match(other, {id}) == "");
  std::string word(k_max_suggest_chars, 'a'), near = word;
  near[100] = 'b';
  CHECK(closest_match(near, {word}) == word);
  SUBCASE("a spent budget makes no more suggestions") {
    size_t budget = 50;
    CHECK(closest_match("tagret", {"target"}, &budget) == "target");
    CHECK(budget < 50);
    CHECK(closest_match(near, {word}, &budget) == "");
    CHECK(budget == 0);
    CHECK(closest_match("tagret", {"target"}, &budget) == "");
  }
  SUBCASE("many candidates are offered in turn, the first closest wins") {
    ClosestMatch m("relocaton");
    for (std::string_view c : {"training", "relocation", "relocatio", "reloction"})
      m.offer(c);
    CHECK(m.best() == "relocation");
  }
}

TEST_CASE("ambiguous-width characters count as two on a CJK console") {
  for (const char* c : {"█", "░", "▏", "—", "…", "·", "×", "°", "→", "①", "α", "Ж", "─"}) {
    CAPTURE(c);
    CHECK(display_width(c) == 1);
    CHECK(display_width(c, Ambiguous::wide) == 2);
    CHECK(has_ambiguous_width(c));
  }
  for (const char* c : {"a", "#", "-", "中", "（"}) {
    CAPTURE(c);
    CHECK(display_width(c, Ambiguous::wide) == display_width(c));
  }
  CHECK(display_width("中a█", Ambiguous::wide) == 5);
  CHECK(!has_ambiguous_width("ASCII 中文 （全角）"));
  CHECK(pad_right("█", 4, Ambiguous::wide) == "█  ");
  CHECK(pad_left("—", 3, Ambiguous::wide) == " —");
  CHECK(truncate_to_width("abcdefgh", 6, Ambiguous::wide) == "abc...");
  CHECK(truncate_to_width("abcdefgh", 6) == "abcde…");
  CHECK(truncate_to_width("中文中文", 7, Ambiguous::wide) == "中文...");
}
