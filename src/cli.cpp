#include "cli.hpp"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <new>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "messages.hpp"
#include "text.hpp"

#ifndef PLANTRACK_VERSION
#define PLANTRACK_VERSION "0.0.0"
#endif

namespace plantrack {

namespace {

void add_encoding_option(CLI::App& cmd, LimitOptions& o) {
  cmd.add_option("--encoding", o.encoding, tr(Msg::help_encoding))
      ->check(CLI::IsMember({"utf-8", "gb18030", "gbk"}));
}

// Defaults are written into the descriptions, not shown by CLI11 (capture_default_str): CLI11
// 2.1 (Debian 12) prints "=64" and 2.4 (Debian 13) " [64]", and --help must read the same.
void add_limit_options(CLI::App& cmd, LimitOptions& o) {
  cmd.add_option("--max-input-size", o.max_input_mb,
                 tr(Msg::help_max_input_size, fmt::arg("default", o.max_input_mb)))
      ->check(CLI::Range(uint64_t{1}, uint64_t{4095}));
  cmd.add_option("--max-depth", o.max_depth,
                 tr(Msg::help_max_depth, fmt::arg("default", o.max_depth)))
      ->check(CLI::Range(1u, 10000u));
  cmd.add_option("--max-nodes", o.max_nodes,
                 tr(Msg::help_max_nodes, fmt::arg("default", o.max_nodes)))
      ->check(CLI::Range(uint64_t{1}, uint64_t{4'000'000'000}));
}

// --progress and --no-progress (the last one given wins); progress_asked reads them after parsing.
CLI::Option* add_progress_option(CLI::App& cmd, bool& on) {
  return cmd.add_flag("--progress,!--no-progress", on, tr(Msg::help_progress));
}
std::optional<bool> progress_asked(const CLI::Option* option, bool on) {
  if (option->count() == 0) return std::nullopt;
  return on;
}

// "unknown command `X`" when the first argument is neither an option nor a command (CLI11 would
// only say that a subcommand is required).
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return "";
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  if (std::find(names.begin(), names.end(), argv[1]) != names.end()) return "";
  std::string hint =
      closest_match(argv[1], std::vector<std::string_view>(names.begin(), names.end()));
  return tr(Msg::unknown_command, fmt::arg("command", escape_text(argv[1])),
            fmt::arg("hint",
                     hint.empty() ? std::string() : tr(Msg::did_you_mean, fmt::arg("hint", hint))),
            fmt::arg("commands", fmt::format("{}", fmt::join(names, ", "))));
}

// CLI11's "The following arguments were not expected: LIST": each word in LIST as an unknown
// option (with the closest of `cmd`'s options) or an unexpected argument.
std::string unexpected_arguments_message(const std::string& list, const CLI::App* cmd) {
  std::vector<std::string> items;
  for (size_t pos = 0; pos <= list.size();) {
    size_t space = list.find(' ', pos);
    std::string item =
        list.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
    if (!item.empty()) items.push_back(item);
    if (space == std::string::npos) break;
    pos = space + 1;
  }
  std::vector<std::string> parts;
  for (const std::string& item : items) {
    if (item.size() > 1 && item[0] == '-') {
      std::string hint;
      if (cmd) {
        std::vector<std::string> names;
        for (const CLI::Option* o : cmd->get_options())
          for (const std::string& n : o->get_lnames())
            names.push_back("--" + n);
        std::string flag = item.substr(0, item.find('='));
        hint = closest_match(flag, std::vector<std::string_view>(names.begin(), names.end()));
      }
      parts.push_back(
          tr(Msg::unknown_option, fmt::arg("option", escape_text(item)),
             fmt::arg("hint", hint.empty() ? std::string()
                                           : tr(Msg::did_you_mean, fmt::arg("hint", hint)))));
    } else {
      parts.push_back(tr(Msg::unexpected_argument, fmt::arg("argument", escape_text(item))));
    }
  }
  return fmt::format("{}", fmt::join(parts, tr(Msg::parts_separator)));
}

// CLI11's own messages in plantrack's words (SPEC §4: every error is plantrack's own wording).
// `cmd` is the subcommand being parsed (nullptr: none), for "did you mean" among its options.
std::string usage_message(const CLI::ParseError& e, const CLI::App* cmd,
                          const std::vector<std::string>& commands) {
  std::string what = e.what();
  std::smatch m;
  auto choices = [](std::string list) {  // "{a,b,c}" inside a type name -> "a, b, c"
    std::string out;
    for (char c : list)
      out += c == ',' ? std::string(", ") : std::string(1, c);
    return out;
  };
  static const std::regex k_at_most(R"(^(\S+): At Most \d+ required but received (\d+)$)");
  static const std::regex k_needs_value(R"(^(\S+): \d+ required (\S*?)(?::\{(.*)\})? missing$)");
  static const std::regex k_required(R"(^(\S+) is required$)");
  static const std::regex k_extras(R"(^The following arguments? (?:was|were) not expected: (.*)$)");
  static const std::regex k_not_in(R"(^(\S+): (.*) not in \{(.*)\}$)");
  // CLI11 2.1: "Value 0 not in range 1 to 9"; 2.4: "Value 0 not in range [1 - 9]".
  static const std::regex k_range(
      R"(^(\S+): Value (.*) not in range \[?(\S+)(?: to | - )(\S+?)\]?$)");
  static const std::regex k_conversion(R"(^The value (.*) is not an allowed value for (\S+)$)");
  static const std::regex k_convert(R"(^Could not convert: (\S+) = (.*)$)");
  static const std::regex k_flag(R"(^(\S+): too many inputs for a flag$)");
  if (what == "A subcommand is required")
    return tr(Msg::no_command, fmt::arg("commands", fmt::format("{}", fmt::join(commands, ", "))));
  if (std::regex_match(what, m, k_at_most))
    return tr(Msg::option_twice, fmt::arg("option", m[1].str()), fmt::arg("n", m[2].str()));
  if (std::regex_match(what, m, k_needs_value))
    return m[3].matched ? tr(Msg::option_needs_value_of, fmt::arg("option", m[1].str()),
                             fmt::arg("choices", choices(m[3])))
                        : tr(Msg::option_needs_value, fmt::arg("option", m[1].str()));
  if (std::regex_match(what, m, k_required)) {
    std::string name = m[1].str();
    if (name == "PLAN") return tr(Msg::missing_plan);
    if (name == "ACTUALS") return tr(Msg::missing_actuals);
    if (name == "KIND") return tr(Msg::missing_kind);
    return tr(Msg::missing_argument, fmt::arg("name", name));
  }
  if (std::regex_match(what, m, k_extras)) {
    return unexpected_arguments_message(m[1].str(), cmd);
  }
  if (std::regex_match(what, m, k_range))
    return tr(Msg::option_out_of_range, fmt::arg("option", m[1].str()),
              fmt::arg("value", escape_text(m[2].str())), fmt::arg("min", m[3].str()),
              fmt::arg("max", m[4].str()));
  if (std::regex_match(what, m, k_not_in))
    return tr(Msg::option_not_one_of, fmt::arg("option", m[1].str()),
              fmt::arg("value", escape_text(m[2].str())), fmt::arg("choices", choices(m[3])));
  if (std::regex_match(what, m, k_conversion))
    return tr(Msg::option_not_whole_number, fmt::arg("option", m[2].str()),
              fmt::arg("value", escape_text(m[1].str())));
  if (std::regex_match(what, m, k_convert))
    return tr(Msg::option_not_valid, fmt::arg("option", m[1].str()),
              fmt::arg("value", escape_text(m[2].str())));
  if (std::regex_match(what, m, k_flag))
    return tr(Msg::flag_no_value, fmt::arg("option", m[1].str()));
  return escape_text(what);
}

void print_input_error(const InputError& e) {
  for (const Diagnostic& d : e.diagnostics())
    std::cerr << format_error(d) << '\n';
}

// The language of the run, known before CLI11 reads the line (its errors are written in it too):
// --lang's value when given (--lang zh, --lang=zh), else the environment's.
Lang lang_from_args(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--") break;
    std::string_view v;
    if (a == "--lang" && i + 1 < argc)
      v = argv[i + 1];
    else if (a.starts_with("--lang="))
      v = a.substr(7);
    else
      continue;
    if (v == "zh") return Lang::zh;
    if (v == "en") return Lang::en;
  }
  return lang_from_env();
}

// The Chinese --help (installed by localise_help only): CLI11's own words (TEXT, UINT,
// REQUIRED, "in [1 - 9]") translated, and the descriptions aligned by display width, which
// CLI11 counts in bytes.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* opt) const override {
    std::string s = CLI::Formatter::make_option_opts(opt);
    static const std::regex k_text(R"(\bTEXT\b)"), k_uint(R"(\bUINT\b)"), k_in(R"( in \[)");
    s = std::regex_replace(s, k_text, "文本");
    s = std::regex_replace(s, k_uint, "整数");
    return std::regex_replace(s, k_in, " 范围 [");
  }
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    std::string left = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    std::string desc = make_option_desc(opt);
    size_t column = get_column_width(), width = display_width(left);
    std::string out = left;
    if (!desc.empty()) {
      out += width >= column ? "\n" + std::string(column, ' ') : std::string(column - width, ' ');
      for (char c : desc)
        out += c == '\n' ? "\n" + std::string(column, ' ') : std::string(1, c);
    }
    return out + "\n";
  }
};

