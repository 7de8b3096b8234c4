#include "render.hpp"

namespace plantrack {

void render(const Report& report, const RenderOptions& options, std::ostream& out) {
  switch (options.format) {
    case Format::table:
      render_table(report, options, out);
      return;
    case Format::json:
      render_json(report, out);
      return;
    case Format::markdown:
      render_markdown(report, options, out);
      return;
    case Format::csv:
      render_csv(report, options, out);
      return;
    case Format::junit:
      render_junit(report, options, out);
      return;
    case Format::github:
      render_github(report, options, out);
      return;
    case Format::html:
      render_html(report, options, out);
      return;
    case Format::xlsx:
      render_xlsx(report, options, out);
      return;
  }
}

}  // namespace plantrack
