#pragma once
// What the JSON renderers share (render_json.cpp defines it; render_diff and render_trend use it).

#include <string>
#include <string_view>

namespace plantrack {

// `s` as a JSON string, quotes included: `"`, `\` and control characters escaped.
std::string json_string(std::string_view s);

}  // namespace plantrack