// The help's headings and group names in the language of the run.
void localise_help(CLI::App& app) {
  if (current_lang() != Lang::zh) return;
  auto formatter = std::make_shared<HelpFormatter>();
  formatter->label("Usage", tr(Msg::help_usage));
  formatter->label("OPTIONS", tr(Msg::help_options_label));
  formatter->label("SUBCOMMAND", tr(Msg::help_subcommand_label));
  formatter->label("SUBCOMMANDS", tr(Msg::help_subcommands_label));
  formatter->label("Positionals", tr(Msg::help_positionals));
  formatter->label("POSITIONALS", tr(Msg::help_positionals));
  formatter->label("REQUIRED", tr(Msg::help_required));
  app.formatter(formatter);
  app.option_defaults()->group(tr(Msg::help_options));
}

// Every option's default group ("Options") and the subcommands' group in the language of the
// run, once all are added.
void localise_groups(CLI::App& app) {
  if (current_lang() != Lang::zh) return;
  std::vector<CLI::App*> apps{&app};
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    sub->group(tr(Msg::help_subcommands));
    apps.push_back(sub);
  }
  for (CLI::App* a : apps)
    for (CLI::Option* o : a->get_options([](const CLI::Option*) { return true; }))
      if (o->get_group() == "Options") o->group(tr(Msg::help_options));
}

