#pragma once
// Writing results: stdout, or -o FILE written atomically (FIFOs and devices written straight).

#include <functional>
#include <ostream>
#include <string>

namespace plantrack {

// Calls `write` with a stream to `path` ("" = stdout). Throws std::runtime_error on failure,
// leaving no partial regular file behind.
void write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace plantrack
