#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "helpers.hpp"
#include "text.hpp"
#include "yaml_doc.hpp"

using namespace plantrack;
using plantrack::test::doc_error;
using plantrack::test::doc_errors;
using plantrack::test::doc_of;

namespace {

std::string at(const Node& n) {
  return std::to_string(n.mark.line) + ":" + std::to_string(n.mark.column);
}

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i)
    out += s;
  return out;
}

}  // namespace

TEST_CASE("the tree keeps kinds, text and 1-based marks") {
  Document doc = doc_of("title: 计划\nlist: [1, two]\nempty:\nmap: {a: b}\n");
  const Node& root = doc.root();
  REQUIRE(root.kind == NodeKind::map);
  CHECK(root.size == 4);
  CHECK(at(root) == "1:1");
  CHECK(doc.text(doc.key(root, 0)) == "title");
  CHECK(at(doc.key(root, 0)) == "1:1");
  CHECK(doc.text(doc.value(root, 0)) == "计划");
  CHECK(at(doc.value(root, 0)) == "1:8");

  const Node* list = doc.find(root, "list");
  REQUIRE(list);
  CHECK(list->kind == NodeKind::sequence);
  CHECK(list->size == 2);
  CHECK(at(*list) == "2:7");
  CHECK(doc.text(doc.item(*list, 1)) == "two");
  CHECK(at(doc.item(*list, 1)) == "2:11");

  const Node* empty = doc.find(root, "empty");
  REQUIRE(empty);
  CHECK(empty->kind == NodeKind::null);
  CHECK(at(*empty) == "3:1");  // an empty value points at its key

  const Node* map = doc.find(root, "map");
  REQUIRE(map);
  CHECK(map->kind == NodeKind::map);
  CHECK(doc.text(doc.value(*map, 0)) == "b");
  CHECK(doc.find(root, "nothing") == nullptr);
  CHECK(doc.find(doc.value(root, 0), "title") == nullptr);  // not a map
}

TEST_CASE("columns count characters, not bytes") {
  Document doc = doc_of("名称: 值\n  # 注释\n项目:\n  - 易地: 搬迁\n");
  const Node& root = doc.root();
  CHECK(at(doc.value(root, 0)) == "1:5");
  const Node& item = doc.item(doc.value(root, 1), 0);
  CHECK(at(doc.key(item, 0)) == "4:5");
  CHECK(at(doc.value(item, 0)) == "4:9");
}

TEST_CASE("scalars: plain nulls, quoted text, block text") {
  Document doc = doc_of(
      "a: ~\nb: null\nc: \"~\"\nd: ''\ne: |\n  two\n  lines\nf: 'it''s'\ng: \"tab\\there\"\n");
  const Node& root = doc.root();
  CHECK(doc.value(root, 0).kind == NodeKind::null);
  CHECK(doc.value(root, 1).kind == NodeKind::null);
  const Node& c = doc.value(root, 2);
  CHECK(c.kind == NodeKind::scalar);
  CHECK(c.quoted);
  CHECK(doc.text(c) == "~");
  CHECK(doc.value(root, 3).kind == NodeKind::scalar);
  CHECK(doc.text(doc.value(root, 3)) == "");
  CHECK(doc.text(doc.value(root, 4)) == "two\nlines\n");
  CHECK(doc.value(root, 4).quoted);
  CHECK(doc.text(doc.value(root, 5)) == "it's");
  CHECK(doc.text(doc.value(root, 6)) == "tab\there");
  CHECK_FALSE(doc.key(root, 0).quoted);
}

TEST_CASE("empty documents have a null root") {
  for (const char* text : {"", "# only a comment\n", "\n\n", "~\n"}) {
    CAPTURE(text);
    Document doc = doc_of(text);
    CHECK(doc.root().kind == NodeKind::null);
    CHECK(at(doc.root()) == "1:1");
  }
  Document doc = doc_of("---\n");
  CHECK(doc.root().kind == NodeKind::null);
  CHECK(at(doc.root()) == "2:1");  // where the missing content would start
}

