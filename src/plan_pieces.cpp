#include "plan_pieces.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "actuals_file.hpp"
#include "file_id.hpp"
#include "load_actuals.hpp"
#include "load_plan.hpp"
#include "messages.hpp"
#include "parallel.hpp"
#include "plan_pieces_parts.hpp"
#include "progress.hpp"
#include "read_file.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

// A piece of the plan failed to parse, or the pieces hold more nodes than the limit: the whole
// plan is parsed again in one go, which reports the problem exactly as it would otherwise.
struct SplitFailed {};

// Parses the plan's pieces and the actuals files on worker threads while this thread reads the
// plan's pieces in order into the Plan (dropping each as it goes), then merges the actuals in
// file order. Results never depend on the threads: see ARCHITECTURE.md, "Reading in parallel".
// Memory stays low: the plan's text is given back as the pieces are parsed, and a worker parses
// a piece only when it is among the next `window_` pieces this thread will read.
class Reader {
 public:
  Reader(const std::string& plan_path, std::vector<std::string> actuals_paths,
         std::vector<std::string> duplicate_of, std::optional<Date> cli_as_of, const Limits& limits,
         WorkCount* count)
      : plan_path_(plan_path),
        paths_(std::move(actuals_paths)),
        duplicate_of_(std::move(duplicate_of)),
        cli_as_of_(cli_as_of),
        limits_(limits),
        count_(count),
        files_(paths_.size()) {}

