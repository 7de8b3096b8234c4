#pragma once
// The bytes of one input file: a regular file within Limits::max_bytes, or standard input.

#include <cstddef>
#include <functional>
#include <string>

#include "limits.hpp"

namespace plantrack {

// Standard input as an input file (SPEC §4: a file argument `-`): read_stdin reads it once, at
// most limits.max_bytes, after which read_file and read_file_into give its bytes for the path
// k_stdin_name ("<stdin>", file_id.hpp). Throws InputError.
void read_stdin(const Limits& limits);

// The bytes of one regular file within limits.max_bytes. Throws InputError.
std::string read_file(const std::string& path, const Limits& limits);

// Checks `path` as read_file does and reads its bytes into the buffer that `buffer(size)` makes
// for them (called once; not called for standard input when it is empty). Throws InputError, or
// what `buffer` throws.
void read_file_into(const std::string& path, const Limits& limits,
                    const std::function<char*(size_t)>& buffer);

}  // namespace plantrack
