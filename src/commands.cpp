#include "commands.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "file_id.hpp"
#include "inputs.hpp"
#include "lint.hpp"
#include "output.hpp"
#include "plan_diff.hpp"
#include "progress.hpp"
#include "schema.hpp"
#include "template.hpp"
#include "template_sheet.hpp"
#include "text.hpp"

namespace plantrack {

Limits LimitOptions::limits() const {
  Limits l{max_input_mb << 20, max_depth, max_nodes};
  if (encoding == "utf-8") l.encoding = TextEncoding::utf8;
  if (encoding == "gb18030" || encoding == "gbk") l.encoding = TextEncoding::gb18030;
  // For tests: PLANTRACK_PIECE_BYTES=1 cuts every plan that can be cut (0: none).
  if (const char* v = std::getenv("PLANTRACK_PIECE_BYTES"); v && *v) {
    std::string_view digits(v);
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || end != digits.data() + digits.size())
      throw UsageError(tr(Msg::piece_bytes_number));
    l.piece_bytes = n;
  }
  return l;
}

// The extension of the last path segment, lower-cased ASCII ("" when none): "R.JSON" -> "json".
std::string extension_of(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = base.rfind('.');
  if (dot == std::string::npos || dot == 0) return "";
  std::string ext = base.substr(dot + 1);
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

std::optional<Date> parse_as_of(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  if (text == "today") return today();
  if (auto d = parse_iso_date(text)) return d;
  if (auto q = parse_quarter(text)) return q;
  throw UsageError(
      tr(Msg::option_not_date, fmt::arg("option", option), fmt::arg("text", escape_text(text))));
}

Lang lang_from_env() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string_view(v).substr(0, 2) == "zh" ? Lang::zh : Lang::en;
  }
  return Lang::en;
}

// SPEC §4: -o never names an input of the run (same device and inode, or the same path).
void check_output_is_not_an_input(const std::string& output, const std::string& plan,
                                  const std::vector<std::string>& actuals) {
  if (output.empty() || output == "-") return;
  for (const std::string& input : input_paths(plan, actuals))
    if (same_file(output, input))
      throw UsageError(tr(Msg::output_is_input, fmt::arg("path", escape_text(output)),
                          fmt::arg("input", escape_text(input))));
}

// SPEC §4: `-` (standard input) at most once per run.
void check_stdin_once(const std::string& plan, const std::vector<std::string>& actuals) {
  size_t n = (plan == "-") + static_cast<size_t>(std::count(actuals.begin(), actuals.end(), "-"));
  if (n > 1) throw UsageError(tr(Msg::stdin_twice, fmt::arg("n", n)));
}

// A report format's extension given to `template -o`, which writes YAML.
void check_template_output(const std::string& output) {
  if (output.empty() || output == "-") return;
  std::string ext = extension_of(output);
  static const char* const k_report_extensions[] = {"json", "md",  "markdown", "html",
                                                    "htm",  "xml", "txt"};
  for (const char* e : k_report_extensions)
    if (ext == e)
      throw UsageError(tr(Msg::template_output_report, fmt::arg("path", escape_text(output))));
}

// Progress (progress.hpp) while the inputs are read: the plan and how many actuals files.
WorkCount* reading_step(ProgressMeter& meter, const std::string& plan,
                        const std::vector<std::string>& actuals, Lang lang) {
  if (!meter.on()) return nullptr;
  size_t files = expand_actuals_paths(actuals).paths.size();
  return meter.step(reading_text(plan == "-" ? k_stdin_name : plan, files, lang));
}

// The targets a summary counts (groups are not), for the meter's "evaluating 26 targets".
size_t counted_targets(const Plan& plan) {
  return static_cast<size_t>(std::count_if(plan.targets.begin(), plan.targets.end(),
                                           [](const Target& t) { return t.kind != Kind::group; }));
}

// While a report goes to a file, the meter says so; before one goes to stdout (or a device such
// as /dev/stdout, or a FIFO), it is erased.
void writing_step(ProgressMeter& meter, const std::string& output, Lang lang) {
  struct stat st {};
  bool file =
      !output.empty() && output != "-" && (stat(output.c_str(), &st) != 0 || S_ISREG(st.st_mode));
  if (file)
    meter.step(writing_text(output, lang));
  else
    meter.clear();
}

const std::vector<std::pair<std::string, Format>> k_formats = {
    {"table", Format::table}, {"markdown", Format::markdown}, {"json", Format::json},
    {"csv", Format::csv},     {"junit", Format::junit},       {"github", Format::github},
    {"html", Format::html},   {"xlsx", Format::xlsx}};

Format format_named(const std::string& name) {
  for (const auto& [n, format] : k_formats)
    if (n == name) return format;
  throw std::out_of_range("no format " + name);  // as map::at: CLI11 checked the name
}

std::vector<std::string> format_names() {
  std::vector<std::string> names;
  for (const auto& named : k_formats)
    names.push_back(named.first);
  return names;
}

namespace {

std::string count_of(size_t n, Msg one, Msg many) {
  return tr(one_or_many(n, one, many), fmt::arg("n", n));
}

// Where editors find the actuals schema, for the template's yaml-language-server line: the file
// installed with this binary (PREFIX/share/plantrack/schema/ next to PREFIX/bin/plantrack), else
// actuals.schema.json next to the file (README: plantrack schema actuals > actuals.schema.json).
std::string actuals_schema_location() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path installed =
        exe.parent_path().parent_path() / "share/plantrack/schema/actuals.schema.json";
    if (std::filesystem::is_regular_file(installed, ec)) return installed.string();
  }
  return "actuals.schema.json";
}

