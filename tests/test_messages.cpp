#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <fmt/args.h>
#include <fmt/format.h>

#include "messages.hpp"

using namespace plantrack;

namespace {

std::vector<std::string> names_of(const std::string& list) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (!list.empty() && pos <= list.size()) {
    size_t comma = list.find(',', pos);
    out.push_back(list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

// Formats `text` with every placeholder given the same value: true when fmt accepts it.
template <class T>
bool formats_with(std::string_view text, const std::vector<std::string>& names, T value) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const std::string& n : names)
    store.push_back(fmt::arg(n.c_str(), value));
  try {
    (void)fmt::vformat(fmt::string_view(text.data(), text.size()), store);
    return true;
  } catch (const fmt::format_error&) {
    return false;
  }
}

std::string without_placeholders(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{' && i + 1 < s.size() && s[i + 1] != '{') {
      size_t end = s.find('}', i);
      if (end != std::string_view::npos) {
        i = end;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

bool has_letters(std::string_view s) {
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return false;
}

bool has_cjk(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0xE3 && c <= 0xEF) return true;  // lead bytes of U+3000..U+FFFF
  return false;
}

}  // namespace

TEST_CASE("every message has both languages and the same placeholders") {
  REQUIRE(message_count() > 300);
  for (size_t i = 0; i < message_count(); ++i) {
    auto m = static_cast<Msg>(i);
    std::string_view en = message_text(m, Lang::en), zh = message_text(m, Lang::zh);
    CAPTURE(en);
    CAPTURE(zh);
    CHECK(!en.empty());
    CHECK(!zh.empty());
    CHECK(placeholder_names(en) == placeholder_names(zh));
    // Chinese is Chinese: a text with words in it holds Chinese ("{label}{values}" is only
    // placeholders).
    if (has_letters(without_placeholders(zh))) CHECK(has_cjk(zh));
    // Both texts format with their placeholders filled (as numbers, or else as text).
    std::vector<std::string> names = names_of(placeholder_names(en));
    bool as_numbers = formats_with(en, names, 1) && formats_with(zh, names, 1);
    bool as_text = formats_with(en, names, "x") && formats_with(zh, names, "x");
    CHECK((as_numbers || as_text));
  }
}

TEST_CASE("placeholder_names lists each name once, sorted") {
  CHECK(placeholder_names("no target `{id}` in the plan{hint}") == "hint,id");
  CHECK(placeholder_names("{n} of {total}, {n} again") == "n,total");
  CHECK(placeholder_names("U+{code:04X}") == "code");
  CHECK(placeholder_names("{{start: 2024-01-01}} {x}") == "x");
  CHECK(placeholder_names("none") == "");
}

TEST_CASE("tr writes the message in the language of the run") {
  set_lang(Lang::zh);
  CHECK(tr(Msg::duplicate_id, fmt::arg("id", "a"), fmt::arg("line", 3)) ==
        "编号 `a` 重复（第一次出现在第3行）");
  set_lang(Lang::en);
  CHECK(tr(Msg::duplicate_id, fmt::arg("id", "a"), fmt::arg("line", 3)) ==
        "duplicate id `a` (first at line 3)");
  CHECK(tr_in(Lang::zh, Msg::unknown_target, fmt::arg("id", "x"), fmt::arg("hint", "")) ==
        "计划中没有目标 `x`");
}
