#pragma once
// A command line CLI11 rejects, in plantrack's words and the language of the run (SPEC §4): no
// CLI11 in sight, so that every mapping is unit-tested.

#include <span>
#include <string>
#include <string_view>

namespace plantrack {

// The first word of the line that is not a top-level option (--lang VALUE, --lang=VALUE): the
// command's name when the line is right; "" when there is none.
std::string_view command_word(int argc, const char* const* argv);

// "unknown command `X` ..." when the first word of the line that is not a top-level option
// (--lang VALUE, --lang=VALUE) is not one of `commands`; "" when it is one, or when the line
// starts with another option (CLI11 reports those).
std::string unknown_command_message(std::span<const std::string> commands, int argc,
                                    const char* const* argv);

// CLI11's error text `what` in plantrack's words. `options` are the long option names
// (--format, ...) of the subcommand being parsed, for "did you mean"; `commands` all command
// names.
std::string usage_message(std::string_view what, std::span<const std::string> options,
                          std::span<const std::string> commands);

// A help metavariable (PLAN, ACTUALS, DAYS, TEXT, ...) in the language of the run.
std::string metavariable(std::string_view name);

}  // namespace plantrack
