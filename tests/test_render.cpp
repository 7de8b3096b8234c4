#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "helpers.hpp"
#include "i18n.hpp"
#include "render.hpp"
#include "render_common.hpp"
#include "render_json.hpp"
#include "text.hpp"

using namespace plantrack;
using plantrack::test::check;

namespace {

constexpr const char* k_plan = R"(plantrack: 1
title: 县计划
period: {start: 2024-01-01, end: 2024-12-31}
targets:
  - id: grp
    name: 分组
    children:
      - {id: a, name: 搬迁户数, unit: 户, target: 100}
      - {id: b, name: "x | y, \"z\"", unit: 人, target: 100}
  - {id: m, name: 规划上报, target: done, due: 2024-06-30}
  - {id: none, name: 未报的, unit: 个, target: 10}
)";

constexpr const char* k_actuals = R"(plantrack: 1
as_of: 2024-09-30
actuals:
  grp.a: 80
  grp.b: 10
  m: {done: 2024-07-02}
  nope: 3
)";

std::string rendered(const Report& report, Format format, Lang lang = Lang::en, bool bom = false) {
  RenderOptions o;
  o.format = format;
  o.lang = lang;
  o.bom = bom;
  std::ostringstream out;
  render(report, o, out);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

size_t count(const std::string& s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size()))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("csv_field quotes per RFC 4180") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("") == "");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("a\nb") == "\"a\nb\"");
  CHECK(csv_field("a\rb") == "\"a\rb\"");
  CHECK(csv_field("易地扶贫 搬迁") == "易地扶贫 搬迁");
  CHECK(csv_field("'single'") == "'single'");
}