// validate and schema take --lang as the other commands do, without listing it in their --help:
// lang_from_args has read it, and it is taken out of their command line here.
std::vector<char*> without_lang(int argc, char** argv) {
  std::vector<char*> out(argv, argv + argc);
  if (argc < 2 ||
      (std::string_view(argv[1]) != "validate" && std::string_view(argv[1]) != "schema"))
    return out;
  auto language = [](std::string_view v) { return v == "en" || v == "zh"; };
  for (size_t i = 2; i < out.size();) {
    std::string_view a = out[i];
    if (a == "--") break;
    if (a == "--lang" && i + 1 < out.size() && language(out[i + 1]))
      out.erase(out.begin() + static_cast<long>(i), out.begin() + static_cast<long>(i) + 2);
    else if (a.starts_with("--lang=") && language(a.substr(7)))
      out.erase(out.begin() + static_cast<long>(i));
    else
      ++i;
  }
  return out;
}

// Every subcommand's options as CLI11 fills them, and which subcommand was named.
struct Commands {
  CheckOptions check;
  CLI::App* check_command = nullptr;
  CLI::Option* bom_option = nullptr;
  CLI::Option* ascii_option = nullptr;
  bool check_progress_on = false;
  CLI::Option* check_progress = nullptr;
  ValidateOptions validate;
  CLI::App* validate_command = nullptr;
  TemplateCommand templ;
  CLI::App* template_command = nullptr;
  std::string schema_kind;
  CLI::App* schema_command = nullptr;
  TrendOptions trend;
  CLI::App* trend_command = nullptr;
  bool trend_progress_on = false;
  CLI::Option* trend_progress = nullptr;
  DiffOptions diff;
  CLI::App* diff_command = nullptr;
};

