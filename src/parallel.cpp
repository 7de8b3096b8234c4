#include "parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace plantrack {

unsigned worker_count() {
  return std::clamp(std::thread::hardware_concurrency(), 2u, 8u);
}

void for_each_block(size_t count, size_t block, const std::function<void(size_t, size_t)>& work) {
  block = std::max<size_t>(block, 1);
  size_t blocks = (count + block - 1) / block;
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::exception_ptr error;
  auto run = [&] {
    for (size_t b; (b = next++) < blocks;) {
      try {
        work(b * block, std::min(count, (b + 1) * block));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (size_t i = 1; i < std::min<size_t>(worker_count(), blocks); ++i) {
    try {
      threads.emplace_back(run);
    } catch (const std::system_error&) {
      break;  // fewer threads: this one takes more blocks
    }
  }
  run();
  for (std::thread& t : threads)
    t.join();
  if (error) std::rethrow_exception(error);
}

void format_in_blocks(size_t count, size_t block,
                      const std::function<void(size_t, size_t, std::string&)>& format,
                      const std::function<void(const std::string&)>& write) {
  block = std::max<size_t>(block, 1);
  size_t blocks = (count + block - 1) / block;
  size_t lanes = std::min<size_t>(worker_count(), blocks);
  std::vector<std::string> texts(std::max<size_t>(lanes, 1));
  std::vector<std::exception_ptr> errors(texts.size());
  // Rounds of `lanes` blocks: lane 0 on this thread, the others on threads of their own.
  for (size_t first = 0; first < blocks; first += lanes) {
    size_t n = std::min(lanes, blocks - first);
    auto run = [&](size_t lane) {
      try {
        size_t begin = (first + lane) * block;
        texts[lane].clear();
        format(begin, std::min(count, begin + block), texts[lane]);
      } catch (...) {
        errors[lane] = std::current_exception();
      }
    };
    std::vector<std::thread> threads;
    for (size_t lane = 1; lane < n; ++lane) {
      try {
        threads.emplace_back(run, lane);
      } catch (const std::system_error&) {
        run(lane);  // no thread to be had: this one does it
      }
    }
    run(0);
    for (std::thread& t : threads)
      t.join();
    for (size_t lane = 0; lane < n; ++lane) {
      if (errors[lane]) std::rethrow_exception(errors[lane]);
      write(texts[lane]);
    }
  }
}

}  // namespace plantrack