TEST_CASE("csv_text makes control characters visible and defuses formulas") {
  CHECK(csv_text("a\x1B[31m") == "a\\x1B[31m");
  CHECK(csv_text("a\nb") == "\"a\nb\"");
  CHECK(csv_text("a\tb") == "a\tb");
  CHECK(csv_text("=SUM(A1)") == "'=SUM(A1)");
  CHECK(csv_text("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  CHECK(csv_text("+1") == "'+1");
  CHECK(csv_text("-1") == "'-1");
  CHECK(csv_text("@x") == "'@x");
  CHECK(csv_text("a=b") == "a=b");
  CHECK(csv_text("") == "");
  CHECK(csv_text("\tcmd") == "'\tcmd");  // TAB and CR start formulas too (SPEC §6)
  CHECK(csv_text("\rcmd") == "\"'\rcmd\"");
  CHECK(csv_text("-x.c") == "'-x.c");  // an id may start with -
}

TEST_CASE("xml_escape: entities, XML 1.0 characters, attributes") {
  CHECK(xml_escape("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &apos; f");
  CHECK(xml_escape("]]>") == "]]&gt;");
  SUBCASE("tab, LF and CR survive attribute normalisation") {
    CHECK(xml_escape("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
    CHECK(xml_escape("a\tb\nc\rd", false) == "a\tb\nc&#13;d");
  }
  SUBCASE("characters XML 1.0 does not allow become visible text") {
    CHECK(xml_escape("\x1B[31m") == "\\x1B[31m");
    CHECK(xml_escape(std::string("a\0b", 3)) == "a\\x00b");
    CHECK(xml_escape("\x7F") == "\\x7F");
    CHECK(xml_escape("\xC2\x85") == "\\u0085");              // C1 NEL
    CHECK(xml_escape("\xEF\xBF\xBE") == "\\uFFFE");          // a noncharacter
    CHECK(xml_escape("\xFF") == "\\xFF");                    // not UTF-8
    CHECK(xml_escape("\xED\xA0\x80") == "\\xED\\xA0\\x80");  // a UTF-16 surrogate
    CHECK(xml_escape("\u202E") == "\\u202E");
  }
  CHECK(xml_escape("县扶贫办 😀") == "县扶贫办 😀");
}

TEST_CASE("html_escape") {
  CHECK(html_escape("<script>alert('x')</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(html_escape("a & \"b\"") == "a &amp; &quot;b&quot;");
  CHECK(html_escape("a\nb\x1B") == "a\\nb\\x1B");
  CHECK(html_escape("计划") == "计划");
}

TEST_CASE("markdown_escape keeps a GFM table cell in one piece") {
  CHECK(markdown_escape("a | b") == "a \\| b");
  CHECK(markdown_escape("a\nb") == "a\\\\nb");  // the newline as a visible \n
  CHECK(markdown_escape("*x* _y_ `z` [l](u) <b> & $m$ ~s~") ==
        "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\<b\\> \\& \\$m\\$ \\~s\\~");
  CHECK(markdown_escape("完成率 95%") == "完成率 95%");
}

TEST_CASE("github_data and github_property follow the workflow command rules") {
  CHECK(github_data("100% done") == "100%25 done");
  // A newline in user text is shown, not encoded: the annotation stays one line of the log.
  CHECK(github_data("a\nb\r\n::error::x") == "a\\nb\\r\\n::error::x");
  CHECK(github_data("a: b, c") == "a: b, c");
  CHECK(github_data("\x1B[31m") == "\\x1B[31m");
  CHECK(github_property("a: b, c%") == "a%3A b%2C c%25");
  CHECK(github_property("x\ny") == "x\\ny");
}

TEST_CASE("progress_bar") {
  auto width = [](const std::string& s) { return display_width(s); };
  CHECK(progress_bar(0, 10) == "░░░░░░░░░░");
  CHECK(progress_bar(1, 10) == "██████████");
  CHECK(progress_bar(0.5, 10) == "█████░░░░░");
  CHECK(progress_bar(0.55, 4) == "██▎░");  // 17.6 eighths round to 18
  CHECK(progress_bar(0.679, 10) == "██████▊░░░");
  SUBCASE("clamped, never full below 1, never empty above 0") {
    CHECK(progress_bar(2.5, 10) == "██████████");
    CHECK(progress_bar(-0.3, 10) == "░░░░░░░░░░");
    CHECK(progress_bar(std::nan(""), 10) == "░░░░░░░░░░");
    CHECK(progress_bar(0.9999, 10) == "█████████▉");
    CHECK(progress_bar(0.0001, 10) == "▏░░░░░░░░░");
  }
  SUBCASE("always exactly `cells` columns") {
    for (double f = -0.1; f <= 1.2; f += 0.013) {
      CAPTURE(f);
      CHECK(width(progress_bar(f, 10)) == 10);
      CHECK(width(progress_bar(f, 3)) == 3);
    }
  }
  SUBCASE("the parts") {
    BarParts bar = progress_bar_parts(0.25, 4);
    CHECK(bar.fill == "█");
    CHECK(bar.track == "░░░");
  }
}

TEST_CASE("Chinese words") {
  CHECK(std::string(status_label(Status::behind, Lang::zh)) == "滞后");
  CHECK(std::string(status_label(Status::behind, Lang::en)) == "behind");
  CHECK(std::string(status_label(Status::on_track, Lang::zh)) == "进度正常");
  CHECK(std::string(word(Word::progress, Lang::zh)) == "完成率");
  CHECK(std::string(word(Word::expected, Lang::zh)) == "序时进度");
  for (int i = 0; i < k_status_count; ++i) {
    CAPTURE(i);
    CHECK(std::string(status_label(static_cast<Status>(i), Lang::zh)) != "?");
  }
}

TEST_CASE("filter_text says what the filter kept") {
  Filter f;
  CHECK(filter_text(f, Lang::en) == "");
  f.tags = {"整村推进", "省级"};
  f.owners = {"珠街乡"};
  f.only_problems = true;
  CHECK(filter_text(f, Lang::en) ==
        "tag 整村推进 or 省级; owner 珠街乡; only problems (warn, fail)");
  CHECK(filter_text(f, Lang::zh) ==
        "标签为整村推进或省级；责任单位为珠街乡；仅显示问题项（警告、失败）");
}

TEST_CASE("the renderers print one report") {
  auto c = check(k_plan, k_actuals);
  const Report& r = c->report;
  REQUIRE(r.summary.targets == 4);

  SUBCASE("summary sentences") {
    CHECK(summary_sentence(r, Lang::en) ==
          "as of 2024-09-30: 4 targets: 1 late, 1 missing, 1 on-track, 1 behind "
          "(ok 1, warn 2, fail 1); findings: fail 1, warn 0, info 0");
    CHECK(summary_sentence(r, Lang::zh) ==
          "截至2024-09-30，共4项目标：逾期完成1项，未报1项，进度正常1项，滞后1项"
          "（正常1项，警告2项，失败1项）；发现问题：失败1项，警告0项，提示0项");
  }

  SUBCASE("the exit sentence says why") {
    CHECK(exit_sentence(r, false, Lang::en) == "exit 1: 1 target behind, 1 fail finding");
    CHECK(exit_sentence(r, true, Lang::en) ==
          "exit 1 (--strict: warn counts as fail): 1 target behind, 1 target missing, 1 target "
          "late, 1 fail finding");
    CHECK(exit_sentence(r, false, Lang::zh) == "退出状态1：滞后1项，失败的问题1项");
    Report clean;
    clean.as_of = r.as_of;
    CHECK(exit_sentence(clean, false, Lang::en) ==
          "exit 0: no target or finding has severity fail");
    CHECK(exit_sentence(clean, true, Lang::en) ==
          "exit 0 (--strict: warn counts as fail): no target or finding has severity warn or "
          "fail");
  }

  SUBCASE("the table stays aligned in English and Chinese") {
    for (Lang lang : {Lang::en, Lang::zh}) {
      std::vector<std::string> lines = lines_of(rendered(r, Format::table, lang));
      // Title, (blank), header and 5 rows: every row is as wide as the header up to STATUS.
      REQUIRE(lines.size() > 8);
      std::vector<size_t> starts;
      for (size_t i = 2; i < 8; ++i) {
        const std::string& line = lines[i];
        size_t last_gap = line.rfind("  ");
        REQUIRE(last_gap != std::string::npos);
        starts.push_back(display_width(line.substr(0, last_gap)));
      }
      for (size_t s : starts)
        CHECK(s == starts.front());
    }
    std::string zh = rendered(r, Format::table, Lang::zh);
    CHECK(zh.find("编号") != std::string::npos);
    CHECK(zh.find("完成率") != std::string::npos);
    CHECK(zh.find("序时进度") != std::string::npos);
    CHECK(zh.find("滞后") != std::string::npos);
    CHECK(zh.find("2024-06-30前") != std::string::npos);
  }

  SUBCASE("--ascii: nothing of ambiguous width, aligned on a terminal that draws it wide") {
    RenderOptions o;
    o.ascii = true;
    for (Lang lang : {Lang::en, Lang::zh}) {
      o.lang = lang;
      std::ostringstream out;
      render(r, o, out);
      std::vector<std::string> lines = lines_of(out.str());
      REQUIRE(lines.size() > 8);
      for (const std::string& line : lines)
        CHECK_MESSAGE(!has_ambiguous_width(line), line);
      std::vector<size_t> starts;
      for (size_t i = 2; i < 8; ++i) {
        size_t last_gap = lines[i].rfind("  ");
        REQUIRE(last_gap != std::string::npos);
        starts.push_back(display_width(lines[i].substr(0, last_gap), Ambiguous::wide));
      }
      for (size_t s : starts)
        CHECK(s == starts.front());
      CHECK(out.str().find("#") != std::string::npos);
    }
    // Without it, the bars and the title's dash are ambiguous: what a CJK console draws wide.
    CHECK(has_ambiguous_width(rendered(r, Format::table)));
  }

  SUBCASE("no colour codes unless asked") {
    std::string plain = rendered(r, Format::table);
    CHECK(plain.find('\x1b') == std::string::npos);
    RenderOptions o;
    o.color = true;
    std::ostringstream out;
    render(r, o, out);
    CHECK(out.str().find("\x1b[31m") != std::string::npos);
  }

  SUBCASE("csv: CRLF, one row per target, optional BOM") {
    std::string csv = rendered(r, Format::csv);
    CHECK(csv.rfind("id,name,unit,kind,min,max,baseline,actual,expected,progress,pace,remaining,"
                    "variance,status,severity,due,owner",
                    0) == 0);
    CHECK(count(csv, "\r\n") == 1 + r.targets.size());
    CHECK(count(csv, "\n") == count(csv, "\r\n"));
    CHECK(csv.find("grp.b,\"x | y, \"\"z\"\"\",人,min,100,,0,10,") != std::string::npos);
    CHECK(csv.find("\nm,规划上报,,milestone,,,,,,1,,,,late,warn,2024-06-30,") != std::string::npos);
    std::string with_bom = rendered(r, Format::csv, Lang::en, true);
    CHECK(with_bom == "\xEF\xBB\xBF" + csv);
    CHECK(rendered(r, Format::csv, Lang::zh) == csv);  // keys and codes stay English
  }

  SUBCASE("junit: counts match the summary and findings") {
    std::string xml = rendered(r, Format::junit);
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 0) == 0);
    CHECK(count(xml, "<testcase ") == 4 + r.findings.size());
    CHECK(count(xml, "<failure ") == 1 + 1);  // grp.b behind, the unknown target
    CHECK(xml.find("classname=\"grp\"") != std::string::npos);
    CHECK(xml.find("name=\"grp.b x | y, &quot;z&quot;\"") != std::string::npos);
  }

  SUBCASE("github: one command per problem, then the summary") {
    std::vector<std::string> lines = lines_of(rendered(r, Format::github));
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].rfind("::error file=plan.yaml,line=9,", 0) == 0);
    CHECK(lines[1].rfind("::warning file=plan.yaml,line=10,", 0) == 0);
    CHECK(lines[2].rfind("::warning file=plan.yaml,line=11,", 0) == 0);
    CHECK(lines[3].rfind("::error file=a.yaml,line=7,col=3,title=unknown-target::", 0) == 0);
    CHECK(lines[4].rfind("::notice title=plantrack%3A 县计划::as of 2024-09-30", 0) == 0);
  }

  SUBCASE("markdown and html") {
    std::string md = rendered(r, Format::markdown, Lang::zh);
    CHECK(md.find("| 编号 | 名称 |") != std::string::npos);
    CHECK(md.find("x \\| y, \"z\"") != std::string::npos);
    CHECK(md.find("| 滞后 |") != std::string::npos);
    std::string html = rendered(r, Format::html);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("x | y, &quot;z&quot;") != std::string::npos);
    CHECK(html.find("class=\"mark\"") != std::string::npos);
  }
}

