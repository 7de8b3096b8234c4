#pragma once
// The message catalogue: every human-facing text in English and Chinese, each written once in
// messages.def with named placeholders ({id}), so that a message and its translation cannot
// drift apart. The language is set once per run (set_lang) before any work starts.

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/args.h>
#include <fmt/format.h>

namespace plantrack {

enum class Lang { en, zh };

enum class Msg : uint16_t {
#define M(name, en, zh) name,
#include "messages.def"
#undef M
};

// How many messages the catalogue holds (for the unit test).
size_t message_count();

// The language every message is written in; English until set_lang (called by the command line
// before any file is read, so worker threads only ever read it).
Lang current_lang();
void set_lang(Lang lang);

// A message's text with its {placeholders}, in one language.
std::string_view message_text(Msg m, Lang lang);
// The placeholder names of a text, sorted, without duplicates: "{n} of {total}" -> "n,total".
std::string placeholder_names(std::string_view text);

// What errno says, in the language of the run (std::strerror speaks the C locale's English).
std::string system_error_text(int err);

// A message with its named arguments: tr(Msg::duplicate_id, fmt::arg("id", id)).
template <class... Args>
std::string tr_in(Lang lang, Msg m, const Args&... named) {
  std::string_view text = message_text(m, lang);
  if constexpr (sizeof...(Args) == 0) {
    if (text.find_first_of("{}") == std::string_view::npos) return std::string(text);
  }
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  (store.push_back(named), ...);
  return fmt::vformat(fmt::string_view(text.data(), text.size()), store);
}

template <class... Args>
std::string tr(Msg m, const Args&... named) {
  return tr_in(current_lang(), m, named...);
}

// Choose between two messages by language-free count: plural forms ("1 target" / "2 targets").
inline Msg one_or_many(size_t n, Msg one, Msg many) {
  return n == 1 ? one : many;
}

}  // namespace plantrack