void add_check(CLI::App& app, Commands& c) {
  CLI::App* cmd_check = c.check_command = app.add_subcommand("check", tr(Msg::help_check));
  cmd_check->add_option("PLAN", c.check.plan, tr(Msg::help_plan))->required();
  cmd_check->add_option("ACTUALS", c.check.actuals, tr(Msg::help_actuals))->required();
  cmd_check->add_option("--as-of", c.check.as_of, tr(Msg::help_check_as_of));
  cmd_check->add_option("--format", c.check.format, tr(Msg::help_check_format))
      ->check(CLI::IsMember(format_names()));
  cmd_check->add_option("-o,--output", c.check.output, tr(Msg::help_check_output));
  cmd_check->add_flag("--strict", c.check.strict, tr(Msg::help_strict));
  // One value per use (`--tag a --tag b`), so that `--tag a PLAN ACTUALS` keeps its positionals.
  for (auto [flag, list, help] :
       {std::tuple{"--tag", &c.check.filter.tags, tr(Msg::help_tag)},
        std::tuple{"--owner", &c.check.filter.owners, tr(Msg::help_owner)}})
    cmd_check->add_option(flag, *list, help)
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd_check->add_flag("--only-problems", c.check.filter.only_problems, tr(Msg::help_only_problems));
  cmd_check->add_option("--stale-after", c.check.stale_after, tr(Msg::help_stale_after))
      ->type_name("DAYS")
      ->check(CLI::Range(1u, 1000000u).description(""));
  cmd_check->add_option("--lang", c.check.lang, tr(Msg::help_lang))
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_check->add_option("--color", c.check.color, tr(Msg::help_color))
      ->check(CLI::IsMember({"auto", "always", "never"}));
  c.bom_option = cmd_check->add_flag("--bom,!--no-bom", c.check.bom, tr(Msg::help_bom));
  c.ascii_option = cmd_check->add_flag("--ascii,!--no-ascii", c.check.ascii, tr(Msg::help_ascii));
  add_encoding_option(*cmd_check, c.check.limits);
  cmd_check->add_flag("--by-reporter", c.check.by_reporter, tr(Msg::help_by_reporter));
  cmd_check->add_option("--by", c.check.by, tr(Msg::help_by));
  cmd_check->add_flag("--notes", c.check.notes, tr(Msg::help_notes));
  cmd_check->add_option("--compare", c.check.compare, tr(Msg::help_compare));
  c.check_progress = add_progress_option(*cmd_check, c.check_progress_on);
  add_limit_options(*cmd_check, c.check.limits);
}

void add_validate(CLI::App& app, Commands& c) {
  CLI::App* cmd_validate = c.validate_command =
      app.add_subcommand("validate", tr(Msg::help_validate));
  cmd_validate->footer(tr(Msg::help_validate_footer));
  cmd_validate->add_option("PLAN", c.validate.plan, tr(Msg::help_plan))->required();
  cmd_validate->add_option("ACTUALS", c.validate.actuals, tr(Msg::help_actuals));
  cmd_validate->add_option("--as-of", c.validate.as_of, tr(Msg::help_validate_as_of));
  cmd_validate->add_flag("--strict", c.validate.strict, tr(Msg::help_validate_strict));
  add_encoding_option(*cmd_validate, c.validate.limits);
  add_limit_options(*cmd_validate, c.validate.limits);
}

