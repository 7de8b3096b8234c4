#include "actuals_file.hpp"

#include <cctype>

#include "load_actuals.hpp"
#include "read_csv.hpp"
#include "read_file.hpp"
#include "read_xlsx.hpp"

namespace plantrack {

namespace {

bool ends_with_nocase(std::string_view s, std::string_view suffix) {
  if (s.size() <= suffix.size()) return false;
  s = s.substr(s.size() - suffix.size());
  for (size_t i = 0; i < s.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != suffix[i]) return false;
  return true;
}

}  // namespace

ActualsKind actuals_kind(std::string_view path) {
  if (ends_with_nocase(path, ".csv")) return ActualsKind::csv;
  if (ends_with_nocase(path, ".xlsx")) return ActualsKind::xlsx;
  return ActualsKind::yaml;
}

bool actuals_file_name(std::string_view name) {
  return !name.empty() && name[0] != '.' &&
         (ends_with_nocase(name, ".yaml") || ends_with_nocase(name, ".yml") ||
          ends_with_nocase(name, ".csv") || ends_with_nocase(name, ".xlsx"));
}

void load_actuals_file(const std::string& path, const Limits& limits, std::optional<Date> cli_as_of,
                       Actuals& out) {
  switch (actuals_kind(path)) {
    case ActualsKind::yaml:
      load_actuals(load_document(path, limits), cli_as_of, out);
      return;
    case ActualsKind::csv:
      read_csv(path, read_file(path, limits), limits.encoding, out);
      return;
    case ActualsKind::xlsx:
      read_xlsx(path, read_file(path, limits), limits.max_bytes, out);
      return;
  }
}

}  // namespace plantrack
