// Reading in pieces (plan_pieces): the cutting of big plans, the pages given back, and the
// parallel reader, whose results must never depend on whether (or where) a plan was cut.

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "helpers.hpp"
#include "inputs.hpp"
#include "plan_pieces.hpp"
#include "plan_pieces_parts.hpp"
#include "read_file.hpp"

namespace plantrack::test {
namespace {

namespace fs = std::filesystem;

// A scratch folder removed at the end of the test.
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string tmpl = (fs::temp_directory_path() / "plantrack-test-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    dir = tmpl;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string write(const std::string& name, std::string_view text) const {
    fs::path p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

// What the pieces are, as "first line: text" for each.
std::vector<std::string> pieces_of(std::string_view text, size_t piece_bytes = 1) {
  auto split = split_top_sequence(text, "targets", piece_bytes);
  if (!split) return {};
  std::vector<std::string> out{"head: " + std::string(text.substr(0, split->head_end))};
  for (const Piece& p : split->pieces)
    out.push_back(fmt::format("{}: {}", p.first_line, text.substr(p.begin, p.end - p.begin)));
  return out;
}

// Everything a loaded plan holds that a check prints, one line per target.
std::vector<std::string> describe(const Plan& plan) {
  std::vector<std::string> out{fmt::format(
      "{} {}..{} {} 万亩={}", plan.title, format_date(plan.period_start),
      format_date(plan.period_end), plan.owner, plan.units.convert(1, "万亩", "亩").value_or(-1))};
  for (const Target& t : plan.targets) {
    std::string children;
    for (int c : t.children())
      children += fmt::format(" {}", c);
    out.push_back(fmt::format(
        "{} {} [{}] {} {} {} {} {}:{} id {}:{} bound {}:{} p{} d{} c[{}] s{} cp{} o={} tags={}",
        t.full_id, t.name, t.unit, kind_name(t.kind), t.min.value_or(-1), t.max.value_or(-1),
        t.baseline.value_or(-1), t.mark.line, t.mark.column, t.thresholds->warn, t.thresholds->fail,
        t.bound_mark.line, t.bound_mark.column, t.parent, t.depth, children,
        static_cast<int>(t.schedule), t.checkpoints().size(), t.owner, fmt::join(t.tags(), ",")));
  }
  return out;
}

// Loads `plan_text` whole (piece_bytes 0) and cut into pieces of `piece_bytes`: the plans, or the
// errors, must be the same.
void same_either_way(const std::string& plan_text, uint64_t piece_bytes = 1,
                     const Limits& base = {}) {
  Scratch s;
  std::string plan = s.write("plan.yaml", plan_text);
  std::string actuals = s.write("a.yaml", "as_of: 2024-06-30\nactuals: {}\n");
  auto run = [&](uint64_t pieces) {
    Limits limits = base;
    limits.piece_bytes = pieces;
    try {
      return describe(load_inputs(plan, {actuals}, std::nullopt, limits).plan);
    } catch (const InputError& e) {
      std::vector<std::string> out{"errors"};
      for (const Diagnostic& d : e.diagnostics())
        out.push_back(fmt::format("{}:{}:{}: {}", d.file, d.mark.line, d.mark.column, d.message));
      return out;
    }
  };
  std::vector<std::string> whole = run(0);
  CHECK(run(piece_bytes) == whole);
}

const char* const k_head =
    "title: 试点\n"
    "period: {start: 2024-01-01, end: 2024-12-31}\n"
    "owner: 县扶贫办\n";

// A plan of `count` top-level targets: many pieces when cut small, over many pages of text.
std::string many_targets(int count) {
  std::string text = std::string(k_head) + "targets:\n";
  for (int i = 0; i < count; ++i)
    text +=
        fmt::format("  - id: t{}\n    name: 目标{}\n    unit: 户\n    target: {}\n", i, i, i + 1);
  return text;
}

size_t page_size() {
  return static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// Whether each page of `bytes` is in memory.
std::vector<bool> resident(const FileBytes& bytes) {
  size_t page = page_size();
  std::vector<unsigned char> in((bytes.view().size() + page - 1) / page);
  void* start = const_cast<char*>(bytes.view().data());
  REQUIRE(mincore(start, bytes.view().size(), in.data()) == 0);
  std::vector<bool> out;
  for (unsigned char c : in)
    out.push_back(c & 1);
  return out;
}

}  // namespace

TEST_CASE("split_top_sequence cuts before items, keeping lines") {
  std::string text = std::string(k_head) +
                     "targets:   # the list\n"
                     "  # a comment before the first item\n"
                     "  - id: a\n"
                     "    name: A\n"
                     "\n"
                     "  - id: b\n"
                     "    children:\n"
                     "      - id: c\n"
                     "  -\n"
                     "    id: d\n";
  CHECK(pieces_of(text) ==
        std::vector<std::string>{"head: " + std::string(k_head) + "targets:   # the list\n",
                                 "5:   # a comment before the first item\n  - id: a\n"
                                 "    name: A\n\n",
                                 "9:   - id: b\n    children:\n      - id: c\n",
                                 "12:   -\n    id: d\n"});
  SUBCASE("pieces gather items up to their size") {
    auto split = split_top_sequence(text, "targets", 60);
    REQUIRE(split);
    REQUIRE(split->pieces.size() == 2);
    CHECK(split->pieces[1].first_line == 12);
  }
  SUBCASE("items at column 1 and CRLF line ends") {
    CHECK(pieces_of("targets:\r\n- id: a\r\n- id: b\r\n") ==
          std::vector<std::string>{"head: targets:\r\n", "2: - id: a\r\n", "3: - id: b\r\n"});
  }
}

TEST_CASE("split_top_sequence leaves unusual files whole") {
  auto whole = [](std::string_view text) { return pieces_of(text).empty(); };
  CHECK(whole("targets:\n  - id: a\n"));               // one item
  CHECK(whole("targets: []\n"));                       // flow
  CHECK(whole("targets: [a,\n  b]\n"));                // flow over lines
  CHECK(whole("title: x\n"));                          // no targets
  CHECK(whole("  targets:\n  - a\n  - b\n"));          // not at column 1
  CHECK(whole("targets:\n  - a\n  - b\nowner: x\n"));  // a key after it
  CHECK(whole("targets:\n  - a\n  - b\n---\n"));       // a second document
  CHECK(whole("targets:\n- a\n- b\n---\n"));           // same, items at column 1
  CHECK(whole("targets:\n  - a\n  - b\n ...\n"));      // less indented
  CHECK(whole("targets:\n  - a\n\t- b\n"));            // a tab
  CHECK(whole("targets:\n  - a\r  - b\n"));            // a lone CR
  CHECK(whole("targets:\n  id: a\n"));                 // a mapping
  CHECK(whole("targets:\n  - a\n  -b\n"));             // `-b` is no item
  CHECK(!whole("targets:\n  - a\n  - b\n# end\n"));    // comments anywhere
  CHECK(!whole("targets: # x\n  - a\n    # deeper\n  - b\n"));
  CHECK(split_top_sequence("targets:\n  - a\n  - b\n", "targets", 1000) == std::nullopt);
}

TEST_CASE("pieces parse with the file's lines, columns and depth") {
  std::string text = "targets:\n  - id: a\n  - id: b\n    name: 名字\n";
  auto split = split_top_sequence(text, "targets", 1);
  REQUIRE(split);
  const Piece& p = split->pieces[1];
  Document doc = parse_piece("f.yaml", text, p, Limits{}, 1);
  const Node& item = doc.item(doc.root(), 0);
  CHECK(doc.find(item, "name")->mark.line == 4);
  CHECK(doc.find(item, "name")->mark.column == 11);
  Limits shallow;
  shallow.max_depth = 2;  // root map, targets list: an item's mapping is one too deep
  const Piece& p0 = split->pieces[0];
  CHECK(error_of([&] { parse_document("f.yaml", text, shallow); }) ==
        error_of([&] { parse_piece("f.yaml", text, p0, shallow, 1); }));
}

TEST_CASE("a plan read in pieces is the plan read whole") {
  std::string good = std::string(k_head) +
                     "units: {万亩: 10000 亩}\n"
                     "targets:\n"
                     "  - id: town\n"
                     "    name: 镇\n"
                     "    children:\n"
                     "      - {id: a, name: 甲, unit: 户, target: 10}\n"
                     "      - id: b\n"
                     "        name: 乙\n"
                     "        unit: 万亩\n"
                     "        target: {min: 1, max: 2}\n"
                     "        schedule: {Q2: 50%, Q4: 100%}\n"
                     "  - id: plan-filed\n"
                     "    name: 计划备案\n"
                     "    target: done\n"
                     "    due: 2024-12-27\n"
                     "  - id: money\n"
                     "    owner: 财政局\n"
                     "    tags: [资金]\n"
                     "    name: |\n"
                     "      资金\n"
                     "    unit: 万元\n"
                     "    target: 1590\n";
  same_either_way(good);
  same_either_way(good, 80);

  SUBCASE("the plan's problems, wherever they are") {
    for (const char* extra : {
             "  - id: town\n    name: again\n    unit: 户\n    target: 1\n",  // duplicate id
             "  - id: x\n    name: x\n    unit: 户\n    tagret: 1\n",         // unknown key
             "  - id: x\n    name: \"open\n",                                 // unterminated quote
             "  - id: x\n    name: [a,\n  - b]\n",                            // flow across items
             "  - id: x\n    name: &a x\n  - id: y\n    name: *a\n",          // anchor and alias
             "  - id: x\n    name: x\n    name: y\n",                         // duplicate key
             "  - id: x\n    name: \xC3\x28\n",                               // invalid UTF-8
             "  - id: x\n    name: x\n    unit: 户\n    target: 1\n  - : \n",
             "  - id: x\n    name: |\n  - id: y\n",  // empty block text
             "  - id: x\n    name: x\n    unit: 户\n    target: 1\n    due: 2024-02-30\n",
         }) {
      CAPTURE(extra);
      same_either_way(good + extra);
      same_either_way(std::string(extra) + good.substr(good.find("  - id: town")) + extra);
    }
    same_either_way(std::string(k_head) + "title: twice\ntargets:\n  - id: a\n  - id: b\n");
  }
  SUBCASE("limits count the whole file") {
    for (uint32_t depth : {2u, 3u, 4u, 5u}) {
      Limits limits;
      limits.max_depth = depth;
      CAPTURE(depth);
      same_either_way(good, 1, limits);
    }
    for (uint64_t nodes : {10u, 60u, 100u, 117u, 118u, 119u, 1000u}) {
      Limits limits;
      limits.max_nodes = nodes;
      CAPTURE(nodes);
      same_either_way(good, 1, limits);
    }
  }
}

TEST_CASE("FileBytes gives back whole pages and keeps every other byte") {
  Scratch s;
  size_t page = page_size();
  std::string text;
  for (size_t i = 0; text.size() < 3 * page + page / 2; ++i)
    text += fmt::format("line {}\n", i);
  std::string path = s.write("plan.yaml", text);
  FileBytes bytes = FileBytes::read(path, Limits{});
  REQUIRE(bytes.view() == text);
  CHECK(bytes.whole());
  CHECK(resident(bytes) == std::vector<bool>{true, true, true, true});

  SUBCASE("parts of pages stay") {
    CHECK(bytes.release(10, page - 1) == 0);  // no whole page
    CHECK(bytes.release(page + 1, 2 * page + 5) == 2 * page);
    CHECK(bytes.whole());
    CHECK(bytes.view() == text);
    // From a page's start: [page, 3 * page) goes, the bytes around it stay.
    CHECK(bytes.release(page - 1, 3 * page + 1) == 3 * page);
    CHECK_FALSE(bytes.whole());
    CHECK(resident(bytes) == std::vector<bool>{true, false, false, true});
    std::string_view v = bytes.view();
    CHECK(v.substr(0, page) == std::string_view(text).substr(0, page));
    CHECK(v.substr(3 * page) == std::string_view(text).substr(3 * page));
    CHECK(v.substr(page, 2 * page) == std::string(2 * page, '\0'));
    // Going on from where the last release ended leaves no page behind.
    CHECK(bytes.release(3 * page, text.size() - 1) == 3 * page);
    CHECK(bytes.release(0, text.size()) == text.size());  // the last page, though part of one
    CHECK(resident(bytes) == std::vector<bool>{false, false, false, false});
  }
  SUBCASE("everything") {
    CHECK(bytes.release(0, text.size()) == text.size());
    CHECK_FALSE(bytes.whole());
    CHECK(bytes.view().size() == text.size());
    CHECK(bytes.view() == std::string(text.size(), '\0'));
  }
  SUBCASE("moved, the bytes go along") {
    FileBytes other = std::move(bytes);
    CHECK(other.view() == text);
    CHECK(bytes.view().empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    bytes = std::move(other);
    CHECK(bytes.view() == text);
  }
  SUBCASE("an empty file") {
    FileBytes empty = FileBytes::read(s.write("empty.yaml", ""), Limits{});
    CHECK(empty.view().empty());
    CHECK(empty.release(0, 10) == 0);
    CHECK(empty.whole());
  }
  SUBCASE("what read_file rejects, with its words") {
    Limits small;
    small.max_bytes = 10;
    for (const std::string& bad : {s.dir.string(), (s.dir / "missing.yaml").string()})
      CHECK(error_of([&] { FileBytes::read(bad, Limits{}); }) ==
            error_of([&] { read_file(bad, Limits{}); }));
    CHECK(error_of([&] { FileBytes::read(path, small); }) ==
          error_of([&] { read_file(path, small); }));
  }
}

TEST_CASE("a plan in many pieces, parsed a few ahead of their reading") {
  // Many more pieces than workers may parse ahead, and their text given back as they parse
  // (pages of it, the plan being several pages long): the same results as a whole read.
  std::string plan = many_targets(400);
  REQUIRE(plan.size() > 4 * page_size());
  same_either_way(plan);
  same_either_way(plan, 200);
  same_either_way("\xEF\xBB\xBF" + plan);
  SUBCASE("a piece that fails, early or late, stops the others") {
    std::string bad_item = "  - id: x\n    name: [a,\n";
    same_either_way(std::string(k_head) + "targets:\n" + bad_item +
                    plan.substr(plan.find("  - id: t0")));
    same_either_way(plan + bad_item);
    size_t middle = plan.find("  - id: t200\n");
    same_either_way(plan.substr(0, middle) + bad_item + plan.substr(middle));
  }
  SUBCASE("the head fails, or the loader, with every piece left to read") {
    same_either_way("title: again\n" + plan);
    same_either_way(plan + "  - id: t1\n    name: again\n    unit: 户\n    target: 1\n");
  }
  SUBCASE("too many nodes, found in the middle") {
    Limits limits;
    limits.max_nodes = 1000;
    same_either_way(plan, 1, limits);
  }
}

TEST_CASE("actuals from many files keep their order and file numbers") {
  Scratch s;
  std::string plan = s.write("plan.yaml", std::string(k_head) +
                                              "targets:\n"
                                              "  - {id: a, name: 甲, unit: 户, target: 10}\n"
                                              "  - {id: b, name: 乙, unit: 户, target: 10}\n");
  std::vector<std::string> files;
  for (int i = 0; i < 40; ++i)
    files.push_back(s.write(fmt::format("act/f{:02}.yaml", i),
                            fmt::format("as_of: 2024-06-30\nreported_by: r{}\nactuals:\n"
                                        "  a: {}\n  b: {}\n",
                                        i, i, 100 + i)));
  Limits limits;
  limits.piece_bytes = 1;
  Inputs in = load_inputs(plan, {(s.dir / "act").string()}, std::nullopt, limits);
  REQUIRE(in.actuals.files.size() == 40);
  REQUIRE(in.actuals.entries.size() == 80);
  for (int i = 0; i < 40; ++i) {
    CHECK(in.actuals.files[static_cast<size_t>(i)].path == files[static_cast<size_t>(i)]);
    const Entry& a = in.actuals.entries[static_cast<size_t>(2 * i)];
    const Entry& b = in.actuals.entries[static_cast<size_t>(2 * i + 1)];
    CHECK(a.file == i);
    CHECK(b.file == i);
    CHECK(a.amount == i);
    CHECK(b.amount == 100 + i);
    CHECK(in.actuals.name(a.reporter) == fmt::format("r{}", i));
  }

  SUBCASE("problems come plan first, then by file") {
    s.write("act/f05.yaml", "actuals: [\n");
    s.write("act/f30.yaml", "actuals: {a: x}\nas_of: 2024-06-30\n");
    std::string bad_plan = s.write("bad.yaml", "title: x\ntargets:\n  - id: a\n  - id: a\n");
    std::vector<std::string> errors;
    try {
      load_inputs(bad_plan, {(s.dir / "act").string()}, std::nullopt, limits);
    } catch (const InputError& e) {
      for (const Diagnostic& d : e.diagnostics())
        errors.push_back(fs::path(d.file).filename().string() + ":" + std::to_string(d.mark.line));
    }
    REQUIRE(errors.size() >= 4);
    CHECK(errors.front().substr(0, 9) == "bad.yaml:");
    CHECK(errors[errors.size() - 2].substr(0, 9) == "f05.yaml:");
    CHECK(errors.back() == "f30.yaml:1");
  }
}

TEST_CASE("read_in_parallel keeps every problem: the plan's first, then the files'") {
  Scratch s;
  std::string plan = s.write("plan.yaml", many_targets(50) + "  - id: t3\n    name: again\n");
  std::string good = s.write("good.yaml", "as_of: 2024-06-30\nactuals: {t1: 1}\n");
  std::string bad = s.write("bad.yaml", "actuals: [\n");
  std::string copy = s.write("copy.yaml", "as_of: 2024-06-30\nactuals: {t1: 1}\n");
  for (uint64_t piece_bytes : {uint64_t{0}, uint64_t{1}}) {
    CAPTURE(piece_bytes);
    Limits limits;
    limits.piece_bytes = piece_bytes;
    std::vector<Diagnostic> problems{{"earlier", Mark{1, 1}, "before"}};
    Inputs in = read_in_parallel(plan, {good, bad, copy}, {"", "", good}, std::nullopt, limits,
                                 nullptr, problems);
    REQUIRE(problems.size() >= 3);
    CHECK(problems.front().file == plan);
    CHECK(problems[problems.size() - 2].message == "before");
    CHECK(problems.back().file == bad);
    REQUIRE(!in.actuals.files.empty());
    CHECK(in.actuals.files.front().path == good);
    CHECK(in.actuals.files.back().duplicate_of == good);
  }
}

}  // namespace plantrack::test