TEST_CASE("duplicate keys name the first one") {
  CHECK(doc_error("a: 1\nb: 2\na: 3\n") == "3:1: duplicate key `a` (first at line 1)");
  CHECK(doc_error("x: {k: 1, k: 2}\n") == "1:11: duplicate key `k` (first at line 1)");
  SUBCASE("in a large mapping") {
    std::string text;
    for (int i = 0; i < 20; ++i)
      text += fmt::format("k{}: {}\n", i, i);
    text += "k7: again\n";
    CHECK(doc_error(text) == "21:1: duplicate key `k7` (first at line 8)");
  }
  SUBCASE("the same key in different mappings is fine") {
    CHECK(doc_of("a: {id: 1}\nb: {id: 2}\n").root().size == 2);
  }
}

TEST_CASE("anchors, aliases and tags are rejected") {
  CHECK(doc_error("a: &x 1\nb: *x\n") ==
        "1:4: anchors (&x) are not supported: write the value out in full");
  CHECK(doc_error("a: &base {k: 1}\n") ==
        "1:4: anchors (&base) are not supported: write the value out in full");
  CHECK(doc_error("b: *x\n") ==
        "1:4: aliases (*name) are not supported: write the value out in full");
  const std::string remove =
      ": remove the tag (a value's type comes from the key it is written under; `!!str` alone "
      "is allowed)";
  CHECK(doc_error("a: !!int 1\n") == "1:4: YAML tags (!!int) are not supported" + remove);
  CHECK(doc_error("a: !custom 1\n") == "1:4: YAML tags (!custom) are not supported" + remove);
  CHECK(doc_error("a: !!map {k: 1}\n") == "1:4: YAML tags (!!map) are not supported" + remove);
  CHECK(doc_error("a: !!seq [1]\n") == "1:4: YAML tags (!!seq) are not supported" + remove);
  SUBCASE("an explicit string tag is plain text") {
    Document doc = doc_of("a: !!str 12\n");
    CHECK(doc.text(doc.value(doc.root(), 0)) == "12");
  }
}

TEST_CASE("one YAML document per file") {
  CHECK(doc_error("a: 1\n---\nb: 2\n") ==
        "2:1: a second YAML document: a file holds exactly one (remove the `---`)");
  CHECK(doc_error("---\na: 1\n---\n") ==
        "3:1: a second YAML document: a file holds exactly one (remove the `---`)");
  CHECK(doc_of("---\na: 1\n...\n").root().size == 1);
}

TEST_CASE("a stray comma at the top level is rejected and the parse ends") {
  CHECK(doc_error("a: 1\n,\n") == "2:1: YAML syntax error: end of map not found");
  CHECK(doc_error(",\n") == "1:1: unexpected `,`");
  CHECK(doc_error("a: 1\n, b: 2\n") == "2:1: YAML syntax error: end of map not found");
  CHECK(doc_error("[1, 2],\n") == "1:7: unexpected `,`");
  CHECK(doc_error("[1, 2]\n,\n,\n") == "2:1: unexpected `,`");
  SUBCASE("a comma inside a plain value is text") {
    Document doc = doc_of("a: 1,\n");
    CHECK(doc.text(doc.value(doc.root(), 0)) == "1,");
  }
}

