#pragma once
// What bounds the reading of one input file, and how it is read.

#include <cstdint>

namespace plantrack {

// How CSV actuals are decoded (read_csv): detect = valid UTF-8 is UTF-8, anything else GB18030
// (which includes GBK).
enum class TextEncoding : uint8_t { detect, utf8, gb18030 };

struct Limits {
  uint64_t max_bytes = 1024ull << 20;  // per input file
  uint32_t max_depth = 64;             // nesting of mappings and sequences
  uint64_t max_nodes = 100'000'000;    // per input file
  // A plan bigger than this is cut into pieces of about this size, parsed on several threads
  // (split_top_sequence); 0 never cuts. Not a limit: results are the same either way.
  uint64_t piece_bytes = 2u << 20;
  // Not a limit either: keep Plan::lint_marks (where each target's keys stand), which only
  // validate's lints use; check saves 40 bytes a target without them.
  bool lint_marks = false;
  TextEncoding encoding = TextEncoding::detect;  // --encoding, for CSV actuals
};

}  // namespace plantrack
