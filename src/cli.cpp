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
#include "usage_errors.hpp"

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

// --lang for a command whose only human output is messages (read before parsing, by
// lang_from_args).
void add_lang_option(CLI::App& cmd, std::string& lang) {
  cmd.add_option("--lang", lang, tr(Msg::help_lang_short))->check(CLI::IsMember({"en", "zh"}));
}

// Every command's name, in the order of --help.
std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

// --progress and --no-progress (the last one given wins); progress_asked reads them after parsing.
CLI::Option* add_progress_option(CLI::App& cmd, bool& on) {
  return cmd.add_flag("--progress,!--no-progress", on, tr(Msg::help_progress));
}
std::optional<bool> progress_asked(const CLI::Option* option, bool on) {
  if (option->count() == 0) return std::nullopt;
  return on;
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

// Option names and type names as plantrack shows them, in both languages: a negatable flag
// without CLI11's "{false}" (--bom,--no-bom), a range once (UINT in [1 - 9], not UINT:UINT in
// [1 - 9]).
class Formatter : public CLI::Formatter {
 public:
  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override {
    static const std::regex k_default(R"(\{(false|true)\})");
    return std::regex_replace(CLI::Formatter::make_option_name(opt, is_positional), k_default, "");
  }
  std::string make_option_opts(const CLI::Option* opt) const override {
    static const std::regex k_twice(R"(\b(\w+):\1 in \[)");
    return std::regex_replace(CLI::Formatter::make_option_opts(opt), k_twice, "$1 in [");
  }
};

// The Chinese --help: CLI11's own words and the metavariables (TEXT, UINT, PLAN, "in [1 - 9]")
// translated, and the descriptions aligned by display width, which CLI11 counts in bytes.
class ChineseFormatter : public Formatter {
 public:
  std::string make_option_name(const CLI::Option* opt, bool is_positional) const override {
    return translated(Formatter::make_option_name(opt, is_positional));
  }
  std::string make_option_opts(const CLI::Option* opt) const override {
    static const std::regex k_in(R"( in \[)");
    return std::regex_replace(translated(Formatter::make_option_opts(opt)), k_in, " 范围 [");
  }
  std::string make_usage(const CLI::App* app, std::string name) const override {
    return translated(Formatter::make_usage(app, std::move(name)));
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

 private:
  static std::string translated(std::string s) {
    for (const char* word :
         {"TEXT", "UINT", "PLAN", "ACTUALS", "KIND", "DAYS", "OLD_PLAN", "NEW_PLAN"})
      s = std::regex_replace(s, std::regex(std::string("\\b") + word + "\\b"), metavariable(word));
    return s;
  }
};

// The help's headings and group names in the language of the run.
void localise_help(CLI::App& app) {
  if (current_lang() != Lang::zh) {
    app.formatter(std::make_shared<Formatter>());
    return;
  }
  auto formatter = std::make_shared<ChineseFormatter>();
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
  std::string schema_lang;  // read before parsing, by lang_from_args
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
  add_lang_option(*cmd_validate, c.validate.lang);
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
  add_lang_option(*cmd_schema, c.schema_lang);
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
  add_lang_option(*cmd_trend, c.trend.lang);
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
      ->check(CLI::IsMember({"table", "markdown", "json", "github"}));
  cmd_diff->add_option("-o,--output", c.diff.output, tr(Msg::help_trend_output));
  add_lang_option(*cmd_diff, c.diff.lang);
  add_limit_options(*cmd_diff, c.diff.limits);
}

// A command line CLI11 rejects: the message, and where to read more. Returns the exit status.
int report_parse_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  // The subcommand named on the line (unknown_command_message ruled out any other word there).
  const CLI::App* cmd = nullptr;
  std::vector<std::string> options;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() == command_word(argc, argv)) cmd = sub;
  for (const CLI::Option* o : (cmd ? cmd : &app)->get_options())
    for (const std::string& n : o->get_lnames())
      options.push_back("--" + n);
  std::cerr << "plantrack: error: " << usage_message(e.what(), options, command_names(app)) << '\n'
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
  CLI::App app{tr(Msg::help_app), "plantrack"};
  localise_help(app);
  app.set_help_flag("-h,--help", tr(Msg::help_help));
  app.set_version_flag("--version", std::string("plantrack ") + PLANTRACK_VERSION,
                       tr(Msg::help_version));
  app.require_subcommand(1);
  std::string lang;  // read before parsing, by lang_from_args
  app.add_option("--lang", lang, tr(Msg::help_lang_short))->check(CLI::IsMember({"en", "zh"}));
  app.footer(tr(Msg::help_footer));
  Commands c;
  add_check(app, c);
  add_validate(app, c);
  add_template(app, c);
  add_schema(app, c);
  add_trend(app, c);
  add_diff(app, c);
  localise_groups(app);
  if (std::string unknown = unknown_command_message(command_names(app), argc, argv);
      !unknown.empty()) {
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
