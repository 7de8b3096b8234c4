#pragma once
// One actuals file of any kind SPEC §4 reads: YAML (load_actuals), CSV (read_csv) or XLSX
// (read_xlsx), told apart by the file name's extension.

#include <optional>
#include <string>
#include <string_view>

#include "model.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

enum class ActualsKind { yaml, csv, xlsx };

// By extension, any letter case: .csv, .xlsx, else YAML.
ActualsKind actuals_kind(std::string_view path);
// Whether a folder's entry is an actuals file: *.yaml, *.yml, *.csv, *.xlsx, not hidden.
bool actuals_file_name(std::string_view name);

// Appends the file and its entries to `out`. Throws InputError listing the file's problems.
void load_actuals_file(const std::string& path, const Limits& limits, std::optional<Date> cli_as_of,
                       Actuals& out);

}  // namespace plantrack
