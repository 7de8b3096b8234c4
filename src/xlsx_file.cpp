#include "xlsx_file.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "messages.hpp"

namespace plantrack {

namespace {

// Removes the temporary file however the writing ends.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) unlink(path.c_str());
  }
};

}  // namespace

void check_lxw(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw std::runtime_error(
        tr(Msg::xlsx_write_failed, fmt::arg("what", what), fmt::arg("error", lxw_strerror(e))));
}

void write_workbook(std::ostream& out, const std::function<void(lxw_workbook*)>& fill) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/plantrack-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error(tr(Msg::xlsx_temp_file));
  close(fd);
  TempFile tmp{pattern};
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(tmp.path.c_str(), &options);
  if (!book) throw std::runtime_error(tr(Msg::xlsx_create));
  try {
    fill(book);
  } catch (...) {
    workbook_close(book);
    throw;
  }
  check_lxw(workbook_close(book), tr(Msg::xlsx_closing).c_str());
  std::ifstream in(tmp.path, std::ios::binary);
  out << in.rdbuf();
  if (!in) throw std::runtime_error(tr(Msg::xlsx_read_back));
}

}  // namespace plantrack
