#include "read_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "diagnostic.hpp"
#include "file_id.hpp"
#include "messages.hpp"

namespace plantrack {

namespace {

// Standard input once read_stdin has read it (only then: a file named <stdin> is a file).
std::optional<std::string>& stdin_bytes() {
  static std::optional<std::string> bytes;
  return bytes;
}

}  // namespace

void read_file_into(const std::string& path, const Limits& limits,
                    const std::function<char*(size_t)>& buffer) {
  auto fail = [&](std::string message) { throw InputError(path, Mark{1, 1}, std::move(message)); };
  if (const auto& in = stdin_bytes(); in && path == k_stdin_name) {
    if (!in->empty()) std::memcpy(buffer(in->size()), in->data(), in->size());
    return;
  }
  struct stat st {};
  if (stat(path.c_str(), &st) != 0)
    fail(tr(Msg::cannot_read, fmt::arg("error", system_error_text(errno))));
  if (S_ISDIR(st.st_mode)) fail(tr(Msg::is_a_folder));
  if (!S_ISREG(st.st_mode)) fail(tr(Msg::not_regular_file));
  if (static_cast<uint64_t>(st.st_size) > limits.max_bytes)
    fail(
        tr(Msg::file_too_large, fmt::arg("size", st.st_size), fmt::arg("limit", limits.max_bytes)));
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) fail(tr(Msg::cannot_read, fmt::arg("error", system_error_text(errno))));
  size_t size = static_cast<size_t>(st.st_size);
  char* data = buffer(size);
  size_t got = size == 0 ? 0 : std::fread(data, 1, size, f.get());
  if (got != size || std::ferror(f.get())) fail(tr(Msg::read_error));
}

void read_stdin(const Limits& limits) {
  if (stdin_bytes()) return;
  std::string bytes;
  char chunk[1 << 16];
  for (;;) {
    ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw InputError(k_stdin_name, Mark{1, 1},
                       tr(Msg::cannot_read, fmt::arg("error", system_error_text(errno))));
    if (n == 0) break;
    if (bytes.size() + static_cast<size_t>(n) > limits.max_bytes)
      throw InputError(k_stdin_name, Mark{1, 1},
                       tr(Msg::stdin_too_large, fmt::arg("limit", limits.max_bytes)));
    bytes.append(chunk, static_cast<size_t>(n));
  }
  stdin_bytes() = std::move(bytes);
}

std::string read_file(const std::string& path, const Limits& limits) {
  std::string content;
  read_file_into(path, limits, [&](size_t size) {
    content.resize(size);
    return content.data();
  });
  return content;
}

}  // namespace plantrack