TEST_CASE("nesting is limited") {
  std::string limit = "nesting deeper than 64 levels (the limit; raise it with --max-depth)";
  SUBCASE("flow style, 64 levels are fine") {
    Document doc = doc_of(repeat("[", 64) + repeat("]", 64));
    CHECK(doc.root().kind == NodeKind::sequence);
  }
  SUBCASE("flow style, 65 levels") {
    CHECK(doc_error(repeat("[", 65) + repeat("]", 65)) == "1:65: " + limit);
    CHECK(doc_error("a: " + repeat("{b: ", 64) + "1" + repeat("}", 64)) == "1:256: " + limit);
  }
  SUBCASE("block style, 64 levels are fine") {
    std::string text;
    for (int i = 0; i < 64; ++i)
      text += std::string(static_cast<size_t>(i), ' ') + "k:\n";
    CHECK(doc_of(text).root().kind == NodeKind::map);
  }
  SUBCASE("block style") {
    std::string text;
    for (int i = 0; i < 70; ++i)
      text += std::string(static_cast<size_t>(i), ' ') + "k:\n";
    CHECK(doc_error(text) == "65:65: " + limit);
    CHECK(doc_error(repeat("- ", 70) + "x\n") == "1:129: " + limit);
  }
  SUBCASE("100000 levels do not crash") {
    // Counted by the pre-scan before yaml-cpp reads anything: the 65th `[` or `{`.
    CHECK(doc_error(repeat("[", 100000)) == "1:65: " + limit);
    CHECK(doc_error(repeat("{a: ", 100000)) == "1:257: " + limit);
    CHECK(doc_error(repeat("- ", 100000)) == "1:129: " + limit);
  }
  SUBCASE("a custom limit") {
    Limits limits;
    limits.max_depth = 2;
    CHECK(doc_error("a: {b: [1]}\n", limits) ==
          "1:8: nesting deeper than 2 levels (the limit; raise it with --max-depth)");
  }
}

TEST_CASE("the node count is limited") {
  Limits limits;
  limits.max_nodes = 5;
  CHECK(doc_of("[1, 2, 3, 4]").node_count() == 5);
  CHECK(doc_error("[1, 2, 3, 4, 5]", limits) ==
        "1:14: the file has more than 5 YAML nodes (the limit; raise it with --max-nodes)");
}

TEST_CASE("syntax errors say what to do") {
  CHECK(doc_error("unit: %\n") ==
        "1:7: a plain value cannot start with `%`: quote it, e.g. unit: \"%\"");
  CHECK(doc_error("a:\n\tb: 1\n") ==
        "2:3: YAML syntax error: a tab in indentation (indent with spaces)");
  CHECK(doc_error("a: b: c\n") ==
        "1:5: YAML syntax error: unexpected `:` (text holding \": \" must be quoted)");
  CHECK(doc_error("a: [1, 2\n") == "2:1: YAML syntax error: end of sequence flow not found");
  CHECK(doc_error("a: \"open\n") == "1:4: unterminated quoted text: the closing \" is missing");
  CHECK(doc_error("a: 'open\nb: 1\n") == "1:4: unterminated quoted text: the closing ' is missing");
}

TEST_CASE("a last line without `:` is not taken as an empty value") {
  CHECK(doc_error("a: 1\nb c\n") == "2:1: missing `:` after `b c` (write KEY: VALUE)");
  CHECK(doc_error("actuals:\n  x: 1\n  relocation.households 300\n") ==
        "3:3: missing `:` after `relocation.households 300` (write KEY: VALUE)");
  CHECK(doc_of("名称 值").root().kind == NodeKind::scalar);  // a document that is one text
  SUBCASE("what is fine") {
    for (const char* text : {"a:\n", "a :\n", "a:  # note\nb:\n", "{a, b: 1}", "{a}", "? a\n",
                             "- {a: 1, b}\n", "名称 值\n"}) {
      CAPTURE(text);
      CHECK(doc_of(text).node_count() >= 1);
    }
  }
}

TEST_CASE("byte-order marks and encodings") {
  SUBCASE("a UTF-8 BOM is skipped") {
    Document doc = doc_of("\xEF\xBB\xBFtitle: 计划\n");
    CHECK(doc.text(doc.key(doc.root(), 0)) == "title");
    CHECK(at(doc.key(doc.root(), 0)) == "1:1");
    CHECK(at(doc.value(doc.root(), 0)) == "1:8");
  }
  SUBCASE("UTF-16 and UTF-32 are rejected") {
    std::string utf16 = "1:1: the file is UTF-16 (byte-order mark): save it as UTF-8";
    std::string utf32 = "1:1: the file is UTF-32 (byte-order mark): save it as UTF-8";
    CHECK(doc_error(std::string("\xFF\xFE"
                                "a\0:\0",
                                6)) == utf16);
    CHECK(doc_error(std::string("\xFE\xFF\0a\0:", 6)) == utf16);
    CHECK(doc_error(std::string("\xFF\xFE\0\0a\0\0\0", 8)) == utf32);
    CHECK(doc_error(std::string("\0\0\xFE\xFF\0\0\0a", 8)) == utf32);
  }
  SUBCASE("UTF-16 without a BOM is a NUL byte") {
    CHECK(doc_error(std::string("a\0:\0", 4)) ==
          "1:2: NUL byte in the file: plantrack reads UTF-8 text, not binary or UTF-16 files");
  }
}

