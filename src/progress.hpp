#pragma once
// Progress of a long run on stderr: what is being read and evaluated, and how far it has got.
// The work only counts (WorkCount, from any thread); the meter, on a thread of its own, shows it.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "date.hpp"
#include "i18n.hpp"

namespace plantrack {

// How far one step has got: `done` of `total` units (bytes read, targets evaluated).
struct WorkCount {
  std::atomic<uint64_t> done{0};
  std::atomic<uint64_t> total{0};
  void add(uint64_t n) { done.fetch_add(n, std::memory_order_relaxed); }
};

class ProgressMeter {
 public:
  // off: shows nothing. terminal: one line on stderr, redrawn in place and erased by clear().
  // lines: (--progress into a pipe or a log) a line per step, and its percentage now and then.
  enum class Mode { off, terminal, lines };

  // Nothing is shown before `delay` has passed, so that a quick run shows nothing.
  ProgressMeter(Mode mode, std::chrono::milliseconds delay);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  // Starts a step ("reading plan.yaml and 12 actuals files"; `total` units to count, 0 for no
  // percentage); returns the count its work adds to, or nullptr when off.
  WorkCount* step(std::string text, uint64_t total = 0);
  // Erases the line and stops: before anything goes to stdout or an error to stderr.
  void clear();
  bool on() const { return mode_ != Mode::off; }

 private:
  void run();
  void show(bool new_step);                   // with mutex_ held
  std::string line(bool with_percent) const;  // with mutex_ held

  Mode mode_;
  std::chrono::milliseconds delay_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_line_{};
  WorkCount count_;
  std::string text_;
  std::string shown_;       // terminal: the line on the screen now ("" when none)
  bool step_shown_ = true;  // lines: the current step's line was written
  bool stop_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

// How a run shows progress. `asked`: --progress (true, shown from the start, also into a pipe) or
// --no-progress (false, never), when given. Else on a terminal: stderr is one, TERM is not
// `dumb`, CI is not set, and only once the run has taken a second.
struct ProgressChoice {
  ProgressMeter::Mode mode = ProgressMeter::Mode::off;
  std::chrono::milliseconds delay{0};
};
ProgressChoice progress_choice(std::optional<bool> asked);

// The steps' texts, in the language of the run: "reading plan.yaml and 12 actuals files",
// "evaluating 26 targets at 2024-09-30" (at 4 dates: "… at 4 dates, 2024-03-31 to 2024-12-31"),
// "writing report.html". File names are escaped (a name cannot drive the terminal).
std::string reading_text(std::string_view plan, size_t actuals_files, Lang lang);
std::string evaluating_text(size_t targets, const std::vector<Date>& dates, Lang lang);
std::string writing_text(std::string_view path, Lang lang);

}  // namespace plantrack
