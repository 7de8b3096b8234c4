#pragma once
// Typed reading of document nodes with located errors; shared by the plan and actuals loaders.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "diagnostic.hpp"
#include "messages.hpp"
#include "quantity.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

// Reads the keys of one mapping: unknown keys (other than x-...) are reported with a suggestion.
class Fields {
 public:
  // `where` names the mapping in messages ("the plan", "`period`" with where_key "period"); its
  // text is made only when there is something to report.
  Fields(const Document& doc, const Node& map, Diagnostics& diags,
         std::initializer_list<std::string_view> allowed, Msg where,
         std::string_view where_key = {});
  const Node* get(std::string_view key) const { return doc_.find(map_, key); }
  // Reports "missing `key` (hint)" at the mapping when absent (unless a misspelt key in the
  // mapping was already reported with `key` as its suggestion).
  const Node* require(std::string_view key, Msg hint) const;
  // Whether an unknown key in the mapping was reported with `key` as its suggestion.
  bool suggested(std::string_view key) const;

 private:
  const Document& doc_;
  const Node& map_;
  Diagnostics& diags_;
  std::string where_text() const;

  Msg where_;
  std::string_view where_key_;
  std::vector<std::string> suggestions_;
};

// "empty", "text", "a list", "a mapping" in the language of the run.
std::string node_kind_name(NodeKind k);

// Text of a scalar; reports and returns nullopt for anything else.
std::optional<std::string_view> read_text(const Document& doc, const Node& n, Diagnostics& diags,
                                          std::string_view field);
std::optional<Date> read_date(const Document& doc, const Node& n, Diagnostics& diags,
                              std::string_view field);
std::optional<Number> read_number(const Document& doc, const Node& n, Diagnostics& diags,
                                  std::string_view field);
// A number that must be a ratio: "90%" is 0.9, a plain 0.9 is 0.9.
std::optional<double> read_ratio(const Document& doc, const Node& n, Diagnostics& diags,
                                 std::string_view field);
// A map's node must be a mapping / sequence; reports otherwise.
bool expect_kind(const Node& n, NodeKind kind, Diagnostics& diags, std::string_view field);
// The same for an item of the list under `key` ("`targets item` must be a mapping").
bool expect_item_kind(const Node& n, NodeKind kind, Diagnostics& diags, std::string_view key);

// `plantrack: 1` when present.
void check_version(const Document& doc, const Fields& fields, Diagnostics& diags);

}  // namespace plantrack
