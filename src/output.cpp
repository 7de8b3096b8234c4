#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

namespace plantrack {

static std::runtime_error write_error(const std::string& what) {
  return std::runtime_error(fmt::format("cannot write {}: {}", what, std::strerror(errno)));
}

void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    write(std::cout);
    std::cout.flush();
    if (!std::cout) throw write_error("the output");
    return;
  }
  struct stat st {};
  bool exists = stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode))
    throw std::runtime_error(fmt::format("cannot write {}: it is a folder", path));
  if (exists && !S_ISREG(st.st_mode)) {
    // A FIFO or a device such as /dev/stdout or /dev/null: write straight, never rename over it.
    std::ofstream out(path, std::ios::binary | std::ios::out | std::ios::app);
    if (!out) throw write_error(path);
    write(out);
    out.flush();
    if (!out) throw write_error(path);
    return;
  }
  std::string dir = ".", base = path;
  if (size_t slash = path.rfind('/'); slash != std::string::npos) {
    dir = slash == 0 ? "/" : path.substr(0, slash);
    base = path.substr(slash + 1);
  }
  std::string tmp = dir + "/." + base + ".tmpXXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) throw write_error(path);
  close(fd);
  auto fail = [&] {
    int saved = errno;
    std::remove(tmp.c_str());
    errno = saved;
    throw write_error(path);
  };
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
  if (std::rename(tmp.c_str(), path.c_str()) != 0) fail();
}

}  // namespace plantrack
