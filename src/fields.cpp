#include "fields.hpp"

#include <vector>

#include <fmt/format.h>

#include "text.hpp"

namespace plantrack {

Fields::Fields(const Document& doc, const Node& map, Diagnostics& diags,
               std::initializer_list<std::string_view> allowed, std::string_view where)
    : doc_(doc), map_(map), diags_(diags), where_(where) {
  for (size_t i = 0; i < map.size; ++i) {
    const Node& k = doc.key(map, i);
    std::string_view name = doc.text(k);
    if (name.substr(0, 2) == "x-") continue;
    bool known = false;
    for (std::string_view a : allowed)
      known = known || a == name;
    if (known) continue;
    std::string suggestion = closest_match(name, std::vector<std::string_view>(allowed));
    if (!suggestion.empty()) suggestions_.push_back(suggestion);
    diags.error(k.mark, suggestion.empty()
                            ? fmt::format("unknown key `{}` in {} (keys starting with x- are "
                                          "ignored)",
                                          escape_text(name), where)
                            : fmt::format("unknown key `{}` in {} (did you mean `{}`?)",
                                          escape_text(name), where, suggestion));
  }
}

const Node* Fields::require(std::string_view key, std::string_view hint) const {
  const Node* n = get(key);
  if (!n && !suggested(key))
    diags_.error(map_.mark, fmt::format("{} is missing `{}` ({})", where_, key, hint));
  return n;
}

bool Fields::suggested(std::string_view key) const {
  for (const std::string& s : suggestions_)
    if (s == key) return true;
  return false;
}

const char* node_kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::null:
      return "empty";
    case NodeKind::scalar:
      return "text";
    case NodeKind::sequence:
      return "a list";
    case NodeKind::map:
      return "a mapping";
  }
  return "?";
}

bool expect_kind(const Node& n, NodeKind kind, Diagnostics& diags, std::string_view field) {
  if (n.kind == kind) return true;
  const char* want = kind == NodeKind::map        ? "a mapping"
                     : kind == NodeKind::sequence ? "a list"
                                                  : "text";
  diags.error(n.mark, fmt::format("`{}` must be {}, not {}", field, want, node_kind_name(n.kind)));
  return false;
}

std::optional<std::string_view> read_text(const Document& doc, const Node& n, Diagnostics& diags,
                                          std::string_view field) {
  if (n.kind != NodeKind::scalar) {
    diags.error(n.mark, n.kind == NodeKind::null ? fmt::format("`{}` is empty", field)
                                                 : fmt::format("`{}` must be text, not {}", field,
                                                               node_kind_name(n.kind)));
    return std::nullopt;
  }
  return doc.text(n);
}

std::optional<Date> read_date(const Document& doc, const Node& n, Diagnostics& diags,
                              std::string_view field) {
  auto text = read_text(doc, n, diags, field);
  if (!text) return std::nullopt;
  auto d = parse_iso_date(*text);
  if (!d)
    diags.error(n.mark, fmt::format("`{}` is not a valid date for `{}` (write YYYY-MM-DD)",
                                    escape_text(*text), field));
  return d;
}

std::optional<Number> read_number(const Document& doc, const Node& n, Diagnostics& diags,
                                  std::string_view field) {
  auto text = read_text(doc, n, diags, field);
  if (!text) return std::nullopt;
  std::string error;
  auto num = parse_number(*text, error);
  if (!num) diags.error(n.mark, fmt::format("`{}`: {}", field, escape_text(error)));
  return num;
}

std::optional<double> read_ratio(const Document& doc, const Node& n, Diagnostics& diags,
                                 std::string_view field) {
  auto num = read_number(doc, n, diags, field);
  if (!num) return std::nullopt;
  if (!num->percent && num->value > 1.5) {
    diags.error(n.mark, fmt::format("`{}` is a ratio: write {}% (or {})", field,
                                    format_number(num->value), format_number(num->value / 100)));
    return std::nullopt;
  }
  return num->percent ? num->value / 100 : num->value;
}

void check_version(const Document& doc, const Fields& fields, Diagnostics& diags) {
  const Node* v = fields.get("plantrack");
  if (!v) return;
  if (v->kind != NodeKind::scalar || doc.text(*v) != "1")
    diags.error(v->mark, fmt::format("unsupported `plantrack: {}`: this version reads format 1",
                                     v->kind == NodeKind::scalar ? escape_text(doc.text(*v))
                                                                 : node_kind_name(v->kind)));
}

}  // namespace plantrack
