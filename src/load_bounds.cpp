#include "plan_loader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

// A value in the target's unit: "95%" only where the unit is %.
std::optional<double> PlanLoader::read_value(const Node& n, const Target& t,
                                             std::string_view field) {
  auto num = read_number(*doc_, n, diags_, field);
  if (!num) return std::nullopt;
  if (num->percent && t.unit != "%" && !t.unit.empty()) {
    diags_.error(n.mark, tr(Msg::percent_value_unit, fmt::arg("value", escape_text(doc_->text(n))),
                            fmt::arg("unit", escape_text(t.unit))));
    return std::nullopt;
  }
  return num->value;
}

// target: 424 | done | {min, max} | {growth} | {increase} | {decrease}; growth and friends are
// resolved in finish_bound, once the baseline is known.
void PlanLoader::read_bound(const Node& n, Target& t) {
  if (n.kind == NodeKind::scalar && doc_->text(n) == "done") {
    t.kind = Kind::milestone;
    return;
  }
  if (n.kind == NodeKind::scalar) {
    t.kind = Kind::min;
    return;
  }
  if (n.kind == NodeKind::null) {
    diags_.error(n.mark, tr(Msg::target_empty));
    t.kind = Kind::min;
    return;
  }
  if (!expect_kind(n, NodeKind::map, diags_, "target")) {
    t.kind = Kind::min;
    return;
  }
  Fields f(*doc_, n, diags_, {"min", "max", "growth", "increase", "decrease"}, Msg::where_key,
           "target");
  bool has_min = f.get("min"), has_max = f.get("max");
  int relative = (f.get("growth") != nullptr) + (f.get("increase") != nullptr) +
                 (f.get("decrease") != nullptr);
  if (relative > 1 || (relative == 1 && (has_min || has_max)))
    diags_.error(n.mark, tr(Msg::target_forms_mixed));
  else if (!relative && !has_min && !has_max &&
           !(f.suggested("min") || f.suggested("max") || f.suggested("growth") ||
             f.suggested("increase") || f.suggested("decrease")))
    diags_.error(n.mark, tr(Msg::target_form_missing));
  t.kind = f.get("decrease") || (has_max && !has_min) ? Kind::max
           : has_min && has_max                       ? Kind::range
                                                      : Kind::min;
}

void PlanLoader::finish_bound(const Node& n, Target& t) {
  if (t.kind == Kind::milestone || t.kind == Kind::group) return;
  if (n.kind == NodeKind::scalar) {
    t.min = read_value(n, t, "target");
    return;
  }
  if (n.kind != NodeKind::map) return;
  if (const Node* x = doc_->find(n, "min")) t.min = read_value(*x, t, "min");
  if (const Node* x = doc_->find(n, "max")) t.max = read_value(*x, t, "max");
  if (t.min && t.max && *t.min > *t.max)
    diags_.error(n.mark, tr(Msg::min_above_max, fmt::arg("min", format_number(*t.min)),
                            fmt::arg("max", format_number(*t.max))));
  struct Relative {
    const char* key;
    bool ratio;
  };
  for (Relative r :
       {Relative{"growth", true}, Relative{"increase", false}, Relative{"decrease", false}}) {
    const Node* x = doc_->find(n, r.key);
    if (!x) continue;
    std::optional<double> amount =
        r.ratio ? read_ratio(*doc_, *x, diags_, r.key) : read_value(*x, t, r.key);
    if (!t.baseline) {
      diags_.error(x->mark, tr(Msg::relative_needs_baseline, fmt::arg("key", r.key)));
      continue;
    }
    if (!amount) continue;
    double b = *t.baseline;
    std::string unused;
    auto written = parse_number(doc_->text(*x), unused);  // read_ratio accepted it
    if (std::string_view(r.key) == "growth")  // 15% as b × 115 / 100: exact where it can be
      t.min = written->percent ? b * (100 + written->value) / 100 : b + b * *amount;
    else if (std::string_view(r.key) == "increase")
      t.min = b + *amount;
    else
      t.max = b - *amount;
    OptDouble bound = t.kind == Kind::max ? t.max : t.min;
    if (!bound || !within_magnitude(*bound)) {
      diags_.error(x->mark, tr(Msg::relative_too_large, fmt::arg("key", r.key)));
      t.min = t.max = std::nullopt;
    }
  }
}

// revisions: [{date, target, note}]: each FORM as `target:` and of the same kind, in date order.
void PlanLoader::read_revisions(const Node& n, const Target& t, TargetExtras& extras) {
  if (!expect_kind(n, NodeKind::sequence, diags_, "revisions")) return;
  if (!t.numeric()) {
    diags_.error(n.mark, tr(Msg::revise_not_numeric, fmt::arg("id", escape_text(t.full_id)),
                            fmt::arg("kind", kind_name(t.kind))));
    return;
  }
  std::vector<Revision> revisions;
  for (size_t i = 0; i < n.size; ++i) {
    const Node& item = doc_->item(n, i);
    if (!expect_item_kind(item, NodeKind::map, diags_, "revisions")) continue;
    Fields f(*doc_, item, diags_, {"date", "target", "note"}, Msg::where_revision);
    const Node* date = f.require("date", Msg::hint_revision_date);
    const Node* bound = f.require("target", Msg::hint_revision_target);
    Revision r;
    r.mark = item.mark;
    std::optional<Date> d = date ? read_date(*doc_, *date, diags_, "date") : std::nullopt;
    if (const Node* x = f.get("note"))
      if (auto text = read_text(*doc_, *x, diags_, "note")) r.note = plan_.arena.text(*text);
    if (!d || !bound) continue;
    r.date = *d;
    Target revised;  // read as a target of the same unit and baseline would be
    revised.full_id = t.full_id;
    revised.unit = t.unit;
    revised.baseline = t.baseline;
    read_bound(*bound, revised);
    if (revised.kind != t.kind) {
      diags_.error(bound->mark, tr(Msg::revision_kind, fmt::arg("id", escape_text(t.full_id)),
                                   fmt::arg("kind", kind_name(t.kind)),
                                   fmt::arg("revised", kind_name(revised.kind))));
      continue;
    }
    finish_bound(*bound, revised);
    r.min = revised.min;
    r.max = revised.max;
    if (!revisions.empty() && !(revisions.back().date < r.date))
      diags_.error(date->mark, tr(Msg::revision_order, fmt::arg("date", format_date(r.date)),
                                  fmt::arg("previous", format_date(revisions.back().date))));
    revisions.push_back(r);
  }
  extras.revisions = plan_.arena.copy(revisions);
}

}  // namespace plantrack
