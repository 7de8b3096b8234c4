// `diff` output: one row per change (SPEC §7.3) in table, markdown, json and github form.

#include <cmath>

#include <fmt/format.h>

#include "quantity.hpp"
#include "render.hpp"
#include "render_common.hpp"
#include "render_json.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

// "added" / 新增 for the three structural rows; a target field keeps its YAML key.
std::string field_label(const PlanChange& c, Lang lang) {
  if (c.field == "added") return word(Word::added, lang);
  if (c.field == "removed") return word(Word::removed, lang);
  if (c.field == "parent") return tr_in(lang, Msg::diff_parent_moved);
  return c.field;
}

std::string id_label(const PlanChange& c, Lang lang) {
  return c.id.empty() ? tr_in(lang, Msg::diff_plan_row) : c.id;
}

std::string value_label(const PlanChange& c, const std::optional<std::string>& v, Lang lang) {
  if (!v) return c.field == "parent" ? tr_in(lang, Msg::diff_top_level) : "-";
  if (c.numeric) return format_readable(std::stod(*v), 4);
  return *v;
}

std::string relative_text(const PlanChange& c) {
  if (!c.relative) return "";
  double tenths = std::round(*c.relative * 1000) / 10;
  std::string s = format_readable(tenths, 1) + "%";
  return tenths > 0 ? "+" + s : s;
}

// "4 changes: 1 added, 1 removed, 1 moved, 1 lowered" / "共4处变更：新增1项，…"
std::string summary_of(const DiffView& d, Lang lang) {
  if (d.changes.empty()) return word(Word::no_changes, lang);
  int added = 0, removed = 0, moved = 0, lowered = 0;
  for (const PlanChange& c : d.changes) {
    added += c.field == "added";
    removed += c.field == "removed";
    moved += c.field == "parent";
    lowered += c.lowered;
  }
  std::vector<std::string> parts;
  auto part = [&](int n, Word w) {
    if (!n) return;
    parts.push_back(
        tr_in(lang, Msg::diff_count_part, fmt::arg("n", n), fmt::arg("what", word(w, lang))));
  };
  part(added, Word::added);
  part(removed, Word::removed);
  part(moved, Word::moved);
  part(lowered, Word::lowered);
  size_t n = d.changes.size();
  std::string list =
      parts.empty()
          ? std::string()
          : tr_in(lang, Msg::diff_parts,
                  fmt::arg(
                      "list",
                      fmt::format(
                          "{}", fmt::join(parts, message_text(Msg::diff_parts_separator, lang)))));
  return tr_in(lang, one_or_many(n, Msg::diff_change, Msg::diff_changes), fmt::arg("n", n),
               fmt::arg("parts", list));
}

std::string heading(const DiffView& d, Lang lang) {
  return tr_in(lang, Msg::diff_heading, fmt::arg("old", escape_text(d.old_file)),
               fmt::arg("new", escape_text(d.new_file)));
}

struct Cells {
  std::string id, field, old_value, new_value, change, marker;
};

Cells cells_of(const PlanChange& c, Lang lang) {
  return {escape_text(id_label(c, lang)),
          field_label(c, lang),
          escape_text(value_label(c, c.old_value, lang)),
          escape_text(value_label(c, c.new_value, lang)),
          relative_text(c),
          c.lowered ? word(Word::lowered, lang) : ""};
}

void render_diff_table(const DiffView& d, Lang lang, std::ostream& out) {
  std::string buf = heading(d, lang) + "\n\n";
  if (!d.changes.empty()) {
    std::vector<Cells> rows = {{header_word(Word::id, lang), header_word(Word::field, lang),
                                header_word(Word::old_value, lang),
                                header_word(Word::new_value, lang), header_word(Word::change, lang),
                                ""}};
    for (const PlanChange& c : d.changes)
      rows.push_back(cells_of(c, lang));
    size_t w[5] = {};
    for (const Cells& r : rows) {
      const std::string* cs[5] = {&r.id, &r.field, &r.old_value, &r.new_value, &r.change};
      for (int i = 0; i < 5; ++i)
        w[i] = std::max(w[i], std::min<size_t>(display_width(*cs[i]), 40));
    }
    for (const Cells& r : rows) {
      std::string line = pad_right(r.id, w[0]) + "  " + pad_right(r.field, w[1]) + "  " +
                         pad_right(truncate_to_width(r.old_value, 40), w[2]) + "  " +
                         pad_right(truncate_to_width(r.new_value, 40), w[3]) + "  " +
                         pad_left(r.change, w[4]) + "  " + r.marker;
      while (!line.empty() && line.back() == ' ')
        line.pop_back();
      buf += line + "\n";
    }
    buf += "\n";
  }
  buf += summary_of(d, lang) + "\n";
  out << buf;
}

