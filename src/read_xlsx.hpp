#pragma once
// XLSX actuals (SPEC §9): the first sheet, or the one named `actuals`, read as read_csv reads a
// CSV file. libzip opens the container and expat streams the XML parts; both stay in
// read_xlsx.cpp. A hostile file (zip bomb, huge shared-strings table, deep XML, missing part)
// gets a located error: the parts are read within `unpacked_budget` bytes in all.

#include <cstdint>
#include <string>
#include <string_view>

#include "model.hpp"

namespace plantrack {

// The most bytes the XML parts of an xlsx of `size` bytes may unpack to: 16 times its size plus
// 32 MiB, and never more than `max_bytes` (--max-input-size).
uint64_t unpacked_budget(uint64_t size, uint64_t max_bytes);

// Appends the file and its entries to `out`; throws InputError listing the file's problems.
void read_xlsx(const std::string& file, std::string_view bytes, uint64_t max_bytes, Actuals& out);

}  // namespace plantrack
