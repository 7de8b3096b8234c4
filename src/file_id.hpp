#pragma once
// Whether two paths name the same file: same device and inode (SPEC §3.7, §4), whatever the
// spelling (a hard link, a symlink, ./a and a).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

namespace plantrack {

struct FileId {
  uint64_t device = 0;
  uint64_t inode = 0;
  friend auto operator<=>(const FileId&, const FileId&) = default;
};

// The name messages give standard input, read when a file argument is `-`.
inline constexpr const char* k_stdin_name = "<stdin>";

// The file `path` reaches (symlinks followed), or nullopt when it cannot be stat'ed.
// k_stdin_name is standard input (file descriptor 0).
std::optional<FileId> file_id(const std::string& path);

// The path without `.` segments, repeated and trailing slashes: "./a//b/" -> "a/b". Names the
// same file only when the file system agrees; used for paths that do not exist (yet).
std::string lexical_path(const std::string& path);

// Same device and inode; for paths that do not both exist, the same lexical_path.
bool same_file(const std::string& a, const std::string& b);

}  // namespace plantrack
