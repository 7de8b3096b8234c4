#include "file_id.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace plantrack {

std::optional<FileId> file_id(const std::string& path) {
  struct stat st {};
  int r = path == k_stdin_name ? fstat(STDIN_FILENO, &st) : stat(path.c_str(), &st);
  if (r != 0) return std::nullopt;
  return FileId{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
}

std::string lexical_path(const std::string& path) {
  if (path.empty()) return path;
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    std::string part =
        path.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    if (!part.empty() && part != ".") parts.push_back(part);
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  std::string out = path[0] == '/' ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i)
    out += (i ? "/" : "") + parts[i];
  return out.empty() ? "." : out;
}

bool same_file(const std::string& a, const std::string& b) {
  auto ia = file_id(a), ib = file_id(b);
  if (ia && ib) return *ia == *ib;
  return lexical_path(a) == lexical_path(b);
}

}  // namespace plantrack
