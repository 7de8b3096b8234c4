#include "model.hpp"

#include <functional>

namespace plantrack {

size_t Plan::slot_of(std::string_view full_id) const {
  size_t mask = slots_.size() - 1;
  size_t s = std::hash<std::string_view>{}(full_id)&mask;
  while (slots_[s] >= 0 && targets[static_cast<size_t>(slots_[s])].full_id != full_id)
    s = (s + 1) & mask;
  return s;
}

int Plan::find(std::string_view full_id) const {
  return slots_.empty() ? -1 : slots_[slot_of(full_id)];
}

int Plan::add_to_index(int i) {
  if (4 * (indexed_ + 1) > 3 * slots_.size()) {
    std::vector<int> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : 2 * old.size(), -1);
    for (int j : old)
      if (j >= 0) slots_[slot_of(targets[static_cast<size_t>(j)].full_id)] = j;
  }
  int& slot = slots_[slot_of(targets[static_cast<size_t>(i)].full_id)];
  if (slot >= 0) return slot;
  slot = i;
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

const char* rollup_name(Rollup r) {
  switch (r) {
    case Rollup::sum:
      return "sum";
    case Rollup::none:
      return "none";
    case Rollup::min:
      return "min";
    case Rollup::max:
      return "max";
    case Rollup::mean:
      return "mean";
  }
  return "?";
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::min:
      return "min";
    case Kind::max:
      return "max";
    case Kind::range:
      return "range";
    case Kind::milestone:
      return "milestone";
    case Kind::group:
      return "group";
  }
  return "?";
}

}  // namespace plantrack
