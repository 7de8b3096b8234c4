#include "render_json.hpp"

#include <iterator>

#include <cmath>

#include <fmt/format.h>

#include "parallel.hpp"
#include "quantity.hpp"
#include "render.hpp"

namespace plantrack {

namespace {

// Appends `s` as a JSON string. The rows of a national plan are millions of these: everything
// here appends to one buffer rather than building strings.
void put_string(std::string& out, std::string_view s) {
  out += '"';
  size_t plain = 0;  // start of the run of characters copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    const char* escape = nullptr;
    switch (c) {
      case '"':
        escape = "\\\"";
        break;
      case '\\':
        escape = "\\\\";
        break;
      case '\n':
        escape = "\\n";
        break;
      case '\t':
        escape = "\\t";
        break;
      case '\r':
        escape = "\\r";
        break;
      default:
        if (c >= 0x20 && c != 0x7F) continue;
    }
    out.append(s, plain, i - plain);
    plain = i + 1;
    if (escape)
      out += escape;
    else
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
  }
  out.append(s, plain, std::string_view::npos);
  out += '"';
}

void put_text_or_null(std::string& out, std::string_view s) {
  if (s.empty())
    out += "null";
  else
    put_string(out, s);
}

void put_num(std::string& out, const std::optional<double>& v) {
  if (!v || !std::isfinite(*v)) {  // JSON has no inf or nan
    out += "null";
    return;
  }
  append_number(out, *v);  // no "-0", no arithmetic noise
}

template <typename Items, typename F>
void put_list(std::string& out, const Items& items, F put) {
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ", ";
    put(item);
    first = false;
  }
  out += ']';
}

// A ratio row's parts: ", "ratio": {...}" (ids null on a ratio parent).
void put_ratio(std::string& buf, const Report& report, const TargetResult& r) {
  const Ratio* q = r.target->ratio();
  const RatioResult* result = report.ratio_of(r);
  if (!q || !result) return;
  auto id = [&](int i) {
    if (i < 0)
      buf += "null";
    else
      put_string(buf, report.plan->targets[static_cast<size_t>(i)].full_id);
  };
  buf += ",\n     \"ratio\": {\"numerator\": ";
  id(q->numerator);
  buf += ", \"denominator\": ";
  id(q->denominator);
  buf += ", \"numerator_actual\": ";
  put_num(buf, result->numerator);
  buf += ", \"denominator_actual\": ";
  put_num(buf, result->denominator);
  buf += ", \"unit\": ";
  put_text_or_null(buf, result->unit);
  buf += '}';
}

void put_date_or_null(std::string& buf, const std::optional<Date>& d) {
  if (d)
    fmt::format_to(std::back_inserter(buf), "\"{}\"", format_date(*d));
  else
    buf += "null";
}

// A row's "id" to "variance" (and the original bounds when a revision is in force).
void put_numbers(std::string& buf, const Report& report, const TargetResult& r) {
  const Target& t = *r.target;
  buf += "{\"id\": ";
  put_string(buf, t.full_id);
  buf += ", \"name\": ";
  put_string(buf, t.name);
  buf += ", \"unit\": ";
  put_text_or_null(buf, t.unit);
  buf += ", \"kind\": \"";
  buf += kind_name(t.kind);
  const Bounds bounds = t.bounds_at(report.as_of);
  const std::pair<const char*, std::optional<double>> numbers[] = {
      {"\", \"min\": ", bounds.min},     {", \"max\": ", bounds.max},
      {", \"baseline\": ", r.baseline},  {",\n     \"actual\": ", r.actual},
      {", \"expected\": ", r.expected},  {", \"progress\": ", r.progress},
      {", \"pace\": ", r.pace},          {", \"remaining\": ", r.remaining(report.as_of)},
      {", \"variance\": ", r.variance()}};
  for (const auto& [key, value] : numbers) {
    buf += key;
    put_num(buf, value);
  }
  if (bounds.revision) {
    buf += ", \"original\": {\"min\": ";
    put_num(buf, t.min);
    buf += ", \"max\": ";
    put_num(buf, t.max);
    fmt::format_to(std::back_inserter(buf), "}}, \"revised_on\": \"{}\"",
                   format_date(bounds.revision->date));
  }
}

// A row's "done_on" (milestones) to "children".
void put_status_and_labels(std::string& buf, const Report& report, const TargetResult& r) {
  const Target& t = *r.target;
  auto str = [&](std::string_view s) { put_string(buf, s); };
  buf += ",\n     ";
  if (t.kind == Kind::milestone) {
    buf += "\"done_on\": ";
    put_date_or_null(buf, r.done_on);
    buf += ", ";
  }
  fmt::format_to(std::back_inserter(buf),
                 "\"status\": \"{}\", \"severity\": \"{}\", \"start\": \"{}\", \"due\": \"{}\"",
                 status_name(r.status), severity_name(r.severity), format_date(t.start),
                 format_date(t.due));
  buf += ", \"owner\": ";
  put_text_or_null(buf, t.owner);
  buf += ",\n     \"tags\": ";
  put_list(buf, t.tags(), str);
  buf += ", \"note\": ";
  put_text_or_null(buf, t.note());
  buf += ", \"reporters\": ";
  put_list(buf, report.reporters_of(r), str);
  buf += r.context ? ", \"context\": true" : ", \"context\": false";
  buf += ", \"children\": ";
  put_list(buf, t.children(),
           [&](int c) { str(report.plan->targets[static_cast<size_t>(c)].full_id); });
}

