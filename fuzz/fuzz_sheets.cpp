// libFuzzer target: one input as CSV actuals (the first byte picks detection, UTF-8 or GB18030)
// or, when it starts with the zip signature, as XLSX actuals. Input errors are expected;
// anything else (a crash, a sanitizer report, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "read_csv.hpp"
#include "read_xlsx.hpp"

using namespace plantrack;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Actuals actuals;
  try {
    if (text.substr(0, 2) == "PK") {
      read_xlsx("fuzz.xlsx", text, 64u << 20, actuals);
    } else if (!text.empty()) {
      auto enc = static_cast<TextEncoding>(static_cast<unsigned char>(text[0]) % 3);
      read_csv("fuzz.csv", text.substr(1), enc, actuals);
    }
  } catch (const InputError&) {
  }
  return 0;
}
