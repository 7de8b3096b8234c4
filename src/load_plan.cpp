#include "plan_loader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-'))
      return false;
  return true;
}

}  // namespace

void PlanLoader::load() {
  const Node& root = doc_->root();
  if (root.kind == NodeKind::null) {
    diags_.error(root.mark, tr(Msg::plan_empty));
    diags_.throw_if_any();
  }
  if (root.kind != NodeKind::map) {
    diags_.error(root.mark, tr(Msg::plan_not_mapping));
    diags_.throw_if_any();
  }
  Fields f(
      *doc_, root, diags_,
      {"plantrack", "title", "period", "owner", "thresholds", "units", "stale_after", "targets"},
      Msg::where_plan);
  check_version(*doc_, f, diags_);
  if (const Node* n = f.require("title", Msg::hint_title))
    if (auto t = read_text(*doc_, *n, diags_, "title")) plan_.title = *t;
  if (const Node* p = f.get("period")) plan_.period_mark = p->mark;
  read_period(f.require("period", Msg::hint_period));
  if (const Node* n = f.get("owner"))
    if (auto t = read_text(*doc_, *n, diags_, "owner")) plan_.owner = *t;
  if (const Node* n = f.get("thresholds")) read_thresholds(*n, plan_.thresholds);
  if (const Node* n = f.get("stale_after")) read_stale_after(*n, plan_.thresholds);
  if (const Node* n = f.get("units")) read_units(*n);
  const Node* targets = f.require("targets", Msg::hint_targets);
  std::vector<int> top_level;  // not kept: a target's parent says it is one (-1)
  Inherited top{Name(plan_.arena.intern_ref(plan_.owner)),
                &plan_.threshold_sets.emplace_back(plan_.thresholds), plan_.period_start,
                plan_.period_end};
  if (pieces_) {
    // The items of `targets` come in pieces, each its own document, read and dropped in turn.
    const Document* head = doc_;
    size_t before = head->text_bytes();  // of the document read last (a piece dies with its turn)
    while (std::unique_ptr<Document> piece = (*pieces_)()) {
      text_base_ += before;
      doc_ = piece.get();
      read_targets(piece->root(), -1, top, "", top_level);
      before = piece->text_bytes();
    }
    doc_ = head;
  } else if (targets && expect_kind(*targets, NodeKind::sequence, diags_, "targets")) {
    if (targets->size == 0) diags_.error(targets->mark, tr(Msg::targets_empty));
    read_targets(*targets, -1, top, "", top_level);
  }
  if (diags_.empty()) resolve_ratios(plan_, ratio_keys_, diags_);
  diags_.throw_if_any();
}

void PlanLoader::read_period(const Node* n) {
  if (!n || !expect_kind(*n, NodeKind::map, diags_, "period")) return;
  Fields f(*doc_, *n, diags_, {"start", "end"}, Msg::where_key, "period");
  const Node* s = f.require("start", Msg::hint_period_start);
  const Node* e = f.require("end", Msg::hint_period_end);
  std::optional<Date> start = s ? read_date(*doc_, *s, diags_, "start") : std::nullopt;
  std::optional<Date> end = e ? read_date(*doc_, *e, diags_, "end") : std::nullopt;
  if (!start || !end) return;
  plan_.period_start = *start;
  plan_.period_end = *end;
  period_ok_ = !(*end < *start);
  if (!period_ok_)
    diags_.error(e->mark, tr(Msg::period_backwards, fmt::arg("end", format_date(*end)),
                             fmt::arg("start", format_date(*start))));
}

void PlanLoader::read_thresholds(const Node& n, Thresholds& t) {
  if (!expect_kind(n, NodeKind::map, diags_, "thresholds")) return;
  Fields f(*doc_, n, diags_, {"warn", "fail"}, Msg::where_key, "thresholds");
  bool ok = true;  // a value that could not be read is not compared (one message, not two)
  if (const Node* w = f.get("warn")) {
    auto r = read_ratio(*doc_, *w, diags_, "warn");
    if (r) t.warn = *r;
    ok = ok && r;
  }
  if (const Node* x = f.get("fail")) {
    auto r = read_ratio(*doc_, *x, diags_, "fail");
    if (r) t.fail = *r;
    ok = ok && r;
  }
  if (ok && t.fail > t.warn)
    diags_.error(n.mark, tr(Msg::threshold_order, fmt::arg("fail", format_number(t.fail * 100)),
                            fmt::arg("warn", format_number(t.warn * 100))));
}

// SPEC §3.6: a positive whole number of days.
void PlanLoader::read_stale_after(const Node& n, Thresholds& t) {
  auto num = read_number(*doc_, n, diags_, "stale_after");
  if (!num) return;
  if (num->percent || num->value < 1 || num->value > 1e6 || num->value != std::floor(num->value)) {
    diags_.error(n.mark, tr(Msg::stale_after_days));
    return;
  }
  t.stale_after = static_cast<uint32_t>(num->value);
}