void add_template(CLI::App& app, Commands& c) {
  CLI::App* cmd_template = c.template_command =
      app.add_subcommand("template", tr(Msg::help_template));
  cmd_template->footer(tr(Msg::help_template_footer));
  cmd_template->add_option("PLAN", c.templ.plan, tr(Msg::help_plan))->required();
  cmd_template->add_option("--by", c.templ.by, tr(Msg::help_template_by));
  cmd_template->add_option("--as-of", c.templ.as_of, tr(Msg::help_template_as_of));
  cmd_template->add_option("--form", c.templ.form, tr(Msg::help_template_form))
      ->check(CLI::IsMember({"map", "list"}));
  cmd_template->add_option("--format", c.templ.format, tr(Msg::help_template_format))
      ->check(CLI::IsMember({"yaml", "csv", "xlsx"}));
  cmd_template->add_option("--lang", c.templ.lang, tr(Msg::help_template_lang))
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_template->add_option("-o,--output", c.templ.output, tr(Msg::help_template_output));
  add_limit_options(*cmd_template, c.templ.limits);
}

void add_schema(CLI::App& app, Commands& c) {
  CLI::App* cmd_schema = c.schema_command = app.add_subcommand("schema", tr(Msg::help_schema));
  cmd_schema->footer(tr(Msg::help_schema_footer));
  cmd_schema->add_option("KIND", c.schema_kind, tr(Msg::help_schema_kind))
      ->required()
      ->check(CLI::IsMember({"plan", "actuals"}));
}

void add_trend(CLI::App& app, Commands& c) {
  CLI::App* cmd_trend = c.trend_command = app.add_subcommand("trend", tr(Msg::help_trend));
  cmd_trend->footer(tr(Msg::help_trend_footer));
  cmd_trend->add_option("PLAN", c.trend.plan, tr(Msg::help_trend_plan))->required();
  cmd_trend->add_option("ACTUALS", c.trend.actuals, tr(Msg::help_trend_actuals))->required();
  cmd_trend->add_option("--at", c.trend.at, tr(Msg::help_trend_at));
  cmd_trend->add_option("--every", c.trend.every, tr(Msg::help_trend_every))
      ->check(CLI::IsMember({"quarter", "month"}));
  cmd_trend->add_option("--to", c.trend.to, tr(Msg::help_trend_to));
  cmd_trend->add_option("--format", c.trend.format, tr(Msg::help_check_format))
      ->check(CLI::IsMember({"table", "markdown", "csv", "json", "html"}));
  cmd_trend->add_option("-o,--output", c.trend.output, tr(Msg::help_trend_output));
  cmd_trend->add_flag("--strict", c.trend.strict, tr(Msg::help_trend_strict));
  cmd_trend->add_option("--lang", c.trend.lang, tr(Msg::help_lang_short))
      ->check(CLI::IsMember({"en", "zh"}));
  cmd_trend->add_flag("--bom,!--no-bom", c.trend.bom, tr(Msg::help_trend_bom));
  c.trend_progress = add_progress_option(*cmd_trend, c.trend_progress_on);
  add_limit_options(*cmd_trend, c.trend.limits);
}

