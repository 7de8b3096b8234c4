#include "plan_pieces_parts.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <new>
#include <utility>

#include "read_file.hpp"

namespace plantrack {

namespace {

size_t page_size() {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

}  // namespace

FileBytes FileBytes::read(const std::string& path, const Limits& limits) {
  FileBytes bytes;  // unmapped again if the read fails
  read_file_into(path, limits, [&](size_t size) {
    if (size == 0) return bytes.data_;
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    bytes.data_ = static_cast<char*>(p);
    bytes.size_ = size;
    return bytes.data_;
  });
  return bytes;
}

FileBytes::FileBytes(FileBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      released_(std::exchange(other.released_, false)) {}

FileBytes& FileBytes::operator=(FileBytes&& other) noexcept {
  if (this != &other) {
    FileBytes old(std::move(*this));
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    released_ = std::exchange(other.released_, false);
  }
  return *this;
}

FileBytes::~FileBytes() {
  if (data_) munmap(data_, size_);
}

size_t FileBytes::release(size_t begin, size_t end) {
  size_t page = page_size();
  bool to_the_end = end >= size_;
  size_t from = (begin + page - 1) / page * page;
  size_t to = to_the_end ? (size_ + page - 1) / page * page : end / page * page;
  // Should madvise fail, the pages merely stay.
  if (data_ && from < to && madvise(data_ + from, to - from, MADV_DONTNEED) == 0) released_ = true;
  return to_the_end ? size_ : to;
}

std::optional<Split> split_top_sequence(std::string_view content, std::string_view key,
                                        size_t piece_bytes) {
  // Lines as [begin, end) without their line break; a lone CR (which YAML takes as a line
  // break) or a tab in indentation makes the file too unusual to cut.
  size_t pos = 0;
  uint32_t line = 0;
  auto next_line = [&](size_t& begin, size_t& end) {
    if (pos >= content.size()) return false;
    begin = pos;
    size_t nl = content.find('\n', pos);
    end = nl == std::string_view::npos ? content.size() : nl;
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    if (end > begin && content[end - 1] == '\r') --end;
    ++line;
    return true;
  };
  for (size_t i = content.find('\r'); i != std::string_view::npos; i = content.find('\r', i + 1))
    if (i + 1 >= content.size() || content[i + 1] != '\n') return std::nullopt;
  // `key:` at column 1, then nothing but a comment.
  size_t b = 0, e = 0;
  Split split;
  for (;;) {
    if (!next_line(b, e)) return std::nullopt;
    std::string_view l = content.substr(b, e - b);
    if (l.substr(0, key.size()) != key || l.substr(key.size(), 1) != ":") continue;
    std::string_view rest = l.substr(key.size() + 1);
    size_t c = rest.find_first_not_of(' ');
    if (c != std::string_view::npos && rest[c] != '#') return std::nullopt;
    split.head_end = pos;
    break;
  }
  // Every further line: blank, a comment, an item (`- ` at the items' indent) or more deeply
  // indented; anything else (a key after the sequence, `---`) and the file is read whole.
  size_t indent = std::string_view::npos;
  size_t piece_begin = pos;
  uint32_t piece_line = line + 1;
  bool have_item = false;
  while (next_line(b, e)) {
    std::string_view l = content.substr(b, e - b);
    size_t first = l.find_first_not_of(' ');
    if (first == std::string_view::npos || l[first] == '#') continue;
    if (l[first] == '\t') return std::nullopt;
    bool item = l[first] == '-' && (first + 1 == l.size() || l[first + 1] == ' ');
    if (indent == std::string_view::npos) {
      if (!item) return std::nullopt;
      indent = first;
    }
    if (first < indent || (first == indent && !item)) return std::nullopt;
    if (first > indent) continue;
    // An item starts on this line: close the piece before it when big enough.
    if (have_item && b - piece_begin >= piece_bytes) {
      split.pieces.push_back(Piece{piece_begin, b, piece_line});
      piece_begin = b;
      piece_line = line;
    }
    have_item = true;
  }
  if (!have_item) return std::nullopt;
  split.pieces.push_back(Piece{piece_begin, content.size(), piece_line});
  if (split.pieces.size() < 2) return std::nullopt;
  return split;
}

Document parse_piece(const std::string& file, std::string_view content, const Piece& piece,
                     const Limits& limits, uint32_t depth) {
  return parse_document_part(file, content.substr(piece.begin, piece.end - piece.begin), limits,
                             piece.first_line, depth);
}

}  // namespace plantrack