void PlanLoader::read_units(const Node& n) {
  if (!expect_kind(n, NodeKind::map, diags_, "units")) return;
  for (size_t i = 0; i < n.size; ++i) {
    std::string name(doc_->text(doc_->key(n, i)));
    const Node& v = doc_->value(n, i);
    auto text = read_text(*doc_, v, diags_, "units");
    if (!text) continue;
    size_t space = text->find(' ');
    std::string_view factor_text = text->substr(0, space);
    std::string_view other = space == std::string::npos ? "" : text->substr(space + 1);
    while (!other.empty() && other.front() == ' ')
      other.remove_prefix(1);
    std::string error;
    auto factor = parse_number(factor_text, error);
    if (!factor || factor->percent || other.empty()) {
      diags_.error(v.mark, tr(Msg::unit_definition, fmt::arg("unit", escape_text(name))));
      continue;
    }
    if (UnitTable::is_builtin(name)) {
      diags_.error(doc_->key(n, i).mark,
                   tr(Msg::unit_builtin, fmt::arg("unit", escape_text(name))));
      continue;
    }
    std::string problem = plan_.units.add(name, factor->value, std::string(other));
    if (!problem.empty()) diags_.error(v.mark, escape_text(problem));
  }
}

// Reads the items of `seq` and appends their positions to `read`.
void PlanLoader::read_targets(const Node& seq, int parent, const Inherited& inh,
                              std::string_view prefix, std::vector<int>& read) {
  for (size_t i = 0; i < seq.size; ++i) {
    const Node& item = doc_->item(seq, i);
    if (!expect_item_kind(item, NodeKind::map, diags_, "targets")) continue;
    read.push_back(read_target(item, parent, inh, prefix));
  }
}

// Returns the target's position in plan_.targets. One step per group of keys, in the order
// their problems are reported.
int PlanLoader::read_target(const Node& n, int parent, const Inherited& inh,
                            std::string_view prefix) {
  Fields f(*doc_, n, diags_,
           {"id", "name", "unit", "target", "baseline", "start", "due", "schedule", "rollup",
            "owner", "tags", "thresholds", "stale_after", "note", "ratio", "revisions", "children"},
           Msg::where_target);
  // Stored first and filled in place: the deque never moves it, so the index can view its
  // full id.
  int index = static_cast<int>(plan_.targets.size());
  Target& t = plan_.targets.emplace_back();
  LintMarks marks;
  t.mark = n.mark;
  t.bound_mark = n.mark;
  t.parent = parent;
  t.depth = parent < 0 ? 0 : plan_.targets[static_cast<size_t>(parent)].depth + 1;
  marks.id = read_identity(f, t, index, prefix);
  TargetExtras extras;
  const Node* unit = read_labels(f, t, inh, marks, extras);
  read_own_thresholds(f, t, inh);
  read_timing(f, n, t, inh, marks);
  const Node* children = read_kind(f, n, t, unit, extras);
  read_numbers(f, t, index, extras);
  if (!extras.note.empty() || !extras.tags.empty() || !extras.checkpoints.empty() ||
      !extras.revisions.empty())
    t.extras = &plan_.extras.emplace_back(extras);
  if (lint_marks_) plan_.lint_marks.push_back(marks);
  if (children) {
    Inherited next{t.owner, t.thresholds, t.start, t.due};
    std::vector<int> read;
    read.reserve(children->size);
    read_targets(*children, index, next, t.full_id, read);
    t.set_children(plan_.arena.copy(read));
  }
  return index;
}

// `id`: the target's own and full id, entered in the index; returns where the id stands.
Mark PlanLoader::read_identity(Fields& f, Target& t, int index, std::string_view prefix) {
  bool valid = false;
  std::string_view id;
  Mark id_mark;
  if (const Node* x = f.require("id", Msg::hint_id)) {
    if (auto text = read_text(*doc_, *x, diags_, "id")) {
      valid = valid_id(*text);
      if (!valid) diags_.error(x->mark, tr(Msg::bad_id, fmt::arg("id", escape_text(*text))));
      id = *text;
      id_mark = x->mark;
      text_pos_ = text_base_ + x->begin + x->size;
    }
  }
  id_lines_.push_back(id_mark.line);
  // Every target keeps its full id: a long id repeated under each of many children would cost
  // time and memory quadratic in the file (SPEC §6), so the full ids may take at most 4 × the
  // plan's text before them + 16 MiB. Past that the plan fails, and later targets keep their
  // own id only.
  full_id_bytes_ += prefix.empty() ? id.size() : prefix.size() + 1 + id.size();
  if (!full_ids_over_ && full_id_bytes_ > 4 * text_pos_ + (16u << 20)) {
    full_ids_over_ = true;
    diags_.error(id_mark, tr(Msg::full_ids_too_long));
  }
  if (full_ids_over_) {
    valid = false;
    t.full_id = plan_.arena.text(id);
  } else if (prefix.empty()) {
    t.full_id = plan_.arena.text(id);
  } else {
    full_id_.assign(prefix).append(".").append(id);
    t.full_id = plan_.arena.text(full_id_);
  }
  // Only an earlier sibling can have the same full id: ids hold no '.'. An invalid id fails the
  // plan, so it needs no entry.
  if (valid) {
    int first = plan_.add_to_index(index);
    if (first != index)
      diags_.error(id_mark, tr(Msg::duplicate_id, fmt::arg("id", escape_text(id)),
                               fmt::arg("line", id_lines_[static_cast<size_t>(first)])));
  }
  return id_mark;
}

