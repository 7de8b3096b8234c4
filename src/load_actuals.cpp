#include "load_actuals.hpp"

#include <fmt/format.h>

#include "fields.hpp"
#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

class ActualsLoader {
 public:
  ActualsLoader(const Document& doc, Actuals& out)
      : doc_(doc), out_(out), diags_(doc.file()), file_index_(static_cast<int>(out.files.size())) {}

  void load(std::optional<Date> cli_as_of) {
    const Node& root = doc_.root();
    if (root.kind != NodeKind::map) {
      diags_.error(root.mark, root.kind == NodeKind::null ? tr(Msg::actuals_empty)
                                                          : tr(Msg::actuals_not_mapping));
      diags_.throw_if_any();
    }
    Fields f(doc_, root, diags_, {"plantrack", "as_of", "reported_by", "actuals"},
             Msg::where_actuals_file);
    check_version(doc_, f, diags_);
    ActualsFile file{doc_.file(), std::nullopt, "", ""};
    if (const Node* n = f.get("as_of")) file.as_of = read_date(doc_, *n, diags_, "as_of");
    if (const Node* n = f.get("reported_by"))
      if (auto t = read_text(doc_, *n, diags_, "reported_by")) file.reported_by = *t;
    const Node* list = f.require("actuals", Msg::hint_actuals);
    if (list && list->kind == NodeKind::map) {
      std::optional<Date> date = file.as_of ? file.as_of : cli_as_of;
      if (!date && !f.get("as_of")) diags_.error(root.mark, tr(Msg::map_needs_as_of));
      for (size_t i = 0; i < list->size; ++i)
        read_entry(doc_.key(*list, i), doc_.value(*list, i), date, file.reported_by, true);
    } else if (list && list->kind == NodeKind::sequence) {
      for (size_t i = 0; i < list->size; ++i) {
        const Node& item = doc_.item(*list, i);
        if (item.kind == NodeKind::null) continue;
        if (!expect_item_kind(item, NodeKind::map, diags_, "actuals")) continue;
        read_entry(item, item, std::nullopt, file.reported_by, false);
      }
    } else if (list && list->kind != NodeKind::null) {
      diags_.error(list->mark, tr(Msg::actuals_kind, fmt::arg("got", node_kind_name(list->kind))));
    }
    diags_.throw_if_any();
    out_.files.push_back(std::move(file));
  }

 private:
  // Map form: `key` is the id and `body` its value; list form: both are the entry mapping.
  void read_entry(const Node& key, const Node& body, std::optional<Date> date,
                  std::string_view reported_by, bool map_form) {
    Entry e;
    e.file = file_index_;
    e.mark = key.mark;
    std::string_view unit, reporter = reported_by;  // views of the document until kept
    if (map_form) {
      e.id = doc_.text(key);
      if (body.kind != NodeKind::map) return read_map_value(body, e, date, unit, reporter);
    }
    Fields f(doc_, body, diags_,
             {"id", "date", "value", "add", "done", "unit", "note", "source", "by"},
             Msg::where_entry);
    if (!read_entry_id_date(f, e, date, map_form)) return;
    const Node* value = f.get("value");
    const Node* add = f.get("add");
    const Node* done = f.get("done");
    if (!one_kind(f, body, value, add, done)) return;
    if (const Node* u = f.get("unit"))
      if (auto t = read_text(doc_, *u, diags_, "unit")) unit = *t;
    if (const Node* b = f.get("by"))
      if (auto t = read_text(doc_, *b, diags_, "by")) reporter = *t;
    std::string_view texts[2];  // note, source
    for (int k = 0; k < 2; ++k) {
      const char* key_name = k == 0 ? "note" : "source";
      if (const Node* x = f.get(key_name))
        if (auto t = read_text(doc_, *x, diags_, key_name)) texts[k] = *t;
    }
    const Node& v = value ? *value : add ? *add : *done;
    if (v.kind == NodeKind::null) return;  // not reported yet
    if (done) {
      e.kind = EntryKind::done;
      if (!read_done(v, e, date)) return;
    } else {
      e.kind = value ? EntryKind::value : EntryKind::add;
      if (!read_amount(v, e, value ? "value" : "add")) return;
      if (std::string m = percent_unit_error(e, doc_.text(v), unit); !m.empty()) {
        diags_.error(v.mark, m);
        return;
      }
    }
    if (!date) return;
    e.date = *date;
    keep(e, unit, reporter);
    if (!texts[0].empty() || !texts[1].empty())
      out_.notes.push_back({static_cast<uint32_t>(out_.entries.size() - 1),
                            out_.arena.text(texts[0]), out_.arena.text(texts[1])});
  }

