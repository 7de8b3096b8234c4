#pragma once
// The parts read_in_parallel (plan_pieces.hpp) is built of, here for load_plan's piece-fed
// overload and for the tests; nothing else uses them.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "limits.hpp"
#include "yaml_doc.hpp"

namespace plantrack {

// The bytes of one file, read as read_file reads them, in memory that can be given back to the
// system page by page once the caller is done with a part (a big plan's text, parsed in pieces).
// Move-only; the memory is an anonymous mapping, unmapped when the object dies.
class FileBytes {
 public:
  FileBytes() = default;
  // Throws InputError as read_file does, or std::bad_alloc when the memory cannot be mapped.
  static FileBytes read(const std::string& path, const Limits& limits);
  FileBytes(FileBytes&& other) noexcept;
  FileBytes& operator=(FileBytes&& other) noexcept;
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  std::string_view view() const { return {data_, size_}; }
  // Gives back the whole pages inside bytes [begin, end) of view() (the last page counts as
  // whole when `end` reaches the end of the bytes); their bytes read as zeros afterwards, every
  // other byte stays. Returns `end` rounded down to a page (or the size when `end` reaches it),
  // where the next release can start so that no page is left behind.
  size_t release(size_t begin, size_t end);
  // Nothing was given back: view() holds the whole file.
  bool whole() const { return !released_; }

 private:
  char* data_ = nullptr;  // nullptr for an empty file
  size_t size_ = 0;
  bool released_ = false;
};

// A file can be cut when a top-level `key:` (column 1, nothing after it but a comment) holds a
// block sequence that runs to the end of the file: the head is everything up to and including
// the `key:` line, and each piece a run of whole items of about `piece_bytes`, starting on an
// item's `-` line (the first piece right after the head). Each piece then parses on its own as
// a sequence; lines, columns and nesting depth come out as in the whole file. Cutting never
// changes a result: when any part fails to parse, or the file is unusual (a lone CR, a tab in
// indentation, anything after the sequence), the caller parses the whole file instead and
// reports what that finds.
struct Piece {
  size_t begin = 0, end = 0;  // byte range in the content
  uint32_t first_line = 1;    // the line `begin` is on
};
struct Split {
  size_t head_end = 0;  // the head is [0, head_end)
  std::vector<Piece> pieces;
};
// nullopt when the file cannot be cut or would make only one piece.
std::optional<Split> split_top_sequence(std::string_view content, std::string_view key,
                                        size_t piece_bytes);

// Parses `piece` of `content`; `depth` is the nesting of the sequence it belongs to (1 for a
// top-level key). Throws InputError.
Document parse_piece(const std::string& file, std::string_view content, const Piece& piece,
                     const Limits& limits, uint32_t depth);

// The items of `targets` of a plan cut with split_top_sequence, in file order; nullptr after
// the last. It may throw (a piece that does not parse), which load_plan passes on.
using NextPiece = std::function<std::unique_ptr<Document>()>;

}  // namespace plantrack
