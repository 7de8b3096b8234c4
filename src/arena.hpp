#pragma once
// Storage for the many small strings and arrays of a big plan: bytes are carved out of blocks
// that never move, so the string_views and spans handed out stay valid as long as the Arena
// (or the Arena it was moved to) lives. A million names cost their bytes and nothing more: no
// 32-byte std::string and no heap header each.

#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace plantrack {

class Arena {
 public:
  Arena() = default;
  Arena(Arena&&) = default;
  Arena& operator=(Arena&&) = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // A copy of `s` ("" costs nothing).
  std::string_view text(std::string_view s);
  // One copy per distinct text: for units, owners, tags and reporters, written over and over.
  std::string_view intern(std::string_view s);
  // The same, as the address of the one view of it the Arena keeps (stable while the Arena or
  // the Arena it was moved to lives): what a Name holds. "" is a view that is always there.
  const std::string_view* intern_ref(std::string_view s);
  // A copy of `items` (trivially copyable things only: ints, views, checkpoints).
  template <class T>
  std::span<const T> copy(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    void* p = allocate(items.size_bytes(), alignof(T));
    std::memcpy(p, items.data(), items.size_bytes());
    return {static_cast<const T*>(p), items.size()};
  }
  template <class T>
  std::span<const T> copy(const std::vector<T>& items) {
    return copy(std::span<const T>(items));
  }
  // Bytes taken from the system (for tests and measurements).
  size_t reserved() const { return reserved_; }

 private:
  void* allocate(size_t bytes, size_t align);

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t block_size_ = 4096;  // doubles up to 1 MiB: small files stay small
  size_t reserved_ = 0;
  std::unordered_set<std::string_view> interned_;
};

}  // namespace plantrack
