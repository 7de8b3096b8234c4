#include "inputs.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <set>
#include <system_error>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "actuals_file.hpp"
#include "file_id.hpp"
#include "load_actuals.hpp"
#include "load_plan.hpp"
#include "messages.hpp"
#include "parallel.hpp"
#include "progress.hpp"

namespace plantrack {

static std::string input_name(const std::string& arg) {
  return arg == "-" ? std::string(k_stdin_name) : arg;
}

ActualsPaths expand_actuals_paths(const std::vector<std::string>& args) {
  ActualsPaths out;
  std::set<FileId> seen;             // a folder may hold many thousand files
  std::set<std::string> seen_paths;  // those that cannot be stat'ed (load_document says why)
  auto add = [&](std::string path) {
    std::optional<FileId> id = file_id(path);
    if (id.has_value() ? !seen.insert(id.value()).second : !seen_paths.insert(path).second)
      return;  // read once, silently
    out.paths.push_back(std::move(path));
  };
  for (const std::string& arg : args) {
    struct stat st {};
    if (arg == "-" || stat(arg.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      add(input_name(arg));  // load_document reports what is wrong with it
      continue;
    }
    DIR* dir = opendir(arg.c_str());
    if (!dir) {
      out.problems.push_back(
          {arg, Mark{1, 1},
           tr(Msg::cannot_read_folder, fmt::arg("error", system_error_text(errno)))});
      continue;
    }
    std::vector<std::string> names;
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (actuals_file_name(name)) names.push_back(name);
    }
    closedir(dir);
    if (names.empty()) {
      out.problems.push_back({arg, Mark{1, 1}, tr(Msg::no_actuals_in_folder)});
      continue;
    }
    std::sort(names.begin(), names.end());
    std::string prefix = arg.back() == '/' ? arg : arg + "/";
    for (const std::string& name : names)
      add(prefix + name);
  }
  return out;
}

std::vector<std::string> input_paths(const std::string& plan_path,
                                     const std::vector<std::string>& actuals_args) {
  std::vector<std::string> paths = {input_name(plan_path)};
  for (const std::string& arg : actuals_args)
    paths.push_back(input_name(arg));
  for (std::string& p : expand_actuals_paths(actuals_args).paths)
    paths.push_back(std::move(p));
  return paths;
}

// For each path, the earlier path whose file has the same bytes, or "" (SPEC §3.5
// duplicate-input). Only files of equal size are read, and compared byte for byte only when
// their hashes agree too: linear in the files, and one file's bytes in memory at a time (a folder
// of thousands of filled-in templates has many of one size). A file that cannot be read is
// compared with nothing (its reader reports it).
static std::vector<std::string> duplicates(const std::vector<std::string>& paths,
                                           const Limits& limits) {
  std::vector<std::string> of(paths.size());
  std::vector<std::optional<uint64_t>> size(paths.size());
  std::unordered_map<uint64_t, std::vector<size_t>> by_size;
  for (size_t i = 0; i < paths.size(); ++i) {
    struct stat st {};
    if (paths[i] == k_stdin_name) {
      try {
        size[i] = read_file(paths[i], limits).size();
      } catch (const InputError&) {
      }
    } else if (stat(paths[i].c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
               static_cast<uint64_t>(st.st_size) <= limits.max_bytes) {
      size[i] = static_cast<uint64_t>(st.st_size);
    }
    if (size[i]) by_size[*size[i]].push_back(i);
  }
  auto read = [&](size_t i) -> std::optional<std::string> {
    try {
      return read_file(paths[i], limits);
    } catch (const InputError&) {
      return std::nullopt;
    }
  };
  std::unordered_map<size_t, std::vector<size_t>> by_hash;  // of one size, in path order
  for (auto& [bytes_, group] : by_size) {
    if (group.size() < 2) continue;
    by_hash.clear();
    for (size_t i : group)
      if (std::optional<std::string> text = read(i))
        by_hash[std::hash<std::string_view>{}(*text)].push_back(i);
    for (auto& [hash_, same] : by_hash) {
      // Compared with each earlier file of the group that is not itself a copy (rarely more
      // than one: equal hashes are equal bytes but for a collision).
      for (size_t k = 1; k < same.size(); ++k) {
        std::optional<std::string> text = read(same[k]);
        for (size_t m = 0; text && m < k && of[same[k]].empty(); ++m) {
          if (!of[same[m]].empty()) continue;
          if (read(same[m]) == text) of[same[k]] = paths[same[m]];
        }
      }
    }
  }
  return of;
}

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
            doc = std::make_unique<Document>(parse_piece(
                plan_path_, text_.substr(p.begin, p.end - p.begin), limits_, p.first_line, 1));
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

Inputs load_inputs(const std::string& plan_arg, const std::vector<std::string>& actuals_args,
                   std::optional<Date> cli_as_of, const Limits& limits, WorkCount* count) {
  std::vector<Diagnostic> problems;
  const std::string plan_path = input_name(plan_arg);
  bool uses_stdin = plan_path == k_stdin_name ||
                    std::find(actuals_args.begin(), actuals_args.end(), "-") != actuals_args.end();
  if (uses_stdin) read_stdin(limits);  // throws when the one stream fails
  ActualsPaths paths = expand_actuals_paths(actuals_args);
  problems = std::move(paths.problems);
  std::vector<std::string> dup = duplicates(paths.paths, limits);
  Inputs in = Reader(plan_path, std::move(paths.paths), std::move(dup), cli_as_of, limits, count)
                  .run(problems);
  if (!problems.empty()) throw InputError(std::move(problems));
  return in;
}

}  // namespace plantrack