// Row `i`'s "by_reporter" list.
void put_by_reporter(std::string& buf, const Report& report, size_t i) {
  const TargetResult& r = report.targets[i];
  const bool milestone = r.target->kind == Kind::milestone;
  const RatioResult* ratio = report.ratio_of(r);
  buf += ",\n     \"by_reporter\": ";
  put_list(buf, report.by_reporter(i), [&](const ReporterActual& p) {
    buf += "{\"by\": ";
    put_text_or_null(buf, report.reporter_name(p.by));
    if (milestone) {
      buf += ", \"actual\": null, \"done_on\": ";
      put_date_or_null(
          buf, p.actual ? std::optional<Date>(Date{static_cast<int>(*p.actual)}) : std::nullopt);
    } else {
      buf += ", \"actual\": ";
      put_num(buf, p.actual);
    }
    if (ratio)
      for (const ReporterParts& q : ratio->by_reporter)
        if (q.by == p.by) {
          buf += ", \"numerator_actual\": ";
          put_num(buf, q.numerator);
          buf += ", \"denominator_actual\": ";
          put_num(buf, q.denominator);
        }
    fmt::format_to(std::back_inserter(buf), ", \"date\": \"{}\"}}", format_date(p.date));
  });
}

// A row's "notes" list.
void put_notes(std::string& buf, const Report& report, const TargetResult& r) {
  buf += ", \"notes\": ";
  put_list(buf, report.notes_of(r), [&](const RowNote& n) {
    buf += "{\"by\": ";
    put_text_or_null(buf, report.reporter_name(n.by));
    fmt::format_to(std::back_inserter(buf), ", \"date\": \"{}\", \"note\": ", format_date(n.date));
    put_text_or_null(buf, n.note);
    buf += ", \"source\": ";
    put_text_or_null(buf, n.source);
    buf += '}';
  });
}

// With --compare: the row at the earlier date, "change" and "worsened".
void put_previous(std::string& buf, const Report& report, const TargetResult& r) {
  const PreviousResult* p = report.previous_of(r);
  if (!p) return;
  auto emit = std::back_inserter(buf);
  fmt::format_to(emit, ",\n     \"previous\": {{\"as_of\": \"{}\", \"actual\": ",
                 format_date(report.comparison->as_of));
  put_num(buf, p->actual);
  if (r.target->kind == Kind::milestone) {
    buf += ", \"done_on\": ";
    put_date_or_null(buf, p->done_on);
  }
  fmt::format_to(emit, ", \"status\": \"{}\", \"severity\": \"{}\"}}, \"change\": ",
                 status_name(p->status), severity_name(p->severity));
  put_num(buf, report.change_of(r));
  fmt::format_to(emit, ", \"worsened\": {}", report.worsened(r) ? "true" : "false");
}

// One row of "targets" (with the comma before it but the first).
void put_target(std::string& buf, const Report& report, size_t i) {
  const TargetResult& r = report.targets[i];
  buf += i ? ",\n    " : "\n    ";
  put_numbers(buf, report, r);
  put_status_and_labels(buf, report, r);
  put_ratio(buf, report, r);
  put_by_reporter(buf, report, i);
  put_notes(buf, report, r);
  put_previous(buf, report, r);
  buf += '}';
}

}  // namespace

std::string json_string(std::string_view s) {
  std::string out;
  put_string(out, s);
  return out;
}

void render_json(const Report& report, std::ostream& out) {
  std::string buf;
  auto emit = std::back_inserter(buf);
  auto flush = [&] {
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    buf.clear();
  };
  const Summary& s = report.summary;
  fmt::format_to(emit, "{{\n  \"plantrack\": 1,\n  \"title\": {},\n  \"as_of\": \"{}\",\n",
                 json_string(report.title), format_date(report.as_of));
  fmt::format_to(emit,
                 "  \"summary\": {{\"targets\": {}, \"ok\": {}, \"warn\": {}, \"fail\": {},\n"
                 "              \"by_status\": {{",
                 s.targets, s.ok, s.warn, s.fail);
  for (int i = 0; i < k_status_count; ++i)
    fmt::format_to(emit, "{}\"{}\": {}", i ? ", " : "", status_name(static_cast<Status>(i)),
                   s.by_status[static_cast<size_t>(i)]);
  FindingCounts fc = count_findings(report.findings);
  fmt::format_to(
      emit, "}},\n              \"findings\": {{\"fail\": {}, \"warn\": {}, \"info\": {}}}}},\n",
      fc.fail, fc.warn, fc.info);
  buf += "  \"targets\": [";
  flush();
  const auto& all = report.targets;
  // A national plan prints a million rows: they are formatted in blocks on every core.
  format_in_blocks(
      all.size(), 4096,
      [&](size_t begin, size_t end, std::string& text) {
        for (size_t i = begin; i < end; ++i)
          put_target(text, report, i);
      },
      [&](const std::string& text) {
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
      });
  fmt::format_to(emit, "{}],\n  \"findings\": [", all.empty() ? "" : "\n  ");
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    fmt::format_to(emit,
                   "{}\n    {{\"code\": \"{}\", \"severity\": \"{}\", \"target\": {}, "
                   "\"message\": {},\n     \"file\": {}, \"line\": {}, \"column\": {}}}",
                   i ? "," : "", f.code, severity_name(f.severity),
                   f.target.empty() ? std::string("null") : json_string(f.target),
                   json_string(f.message), json_string(f.file), f.mark.line, f.mark.column);
    if (buf.size() > (1 << 16)) flush();
  }
  fmt::format_to(emit, "{}]\n}}\n", report.findings.empty() ? "" : "\n  ");
  flush();
}

}  // namespace plantrack
