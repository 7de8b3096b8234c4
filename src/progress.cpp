#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

constexpr auto k_default_delay = std::chrono::milliseconds(1000);
constexpr auto k_redraw = std::chrono::milliseconds(150);
constexpr auto k_line_every = std::chrono::seconds(5);  // lines mode: a percentage at most so often

void write_stderr(std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(STDERR_FILENO, s.data(), s.size());
    if (n <= 0) return;  // nothing to be done about a broken stderr
    s.remove_prefix(static_cast<size_t>(n));
  }
}

size_t terminal_columns() {
  winsize w{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 80;
}

}  // namespace

ProgressMeter::ProgressMeter(Mode mode, std::chrono::milliseconds delay)
    : mode_(mode), delay_(delay) {
  if (mode_ == Mode::off) return;
  try {
    thread_ = std::thread([this] { run(); });
  } catch (const std::system_error&) {
    mode_ = Mode::off;  // no thread, no progress: the run itself goes on
  }
}

ProgressMeter::~ProgressMeter() {
  clear();
}

WorkCount* ProgressMeter::step(std::string text, uint64_t total) {
  if (mode_ == Mode::off) return nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  text_ = std::move(text);
  count_.done = 0;
  count_.total = total;
  step_shown_ = false;
  show(true);
  return &count_;
}

void ProgressMeter::clear() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stop_) return;
    stop_ = true;
    if (mode_ == Mode::terminal && !shown_.empty()) write_stderr("\r\x1b[K");
    shown_.clear();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ProgressMeter::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    wake_.wait_for(lock, k_redraw);
    if (!stop_) show(false);
  }
}

std::string ProgressMeter::line(bool with_percent) const {
  std::string out = "plantrack: " + text_;
  uint64_t total = count_.total.load(std::memory_order_relaxed);
  if (with_percent && total > 0) {
    uint64_t done = std::min(count_.done.load(std::memory_order_relaxed), total);
    out += fmt::format(" {}%", done * 100 / total);
  }
  return out;
}

void ProgressMeter::show(bool new_step) {
  if (stop_ || text_.empty()) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < delay_) return;
  if (mode_ == Mode::terminal) {
    // One line, never wrapped: a wrapped line could not be erased with \r.
    std::string text = line(true);
    // Ambiguous-width characters counted as two: a CJK console draws them so.
    text = truncate_to_width(text, terminal_columns() - 1, Ambiguous::wide);
    if (text == shown_) return;
    write_stderr("\r\x1b[K" + text);
    shown_ = text;
    return;
  }
  // lines: each step once, then its percentage at most every few seconds.
  if (!step_shown_ || (!new_step && now - last_line_ >= k_line_every && count_.total > 0)) {
    write_stderr(line(step_shown_) + "\n");
    step_shown_ = true;
    last_line_ = now;
  }
}

ProgressChoice progress_choice(std::optional<bool> asked) {
  using Mode = ProgressMeter::Mode;
  bool terminal = isatty(STDERR_FILENO);
  const char* term = std::getenv("TERM");
  bool dumb = !term || !*term || std::string_view(term) == "dumb";
  if (asked) return {*asked ? (terminal && !dumb ? Mode::terminal : Mode::lines) : Mode::off};
  const char* ci = std::getenv("CI");
  if (!terminal || dumb || (ci && *ci)) return {};
  ProgressChoice choice{Mode::terminal, k_default_delay};
  // For tests: PLANTRACK_PROGRESS_DELAY_MS=0 shows a quick run's progress on a terminal too.
  if (const char* v = std::getenv("PLANTRACK_PROGRESS_DELAY_MS"); v && *v)
    choice.delay = std::chrono::milliseconds(std::strtoul(v, nullptr, 10));
  return choice;
}

std::string reading_text(std::string_view plan, size_t actuals_files, Lang lang) {
  std::string name = escape_text(plan);
  if (actuals_files == 0) return tr_in(lang, Msg::progress_reading, fmt::arg("plan", name));
  return tr_in(lang,
               one_or_many(actuals_files, Msg::progress_reading_one, Msg::progress_reading_many),
               fmt::arg("plan", name), fmt::arg("n", actuals_files));
}

std::string evaluating_text(size_t targets, const std::vector<Date>& dates, Lang lang) {
  std::string first = dates.empty() ? "" : format_date(dates.front());
  std::string last = dates.empty() ? "" : format_date(dates.back());
  if (dates.size() > 1)
    return tr_in(
        lang,
        one_or_many(targets, Msg::progress_evaluating_dates, Msg::progress_evaluating_dates_many),
        fmt::arg("n", targets), fmt::arg("count", dates.size()), fmt::arg("first", first),
        fmt::arg("last", last));
  return tr_in(lang,
               one_or_many(targets, Msg::progress_evaluating_one_date,
                           Msg::progress_evaluating_one_date_many),
               fmt::arg("n", targets), fmt::arg("date", first));
}

std::string writing_text(std::string_view path, Lang lang) {
  return tr_in(lang, Msg::progress_writing, fmt::arg("path", escape_text(path)));
}

}  // namespace plantrack
