// libFuzzer target: one input as a plan, then as an actuals file. Input errors are expected;
// anything else (a crash, a sanitizer report, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "load_actuals.hpp"
#include "load_plan.hpp"
#include "yaml_doc.hpp"

using namespace plantrack;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Limits limits;
  try {
    Document doc = parse_document("fuzz.yaml", text, limits);
    try {
      load_plan(doc);
    } catch (const InputError&) {
    }
    Actuals actuals;
    load_actuals(doc, make_date(2024, 9, 30), actuals);
  } catch (const InputError&) {
  }
  return 0;
}
