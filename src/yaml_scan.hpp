#pragma once
// A lexical pass over a YAML file before yaml-cpp reads it (yaml_doc.cpp calls it): what
// yaml-cpp gets wrong, put right without moving any line or column (SPEC §6: valid YAML is
// read as YAML 1.2 reads it, or rejected with a located message naming the real cause).
//
// Normalised in a copy of the bytes (same length, every byte at its offset):
// - a whitespace-only line holding a TAB: the TABs become spaces;
// - a lone CR line break becomes LF;
// - `\N` and `\_` in double quotes become the UTF-8 bytes of U+0085 and U+00A0;
// - a `?` inside a plain scalar in a flow collection becomes k_question (restored by the reader
//   in plain scalars, which hold no escapes, so the byte cannot come from anywhere else).
// Rejected (InputError, with what to write instead): invalid YAML that yaml-cpp accepts (empty
// flow entries, `-` alone in a flow collection, a comment without a space before `#`, unknown
// escapes, under-indented continuation lines, a directive without a document), valid YAML that
// yaml-cpp cannot read (a key in a flow collection over several lines, a document-level block
// scalar without indentation), a second document, and nesting deeper than the limit in flow
// collections — found here, in linear time and constant memory, before yaml-cpp allocates for
// it.

#include <cstdint>
#include <string>
#include <string_view>

#include "diagnostic.hpp"

namespace plantrack {

constexpr char k_question = '\x01';  // never in a file: check_bytes rejects control bytes

// Scans `content` (already checked to be UTF-8 without control bytes) of `file`, whose first
// line is `first_line` and whose top nesting level is `depth` (a piece of a file, see
// split_top_sequence). Returns true and fills `normalised` (same size as content) when any
// byte changed; false leaves it untouched. Throws InputError.
bool prescan_yaml(const std::string& file, std::string_view content, uint32_t max_depth,
                  uint32_t first_line, uint32_t depth, std::string& normalised);

}  // namespace plantrack
