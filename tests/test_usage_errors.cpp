#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "messages.hpp"
#include "usage_errors.hpp"

using namespace plantrack;

namespace {

const std::vector<std::string> k_commands{"check", "validate", "template"};
const std::vector<std::string> k_options{"--format", "--output", "--strict"};

// Sets the language for one test and back to English after it.
struct InLang {
  explicit InLang(Lang l) { set_lang(l); }
  ~InLang() { set_lang(Lang::en); }
};

std::string unknown(std::vector<const char*> args) {
  args.insert(args.begin(), "plantrack");
  return unknown_command_message(k_commands, static_cast<int>(args.size()), args.data());
}

}  // namespace

TEST_CASE("command_word skips the top-level --lang, in both spellings") {
  std::vector<const char*> a{"plantrack", "--lang", "zh", "chek", "x"};
  CHECK(command_word(5, a.data()) == "chek");
  std::vector<const char*> b{"plantrack", "--lang=zh", "check"};
  CHECK(command_word(3, b.data()) == "check");
  std::vector<const char*> c{"plantrack", "--lang"};
  CHECK(command_word(2, c.data()).empty());
  std::vector<const char*> d{"plantrack", "--language", "x"};
  CHECK(command_word(3, d.data()) == "--language");
}

TEST_CASE("unknown_command_message names the word and the closest command") {
  CHECK(unknown({"chek", "a"}) ==
        "unknown command `chek` (did you mean `check`?): the commands are check, validate, "
        "template");
  CHECK(unknown({"--lang", "en", "frobnicate"}) ==
        "unknown command `frobnicate`: the commands are check, validate, template");
  CHECK(unknown({"check", "chek"}).empty());  // a command: the rest is CLI11's
  CHECK(unknown({"--version"}).empty());      // an option: CLI11's
  CHECK(unknown({}).empty());
  InLang zh(Lang::zh);
  CHECK(unknown({"--lang", "zh", "chek"}) ==
        "未知的命令 `chek`（是否应为 `check`？）：可用的命令有 check、validate、template");
}

TEST_CASE("usage_message maps CLI11's texts, in both languages") {
  auto m = [](const char* what) { return usage_message(what, k_options, k_commands); };
  CHECK(m("A subcommand is required") ==
        "no command given: the commands are check, validate, template");
  CHECK(m("--format: At Most 1 required but received 2") ==
        "--format is given 2 times: give it once");
  CHECK(m("--lang: 1 required TEXT:{en,zh} missing") == "--lang needs a value: one of en, zh");
  CHECK(m("--tag: 1 required TEXT missing") == "--tag needs a value");
  CHECK(m("PLAN is required") == "missing PLAN: name the plan file (or - for standard input)");
  CHECK(m("NEW_PLAN is required") == "missing NEW_PLAN");
  CHECK(m("The following arguments were not expected: --formt=json extra") ==
        "unknown option `--formt=json` (did you mean `--format`?); unexpected argument `extra`");
  CHECK(m("--max-depth: Value 0 not in range 1 to 10000") ==
        "--max-depth `0` is out of range: give 1 to 10000");
  CHECK(m("--max-depth: Value 0 not in range [1 - 10000]") ==
        "--max-depth `0` is out of range: give 1 to 10000");
  CHECK(m("--lang: fr not in {en,zh}") == "--lang `fr` is not one of en, zh");
  CHECK(m("The value x is not an allowed value for --max-depth") ==
        "--max-depth `x` is not a valid value (a whole number?)");
  CHECK(m("Could not convert: --strict = x") == "--strict `x` is not a valid value");
  CHECK(m("--strict: too many inputs for a flag") == "--strict takes no value");
  CHECK(m("Something CLI11 says") == "Something CLI11 says");
  InLang zh(Lang::zh);
  CHECK(m("A subcommand is required") == "没有给出命令：可用的命令有 check、validate、template");
  CHECK(m("KIND: report not in {plan,actuals}") == "类型 `report` 不是 plan、actuals 之一");
  CHECK(m("PLAN is required") == "缺少计划文件：请给出计划文件的路径（或用 - 表示标准输入）");
  CHECK(m("NEW_PLAN is required") == "缺少新计划文件");
  CHECK(m("--formt: 1 required TEXT missing") == "--formt 需要一个值");
  // A text no mapping knows still reads as plantrack's, in Chinese, with CLI11's words quoted.
  CHECK(m("Something CLI11 says") == "命令行有误：Something CLI11 says");
}

TEST_CASE("metavariable translates the help's placeholders under zh only") {
  CHECK(metavariable("PLAN") == "PLAN");
  CHECK(metavariable("--format") == "--format");
  InLang zh(Lang::zh);
  CHECK(metavariable("PLAN") == "计划文件");
  CHECK(metavariable("DAYS") == "天数");
  CHECK(metavariable("UINT") == "整数");
  CHECK(metavariable("--format") == "--format");
}
