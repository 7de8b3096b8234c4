#pragma once
// YAML file -> our own compact document tree (every node keeps its line and column).
// Built from yaml-cpp's event API with limits on size, depth and node count; anchors, aliases,
// tags, duplicate keys and second documents are rejected. yaml-cpp stays inside yaml_doc.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

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

enum class NodeKind : uint8_t { null, scalar, sequence, map };

struct Node {
  NodeKind kind = NodeKind::null;
  bool quoted = false;  // a scalar written in quotes or as a block scalar: never a YAML null
  Mark mark;
  uint32_t begin = 0;  // scalar: offset into the text arena; sequence/map: first child in kids
  uint32_t size = 0;   // scalar: bytes; sequence: items; map: pairs
};

class Document {
 public:
  const std::string& file() const { return file_; }
  const Node& root() const { return nodes_[0]; }
  std::string_view text(const Node& n) const { return {arena_.data() + n.begin, n.size}; }
  const Node& item(const Node& seq, size_t i) const { return nodes_[kids_[seq.begin + i]]; }
  const Node& key(const Node& map, size_t i) const { return nodes_[kids_[map.begin + 2 * i]]; }
  const Node& value(const Node& map, size_t i) const {
    return nodes_[kids_[map.begin + 2 * i + 1]];
  }
  // The value under `name` in a map, or nullptr.
  const Node* find(const Node& map, std::string_view name) const;
  size_t node_count() const { return nodes_.size(); }
  size_t text_bytes() const { return arena_.size(); }  // of every scalar's text

 private:
  friend class TreeBuilder;
  friend Document parse(const std::string&, std::string_view, const Limits&, uint32_t, uint32_t);
  std::string file_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> kids_;
  std::string arena_;
};

// Standard input as an input file (SPEC §4: a file argument `-`): read_stdin reads it once, at
// most limits.max_bytes, after which read_file, FileBytes::read and load_document give its bytes
// for the path k_stdin_name ("<stdin>", file_id.hpp). Throws InputError.
void read_stdin(const Limits& limits);

// Reads and parses one file (a regular file, UTF-8, one document). Throws InputError.
Document load_document(const std::string& path, const Limits& limits);

// The bytes of one regular file within limits.max_bytes. Throws InputError.
std::string read_file(const std::string& path, const Limits& limits);

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

// Parses `content` as if read from `file` (used by load_document and by tests).
Document parse_document(const std::string& file, std::string_view content, const Limits& limits);

std::string_view strip_utf8_bom(std::string_view content);

// Big files are parsed in pieces on several threads. A file can be cut when a top-level
// `key:` (column 1, nothing after it but a comment) holds a block sequence that runs to the end
// of the file: the head is everything up to and including the `key:` line, and each piece a run
// of whole items of about `piece_bytes`, starting on an item's `-` line (the first piece right
// after the head). Each piece then parses on its own as a sequence; lines, columns and nesting
// depth come out as in the whole file. Cutting never changes a result: when any part fails to
// parse, or the file is unusual (a lone CR, a tab in indentation, anything after the sequence),
// the caller parses the whole file instead and reports what that finds.
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
// Parses one piece; `depth` is the nesting of the sequence it belongs to (1 for a top-level key).
Document parse_piece(const std::string& file, std::string_view piece, const Limits& limits,
                     uint32_t first_line, uint32_t depth);

}  // namespace plantrack
