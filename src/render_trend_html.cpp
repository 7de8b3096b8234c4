// `trend --format html`: a self-contained page, one card per target with an inline SVG chart.

#include "render.hpp"

namespace plantrack {

void render_trend_html(const Trend&, const RenderOptions&, std::ostream&) {}

}  // namespace plantrack