TEST_CASE("header_word, date_list_text and html_lang follow the language") {
  CHECK(header_word(Word::progress, Lang::en) == "PROGRESS");
  CHECK(header_word(Word::progress, Lang::zh) == "完成率");
  CHECK(header_word(Word::id, Lang::en) == "ID");
  std::vector<Date> dates = {*parse_iso_date("2024-03-31"), *parse_iso_date("2024-06-30")};
  CHECK(date_list_text(dates, Lang::en) == "2024-03-31, 2024-06-30");
  CHECK(date_list_text(dates, Lang::zh) == "2024-03-31、2024-06-30");
  CHECK(date_list_text(std::vector<Date>(), Lang::zh) == "");
  CHECK(std::string(html_lang(Lang::en)) == "en");
  CHECK(std::string(html_lang(Lang::zh)) == "zh-CN");
}

TEST_CASE("print_page_css: title, as-of and page numbers in the printed page's margins") {
  std::string css = print_page_css("计划 \"A\\B\" </style>\n", "as of 2024-09-30", Lang::en, true);
  CHECK(css.rfind("@page{size:A4 landscape;", 0) == 0);
  // A CSS string that no title can end, nor end the style sheet with.
  CHECK(css.find("@top-left{content:\"计划 \\\"A\\\\B\\\" \\3c /style\\3e \\\\n\";") !=
        std::string::npos);
  CHECK(css.find("</style>") == std::string::npos);
  CHECK(css.find("@top-right{content:\"as of 2024-09-30\";") != std::string::npos);
  CHECK(css.find("@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);") !=
        std::string::npos);
  std::string zh = print_page_css("计划", "截至2024-09-30", Lang::zh, false);
  CHECK(zh.rfind("@page{size:A4;", 0) == 0);
  CHECK(zh.find("content:\"第\" counter(page) \"页，共\" counter(pages) \"页\";") !=
        std::string::npos);
}

