#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "date.hpp"
#include "progress.hpp"

using namespace plantrack;

TEST_CASE("progress texts, in English and Chinese") {
  SUBCASE("reading") {
    CHECK(reading_text("plan.yaml", 12, Lang::en) == "reading plan.yaml and 12 actuals files");
    CHECK(reading_text("plan.yaml", 1, Lang::en) == "reading plan.yaml and 1 actuals file");
    CHECK(reading_text("plan.yaml", 0, Lang::en) == "reading plan.yaml");
    CHECK(reading_text("plan.yaml", 12, Lang::zh) == "正在读取plan.yaml和12个填报文件");
    CHECK(reading_text("plan.yaml", 0, Lang::zh) == "正在读取plan.yaml");
    // A file name cannot drive the terminal.
    CHECK(reading_text("a\x1b[2Jb.yaml", 0, Lang::en) == "reading a\\x1B[2Jb.yaml");
  }
  SUBCASE("evaluating") {
    std::vector<Date> one = {*parse_iso_date("2024-09-30")};
    std::vector<Date> three = {*parse_iso_date("2024-03-31"), *parse_iso_date("2024-06-30"),
                               *parse_iso_date("2024-09-30")};
    CHECK(evaluating_text(26, one, Lang::en) == "evaluating 26 targets at 2024-09-30");
    CHECK(evaluating_text(1, one, Lang::en) == "evaluating 1 target at 2024-09-30");
    CHECK(evaluating_text(26, three, Lang::en) ==
          "evaluating 26 targets at 3 dates, 2024-03-31 to 2024-09-30");
    CHECK(evaluating_text(26, one, Lang::zh) == "正在计算26项目标（截至2024-09-30）");
    CHECK(evaluating_text(26, three, Lang::zh) ==
          "正在计算26项目标，共3个日期（2024-03-31至2024-09-30）");
  }
  SUBCASE("writing") {
    CHECK(writing_text("report.html", Lang::en) == "writing report.html");
    CHECK(writing_text("report.html", Lang::zh) == "正在写入report.html");
  }
}

TEST_CASE("a meter that is off counts nothing and writes nothing") {
  ProgressMeter meter(ProgressMeter::Mode::off, std::chrono::milliseconds(0));
  CHECK_FALSE(meter.on());
  CHECK(meter.step("reading plan.yaml", 10) == nullptr);
  meter.clear();
  meter.clear();  // twice is fine
}

TEST_CASE("--progress and --no-progress decide whatever the terminal") {
  CHECK(progress_choice(false).mode == ProgressMeter::Mode::off);
  // Asked: from the start (into a pipe under the test runner, as lines).
  ProgressChoice asked = progress_choice(true);
  CHECK(asked.mode != ProgressMeter::Mode::off);
  CHECK(asked.delay.count() == 0);
}
