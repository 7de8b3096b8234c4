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