TEST_CASE("invalid UTF-8 and control characters are located") {
  auto invalid = [](const char* byte) {
    return std::string("invalid UTF-8 (byte 0x") + byte + "): save the file as UTF-8";
  };
  CHECK(doc_error("a: b\nc: \xFF\n") == "2:4: " + invalid("FF"));
  CHECK(doc_error("名称: \xE4\xB8\n") == "1:5: " + invalid("E4"));       // truncated
  CHECK(doc_error("a: \xC0\x80\n") == "1:4: " + invalid("C0"));          // overlong
  CHECK(doc_error("a: \xED\xA0\x80\n") == "1:4: " + invalid("ED"));      // surrogate
  CHECK(doc_error("a: \xF4\x90\x80\x80\n") == "1:4: " + invalid("F4"));  // above U+10FFFF
  CHECK(doc_error("a: \x80\n") == "1:4: " + invalid("80"));              // lone continuation
  CHECK(doc_error(std::string("a: b\0c\n", 7)) ==
        "1:5: NUL byte in the file: plantrack reads UTF-8 text, not binary or UTF-16 files");
  CHECK(doc_error("a: \x1B[31m\n") == "1:4: control character U+001B is not allowed in the file");
  CHECK(doc_error("名: x\n标题: \x07\n") ==
        "2:5: control character U+0007 is not allowed in the file");
  CHECK(doc_error("a: \x7F\n") == "1:4: control character U+007F is not allowed in the file");
  CHECK(doc_error("a: x\xC2\x85y\n") == "1:5: control character U+0085 is not allowed in the file");
  SUBCASE("CR line ends count lines") {
    CHECK(doc_error("a: 1\r\nb: 2\rc: \x01\n") ==
          "3:4: control character U+0001 is not allowed in the file");
  }
  SUBCASE("escapes in quoted text may make control characters (every output escapes them)") {
    Document doc = doc_of("a: \"x\\ty\\nz\"\nb: \"\\e[31m\"\nc: \"\\x85\"\nd: \"x\\0\"\n");
    CHECK(doc.text(doc.value(doc.root(), 0)) == "x\ty\nz");
    CHECK(doc.text(doc.value(doc.root(), 1)) == "\x1B[31m");
    CHECK(doc.text(doc.value(doc.root(), 2)) == "\u0085");
    CHECK(doc.text(doc.value(doc.root(), 3)) == std::string("x\0", 2));
  }
  SUBCASE("but not a lone surrogate") {
    CHECK(doc_error("a: \"\\uD800\"\n") == "1:11: YAML syntax error: invalid unicode: 55296");
  }
}

TEST_CASE("input errors print as FILE:LINE:COLUMN: error: MESSAGE") {
  CHECK(format_error({"plan.yaml", Mark{3, 7}, "bad"}) == "plan.yaml:3:7: error: bad");
  CHECK(format_error({"plan.yaml", Mark{}, "cannot read"}) == "plan.yaml: error: cannot read");
  CHECK(format_error({"a\x1B]0;x.yaml", Mark{1, 1}, "m"}) == "a\\x1B]0;x.yaml:1:1: error: m");
  InputError e("f.yaml", Mark{2, 4}, "first");
  CHECK(std::string(e.what()) == "f.yaml:2:4: error: first");
  CHECK(e.diagnostics().size() == 1);
  SUBCASE("collected problems are sorted by line, then column") {
    Diagnostics d("f.yaml");
    CHECK(d.empty());
    d.error(Mark{5, 1}, "c");
    d.error(Mark{2, 9}, "b");
    d.error(Mark{2, 3}, "a");
    d.error(Mark{5, 1}, "d");
    std::vector<std::string> got = plantrack::test::errors_of([&] { d.throw_if_any(); });
    CHECK(got == std::vector<std::string>{"2:3: a", "2:9: b", "5:1: c", "5:1: d"});
  }
  SUBCASE("nothing collected, nothing thrown") {
    Diagnostics d("f.yaml");
    d.throw_if_any();
    CHECK(d.empty());
  }
}

