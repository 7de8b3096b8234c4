#include "diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "text.hpp"

namespace plantrack {

std::string format_error(const Diagnostic& d) {
  if (d.mark.line == 0) return fmt::format("{}: error: {}", escape_text(d.file), d.message);
  return fmt::format("{}:{}:{}: error: {}", escape_text(d.file), d.mark.line, d.mark.column,
                     d.message);
}

static std::string first_message(const std::vector<Diagnostic>& diags) {
  return diags.empty() ? std::string("input error") : format_error(diags.front());
}

InputError::InputError(std::vector<Diagnostic> diags)
    : std::runtime_error(first_message(diags)), diags_(std::move(diags)) {}

InputError::InputError(std::string file, Mark mark, std::string message)
    : InputError(std::vector<Diagnostic>{{std::move(file), mark, std::move(message)}}) {}

void Diagnostics::error(Mark mark, std::string message) {
  list_.push_back({file_, mark, std::move(message)});
}

void Diagnostics::throw_if_any() {
  if (list_.empty()) return;
  std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.mark.line != b.mark.line ? a.mark.line < b.mark.line : a.mark.column < b.mark.column;
  });
  throw InputError(std::move(list_));
}

}  // namespace plantrack
