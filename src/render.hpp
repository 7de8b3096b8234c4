#pragma once
// Every output format prints from the same Report. Renderers write to a std::ostream.

#include <ostream>
#include <string>

#include "filter.hpp"
#include "i18n.hpp"
#include "plan_diff.hpp"
#include "report.hpp"
#include "trend.hpp"

namespace plantrack {

enum class Format { table, markdown, json, csv, junit, github, html, xlsx };

struct RenderOptions {
  Format format = Format::table;
  Lang lang = Lang::en;
  bool color = false;  // ANSI colours in the table
  bool bom = false;    // a UTF-8 byte order mark before CSV (for Excel)
  bool ascii = false;  // table: ASCII bars and dashes, ambiguous-width characters count as two
  bool by_reporter = false;  // reporters' parts as sub-rows (table, markdown, html, csv)
  bool notes = false;        // the table lists entry notes (markdown and html always do)
  Filter filter;             // the filter already applied to the report, to say so in the output
  bool strict = false;       // --strict: the human summary says why the exit status is what it is
  // html: when the actuals hold a history, the plan at each quarter end up to the as-of date
  // (and the as-of), shown as a small trend per target. nullptr: none.
  const Trend* history = nullptr;
};

void render(const Report& report, const RenderOptions& options, std::ostream& out);

void render_table(const Report& report, const RenderOptions& options, std::ostream& out);
void render_json(const Report& report, std::ostream& out);
void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out);
void render_csv(const Report& report, const RenderOptions& options, std::ostream& out);
void render_junit(const Report& report, const RenderOptions& options, std::ostream& out);
void render_github(const Report& report, const RenderOptions& options, std::ostream& out);
void render_html(const Report& report, const RenderOptions& options, std::ostream& out);
// Binary (a zip): for -o FILE or a stdout that is not a terminal.
void render_xlsx(const Report& report, const RenderOptions& options, std::ostream& out);

// `diff` (SPEC §7.3): table, markdown, json or github (others are refused before).
struct DiffView {
  std::string old_file, new_file;
  std::vector<PlanChange> changes;
};
void render_diff(const DiffView& diff, const RenderOptions& options, std::ostream& out);

// `trend` (SPEC §7.1): table, markdown, csv, json or html.
void render_trend(const Trend& trend, const RenderOptions& options, std::ostream& out);
void render_trend_html(const Trend& trend, const RenderOptions& options, std::ostream& out);

}  // namespace plantrack
