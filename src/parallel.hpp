#pragma once
// Work spread over the cores, for the steps whose cost grows with the plan (reading, printing).

#include <cstddef>
#include <functional>
#include <string>

namespace plantrack {

// Threads to run: one per core, at least 2 (reading overlaps waiting), at most 8.
unsigned worker_count();

// Runs `work(begin, end)` over items [0, count) in blocks of `block` items on every core;
// returns when all are done. `work` runs on several threads at once: blocks must not share what
// they write. An exception from `work` reaches the caller.
void for_each_block(size_t count, size_t block, const std::function<void(size_t, size_t)>& work);

// Formats items [0, count) in blocks of `block` items on every core and hands each block's
// text to `write` in item order, on the calling thread. `format(begin, end, out)` appends the
// text of items [begin, end) to `out`; it runs on several threads at once, so it must only
// read shared data. An exception from `format` or `write` reaches the caller.
void format_in_blocks(size_t count, size_t block,
                      const std::function<void(size_t, size_t, std::string&)>& format,
                      const std::function<void(const std::string&)>& write);

}  // namespace plantrack
