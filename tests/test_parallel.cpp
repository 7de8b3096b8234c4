// The helpers that spread work over the cores: every item done once, output in order, errors
// passed on.

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "parallel.hpp"

namespace plantrack::test {

TEST_CASE("worker_count is 2 to 8") {
  CHECK(worker_count() >= 2);
  CHECK(worker_count() <= 8);
}

TEST_CASE("for_each_block does every item exactly once") {
  for (size_t count : {0u, 1u, 6u, 7u, 8u, 9u, 1000u, 100003u}) {
    for (size_t block : {0u, 1u, 7u, 8u, 4096u}) {
      CAPTURE(count);
      CAPTURE(block);
      std::vector<std::atomic<int>> seen(count);
      std::atomic<size_t> bad_blocks{0};
      for_each_block(count, block, [&](size_t begin, size_t end) {
        // (no doctest assertions on the worker threads: counted and checked here)
        if (begin >= end || end > count || end - begin > std::max<size_t>(block, 1)) ++bad_blocks;
        for (size_t i = begin; i < end && i < count; ++i)
          ++seen[i];
      });
      size_t wrong = 0;
      for (auto& s : seen)
        wrong += s != 1;
      CHECK(wrong == 0);
      CHECK(bad_blocks == 0);
    }
  }
}

TEST_CASE("for_each_block passes an exception on after the others finish") {
  std::atomic<size_t> done{0};
  CHECK_THROWS_AS(for_each_block(1000, 10,
                                 [&](size_t begin, size_t end) {
                                   if (begin == 500) throw std::runtime_error("block 50");
                                   done += end - begin;
                                 }),
                  std::runtime_error);
  CHECK(done == 990);
}

TEST_CASE("format_in_blocks writes the blocks in item order") {
  for (size_t count : {0u, 1u, 5u, 4096u, 4097u, 30001u}) {
    CAPTURE(count);
    std::string expected, got;
    for (size_t i = 0; i < count; ++i)
      expected += fmt::format("{},", i);
    size_t writes = 0;
    format_in_blocks(
        count, 1000,
        [](size_t begin, size_t end, std::string& out) {
          for (size_t i = begin; i < end; ++i)
            out += fmt::format("{},", i);
        },
        [&](const std::string& text) {
          got += text;
          ++writes;
        });
    CHECK(got == expected);
    CHECK(writes == (count + 999) / 1000);
  }
}

TEST_CASE("format_in_blocks passes on an exception and writes nothing after it") {
  std::string got;
  CHECK_THROWS_AS(format_in_blocks(
                      100, 10,
                      [](size_t begin, size_t, std::string& out) {
                        if (begin == 60) throw std::runtime_error("block 6");
                        out += std::to_string(begin) + ";";
                      },
                      [&](const std::string& text) { got += text; }),
                  std::runtime_error);
  // The blocks before the failing one may have been written (how many depends on the cores),
  // in order; none from it on.
  std::string before = "0;10;20;30;40;50;";
  CHECK(before.substr(0, got.size()) == got);
}

}  // namespace plantrack::test
