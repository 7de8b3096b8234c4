#pragma once
// CSV actuals (SPEC §9): RFC 4180 cells in UTF-8 (with or without a BOM) or GB18030/GBK, one
// entry per row under a header row. Errors name FILE:ROW:COLUMN as a spreadsheet numbers them.

#include <cstdint>
#include <string>
#include <string_view>

#include "model.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

// Appends the file and its entries to `out`; throws InputError listing the file's problems.
void read_csv(const std::string& file, std::string_view bytes, TextEncoding encoding, Actuals& out);

}  // namespace plantrack
