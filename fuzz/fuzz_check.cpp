// libFuzzer target: the whole check. The input is a plan and an actuals file separated by a line
// "---8<---"; both are loaded, evaluated and rendered in every format.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "evaluate.hpp"
#include "filter.hpp"
#include "load_actuals.hpp"
#include "load_plan.hpp"
#include "render.hpp"
#include "yaml_doc.hpp"

using namespace plantrack;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t cut = text.find("\n---8<---\n");
  if (cut == std::string_view::npos) return 0;
  Limits limits;
  try {
    Plan plan = load_plan(parse_document("plan.yaml", text.substr(0, cut), limits));
    Actuals actuals;
    load_actuals(parse_document("actuals.yaml", text.substr(cut + 10), limits), std::nullopt,
                 actuals);
    Date as_of = latest_date(actuals).value_or(make_date(2024, 9, 30));
    Report report = evaluate(plan, actuals, as_of);
    for (Format f : {Format::table, Format::markdown, Format::json, Format::csv, Format::junit,
                     Format::github, Format::html}) {
      std::ostringstream out;
      RenderOptions options;
      options.format = f;
      render(report, options, out);
    }
    Filter only;
    only.only_problems = true;
    apply_filter(report, only);
  } catch (const InputError&) {
  }
  return 0;
}