Lang lang_of(const std::string& option) {
  return option.empty() ? lang_from_env() : option == "zh" ? Lang::zh : Lang::en;
}

}  // namespace

// Input errors as in check (exit 2); lints as warnings on stderr (exit 0, with --strict 1).
int run_validate(const ValidateOptions& o) {
  std::optional<Date> cli_as_of = parse_as_of(o.as_of);
  check_stdin_once(o.plan, o.actuals);
  Limits limits = o.limits.limits();
  limits.lint_marks = true;
  Inputs in = load_inputs(o.plan, o.actuals, cli_as_of, limits);
  std::vector<Finding> lints = lint_plan(in.plan);
  for (Finding& f : lint_actuals(in.plan, in.actuals))
    lints.push_back(std::move(f));
  sort_findings(lints, in.plan, in.actuals);
  for (const Finding& f : lints)
    std::cerr << format_warning(f) << '\n';
  std::map<std::string, size_t> per_file;
  for (const Finding& f : lints)
    ++per_file[f.file];
  auto warnings_in = [&](const std::string& file) {
    size_t n = per_file[file];
    return n ? tr(Msg::validate_warnings_in_file,
                  fmt::arg("count", count_of(n, Msg::count_warning, Msg::count_warnings)))
             : std::string();
  };
  write_output("", [&](std::ostream& out) {
    out << tr(Msg::validate_file_ok, fmt::arg("file", escape_text(in.plan.file)),
              fmt::arg("count",
                       count_of(in.plan.targets.size(), Msg::count_target, Msg::count_targets)),
              fmt::arg("warnings", warnings_in(in.plan.file)))
        << '\n';
    std::vector<size_t> entries(in.actuals.files.size(), 0);
    for (const Entry& e : in.actuals.entries)
      ++entries[static_cast<size_t>(e.file)];
    for (size_t i = 0; i < in.actuals.files.size(); ++i)
      out << tr(Msg::validate_file_ok, fmt::arg("file", escape_text(in.actuals.files[i].path)),
                fmt::arg("count", count_of(entries[i], Msg::count_entry, Msg::count_entries)),
                fmt::arg("warnings", warnings_in(in.actuals.files[i].path)))
          << '\n';
    out << tr(Msg::validate_total,
              fmt::arg("files", count_of(in.actuals.files.size(), Msg::count_actuals_file,
                                         Msg::count_actuals_files)),
              fmt::arg("entries",
                       count_of(in.actuals.entries.size(), Msg::count_entry, Msg::count_entries)),
              fmt::arg("warnings", count_of(lints.size(), Msg::count_warning, Msg::count_warnings)))
        << '\n';
  });
  return o.strict && !lints.empty() ? 1 : 0;
}

int run_template(const TemplateCommand& o) {
  std::optional<Date> as_of = parse_as_of(o.as_of);
  if (!is_utf8(o.by)) throw UsageError(tr(Msg::by_not_utf8));
  check_output_is_not_an_input(o.output, o.plan, {});
  check_template_output(o.output);
  Inputs in = load_inputs(o.plan, {}, std::nullopt, o.limits.limits());
  TemplateOptions t;
  t.plan_path = in.plan.file;
  t.as_of = as_of ? *as_of : default_template_date(in.plan, today());
  t.by = o.by;
  t.form = o.form == "list" ? TemplateForm::list : TemplateForm::map;
  t.schema = actuals_schema_location();
  std::string format = o.format;
  if (format.empty()) {
    std::string ext = extension_of(o.output);
    format = ext == "csv" || ext == "xlsx" ? ext : "yaml";
  }
  if (format == "xlsx" && o.output.empty() && isatty(STDOUT_FILENO))
    throw UsageError(tr(Msg::xlsx_needs_file));
  Lang lang = o.lang.empty() ? lang_from_env() : o.lang == "zh" ? Lang::zh : Lang::en;
  write_output(o.output, [&](std::ostream& out) {
    if (format == "csv")
      write_csv_template(in.plan, t, lang, out);
    else if (format == "xlsx")
      write_xlsx_template(in.plan, t, lang, out);
    else
      write_template(in.plan, t, out);
  });
  return 0;
}

// diff(1)'s exit status: 0 the same, 1 changed, 2 error.
int run_diff(const DiffOptions& o) {
  check_stdin_once(o.old_plan, {o.new_plan});
  check_output_is_not_an_input(o.output, o.old_plan, {o.new_plan});
  Limits limits = o.limits.limits();
  std::vector<Diagnostic> problems;
  std::optional<Inputs> old_in, new_in;
  for (auto [path, in] : {std::pair{&o.old_plan, &old_in}, std::pair{&o.new_plan, &new_in}}) {
    try {
      in->emplace(load_inputs(*path, {}, std::nullopt, limits));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  DiffView view{old_in->plan.file, new_in->plan.file, diff_plans(old_in->plan, new_in->plan)};
  RenderOptions render_options;
  render_options.format = format_named(o.format);
  render_options.lang = lang_of(o.lang);
  write_output(o.output, [&](std::ostream& out) { render_diff(view, render_options, out); });
  return view.changes.empty() ? 0 : 1;
}

int run_schema(const std::string& kind) {
  write_output("", [&](std::ostream& out) { out << *schema_text(kind); });
  return 0;
}

}  // namespace plantrack
