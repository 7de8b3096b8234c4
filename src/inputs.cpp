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
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "load_actuals.hpp"
#include "load_plan.hpp"
#include "parallel.hpp"

namespace plantrack {

static bool yaml_name(const std::string& name) {
  auto ends = [&](const char* suffix) {
    size_t n = std::strlen(suffix);
    return name.size() > n && name.compare(name.size() - n, n, suffix) == 0;
  };
  return name[0] != '.' && (ends(".yaml") || ends(".yml"));
}

std::vector<std::string> expand_actuals_paths(const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  for (const std::string& arg : args) {
    struct stat st {};
    if (stat(arg.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      paths.push_back(arg);  // load_document reports what is wrong with it
      continue;
    }
    DIR* dir = opendir(arg.c_str());
    if (!dir)
      throw InputError(arg, Mark{1, 1},
                       fmt::format("cannot read folder: {}", std::strerror(errno)));
    std::vector<std::string> names;
    while (dirent* e = readdir(dir)) {
      std::string name = e->d_name;
      if (yaml_name(name)) names.push_back(name);
    }
    closedir(dir);
    std::sort(names.begin(), names.end());
    std::string prefix = arg.back() == '/' ? arg : arg + "/";
    for (const std::string& name : names)
      paths.push_back(prefix + name);
  }
  return paths;
}

namespace {

// A piece of the plan failed to parse, or the pieces hold more nodes than the limit: the whole
// plan is parsed again in one go, which reports the problem exactly as it would otherwise.
struct SplitFailed {};

// Parses the plan's pieces and the actuals files on worker threads while this thread reads the
// plan's pieces in order into the Plan (dropping each as it goes), then merges the actuals in
// file order. Results never depend on the threads: see ARCHITECTURE.md, "Reading in parallel".
class Reader {
 public:
  Reader(const std::string& plan_path, std::vector<std::string> actuals_paths,
         std::optional<Date> cli_as_of, const Limits& limits)
      : plan_path_(plan_path),
        paths_(std::move(actuals_paths)),
        cli_as_of_(cli_as_of),
        limits_(limits),
        files_(paths_.size()) {}

  ~Reader() {
    stop_ = true;
    for (std::thread& t : threads_)
      t.join();
  }

  // Appends the problems of the actuals files to `problems`, and puts the plan's before them.
  Inputs run(std::vector<Diagnostic>& problems) {
    Inputs in;
    try {
      content_ = read_file(plan_path_, limits_);
      text_ = strip_utf8_bom(content_);
      if (limits_.piece_bytes > 0 && text_.size() > limits_.piece_bytes)
        split_ = split_top_sequence(text_, "targets", limits_.piece_bytes);
    } catch (const InputError& e) {
      plan_problems_ = e.diagnostics();
      plan_done_ = true;
    }
    if (split_) pieces_.resize(split_->pieces.size());
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
        bool failed = split_failed_;
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
        ready_.notify_all();
        return;
      }
      case Job::actuals_file: {
        FileResult& r = files_[job.index];
        const std::string& path = paths_[job.index];
        try {
          load_actuals(load_document(path, limits_), cli_as_of_, r.actuals);
        } catch (const InputError& e) {
          r.problems = e.diagnostics();
        } catch (const std::bad_alloc&) {
          r.problems.push_back({path, Mark{1, 1}, "out of memory while reading the file"});
        } catch (const std::exception& e) {  // never let a worker thread end the process
          r.problems.push_back({path, Mark{1, 1}, fmt::format("cannot read: {}", e.what())});
        }
        std::lock_guard<std::mutex> lock(mutex_);
        r.ready = true;
        ready_.notify_all();
        return;
      }
    }
  }

  void load_whole_plan() {
    try {
      Document doc = parse_document(plan_path_, content_, limits_);
      if (!split_) release_text();
      whole_plan_ = load_plan(doc, limits_.lint_marks);
    } catch (const InputError& e) {
      plan_problems_ = e.diagnostics();
    } catch (const std::bad_alloc&) {
      plan_problems_.push_back({plan_path_, Mark{1, 1}, "out of memory while reading the plan"});
    } catch (const std::exception& e) {  // never let a worker thread end the process
      plan_problems_.push_back({plan_path_, Mark{1, 1}, fmt::format("cannot read: {}", e.what())});
    }
    std::lock_guard<std::mutex> lock(mutex_);
    plan_done_ = true;
    ready_.notify_all();
  }

  // Builds the plan from the head and the pieces as they come; on SplitFailed, from the whole.
  void read_plan_in_pieces(Inputs& in) {
    try {
      Document head = parse_document(plan_path_, text_.substr(0, split_->head_end), limits_);
      uint64_t nodes = head.node_count();
      size_t next = 0;
      NextPiece pieces = [&]() -> std::unique_ptr<Document> {
        if (next == pieces_.size()) return nullptr;
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return pieces_[next].ready; });
        PieceResult& r = pieces_[next++];
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
    split_failed_ = true;  // pieces not started yet are skipped
    {
      std::lock_guard<std::mutex> lock(mutex_);  // workers may still be storing pieces
      for (PieceResult& p : pieces_)
        p.doc.reset();
    }
    in.plan = Plan{};
    load_whole_plan();
  }

  void set_plan_done() {
    std::lock_guard<std::mutex> lock(mutex_);
    plan_done_ = true;
  }

  void release_text() {
    text_ = {};
    content_ = std::string();
  }

  bool all_pieces_parsed() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (PieceResult& p : pieces_) {
      ready_.wait(lock, [&] { return p.ready; });
      if (p.failed) return false;
    }
    return true;
  }

  void join_all() {
    for (std::thread& t : threads_)
      t.join();
    threads_.clear();
  }

  const std::string& plan_path_;
  std::vector<std::string> paths_;
  std::optional<Date> cli_as_of_;
  const Limits& limits_;
  std::string content_;
  std::string_view text_;
  std::optional<Split> split_;
  std::vector<Job> jobs_;
  std::atomic<size_t> next_job_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> split_failed_{false};
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<PieceResult> pieces_;
  std::vector<FileResult> files_;
  std::optional<Plan> whole_plan_;
  std::vector<Diagnostic> plan_problems_;
  bool plan_done_ = false;  // guarded by mutex_ once the threads run
};

}  // namespace

Inputs load_inputs(const std::string& plan_path, const std::vector<std::string>& actuals_args,
                   std::optional<Date> cli_as_of, const Limits& limits) {
  std::vector<Diagnostic> problems;
  std::vector<std::string> paths;
  try {
    paths = expand_actuals_paths(actuals_args);
  } catch (const InputError& e) {
    problems = e.diagnostics();
  }
  Inputs in = Reader(plan_path, std::move(paths), cli_as_of, limits).run(problems);
  if (!problems.empty()) throw InputError(std::move(problems));
  return in;
}

}  // namespace plantrack