  ~Reader() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;  // workers waiting for room wake and leave
    }
    room_.notify_all();
    for (std::thread& t : threads_)
      t.join();
  }

  // Appends the problems of the actuals files to `problems`, and puts the plan's before them.
  Inputs run(std::vector<Diagnostic>& problems) {
    Inputs in;
    plan_done_ = !reading_plan([&] {
      bytes_ = FileBytes::read(plan_path_, limits_);
      text_ = strip_utf8_bom(bytes_.view());
      plan_size_ = bytes_.view().size();
      bom_ = bytes_.view().size() - text_.size();
      if (limits_.piece_bytes > 0 && text_.size() > limits_.piece_bytes)
        split_ = split_top_sequence(text_, "targets", limits_.piece_bytes);
    });
    if (split_) pieces_.resize(split_->pieces.size());
    if (count_) count_->total = plan_size_ + actuals_bytes();
    if (!plan_done_ && !split_) jobs_.push_back(Job{Job::whole_plan, 0});
    for (size_t i = 0; split_ && i < split_->pieces.size(); ++i)
      jobs_.push_back(Job{Job::plan_piece, i});
    for (size_t i = 0; i < paths_.size(); ++i)
      jobs_.push_back(Job{Job::actuals_file, i});
    start_threads();
    if (threads_.empty()) {  // no thread could start: this one does it all, the plan whole
      split_failed_ = true;
      work();
      if (split_) load_whole_plan();
    } else if (split_) {
      read_plan_in_pieces(in);
    }
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [&] { return plan_done_; });
    }
    if (whole_plan_) in.plan = std::move(*whole_plan_);
    whole_plan_.reset();
    problems.insert(problems.begin(), plan_problems_.begin(), plan_problems_.end());
    // The actuals, merged in file order as they come in, each file's copy freed at once.
    for (size_t i = 0; i < files_.size(); ++i) {
      FileResult f;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return files_[i].ready; });
        f = std::move(files_[i]);
      }
      problems.insert(problems.end(), f.problems.begin(), f.problems.end());
      append_actuals(in.actuals, std::move(f.actuals), &in.plan);
    }
    join_all();
    return in;
  }

 private:
  struct Job {
    enum Kind { whole_plan, plan_piece, actuals_file } kind;
    size_t index;
  };
  struct PieceResult {
    std::unique_ptr<Document> doc;
    bool ready = false;
    bool failed = false;
  };
  struct FileResult {
    Actuals actuals;
    std::vector<Diagnostic> problems;
    bool ready = false;
  };

  void start_threads() {
    unsigned n = static_cast<unsigned>(std::min<size_t>(worker_count(), jobs_.size()));
    for (unsigned i = 0; i < n; ++i) {
      try {
        threads_.emplace_back([this] { work(); });
      } catch (const std::system_error&) {
        break;  // with none at all, run() does every job on this thread
      }
    }
  }

  void work() {
    for (size_t j; !stop_ && (j = next_job_++) < jobs_.size();)
      run(jobs_[j]);
  }

  void run(const Job& job) {
    switch (job.kind) {
      case Job::whole_plan:
        load_whole_plan();
        return;
      case Job::plan_piece: {
        std::unique_ptr<Document> doc;
        bool failed = !wait_for_room(job.index);
        if (!failed) {
          const Piece& p = split_->pieces[job.index];
          try {
            doc = std::make_unique<Document>(parse_piece(plan_path_, text_, p, limits_, 1));
          } catch (...) {  // InputError, or out of memory: the whole parse will tell
            failed = true;
          }
        }
        std::lock_guard<std::mutex> lock(mutex_);
        pieces_[job.index].doc = std::move(doc);
        pieces_[job.index].failed = failed;
        pieces_[job.index].ready = true;
        while (parsed_ < pieces_.size() && pieces_[parsed_].ready)
          ++parsed_;
        release_parsed_text();
        ready_.notify_all();
        return;
      }
      case Job::actuals_file: {
        FileResult& r = files_[job.index];
        const std::string& path = paths_[job.index];
        if (!duplicate_of_[job.index].empty())  // not read: evaluate reports duplicate-input
          r.actuals.files.push_back({path, std::nullopt, "", duplicate_of_[job.index]});
        else
          reading(path, Msg::what_the_file, r.problems,
                  [&] { load_actuals_file(path, limits_, cli_as_of_, r.actuals); });
        counted(file_size(path));
        std::lock_guard<std::mutex> lock(mutex_);
        r.ready = true;
        ready_.notify_all();
        return;
      }
    }
  }

  // Runs `read`, keeping what it throws as `problems` of `path` (`what` names the file in the
  // out-of-memory message); false when it threw. Nothing escapes: a worker thread must never
  // end the process.
  template <class Read>
  static bool reading(const std::string& path, Msg what, std::vector<Diagnostic>& problems,
                      Read read) {
    try {
      read();
      return true;
    } catch (const InputError& e) {
      problems = e.diagnostics();
    } catch (const std::bad_alloc&) {
      problems.push_back(
          {path, Mark{1, 1}, tr(Msg::out_of_memory_reading, fmt::arg("what", tr(what)))});
    } catch (const std::exception& e) {
      problems.push_back({path, Mark{1, 1}, tr(Msg::cannot_read, fmt::arg("error", e.what()))});
    }
    return false;
  }
  template <class Read>
  bool reading_plan(Read read) {
    return reading(plan_path_, Msg::what_the_plan, plan_problems_, read);
  }

  // No thread reads the plan's text meanwhile (pieces are all done, or were never parsed).
  void load_whole_plan() {
    reading_plan([&] {
      std::string again;  // the file read anew when part of its text was given back
      std::string_view content = bytes_.view();
      if (!bytes_.whole()) {
        release_text();
        again = read_file(plan_path_, limits_);
        content = again;
      }
      Document doc = parse_document(plan_path_, content, limits_);
      release_text();
      again = std::string();
      whole_plan_ = load_plan(doc, limits_.lint_marks);
    });
    counted(plan_size_);
    std::lock_guard<std::mutex> lock(mutex_);
    plan_done_ = true;
    ready_.notify_all();
  }

  // Builds the plan from the head and the pieces as they come; on SplitFailed, from the whole.
  void read_plan_in_pieces(Inputs& in) {
    try {
      Document head = parse_head();
      {
        std::lock_guard<std::mutex> lock(mutex_);
        head_read_ = true;
        release_parsed_text();
      }
      uint64_t nodes = head.node_count();
      NextPiece pieces = [&]() -> std::unique_ptr<Document> {
        std::unique_lock<std::mutex> lock(mutex_);
        if (consumed_ == pieces_.size()) return nullptr;
        ready_.wait(lock, [&] { return pieces_[consumed_].ready; });
        const Piece& piece = split_->pieces[consumed_];
        counted(piece.end - piece.begin);
        PieceResult& r = pieces_[consumed_++];
        room_.notify_all();
        if (r.failed) throw SplitFailed{};
        nodes += r.doc->node_count() - 1;  // its sequence stands for the head's empty value
        if (nodes > limits_.max_nodes) throw SplitFailed{};
        return std::move(r.doc);
      };
      in.plan = load_plan(head, pieces, limits_.lint_marks);
      release_text();  // every piece is parsed
      set_plan_done();
      return;
    } catch (const SplitFailed&) {
    } catch (const InputError& e) {
      // Problems the loader found are the plan's problems only when every piece parsed.
      if (all_pieces_parsed()) {
        plan_problems_ = e.diagnostics();
        set_plan_done();
        return;
      }
    } catch (const std::bad_alloc&) {
    }
    {
      std::unique_lock<std::mutex> lock(mutex_);
      split_failed_ = true;  // pieces not started yet are skipped, and workers waiting wake
      room_.notify_all();
      for (PieceResult& p : pieces_) {  // pieces being parsed still read the text
        ready_.wait(lock, [&] { return p.ready; });
        p.doc.reset();
      }
    }
    in.plan = Plan{};
    load_whole_plan();
  }

  // The head alone. One that fails to parse alone is no proof that the file is wrong: a quoted
  // or flow value may span lines and hold `targets:` at column 1 (`title: "x⏎targets:⏎ ..."`),
  // which only the whole file reads right. Cutting never changes a result: read it whole.
  Document parse_head() {
    try {
      return parse_document(plan_path_, text_.substr(0, split_->head_end), limits_);
    } catch (const InputError&) {
      throw SplitFailed{};
    }
  }

  // Whether piece k may be parsed now, waiting while it is `window_` or more pieces ahead of
  // the next one read into the plan; false when the pieces are no longer wanted.
  bool wait_for_room(size_t k) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return k < consumed_ + window_ || split_failed_ || stop_; });
    return !split_failed_ && !stop_;
  }

  // With mutex_ held: gives back the text before the first piece not parsed yet, once the head
  // is read too (no thread reads that text again).
  void release_parsed_text() {
    if (!head_read_) return;
    size_t end = parsed_ < pieces_.size() ? split_->pieces[parsed_].begin : text_.size();
    released_ = bytes_.release(released_, bom_ + end);
  }

  void set_plan_done() {
    std::lock_guard<std::mutex> lock(mutex_);
    plan_done_ = true;
  }

  void release_text() {
    text_ = {};
    bytes_ = FileBytes();
  }

  // Whether every piece parsed: reads the pieces not read yet in order, dropping them (so that
  // workers waiting for room go on).
  bool all_pieces_parsed() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (consumed_ < pieces_.size()) {
      ready_.wait(lock, [&] { return pieces_[consumed_].ready; });
      PieceResult& p = pieces_[consumed_++];
      room_.notify_all();
      if (p.failed) return false;
      p.doc.reset();
    }
    return true;
  }

  // Progress: bytes of the plan and of the actuals files read so far.
  void counted(uint64_t bytes) {
    if (count_) count_->add(bytes);
  }
  static uint64_t file_size(const std::string& path) {
    struct stat st {};
    return path != k_stdin_name && stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)
               ? static_cast<uint64_t>(st.st_size)
               : 0;
  }
  uint64_t actuals_bytes() const {
    if (!count_) return 0;
    uint64_t n = 0;
    for (const std::string& p : paths_)
      n += file_size(p);
    return n;
  }

  void join_all() {
    for (std::thread& t : threads_)
      t.join();
    threads_.clear();
  }

  const std::string& plan_path_;
  std::vector<std::string> paths_;
  std::vector<std::string> duplicate_of_;  // per path: "" or the earlier file with its bytes
  std::optional<Date> cli_as_of_;
  const Limits& limits_;
  WorkCount* count_;                                  // progress, or nullptr
  uint64_t plan_size_ = 0;                            // bytes, with the BOM
  const size_t window_ = 2 * size_t{worker_count()};  // pieces parsed ahead of the reading
  FileBytes bytes_;                                   // the plan, with the BOM
  std::string_view text_;  // the plan without its BOM, which is bom_ bytes
  size_t bom_ = 0;
  std::optional<Split> split_;
  std::vector<Job> jobs_;
  std::atomic<size_t> next_job_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> split_failed_{false};
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable ready_;  // a piece, a file or the plan is done
  std::condition_variable room_;   // the pieces read advanced, or they are no longer wanted
  std::vector<PieceResult> pieces_;
  // Guarded by mutex_: pieces read into the plan, pieces done from the first on, whether the
  // head is read, and the bytes of bytes_ given back from the first on.
  size_t consumed_ = 0;
  size_t parsed_ = 0;
  bool head_read_ = false;
  size_t released_ = 0;
  std::vector<FileResult> files_;
  std::optional<Plan> whole_plan_;
  std::vector<Diagnostic> plan_problems_;
  bool plan_done_ = false;  // guarded by mutex_ once the threads run
};

}  // namespace

Inputs read_in_parallel(const std::string& plan_path, std::vector<std::string> actuals_paths,
                        std::vector<std::string> duplicate_of, std::optional<Date> cli_as_of,
                        const Limits& limits, WorkCount* count, std::vector<Diagnostic>& problems) {
  return Reader(plan_path, std::move(actuals_paths), std::move(duplicate_of), cli_as_of, limits,
                count)
      .run(problems);
}

}  // namespace plantrack
