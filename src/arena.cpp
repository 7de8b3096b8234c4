#include "arena.hpp"

#include <algorithm>

namespace plantrack {

namespace {
constexpr size_t k_max_block = 1 << 20;

// Bytes to skip from `p` to the next multiple of `align`.
size_t padding(const char* p, size_t align) {
  return (align - reinterpret_cast<uintptr_t>(p) % align) % align;
}
}  // namespace

void* Arena::allocate(size_t bytes, size_t align) {
  size_t pad = padding(next_, align);
  if (bytes + pad > left_) {
    if (bytes + align > k_max_block / 4) {
      // A big one gets a block of its own; the current block stays in use.
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(bytes + align));
      reserved_ += bytes + align;
      char* p = blocks_.back().get();
      return p + padding(p, align);
    }
    while (block_size_ < bytes + align)
      block_size_ *= 2;
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
    reserved_ += block_size_;
    next_ = blocks_.back().get();
    left_ = block_size_;
    block_size_ = std::min(block_size_ * 2, k_max_block);
    pad = padding(next_, align);
  }
  char* p = next_ + pad;
  next_ = p + bytes;
  left_ -= bytes + pad;
  return p;
}

std::string_view Arena::text(std::string_view s) {
  if (s.empty()) return {};
  char* p = static_cast<char*>(allocate(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

std::string_view Arena::intern(std::string_view s) {
  return *intern_ref(s);
}

const std::string_view* Arena::intern_ref(std::string_view s) {
  static const std::string_view k_empty;
  if (s.empty()) return &k_empty;
  auto it = interned_.find(s);
  if (it == interned_.end()) it = interned_.insert(text(s)).first;
  return &*it;  // set elements never move
}

}  // namespace plantrack