TEST_CASE("load_document reads regular files only") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("plantrack-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const char* name, std::string_view text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  };
  auto load_error = [](const std::string& path, Limits limits = {}) {
    return plantrack::test::error_of([&] { load_document(path, limits); });
  };
  std::string good = write("good.yaml", "\xEF\xBB\xBFtitle: 计划\n");
  Document doc = load_document(good, Limits{});
  CHECK(doc.file() == good);
  CHECK(doc.text(doc.value(doc.root(), 0)) == "计划");
  CHECK(load_error((dir / "missing.yaml").string()) ==
        "1:1: cannot read: No such file or directory");
  CHECK(load_error(dir.string()) == "1:1: is a folder, not a file");
  CHECK(load_error("/dev/null") ==
        "1:1: not a regular file (a device, FIFO or socket is not read)");
  Limits small;
  small.max_bytes = 10;
  std::string big = write("big.yaml", "title: more than ten bytes\n");
  CHECK(load_error(big, small) ==
        "1:1: the file is 27 bytes, over the limit of 10 (raise it with --max-input-size)");
  std::string bad = write("bad.yaml", "a: 1\nb: [\n");
  CHECK(plantrack::test::errors_of([&] { load_document(bad, Limits{}); }).size() == 1);
  fs::remove_all(dir);
}

TEST_CASE("columns on one long line are counted on from mark to mark") {
  // A flow line of many nodes with multi-byte text: each column in characters, as in a short file.
  std::string line = "targets: [";
  std::vector<size_t> columns;
  for (int i = 0; i < 2000; ++i) {
    if (i) line += ", ";
    columns.push_back(count_chars(line) + 1);
    line += "{名: 值" + std::to_string(i) + "}";
  }
  line += "]\nnext: [a, 名]\n";
  Document doc = doc_of(line);
  const Node& seq = doc.value(doc.root(), 0);
  REQUIRE(seq.size == 2000);
  for (size_t i : {0, 1, 999, 1999}) {
    CHECK(doc.item(seq, i).mark.line == 1);
    CHECK(doc.item(seq, i).mark.column == columns[i]);
    CHECK(doc.value(doc.item(seq, i), 0).mark.column == columns[i] + 4);
  }
  CHECK(at(doc.item(doc.value(doc.root(), 1), 1)) == "2:11");
}

// SPEC §6: valid YAML read as YAML 1.2 reads it, or rejected with the real cause (yaml_scan).
namespace {
std::string text_at(const Document& doc, const Node& map, std::string_view key) {
  const Node* n = doc.find(map, key);
  REQUIRE_MESSAGE(n, "no key ", std::string(key));
  return std::string(doc.text(*n));
}
}  // namespace

