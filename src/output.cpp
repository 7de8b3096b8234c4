#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

#include "messages.hpp"

namespace plantrack {

static std::runtime_error write_error(const std::string& what) {
  return std::runtime_error(
      tr(Msg::cannot_write, fmt::arg("what", what), fmt::arg("error", system_error_text(errno))));
}

namespace {

// The temporary file being written, for the SIGINT/SIGTERM handler to remove. A fixed buffer:
// the handler may only call async-signal-safe functions (unlink, signal, raise).
char g_temp_path[4096];
volatile std::sig_atomic_t g_temp_active = 0;

extern "C" void remove_temp_and_die(int sig) {
  if (g_temp_active) unlink(g_temp_path);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// Registers `tmp` for removal on SIGINT/SIGTERM while alive; removes it when the write fails
// (an exception included) unless it was renamed into place.
class TempFile {
 public:
  explicit TempFile(const std::string& path) : path_(path) {
    if (path.size() < sizeof g_temp_path) {
      std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
      g_temp_active = 1;
      old_int_ = std::signal(SIGINT, remove_temp_and_die);
      old_term_ = std::signal(SIGTERM, remove_temp_and_die);
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!renamed_) std::remove(path_.c_str());
    if (g_temp_active) {
      g_temp_active = 0;
      std::signal(SIGINT, old_int_ == SIG_ERR ? SIG_DFL : old_int_);
      std::signal(SIGTERM, old_term_ == SIG_ERR ? SIG_DFL : old_term_);
    }
  }
  void renamed() { renamed_ = true; }

 private:
  std::string path_;
  bool renamed_ = false;
  void (*old_int_)(int) = SIG_DFL;
  void (*old_term_)(int) = SIG_DFL;
};

// Where `-o path` writes: a symlink's target (followed to the end, relative to the link's
// folder), so that the link stays a link (SPEC §4); else the path itself.
std::string resolve_links(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
    std::string target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1, '\0');
    ssize_t n = readlink(path.c_str(), target.data(), target.size());
    if (n < 0) return path;
    target.resize(static_cast<size_t>(n));
    size_t slash = path.rfind('/');
    path = target[0] == '/' || slash == std::string::npos ? target
                                                          : path.substr(0, slash + 1) + target;
  }
  errno = ELOOP;
  throw write_error(path);
}

void sync_file(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

}  // namespace

void write_output(const std::string& requested, const std::function<void(std::ostream&)>& write) {
  if (requested.empty() || requested == "-") {
    write(std::cout);
    std::cout.flush();
    if (!std::cout) throw write_error(tr(Msg::the_output));
    return;
  }
  struct stat st {};
  // A FIFO or device reached through links (/dev/stdout → /proc/self/fd/1 → "pipe:[…]", not a
  // path) is opened by the name given.
  bool special = stat(requested.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
  const std::string path = special ? requested : resolve_links(requested);
  bool exists = stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode))
    throw std::runtime_error(tr(Msg::cannot_write_folder, fmt::arg("path", requested)));
  if (exists && !S_ISREG(st.st_mode)) {
    // A FIFO or a device such as /dev/stdout or /dev/null: write straight, never rename over it.
    std::ofstream out(path, std::ios::binary | std::ios::out | std::ios::app);
    if (!out) throw write_error(requested);
    write(out);
    out.flush();
    if (!out) throw write_error(requested);
    return;
  }
  std::string dir = ".", base = path;
  if (size_t slash = path.rfind('/'); slash != std::string::npos) {
    dir = slash == 0 ? "/" : path.substr(0, slash);
    base = path.substr(slash + 1);
  }
  std::string tmp = dir + "/." + base + ".tmpXXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) throw write_error(requested);
  close(fd);
  TempFile guard(tmp);  // removed on any failure, an exception or SIGINT/SIGTERM included
  auto fail = [&] { throw write_error(requested); };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) fail();
    write(out);
    out.flush();
    if (!out) fail();
  }
  mode_t mode = exists ? st.st_mode & 07777 : 0644;
  if (!exists) {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  chmod(tmp.c_str(), mode);
  sync_file(tmp);  // the bytes are on disk before the name points at them
  if (std::rename(tmp.c_str(), path.c_str()) != 0) fail();
  guard.renamed();
  sync_file(dir);
}

}  // namespace plantrack
