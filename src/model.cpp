#include "model.hpp"

#include <functional>

namespace plantrack {

int Plan::find(std::string_view full_id) const {
  if (slots_.empty()) return -1;
  size_t mask = slots_.size() - 1;
  for (size_t s = std::hash<std::string_view>{}(full_id)&mask;; s = (s + 1) & mask) {
    int i = slots_[s];
    if (i < 0 || targets[static_cast<size_t>(i)].full_id == full_id) return i;
  }
}

int Plan::add_to_index(int i) {
  if (4 * (indexed_ + 1) > 3 * slots_.size()) {
    std::vector<int> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : 2 * old.size(), -1);
    size_t mask = slots_.size() - 1;
    for (int j : old) {
      if (j < 0) continue;
      size_t s = std::hash<std::string_view>{}(targets[static_cast<size_t>(j)].full_id) & mask;
      while (slots_[s] >= 0)
        s = (s + 1) & mask;
      slots_[s] = j;
    }
  }
  std::string_view key = targets[static_cast<size_t>(i)].full_id;
  size_t mask = slots_.size() - 1;
  size_t s = std::hash<std::string_view>{}(key)&mask;
  for (; slots_[s] >= 0; s = (s + 1) & mask)
    if (targets[static_cast<size_t>(slots_[s])].full_id == key) return slots_[s];
  slots_[s] = i;
  ++indexed_;
  return i;
}

uint32_t Actuals::intern(std::string_view s) {
  if (s.empty()) return 0;
  auto it = name_index_.find(s);
  if (it != name_index_.end()) return it->second;
  std::string_view copy = arena.text(s);
  uint32_t i = static_cast<uint32_t>(names.size());
  names.push_back(copy);
  name_index_.emplace(copy, i);
  return i;
}

}  // namespace plantrack