// `name`, `unit`, `owner`, `note` and `tags`; returns the `unit` node, or nullptr.
const Node* PlanLoader::read_labels(Fields& f, Target& t, const Inherited& inh, LintMarks& marks,
                                    TargetExtras& extras) {
  if (const Node* x = f.require("name", Msg::hint_name)) {
    marks.name = x->mark;
    if (auto text = read_text(*doc_, *x, diags_, "name")) t.name = plan_.arena.text(*text);
  }
  const Node* unit = f.get("unit");
  if (unit) {
    marks.unit = unit->mark;
    if (auto text = read_text(*doc_, *unit, diags_, "unit"))
      t.unit = Name(plan_.arena.intern_ref(*text));
  }
  if (const Node* x = f.get("owner")) {
    if (auto text = read_text(*doc_, *x, diags_, "owner"))
      t.owner = Name(plan_.arena.intern_ref(*text));
  } else {
    t.owner = inh.owner;
  }
  if (const Node* x = f.get("note"))
    if (auto text = read_text(*doc_, *x, diags_, "note")) extras.note = plan_.arena.text(*text);
  if (const Node* x = f.get("tags")) read_tags(*x, extras);
  return unit;
}

// `thresholds` and `stale_after`, over the inherited ones.
void PlanLoader::read_own_thresholds(Fields& f, Target& t, const Inherited& inh) {
  t.thresholds = inh.thresholds;
  const Node* own_thresholds = f.get("thresholds");
  const Node* own_stale = f.get("stale_after");
  if (own_thresholds || own_stale) {
    Thresholds own = *inh.thresholds;
    if (own_thresholds) read_thresholds(*own_thresholds, own);
    if (own_stale) read_stale_after(*own_stale, own);
    t.thresholds = &plan_.threshold_sets.emplace_back(own);
  }
}

// `start` and `due`, over the inherited ones.
void PlanLoader::read_timing(Fields& f, const Node& n, Target& t, const Inherited& inh,
                             LintMarks& marks) {
  t.start = inh.start;
  t.due = inh.due;
  const Node* start = f.get("start");
  const Node* due = f.get("due");
  if (start) marks.start = start->mark;
  if (due) marks.due = due->mark;
  if (start)
    if (auto d = read_date(*doc_, *start, diags_, "start")) t.start = *d;
  if (due)
    if (auto d = read_date(*doc_, *due, diags_, "due")) t.due = *d;
  if (t.due < t.start && period_ok_)
    diags_.error((due     ? due
                  : start ? start
                          : &n)
                     ->mark,
                 tr(Msg::due_before_start, fmt::arg("due", format_date(t.due)),
                    fmt::arg("start", format_date(t.start))));
}

// `target`, `children` and `baseline`: what kind of target it is, and the keys that kind
// forbids; returns the `children` sequence to read, or nullptr.
const Node* PlanLoader::read_kind(Fields& f, const Node& n, Target& t, const Node* unit,
                                  TargetExtras& extras) {
  const Node* children = f.get("children");
  const Node* target = f.get("target");
  const Node* baseline = f.get("baseline");
  if (children && !expect_kind(*children, NodeKind::sequence, diags_, "children"))
    children = nullptr;
  if (children && children->size == 0) {
    diags_.error(children->mark, tr(Msg::children_empty));
    children = nullptr;
  }
  if (target) {
    t.bound_mark = target->mark;
    read_bound(*target, t);
  } else if (children) {
    t.kind = Kind::group;
    for (const char* key : {"unit", "baseline", "schedule", "rollup"})
      if (const Node* x = f.get(key))
        diags_.error(x->mark, tr(Msg::group_has_no_numbers, fmt::arg("key", key)));
  } else if (!f.suggested("target") && !f.suggested("children")) {
    diags_.error(n.mark, tr(Msg::target_needs_bound));
  }
  if (baseline && t.kind != Kind::group) {
    if (t.kind == Kind::milestone)
      diags_.error(baseline->mark, tr(Msg::milestone_no_baseline));
    else if (auto b = read_value(*baseline, t, "baseline"))
      t.baseline = b;
  }
  if (t.numeric() && !unit)
    diags_.error(n.mark, tr(Msg::target_needs_unit, fmt::arg("id", escape_text(t.full_id))));
  if (t.kind == Kind::milestone && unit) diags_.error(unit->mark, tr(Msg::milestone_no_unit));
  if (target) finish_bound(*target, t);
  if (const Node* x = f.get("revisions")) read_revisions(*x, t, extras);
  return children;
}

