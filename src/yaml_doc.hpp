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
#include "limits.hpp"

namespace plantrack {

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

// Reads and parses one file (a regular file, UTF-8, one document; read_file's rules). Throws
// InputError.
Document load_document(const std::string& path, const Limits& limits);

// Parses `content` as if read from `file` (used by load_document and by tests).
Document parse_document(const std::string& file, std::string_view content, const Limits& limits);

// Parses `content`, a part of a file that starts on line `first_line` inside `depth` levels of
// nesting (a whole file: 1 and 0), so that marks and the depth limit come out as in the whole
// file; no BOM or UTF-16/32 check (parse_document does those). Throws InputError.
Document parse_document_part(const std::string& file, std::string_view content,
                             const Limits& limits, uint32_t first_line, uint32_t depth);

}  // namespace plantrack
