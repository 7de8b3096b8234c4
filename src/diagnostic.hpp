#pragma once
// Input problems: every one carries the file, line and column it points at.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace plantrack {

// A position in an input file: 1-based line, 1-based column counted in characters.
struct Mark {
  uint32_t line = 0;
  uint32_t column = 0;
};

struct Diagnostic {
  std::string file;
  Mark mark;
  std::string message;
};

// "FILE:LINE:COLUMN: error: MESSAGE" (the user text in it is already escaped).
std::string format_error(const Diagnostic& d);

// Thrown once a file (or the command line) has problems; carries every one found.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diags);
  InputError(std::string file, Mark mark, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }

 private:
  std::vector<Diagnostic> diags_;
};

// Collects the problems of one file so users can fix them in one pass.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}
  void error(Mark mark, std::string message);
  bool empty() const { return list_.empty(); }
  const std::string& file() const { return file_; }
  // Throws InputError when anything was collected.
  void throw_if_any();

 private:
  std::string file_;
  std::vector<Diagnostic> list_;
};

}  // namespace plantrack