// `rollup`, `schedule` and `ratio`.
void PlanLoader::read_numbers(Fields& f, Target& t, int index, TargetExtras& extras) {
  t.rollup = t.unit == "%" ? Rollup::none : Rollup::sum;
  if (const Node* x = f.get("rollup")) read_rollup(*x, t);
  if (t.numeric())
    read_schedule(f.get("schedule"), t, extras);
  else if (const Node* x = f.get("schedule"); x && t.kind == Kind::milestone)
    diags_.error(x->mark, tr(Msg::milestone_no_schedule));
  if (const Node* x = f.get("ratio")) read_ratio_key(*x, index, f.get("rollup"));
}

// ratio: {numerator: ID, denominator: ID} (SPEC §10.1); the ids are resolved once every
// target is read, as they may name targets further down.
void PlanLoader::read_ratio_key(const Node& n, int index, const Node* rollup) {
  const Target& t = plan_.targets[static_cast<size_t>(index)];
  if (!expect_kind(n, NodeKind::map, diags_, "ratio")) return;
  Fields f(*doc_, n, diags_, {"numerator", "denominator"}, Msg::where_key, "ratio");
  const Node* num = f.require("numerator", Msg::hint_numerator);
  const Node* den = f.require("denominator", Msg::hint_denominator);
  if (!t.numeric() || t.unit != "%") {
    diags_.error(n.mark, tr(Msg::ratio_needs_percent));
    return;
  }
  if (rollup) diags_.error(rollup->mark, tr(Msg::ratio_no_rollup));
  RatioKey p{index, {}, {}, n.mark, {}, {}};
  if (num)
    if (auto text = read_text(*doc_, *num, diags_, "numerator")) {
      p.numerator = plan_.arena.text(*text);
      p.numerator_mark = num->mark;
    }
  if (den)
    if (auto text = read_text(*doc_, *den, diags_, "denominator")) {
      p.denominator = plan_.arena.text(*text);
      p.denominator_mark = den->mark;
    }
  if (p.numerator_mark.line && p.denominator_mark.line) ratio_keys_.push_back(p);
}

void PlanLoader::read_tags(const Node& n, TargetExtras& extras) {
  std::vector<std::string_view> tags;
  if (n.kind == NodeKind::scalar) {
    tags.push_back(plan_.arena.intern(doc_->text(n)));
  } else if (expect_kind(n, NodeKind::sequence, diags_, "tags")) {
    for (size_t i = 0; i < n.size; ++i)
      if (auto text = read_text(*doc_, doc_->item(n, i), diags_, "tags"))
        tags.push_back(plan_.arena.intern(*text));
  }
  extras.tags = plan_.arena.copy(tags);
}

void PlanLoader::read_rollup(const Node& n, Target& t) {
  auto text = read_text(*doc_, n, diags_, "rollup");
  if (!text) return;
  static const std::pair<const char*, Rollup> k_rollups[] = {{"sum", Rollup::sum},
                                                             {"none", Rollup::none},
                                                             {"min", Rollup::min},
                                                             {"max", Rollup::max},
                                                             {"mean", Rollup::mean}};
  for (auto& [name, r] : k_rollups)
    if (*text == name) {
      t.rollup = r;
      return;
    }
  std::string hint = closest_match(*text, {"sum", "none", "min", "max", "mean"});
  diags_.error(
      n.mark,
      tr(Msg::unknown_rollup, fmt::arg("rollup", escape_text(*text)),
         fmt::arg("hint", hint.empty() ? std::string()
                                       : tr(Msg::colon_did_you_mean, fmt::arg("hint", hint)))));
}

Plan load_plan(const Document& doc, bool lint_marks) {
  Plan plan;
  plan.file = doc.file();
  PlanLoader(doc, plan, nullptr, lint_marks).load();
  return plan;
}

Plan load_plan(const Document& head, const NextPiece& pieces, bool lint_marks) {
  Plan plan;
  plan.file = head.file();
  PlanLoader(head, plan, &pieces, lint_marks).load();
  return plan;
}

}  // namespace plantrack