  // Map form, a value that is not a mapping: nothing (not reported yet), a number, or an error.
  void read_map_value(const Node& body, Entry& e, std::optional<Date> date, std::string_view unit,
                      std::string_view reporter) {
    if (body.kind == NodeKind::null) return;  // not reported yet
    if (body.kind == NodeKind::scalar) {
      if (!read_amount(body, e, "value")) return;
      e.kind = EntryKind::value;
      if (!date) return;
      e.date = *date;
      keep(e, unit, reporter);
      return;
    }
    diags_.error(body.mark, tr(Msg::entry_body, fmt::arg("id", escape_text(e.id)),
                               fmt::arg("got", node_kind_name(body.kind))));
  }

  // `id` and `date`: the list form's, required; the map form has neither (the key is the id,
  // the date the file's). False when the entry cannot be read further.
  bool read_entry_id_date(Fields& f, Entry& e, std::optional<Date>& date, bool map_form) {
    if (map_form) {
      if (const Node* x = f.get("date")) diags_.error(x->mark, tr(Msg::map_entry_date));
      if (const Node* x = f.get("id")) diags_.error(x->mark, tr(Msg::map_entry_id));
      return true;
    }
    const Node* id = f.require("id", Msg::hint_entry_id);
    const Node* d = f.require("date", Msg::hint_entry_date);
    if (id)
      if (auto t = read_text(doc_, *id, diags_, "id")) e.id = *t;
    if (d) date = read_date(doc_, *d, diags_, "date");
    return id && d;
  }

  // Exactly one of `value`, `add` and `done`; reports it when not.
  bool one_kind(const Fields& f, const Node& body, const Node* value, const Node* add,
                const Node* done) {
    int kinds = (value != nullptr) + (add != nullptr) + (done != nullptr);
    if (kinds == 1) return true;
    // A misspelt `vlaue` was reported already, with `value` as its suggestion.
    bool misspelt = f.suggested("value") || f.suggested("add") || f.suggested("done");
    if (kinds > 1 || !misspelt)
      diags_.error(body.mark, kinds == 0 ? tr(Msg::entry_needs_kind) : tr(Msg::entry_one_kind));
    return false;
  }

  // Stores `e`, its id (a view of the document until now) copied into the arena.
  void keep(Entry& e, std::string_view unit, std::string_view reporter) {
    e.id = out_.arena.text(e.id);
    e.unit = out_.intern(unit);
    e.reporter = out_.intern(reporter);
    out_.entries.push_back(e);
  }

  bool read_amount(const Node& n, Entry& e, std::string_view field) {
    auto num = read_number(doc_, n, diags_, field);
    if (!num) return false;
    e.amount = num->value;
    e.percent = num->percent;
    return true;
  }

  bool read_done(const Node& n, Entry& e, std::optional<Date> date) {
    auto text = read_text(doc_, n, diags_, "done");
    if (!text) return false;
    if (!n.quoted ? parse_done(*text, date, e) : parse_done_date(*text, e)) return true;
    diags_.error(n.mark, done_error(*text));
    return false;
  }

  const Document& doc_;
  Actuals& out_;
  Diagnostics diags_;
  int file_index_;
};

}  // namespace

bool parse_done_date(std::string_view text, Entry& e) {
  auto d = parse_iso_date(text);
  if (!d) return false;
  e.done = true;
  e.set_done_on(d);
  return true;
}

bool parse_done(std::string_view text, std::optional<Date> date, Entry& e) {
  if (text == "true" || text == "True" || text == "yes") {
    e.done = true;
    e.set_done_on(date);
    return true;
  }
  if (text == "false" || text == "False" || text == "no") {
    e.done = false;
    return true;
  }
  return parse_done_date(text, e);
}

std::string done_error(std::string_view text) {
  return tr(Msg::done_value, fmt::arg("text", escape_text(text)));
}

std::string percent_unit_error(const Entry& e, std::string_view text, std::string_view unit) {
  if (!e.percent || unit.empty() || unit == "%") return "";
  return tr(Msg::percent_entry_unit, fmt::arg("text", escape_text(text)),
            fmt::arg("unit", escape_text(unit)));
}

void load_actuals(const Document& doc, std::optional<Date> cli_as_of, Actuals& out) {
  ActualsLoader(doc, out).load(cli_as_of);
}

void append_actuals(Actuals& into, Actuals&& from, const Plan* plan) {
  int offset = static_cast<int>(into.files.size());
  for (ActualsFile& f : from.files)
    into.files.push_back(std::move(f));
  auto first_entry = static_cast<uint32_t>(into.entries.size());
  for (const EntryNote& n : from.notes)
    into.notes.push_back(
        {n.entry + first_entry, into.arena.text(n.note), into.arena.text(n.source)});
  std::vector<uint32_t> name_in_into;  // from's names index -> into's
  for (std::string_view name : from.names)
    name_in_into.push_back(into.intern(name));
  for (Entry& e : from.entries) {
    e.file += offset;
    int t = plan ? plan->find(e.id) : -1;
    e.id = t >= 0 ? plan->targets[static_cast<size_t>(t)].full_id : into.arena.text(e.id);
    e.unit = name_in_into[e.unit];
    e.reporter = name_in_into[e.reporter];
    into.entries.push_back(e);
  }
  from = Actuals();
}

}  // namespace plantrack
