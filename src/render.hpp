#pragma once
// Every output format prints from the same Report. Renderers write to a std::ostream.

#include <ostream>
#include <string>

#include "report.hpp"

namespace plantrack {

enum class Format { table, markdown, json, csv, junit, github, html };
enum class Lang { en, zh };

struct RenderOptions {
  Format format = Format::table;
  Lang lang = Lang::en;
  bool color = false;  // ANSI colours in the table
};

void render(const Report& report, const RenderOptions& options, std::ostream& out);

void render_table(const Report& report, const RenderOptions& options, std::ostream& out);
void render_json(const Report& report, std::ostream& out);

// Shared by the renderers.
std::string json_string(std::string_view s);
// "424", "<=500,000", "3-5", "by 2024-12-27": the target's bound as a person reads it.
std::string bound_text(const Target& t);

}  // namespace plantrack
