#include "usage_errors.hpp"

#include <algorithm>
#include <regex>
#include <vector>

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

std::string joined(std::span<const std::string> items) {
  return fmt::format("{}", fmt::join(items, tr(Msg::list_separator)));
}

std::string hint_text(const std::string& hint) {
  return hint.empty() ? std::string() : tr(Msg::did_you_mean, fmt::arg("hint", hint));
}

std::string closest(std::string_view word, std::span<const std::string> names) {
  return closest_match(word, std::vector<std::string_view>(names.begin(), names.end()));
}

// CLI11's "The following arguments were not expected: LIST": each word in LIST as an unknown
// option (with the closest of `options`) or an unexpected argument.
std::string unexpected_arguments_message(const std::string& list,
                                         std::span<const std::string> options) {
  std::vector<std::string> parts;
  for (size_t pos = 0; pos <= list.size();) {
    size_t space = list.find(' ', pos);
    std::string item =
        list.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
    if (item.size() > 1 && item[0] == '-')
      parts.push_back(
          tr(Msg::unknown_option, fmt::arg("option", escape_text(item)),
             fmt::arg("hint", hint_text(closest(item.substr(0, item.find('=')), options)))));
    else if (!item.empty())
      parts.push_back(tr(Msg::unexpected_argument, fmt::arg("argument", escape_text(item))));
    if (space == std::string::npos) break;
    pos = space + 1;
  }
  return fmt::format("{}", fmt::join(parts, tr(Msg::parts_separator)));
}

// "{a,b,c}" inside a CLI11 type name -> "a, b, c" (or "a、b、c").
std::string choices(const std::string& list) {
  std::vector<std::string> items;
  for (size_t pos = 0;;) {
    size_t comma = list.find(',', pos);
    items.push_back(list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return joined(items);
}

std::string missing_positional(const std::string& name) {
  if (name == "PLAN") return tr(Msg::missing_plan);
  if (name == "ACTUALS") return tr(Msg::missing_actuals);
  if (name == "KIND") return tr(Msg::missing_kind);
  return tr(Msg::missing_argument, fmt::arg("name", metavariable(name)));
}

}  // namespace

std::string metavariable(std::string_view name) {
  static const std::pair<std::string_view, Msg> k_names[] = {
      {"PLAN", Msg::meta_plan}, {"ACTUALS", Msg::meta_actuals},   {"KIND", Msg::meta_kind},
      {"DAYS", Msg::meta_days}, {"OLD_PLAN", Msg::meta_old_plan}, {"NEW_PLAN", Msg::meta_new_plan},
      {"TEXT", Msg::meta_text}, {"UINT", Msg::meta_uint}};
  for (const auto& [en, msg] : k_names)
    if (name == en) return tr(msg);
  return std::string(name);
}

std::string_view command_word(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--lang")
      ++i;
    else if (!a.starts_with("--lang="))
      return a;
  }
  return {};
}

std::string unknown_command_message(std::span<const std::string> commands, int argc,
                                    const char* const* argv) {
  std::string_view word = command_word(argc, argv);
  if (word.empty() || word[0] == '-') return "";
  if (std::find(commands.begin(), commands.end(), word) != commands.end()) return "";
  return tr(Msg::unknown_command, fmt::arg("command", escape_text(word)),
            fmt::arg("hint", hint_text(closest(word, commands))),
            fmt::arg("commands", joined(commands)));
}

std::string usage_message(std::string_view what_text, std::span<const std::string> options,
                          std::span<const std::string> commands) {
  std::string what(what_text);
  std::smatch m;
  static const std::regex k_at_most(R"(^(\S+): At Most \d+ required but received (\d+)$)");
  static const std::regex k_needs_value(R"(^(\S+): \d+ required (\S*?)(?::\{(.*)\})? missing$)");
  static const std::regex k_required(R"(^(\S+) is required$)");
  static const std::regex k_extras(R"(^The following arguments? (?:was|were) not expected: (.*)$)");
  static const std::regex k_not_in(R"(^(\S+): (.*) not in \{(.*)\}$)");
  // CLI11 2.1: "Value 0 not in range 1 to 9"; 2.4: "Value 0 not in range [1 - 9]".
  static const std::regex k_range(
      R"(^(\S+): Value (.*) not in range \[?(\S+)(?: to | - )(\S+?)\]?$)");
  static const std::regex k_conversion(R"(^The value (.*) is not an allowed value for (\S+)$)");
  static const std::regex k_convert(R"(^Could not convert: (\S+) = (.*)$)");
  static const std::regex k_flag(R"(^(\S+): too many inputs for a flag$)");
  if (what == "A subcommand is required")
    return tr(Msg::no_command, fmt::arg("commands", joined(commands)));
  if (std::regex_match(what, m, k_at_most))
    return tr(Msg::option_twice, fmt::arg("option", metavariable(m[1].str())),
              fmt::arg("n", m[2].str()));
  if (std::regex_match(what, m, k_needs_value))
    return m[3].matched
               ? tr(Msg::option_needs_value_of, fmt::arg("option", metavariable(m[1].str())),
                    fmt::arg("choices", choices(m[3])))
               : tr(Msg::option_needs_value, fmt::arg("option", metavariable(m[1].str())));
  if (std::regex_match(what, m, k_required)) return missing_positional(m[1].str());
  if (std::regex_match(what, m, k_extras)) return unexpected_arguments_message(m[1].str(), options);
  if (std::regex_match(what, m, k_range))
    return tr(Msg::option_out_of_range, fmt::arg("option", metavariable(m[1].str())),
              fmt::arg("value", escape_text(m[2].str())), fmt::arg("min", m[3].str()),
              fmt::arg("max", m[4].str()));
  if (std::regex_match(what, m, k_not_in))
    return tr(Msg::option_not_one_of, fmt::arg("option", metavariable(m[1].str())),
              fmt::arg("value", escape_text(m[2].str())), fmt::arg("choices", choices(m[3])));
  if (std::regex_match(what, m, k_conversion))
    return tr(Msg::option_not_whole_number, fmt::arg("option", metavariable(m[2].str())),
              fmt::arg("value", escape_text(m[1].str())));
  if (std::regex_match(what, m, k_convert))
    return tr(Msg::option_not_valid, fmt::arg("option", metavariable(m[1].str())),
              fmt::arg("value", escape_text(m[2].str())));
  if (std::regex_match(what, m, k_flag))
    return tr(Msg::flag_no_value, fmt::arg("option", metavariable(m[1].str())));
  // A CLI11 text not mapped above (none is known to reach here): framed in the run's language.
  return tr(Msg::usage_other, fmt::arg("detail", escape_text(what)));
}

}  // namespace plantrack
