#include "fields.hpp"

#include <vector>

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

Fields::Fields(const Document& doc, const Node& map, Diagnostics& diags,
               std::initializer_list<std::string_view> allowed, Msg where,
               std::string_view where_key)
    : doc_(doc), map_(map), diags_(diags), where_(where), where_key_(where_key) {
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
                            ? tr(Msg::unknown_key, fmt::arg("key", escape_text(name)),
                                 fmt::arg("where", where_text()))
                            : tr(Msg::unknown_key_hint, fmt::arg("key", escape_text(name)),
                                 fmt::arg("where", where_text()), fmt::arg("hint", suggestion)));
  }
}

std::string Fields::where_text() const {
  return tr(where_, fmt::arg("key", where_key_));
}

const Node* Fields::require(std::string_view key, Msg hint) const {
  const Node* n = get(key);
  if (!n && !suggested(key))
    diags_.error(map_.mark, tr(Msg::missing_key, fmt::arg("where", where_text()),
                               fmt::arg("key", key), fmt::arg("hint", tr(hint))));
  return n;
}

bool Fields::suggested(std::string_view key) const {
  for (const std::string& s : suggestions_)
    if (s == key) return true;
  return false;
}

std::string node_kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::null:
      return tr(Msg::kind_empty);
    case NodeKind::scalar:
      return tr(Msg::kind_text);
    case NodeKind::sequence:
      return tr(Msg::kind_list);
    case NodeKind::map:
      return tr(Msg::kind_mapping);
  }
  return "?";
}

bool expect_kind(const Node& n, NodeKind kind, Diagnostics& diags, std::string_view field) {
  if (n.kind == kind) return true;
  diags.error(n.mark,
              tr(Msg::must_be_kind, fmt::arg("field", field),
                 fmt::arg("want", node_kind_name(kind)), fmt::arg("got", node_kind_name(n.kind))));
  return false;
}

bool expect_item_kind(const Node& n, NodeKind kind, Diagnostics& diags, std::string_view key) {
  if (n.kind == kind) return true;
  diags.error(n.mark,
              tr(Msg::item_must_be_kind, fmt::arg("key", key),
                 fmt::arg("want", node_kind_name(kind)), fmt::arg("got", node_kind_name(n.kind))));
  return false;
}

std::optional<std::string_view> read_text(const Document& doc, const Node& n, Diagnostics& diags,
                                          std::string_view field) {
  if (n.kind != NodeKind::scalar) {
    diags.error(n.mark, n.kind == NodeKind::null
                            ? tr(Msg::field_empty, fmt::arg("field", field))
                            : tr(Msg::must_be_kind, fmt::arg("field", field),
                                 fmt::arg("want", node_kind_name(NodeKind::scalar)),
                                 fmt::arg("got", node_kind_name(n.kind))));
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
    diags.error(n.mark,
                tr(Msg::bad_date, fmt::arg("text", escape_text(*text)), fmt::arg("field", field)));
  return d;
}

std::optional<Number> read_number(const Document& doc, const Node& n, Diagnostics& diags,
                                  std::string_view field) {
  auto text = read_text(doc, n, diags, field);
  if (!text) return std::nullopt;
  std::string error;
  auto num = parse_number(*text, error);
  if (!num)
    diags.error(n.mark, tr(Msg::field_number_error, fmt::arg("field", field),
                           fmt::arg("error", escape_text(error))));
  return num;
}

std::optional<double> read_ratio(const Document& doc, const Node& n, Diagnostics& diags,
                                 std::string_view field) {
  auto num = read_number(doc, n, diags, field);
  if (!num) return std::nullopt;
  if (!num->percent && num->value > 1.5) {
    diags.error(n.mark, tr(Msg::ratio_not_percent, fmt::arg("field", field),
                           fmt::arg("percent", format_number(num->value)),
                           fmt::arg("fraction", format_number(num->value / 100))));
    return std::nullopt;
  }
  return num->percent ? num->value / 100 : num->value;
}

void check_version(const Document& doc, const Fields& fields, Diagnostics& diags) {
  const Node* v = fields.get("plantrack");
  if (!v) return;
  if (v->kind != NodeKind::scalar || doc.text(*v) != "1")
    diags.error(v->mark,
                tr(Msg::unsupported_version,
                   fmt::arg("version", v->kind == NodeKind::scalar ? escape_text(doc.text(*v))
                                                                   : node_kind_name(v->kind))));
}

}  // namespace plantrack
