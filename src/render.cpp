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
    case Format::csv:
    case Format::junit:
    case Format::github:
    case Format::html:
      render_table(report, options, out);
      return;
  }
}

}  // namespace plantrack
