#include "template.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

bool is_line_separator(char32_t c) {
  return c == 0x2028 || c == 0x2029 || c == 0xFEFF;
}

// Words YAML 1.1 or 1.2 readers turn into something other than text.
bool special_word(std::string_view s) {
  static constexpr std::array<std::string_view, 22> k_words = {
      "~",   "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes",
      "Yes", "YES",  "no",   "No",   "NO",   "on",   "On",   "ON",    "off",   "Off",   "OFF"};
  return std::find(k_words.begin(), k_words.end(), s) != k_words.end() || s == "y" || s == "Y" ||
         s == "n" || s == "N";
}

bool plain_is_safe(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':' || special_word(s))
    return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`.+0123456789").find(s.front()) !=
      std::string_view::npos)
    return false;  // indicators, and anything a reader could take for a number
  if (s.find_first_of(":#") != std::string_view::npos) return false;
  for (size_t i = 0; i < s.size();) {
    size_t len = utf8_length(s, i);
    if (len == 0) return false;
    size_t j = i;
    char32_t c = decode_utf8(s, j);
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || is_line_separator(c) || c == ',' ||
        c == '[' || c == ']' || c == '{' || c == '}')
      return false;
    i += len;
  }
  return true;
}

std::string amount(double v, std::string_view unit) {
  std::string n = format_readable(v, 4);
  if (unit.empty()) return n;
  if (unit == "%") return n + "%";
  return n + " " + comment_text(unit);
}

// "424 户", "at most 50 万人", "3 to 5 个", "milestone", with the baseline when there is one.
// The bound is the one in force at `as_of`, "(revised on DATE)" when a revision is (SPEC §7.4).
std::string bound_description(const Target& t, Date as_of) {
  std::string s;
  Bounds b = t.bounds_at(as_of);
  switch (t.kind) {
    case Kind::min:
      s = amount(*b.min, t.unit);
      break;
    case Kind::max:
      s = tr(Msg::bound_at_most, fmt::arg("amount", amount(*b.max, t.unit)));
      break;
    case Kind::range:
      s = tr(Msg::bound_range, fmt::arg("min", format_readable(*b.min, 4)),
             fmt::arg("max", amount(*b.max, t.unit)));
      break;
    case Kind::milestone:
      return tr(Msg::bound_milestone);
    case Kind::group:
      return tr(Msg::bound_group);
  }
  if (b.revision) s += tr(Msg::bound_revised, fmt::arg("date", format_date(b.revision->date)));
  if (t.baseline) s += tr(Msg::bound_baseline, fmt::arg("amount", amount(*t.baseline, t.unit)));
  if (t.schedule == ScheduleKind::always) s += tr(Msg::bound_always);
  return s;
}

class TemplateWriter {
 public:
  TemplateWriter(const Plan& plan, const TemplateOptions& o, std::ostream& out)
      : plan_(plan), o_(o), out_(out) {}

  void write() {
    bool map = o_.form == TemplateForm::map;
    if (!o_.schema.empty())
      out_ << "# yaml-language-server: $schema=" << comment_text(o_.schema) << '\n';
    out_ << tr(Msg::template_title, fmt::arg("title", comment_text(plan_.title)),
               fmt::arg("plan", comment_text(o_.plan_path)))
         << '\n';
    out_ << tr(map ? Msg::template_help_map : Msg::template_help_list) << '\n';
    out_ << tr(Msg::template_check) << '\n';
    out_ << "plantrack: 1\n";
    if (map) out_ << "as_of: " << format_date(o_.as_of) << '\n';
    if (o_.by.empty())
      out_ << tr(Msg::template_reported_by) << '\n';
    else
      out_ << "reported_by: " << yaml_scalar(o_.by) << '\n';
    out_ << "actuals:\n";
    for (const Target& t : plan_.targets) {
      if (t.depth == 0 && &t != &plan_.targets.front()) out_ << '\n';
      if (reported_directly(plan_, t))
        write_entry(t, map);
      else
        write_heading(t);
    }
  }

 private:
  void write_heading(const Target& t) {
    std::string what =
        t.kind == Kind::group ? std::string()
        : t.ratio()
            ? fmt::format(", {}: {}", bound_description(t, o_.as_of), ratio_description(t))
            : tr(Msg::template_from_children, fmt::arg("bound", bound_description(t, o_.as_of)),
                 fmt::arg("rollup", rollup_name(t.rollup)));
    out_ << fmt::format("  # ── {}: {}{}\n", comment_text(t.full_id), comment_text(t.name), what);
  }

  // "the ratio of credit.recovered over credit.due" / "the ratio of its children's parts".
  std::string ratio_description(const Target& t) const {
    const Ratio& r = *t.ratio();
    if (r.parent) return tr(Msg::template_ratio_parent);
    return tr(Msg::template_ratio,
              fmt::arg("numerator",
                       comment_text(plan_.targets[static_cast<size_t>(r.numerator)].full_id)),
              fmt::arg("denominator",
                       comment_text(plan_.targets[static_cast<size_t>(r.denominator)].full_id)));
  }

  void write_entry(const Target& t, bool map) {
    std::string line =
        tr(Msg::template_entry, fmt::arg("name", comment_text(t.name)),
           fmt::arg("bound", bound_description(t, o_.as_of)), fmt::arg("due", format_date(t.due)));
    if (!t.owner.empty() && t.owner != plan_.owner)
      line += tr(Msg::template_owner, fmt::arg("owner", comment_text(t.owner)));
    out_ << line << '\n';
    bool milestone = t.kind == Kind::milestone;
    if (map)
      out_ << "  " << yaml_scalar(t.full_id) << (milestone ? ": {done: }\n" : ":\n");
    else
      out_ << fmt::format("  - {{id: {}, date: {}, {}: }}\n", yaml_scalar(t.full_id),
                          format_date(o_.as_of), milestone ? "done" : "value");
  }

  const Plan& plan_;
  const TemplateOptions& o_;
  std::ostream& out_;
};

}  // namespace

bool reported_directly(const Plan& plan, const Target& t) {
  if (t.kind == Kind::group || t.ratio()) return false;  // a ratio is computed from its parts
  if (t.children().empty() || t.kind == Kind::milestone || t.rollup == Rollup::none) return true;
  for (int c : t.children()) {
    const Target& ct = plan.targets[static_cast<size_t>(c)];
    if (ct.numeric() && plan.units.convertible(ct.unit, t.unit)) return false;
  }
  return true;
}

Date default_template_date(const Plan& plan, Date today) {
  return std::clamp(today, plan.period_start, std::max(plan.period_start, plan.period_end));
}

std::string yaml_scalar(std::string_view s) {
  if (plain_is_safe(s)) return std::string(s);
  // escape_text's escapes (\n, \t, \r, \xNN, \uNNNN) are YAML's double-quoted escapes too: only
  // `"`, `\` and bytes that are not UTF-8 need more.
  std::string out = "\"";
  size_t run = 0;  // start of the text not yet written
  for (size_t i = 0; i < s.size();) {
    size_t len = utf8_length(s, i);
    if (len != 0 && s[i] != '"' && s[i] != '\\') {
      i += len;
      continue;
    }
    out += escape_text(s.substr(run, i - run));
    if (len == 0) {
      out += "\\uFFFD";  // not UTF-8: callers check first; never emit a broken file
    } else {
      out += '\\';
      out += s[i];
    }
    i += len == 0 ? 1 : len;
    run = i;
  }
  return out + escape_text(s.substr(run)) + "\"";
}

std::string comment_text(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t len = utf8_length(s, i);
    if (len == 0) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[i]));
      ++i;
      continue;
    }
    size_t j = i;
    char32_t c = decode_utf8(s, j);
    if (is_line_separator(c))
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
    else
      out += escape_text(s.substr(i, len));
    i += len;
  }
  return out;
}

void write_template(const Plan& plan, const TemplateOptions& options, std::ostream& out) {
  TemplateWriter(plan, options, out).write();
}

}  // namespace plantrack
