// libFuzzer target for SPEC §6's shapes that only size reveals (long lines, bracket runs, long
// ids): the input is a template that is blown up before it is read. Its first two bytes give a
// count N; the rest is PREFIX \x01 MIDDLE \x01 SUFFIX, and the document read is PREFIX, then
// MIDDLE 16 × N times, then SUFFIX (at most 1 MiB). It is read as a plan and as an actuals file,
// and when it loads it is checked (against a fixed other side) and rendered. Run with a -timeout of
// some seconds: anything quadratic in the size of the document then shows up as a timeout.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "evaluate.hpp"
#include "load_actuals.hpp"
#include "load_plan.hpp"
#include "render.hpp"
#include "yaml_doc.hpp"

using namespace plantrack;

namespace {

constexpr size_t k_max_document = 1 << 20;

std::string blow_up(std::string_view data) {
  if (data.size() < 2) return std::string(data);
  size_t count = (static_cast<unsigned char>(data[0]) << 8 | static_cast<unsigned char>(data[1]));
  std::string_view rest = data.substr(2);
  size_t a = rest.find('\x01');
  if (a == std::string_view::npos) return std::string(rest);
  size_t b = rest.find('\x01', a + 1);
  std::string_view prefix = rest.substr(0, a);
  std::string_view middle = rest.substr(a + 1, b == std::string_view::npos ? b : b - a - 1);
  std::string_view suffix = b == std::string_view::npos ? "" : rest.substr(b + 1);
  std::string doc(prefix);
  for (size_t i = 0; i < count * 16 && !middle.empty() &&
                     doc.size() + middle.size() + suffix.size() <= k_max_document;
       ++i)
    doc += middle;
  doc += suffix;
  return doc;
}

// The other side of each check: a plan for blown-up actuals, actuals for a blown-up plan (with
// ids close to the ones the seeds use, so that "did you mean" has work to do).
constexpr std::string_view k_plan =
    "plantrack: 1\ntitle: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n"
    "  - {id: t0, name: n, unit: 元, target: 10}\n"
    "  - {id: aaaaaaaaaaaaaaaa, name: n, unit: 万元, target: {min: 1, max: 5}}\n"
    "  - {id: g, name: g, children: [{id: t1, name: n, target: done}]}\n";
constexpr std::string_view k_actuals =
    "plantrack: 1\nactuals:\n"
    "  - {id: t0, date: 2024-06-30, value: 5}\n"
    "  - {id: t1, date: 2024-06-30, add: 1e15}\n"
    "  - {id: tt0, date: 2024-06-30, value: 1}\n"
    "  - {id: aaaaaaaaaaaaaaab, date: 2024-06-30, value: 1}\n"
    "  - {id: g.t2, date: 2024-06-30, done: true}\n";

void check_and_render(const Plan& plan, const Actuals& actuals) {
  try {
    Report report = evaluate(plan, actuals, make_date(2024, 9, 30));
    for (Format f : {Format::table, Format::json, Format::csv, Format::junit, Format::github}) {
      std::ostringstream out;
      RenderOptions options;
      options.format = f;
      render(report, options, out);
    }
  } catch (const InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Limits limits;
  static const Plan fixed_plan = load_plan(parse_document("plan.yaml", k_plan, limits));
  static const Actuals fixed_actuals = [] {
    Actuals a;
    load_actuals(parse_document("actuals.yaml", k_actuals, limits), std::nullopt, a);
    return a;
  }();
  std::string text = blow_up(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    Document doc = parse_document("fuzz.yaml", text, limits);
    try {
      check_and_render(load_plan(doc), fixed_actuals);
    } catch (const InputError&) {
    }
    try {
      Actuals actuals;
      load_actuals(doc, make_date(2024, 9, 30), actuals);
      check_and_render(fixed_plan, actuals);
    } catch (const InputError&) {
    }
  } catch (const InputError&) {
  }
  return 0;
}