void render_diff_markdown(const DiffView& d, Lang lang, std::ostream& out) {
  std::string summary = summary_of(d, lang);
  if (!d.changes.empty()) summary += message_text(Msg::summary_end, lang);
  std::string buf =
      fmt::format("# {}\n\n{}\n", markdown_escape(heading(d, lang)), markdown_escape(summary));
  if (!d.changes.empty()) {
    buf += fmt::format("\n| {} | {} | {} | {} | {} | |\n|---|---|---|---|--:|---|\n",
                       word(Word::id, lang), word(Word::field, lang), word(Word::old_value, lang),
                       word(Word::new_value, lang), word(Word::change, lang));
    for (const PlanChange& c : d.changes) {
      Cells x = cells_of(c, lang);
      std::string id = c.id.empty() ? markdown_escape(id_label(c, lang)) : "`" + c.id + "`";
      buf += fmt::format("| {} | {} | {} | {} | {} | {} |\n", id, markdown_escape(x.field),
                         markdown_escape(value_label(c, c.old_value, lang)),
                         markdown_escape(value_label(c, c.new_value, lang)), x.change,
                         c.lowered ? "**" + x.marker + "**" : "");
    }
  }
  out << buf;
}

void render_diff_json(const DiffView& d, std::ostream& out) {
  std::string buf = fmt::format(
      "{{\n  \"plantrack\": 1,\n  \"old_plan\": {},\n  \"new_plan\": {},\n  "
      "\"changes\": [",
      json_string(d.old_file), json_string(d.new_file));
  auto value = [](const PlanChange& c, const std::optional<std::string>& v) {
    if (!v) return std::string("null");
    return c.numeric ? *v : json_string(*v);
  };
  for (size_t i = 0; i < d.changes.size(); ++i) {
    const PlanChange& c = d.changes[i];
    buf += fmt::format(
        "{}\n    {{\"id\": {}, \"field\": \"{}\", \"old\": {}, \"new\": {}, \"relative\": {}, "
        "\"lowered\": {},\n     \"file\": {}, \"line\": {}, \"column\": {}}}",
        i ? "," : "", c.id.empty() ? std::string("null") : json_string(c.id), c.field,
        value(c, c.old_value), value(c, c.new_value),
        c.relative ? format_number(*c.relative == 0 ? 0 : *c.relative) : "null",
        c.lowered ? "true" : "false", json_string(c.file), c.mark.line, c.mark.column);
  }
  buf += d.changes.empty() ? "]\n}\n" : "\n  ]\n}\n";
  out << buf;
}

void render_diff_github(const DiffView& d, Lang lang, std::ostream& out) {
  std::string buf;
  for (const PlanChange& c : d.changes) {
    std::string title = fmt::format(
        "{}: {}", c.lowered ? word(Word::lowered, lang) : field_label(c, lang), id_label(c, lang));
    std::string message =
        c.field == "added" || c.field == "removed"
            ? tr_in(lang, Msg::diff_field_value, fmt::arg("field", field_label(c, lang)),
                    fmt::arg("value",
                             value_label(c, c.field == "added" ? c.new_value : c.old_value, lang)))
            : fmt::format("{} {} → {}", field_label(c, lang), value_label(c, c.old_value, lang),
                          value_label(c, c.new_value, lang));
    if (c.relative)
      message += tr_in(lang, Msg::diff_relative, fmt::arg("change", relative_text(c)));
    buf += fmt::format("::{} file={},line={},col={},title={}::{}\n",
                       c.lowered ? "warning" : "notice", github_property(c.file), c.mark.line,
                       c.mark.column, github_property(title), github_data(message));
  }
  buf += fmt::format(
      "::notice title={}::{}\n", github_property("plantrack diff"),
      github_data(heading(d, lang) + std::string(message_text(Msg::clause_separator, lang)) +
                  summary_of(d, lang)));
  out << buf;
}

}  // namespace

void render_diff(const DiffView& diff, const RenderOptions& options, std::ostream& out) {
  switch (options.format) {
    case Format::markdown:
      render_diff_markdown(diff, options.lang, out);
      return;
    case Format::json:
      render_diff_json(diff, out);
      return;
    case Format::github:
      render_diff_github(diff, options.lang, out);
      return;
    default:
      render_diff_table(diff, options.lang, out);
      return;
  }
}

}  // namespace plantrack