TEST_CASE("YAML 1.2 where yaml-cpp departs from it: normalised, lines and columns kept") {
  SUBCASE("`?` inside plain scalars in flow collections") {
    Document doc = doc_of("a: {name: 是否达标?, b?: c}\nt: [a?b, ?c, 'd?']\nx: 1\n");
    const Node& a = *doc.find(doc.root(), "a");
    CHECK(text_at(doc, a, "name") == "是否达标?");
    CHECK(text_at(doc, a, "b?") == "c");
    const Node& t = *doc.find(doc.root(), "t");
    CHECK(doc.text(doc.item(t, 0)) == "a?b");
    CHECK(doc.text(doc.item(t, 1)) == "?c");
    CHECK(doc.text(doc.item(t, 2)) == "d?");
    CHECK(at(doc.item(t, 2)) == "2:14");
    CHECK(at(*doc.find(doc.root(), "x")) == "3:4");
  }
  SUBCASE("whitespace-only lines holding a TAB") {
    Document doc = doc_of("a: 1\n\t\n  \t \nb: 2\n");
    CHECK(text_at(doc, doc.root(), "b") == "2");
    CHECK(at(*doc.find(doc.root(), "b")) == "4:4");
    // In a block scalar a TAB after the indentation is text.
    Document block = doc_of("a: |\n  x\n  \t\n  y\n");
    CHECK(text_at(block, block.root(), "a") == "x\n\t\ny\n");
  }
  SUBCASE("lone CR line breaks") {
    Document doc = doc_of("a: 1\rb: \"x\r  y\"\rc: 3\r");
    CHECK(text_at(doc, doc.root(), "b") == "x y");
    CHECK(at(*doc.find(doc.root(), "c")) == "4:4");
  }
  SUBCASE("\\N and \\_ are U+0085 and U+00A0, later columns unmoved") {
    Document doc = doc_of("{a: \"x\\_y\\Nz\", b: 1}\n");
    CHECK(text_at(doc, doc.root(), "a") == "x\u00a0y\u0085z");
    Document doc2 = doc_of("a: [\"x\\_y\", b]\n");
    CHECK(at(doc2.item(*doc2.find(doc2.root(), "a"), 1)) == "1:13");
  }
  SUBCASE("blank quoted lines and a last line of blanks") {
    Document doc = doc_of("a: '\n\n  '\nb: \"\n\n\n  \"\nc: ' \n  '\n");
    CHECK(text_at(doc, doc.root(), "a") == "\n");
    CHECK(text_at(doc, doc.root(), "b") == "\n\n");
    CHECK(text_at(doc, doc.root(), "c") == " ");
    Document block = doc_of("foo: |\n  x\n   ");
    CHECK(text_at(block, block.root(), "foo") == "x\n \n");
  }
}

TEST_CASE("invalid YAML that yaml-cpp accepts is rejected where it is wrong") {
  CHECK(doc_error("tags: [a, , b]\n") ==
        "1:11: YAML syntax error: an empty entry in `[ ]` (a comma with nothing before it): "
        "remove the comma, or write \"\" for empty text");
  CHECK(doc_error("tags: [, a]\n").substr(0, 5) == "1:8: ");
  CHECK(doc_of("tags: [a, b, ]\n").node_count() == 5);  // a trailing comma is fine
  CHECK(doc_error("name: \"value\"# c\n") == "1:14: a comment needs a space before `#`");
  CHECK(doc_error("t: [a, b]# c\n") == "1:10: a comment needs a space before `#`");
  CHECK(doc_error("t: [a,# c\n  b]\n") == "1:7: a comment needs a space before `#`");
  CHECK(doc_of("t: a#b\n").node_count() == 3);  // inside plain text `#` is text
  CHECK(doc_error("name: \"it\\'s\"\n") ==
        "1:10: `\\'` is not an escape in double quotes: write `'` as it is (\"it's\"), or use "
        "single quotes and double it ('it''s')");
  CHECK(doc_error("name: \"a\\qb\"\n") ==
        "1:9: `\\q` is not an escape in double quotes (write `\\\\` for a backslash)");
  CHECK(doc_error("name: \"a\\x4\"\n") == "1:9: `\\x` needs 2 hex digits");
  CHECK(doc_error("note: ># c\n  x\n") ==
        "1:8: a comment needs a space before `#` (after `|` or `>`)");
  CHECK(doc_error("tags: [-]\n") ==
        "1:8: `-` inside `[ ]` or `{ }` is not a list item: write the items with commas, or "
        "quote a dash as text: \"-\"");
  CHECK(doc_of("tags: [-1, -a]\n").node_count() == 5);
  CHECK(doc_error("a:\n  b: \"x\n  y\"\n") ==
        "3:3: this line continues the quoted text begun on line 2 and must be indented more "
        "than the block it belongs to (by at least 3 spaces), or the quote on line 2 is not "
        "closed");
  CHECK(doc_error("flow: [a,\nb]\n") ==
        "2:1: this line is inside `[ ]` or `{ }` and must be indented more than the block it "
        "belongs to (by at least 1 space)");
  CHECK(doc_error("x:\n  \"a\n   b\": c\n") ==
        "3:6: YAML syntax error: a key must be on one line, and the key before this `:` starts "
        "on line 2");
  CHECK(doc_error("%YAML 1.2\n") ==
        "1:1: a directive (`%…`) must be followed by `---` and a document");
  CHECK(doc_error("a: 1\n...\nb: 2\n") ==
        "3:1: a second YAML document (after `...`): a file holds exactly one");
  CHECK(doc_error("a: 1\n---\nb: 2\n") ==
        "2:1: a second YAML document: a file holds exactly one (remove the `---`)");
}