void add_diff(CLI::App& app, Commands& c) {
  CLI::App* cmd_diff = c.diff_command = app.add_subcommand("diff", tr(Msg::help_diff));
  cmd_diff->footer(tr(Msg::help_diff_footer));
  cmd_diff->add_option("OLD_PLAN", c.diff.old_plan, tr(Msg::help_diff_old))->required();
  cmd_diff->add_option("NEW_PLAN", c.diff.new_plan, tr(Msg::help_diff_new))->required();
  cmd_diff->add_option("--format", c.diff.format, tr(Msg::help_diff_format))
      ->check(CLI::IsMember({"table", "markdown", "json", "github"}))
      ->capture_default_str();
  cmd_diff->add_option("-o,--output", c.diff.output, tr(Msg::help_trend_output));
  cmd_diff->add_option("--lang", c.diff.lang, tr(Msg::help_lang_short))
      ->check(CLI::IsMember({"en", "zh"}));
  add_limit_options(*cmd_diff, c.diff.limits);
}

// A command line CLI11 rejects: the message, and where to read more. Returns the exit status.
int report_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  // The subcommand named first on the line (unknown_command ruled out any other word there).
  const CLI::App* cmd = nullptr;
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
    if (argc >= 2 && sub->get_name() == argv[1]) cmd = sub;
  }
  std::cerr << "plantrack: error: " << usage_message(e, cmd, commands) << '\n'
            << tr(Msg::run_help, fmt::arg("command", cmd ? cmd->get_name() + " " : std::string()))
            << '\n';
  return 2;
}

// Runs the subcommand that was parsed, mapping its errors to exit status 2.
int run_parsed(Commands& c) {
  c.check.bom_given = c.bom_option->count() > 0;
  c.check.ascii_given = c.ascii_option->count() > 0;
  c.check.progress = progress_asked(c.check_progress, c.check_progress_on);
  c.trend.progress = progress_asked(c.trend_progress, c.trend_progress_on);
  try {
    if (c.check_command->parsed()) return run_check(c.check);
    if (c.validate_command->parsed()) return run_validate(c.validate);
    if (c.template_command->parsed()) return run_template(c.templ);
    if (c.schema_command->parsed()) return run_schema(c.schema_kind);
    if (c.diff_command->parsed()) return run_diff(c.diff);
    if (c.trend_command->parsed()) return run_trend(c.trend);
  } catch (const UsageError& e) {
    std::cerr << "plantrack: error: " << e.what() << '\n';
    return 2;
  } catch (const InputError& e) {
    print_input_error(e);
    return 2;
  } catch (const std::runtime_error& e) {
    std::cerr << "plantrack: error: " << e.what() << '\n';
    return 2;
  }
  return 2;
}

int run_commands(int argc, char** argv) {
  set_lang(lang_from_args(argc, argv));
  std::vector<char*> args = without_lang(argc, argv);
  argc = static_cast<int>(args.size());
  argv = args.data();
  CLI::App app{tr(Msg::help_app), "plantrack"};
  localise_help(app);
  app.set_help_flag("-h,--help", tr(Msg::help_help));
  app.set_version_flag("--version", std::string("plantrack ") + PLANTRACK_VERSION,
                       tr(Msg::help_version));
  app.require_subcommand(1);
  app.footer(tr(Msg::help_footer));
  Commands c;
  add_check(app, c);
  add_validate(app, c);
  add_template(app, c);
  add_schema(app, c);
  add_trend(app, c);
  add_diff(app, c);
  localise_groups(app);
  if (std::string unknown = unknown_command(app, argc, argv); !unknown.empty()) {
    std::cerr << "plantrack: error: " << unknown << '\n'
              << tr(Msg::run_help, fmt::arg("command", "")) << '\n';
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e, argc, argv);
  }
  return run_parsed(c);
}
}  // namespace

// Every exception ends here as `plantrack: error: ...` and exit 2, never an abort.
int run(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout becomes a write error we report
  try {
    return run_commands(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "plantrack: error: " << tr(Msg::out_of_memory) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "plantrack: error: " << escape_text(e.what()) << '\n';
  } catch (...) {
    std::cerr << "plantrack: error: " << tr(Msg::unexpected_failure) << '\n';
  }
  return 2;
}

}  // namespace plantrack