TEST_CASE("html: name and id first, then status and pace; the table in a box of its own") {
  auto c = check(k_plan, k_actuals);
  std::string html = rendered(c->report, Format::html);
  size_t head = html.find("<thead>");
  REQUIRE(head != std::string::npos);
  CHECK(html.find("<div class=\"wrap\">\n<table>") != std::string::npos);
  CHECK(html.find("<tr><th class=\"name\">Name<span class=\"id\">ID</span></th><th>Status</th>"
                  "<th>Progress</th><th class=\"num\">Pace</th><th class=\"num\">Actual</th>",
                  head) == head + 7);
  CHECK(html.find("<td class=\"name\" style=\"--d:1\">搬迁户数<span class=\"id\">grp.<wbr>a</span>"
                  "</td><td class=\"st\"><span class=\"status\">") != std::string::npos);
  CHECK(html.find("@bottom-right{content:\"Page \" counter(page)") != std::string::npos);
}

TEST_CASE("an empty report renders in every format") {
  auto c = check(k_plan, k_actuals);
  Filter f;
  f.tags = {"nosuchtag"};
  apply_filter(c->report, f);
  REQUIRE(c->report.targets.empty());
  for (Format format : {Format::table, Format::markdown, Format::json, Format::csv, Format::junit,
                        Format::github, Format::html}) {
    CAPTURE(static_cast<int>(format));
    CHECK_FALSE(rendered(c->report, format).empty());
  }
  CHECK(rendered(c->report, Format::table).find("No targets match the filter.") !=
        std::string::npos);
}

TEST_CASE("expected_share is where the expected-by-now mark goes") {
  auto c = check(k_plan, k_actuals);
  const TargetResult& a = (*c)["grp.a"];
  REQUIRE(expected_share(a).has_value());
  CHECK(*expected_share(a) == doctest::Approx(*a.expected / 100));
  CHECK_FALSE(expected_share((*c)["m"]).has_value());
  CHECK_FALSE(expected_share((*c)["grp"]).has_value());
}

TEST_CASE("json_string: quotes, backslashes and control characters escaped, UTF-8 as it is") {
  CHECK(json_string("") == "\"\"");
  CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_string("1\n2\t3\r") == "\"1\\n2\\t3\\r\"");
  CHECK(json_string(std::string_view("\x01\x7f", 2)) == "\"\\u0001\\u007f\"");
  CHECK(json_string("公里") == "\"公里\"");
}