TEST_CASE("valid YAML that yaml-cpp cannot read: a message that says what to write") {
  CHECK(doc_error("a: {b\n  : c}\n") ==
        "2:3: the key before this `:` starts on an earlier line: write a key inside `{ }` and "
        "its `:` on one line (or quote the whole text)");
  CHECK(doc_error("a: {b: c, multi\n  line}\n") ==
        "2:7: the key of this entry runs over a line break: write a key inside `{ }` on one "
        "line (or quote the whole text)");
  CHECK(doc_error("a: {b: c,\n  d\n  }\n") ==
        "3:3: the key of this entry (on line 2) has no `:` and the entry ends on a later line: "
        "write a key inside `{ }` with its `:` (`key: `), or end the entry on the key's line");
  CHECK(doc_of("a: {b: c,\n  d: e\n  }\n").node_count() == 7);
  CHECK(doc_of("a: {b: c,\n  d}\n").node_count() == 7);
  CHECK(doc_of("a: !\n  x\n").node_count() == 3);
  CHECK(doc_error("a: {b:[c]}\n") ==
        "1:6: write a space after this `:` (`: [`): valid YAML, but "
        "plantrack cannot read a `:[` right after a key that is "
        "not quoted");
  CHECK(doc_of("a: {\"b\":[c]}\n").node_count() == 6);  // `!` on the text of the next line
  CHECK(doc_error("--- |\nline\n") ==
        "2:1: plantrack cannot read a document that is one block scalar with unindented "
        "lines: indent them");
  CHECK(doc_error("a: !\n") ==
        "1:4: YAML tags (!) are not supported: remove the tag (a value's type comes from the "
        "key it is written under; `!!str` alone is allowed)");
}

TEST_CASE("deep flow nesting fails before yaml-cpp reads it, at the right line and column") {
  const std::string limit = "nesting deeper than 64 levels (the limit; raise it with --max-depth)";
  // The root mapping is level 1, `targets:`'s first `[` level 2: the 64th `[` is level 65.
  std::string deep = "title: t\ntargets: " + repeat("[", 3'000'000);
  CHECK(doc_error(deep) == "2:73: " + limit);
  std::string wide = "title: t\ntargets: [" + std::string(3'000'000, ' ') + repeat("{", 3'000'000);
  CHECK(doc_error(wide) == "2:3000073: " + limit);
  // Exactly 64 levels are fine.
  std::string ok = "targets: " + repeat("[", 63) + repeat("]", 63) + "\n";
  CHECK(doc_of(ok).node_count() == 65);
}

TEST_CASE("a mapping key must be plain text") {
  CHECK(doc_error("title: x\n? [a]\n: 1\n") == "2:3: a mapping key must be plain text");
  CHECK(doc_error("title: x\n{[a]: 1}: 2\n") == "2:2: a mapping key must be plain text");
}

TEST_CASE("a file shorter than its size reads as a read error") {
  // sysfs attributes are regular files of 4096 bytes that hold a few: fread comes back short.
  const char* path = "/sys/kernel/mm/transparent_hugepage/enabled";
  if (!std::filesystem::is_regular_file(path)) return;
  CHECK(plantrack::test::error_of([&] { load_document(path, Limits{}); }) ==
        "1:1: cannot read: read error");
}
