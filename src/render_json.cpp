#include <iterator>

#include <fmt/format.h>

#include "quantity.hpp"
#include "render.hpp"

namespace plantrack {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F)
          out += fmt::format("\\u{:04x}", c);
        else
          out.push_back(ch);
    }
  }
  out += '"';
  return out;
}

namespace {

std::string num(const std::optional<double>& v) {
  return v ? format_number(*v) : "null";
}
std::string text_or_null(const std::string& s) {
  return s.empty() ? "null" : json_string(s);
}

template <typename T, typename F>
std::string list(const std::vector<T>& items, F show) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + show(items[i]);
  return out + "]";
}

}  // namespace

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
  fmt::format_to(emit, "}}}},\n  \"targets\": [");
  const auto& all = report.targets;
  for (size_t i = 0; i < all.size(); ++i) {
    const TargetResult& r = all[i];
    const Target& t = *r.target;
    fmt::format_to(emit, "{}\n    {{\"id\": {}, \"name\": {}, \"unit\": {}, \"kind\": \"{}\", ",
                   i ? "," : "", json_string(t.full_id), json_string(t.name), text_or_null(t.unit),
                   kind_name(t.kind));
    fmt::format_to(emit, "\"min\": {}, \"max\": {}, \"baseline\": {},\n     ", num(t.min),
                   num(t.max), num(r.baseline));
    fmt::format_to(emit, "\"actual\": {}, \"expected\": {}, \"progress\": {}, \"pace\": {}, ",
                   num(r.actual), num(r.expected), num(r.progress), num(r.pace));
    fmt::format_to(emit, "\"remaining\": {}, \"variance\": {},\n     ", num(r.remaining()),
                   num(r.variance()));
    if (t.kind == Kind::milestone)
      fmt::format_to(emit, "\"done_on\": {}, ",
                     r.done_on ? json_string(format_date(*r.done_on)) : std::string("null"));
    fmt::format_to(emit,
                   "\"status\": \"{}\", \"severity\": \"{}\", \"start\": \"{}\", "
                   "\"due\": \"{}\", \"owner\": {},\n     ",
                   status_name(r.status), severity_name(r.severity), format_date(t.start),
                   format_date(t.due), text_or_null(t.owner));
    fmt::format_to(emit, "\"tags\": {}, \"note\": {}, \"reporters\": {}, \"children\": {}}}",
                   list(t.tags, json_string), text_or_null(t.note), list(r.reporters, json_string),
                   list(t.children, [&](int c) {
                     return json_string(report.plan->targets[static_cast<size_t>(c)].full_id);
                   }));
    if (buf.size() > (1 << 16)) flush();
  }
  fmt::format_to(emit, "{}],\n  \"findings\": [", all.empty() ? "" : "\n  ");
  for (size_t i = 0; i < report.findings.size(); ++i) {
    const Finding& f = report.findings[i];
    fmt::format_to(emit,
                   "{}\n    {{\"code\": \"{}\", \"severity\": \"{}\", \"target\": {}, "
                   "\"message\": {},\n     \"file\": {}, \"line\": {}, \"column\": {}}}",
                   i ? "," : "", f.code, severity_name(f.severity), text_or_null(f.target),
                   json_string(f.message), json_string(f.file), f.mark.line, f.mark.column);
    if (buf.size() > (1 << 16)) flush();
  }
  fmt::format_to(emit, "{}]\n}}\n", report.findings.empty() ? "" : "\n  ");
  flush();
}

}  // namespace plantrack
