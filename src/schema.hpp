#pragma once
// `schema`: the JSON Schemas (draft-07) of the plan and actuals formats, for editors. The text
// is schema/*.json, embedded at build time: those files are the one source.

#include <optional>
#include <string_view>

namespace plantrack {

// The schema named `kind` ("plan" or "actuals"), or nullopt.
std::optional<std::string_view> schema_text(std::string_view kind);

}  // namespace plantrack
