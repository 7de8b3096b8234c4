#include "yaml_scan.hpp"

#include <vector>

#include <fmt/format.h>

#include "messages.hpp"
#include "text.hpp"

namespace plantrack {

namespace {

struct Flow {
  bool map = false;
  bool empty = true;         // nothing since `[`, `{` or the last `,`
  bool key_started = false;  // the current entry has begun and no `:` came yet
  bool explicit_key = false;
  uint32_t key_line = 0;       // the line the current entry's key starts on
  uint32_t key_last_line = 0;  // and the line its text goes on to
};

struct Block {
  int indent;
  bool seq;
};

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_flow_indicator(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}
bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

class Scanner {
 public:
  Scanner(const std::string& file, std::string_view s, uint32_t max_depth, uint32_t first_line,
          uint32_t depth, std::string& out)
      : file_(file),
        s_(s),
        max_depth_(max_depth),
        first_line_(first_line),
        base_depth_(depth),
        out_(out) {}

  bool run() {
    while (pos_ < s_.size())
      line();
    if (mode_ == Mode::dq || mode_ == Mode::sq) return changed_;  // the reader reports it
    if (directive_ && !document_started_) fail(directive_at_, tr(Msg::directive_document));
    return changed_;
  }

 private:
  enum class Mode { block, flow, dq, sq, block_scalar };

  // --- positions ---------------------------------------------------------------------------
  bool eol(size_t i) const { return i >= s_.size() || s_[i] == '\n' || s_[i] == '\r'; }
  char at(size_t i) const { return i < s_.size() ? s_[i] : '\n'; }
  bool blank_or_eol(size_t i) const { return eol(i) || is_blank(s_[i]); }
  // A `#` starts a comment only at the start of a line or after a space or tab.
  bool comment_ok(size_t i) const { return i == line_start_ || is_blank(s_[i - 1]); }
  int column(size_t i) const { return static_cast<int>(i - line_start_); }  // in bytes

  Mark mark(size_t i) const {
    return Mark{line_ + first_line_ - 1,
                static_cast<uint32_t>(count_chars(s_.substr(line_start_, i - line_start_)) + 1)};
  }
  [[noreturn]] void fail(size_t i, std::string message) const {
    throw InputError(file_, mark(i), std::move(message));
  }
  [[noreturn]] void fail(Mark m, std::string message) const {
    throw InputError(file_, m, std::move(message));
  }

  void set(size_t i, char c) {
    if (!changed_) {
      out_.assign(s_.data(), s_.size());
      changed_ = true;
    }
    out_[i] = c;
  }

  // Moves past the line break at `i` (LF, CRLF or a lone CR, which becomes LF).
  void next_line(size_t i) {
    if (i >= s_.size()) {
      pos_ = s_.size();
      return;
    }
    if (s_[i] == '\r') {
      if (i + 1 < s_.size() && s_[i + 1] == '\n')
        ++i;
      else
        set(i, '\n');
    }
    pos_ = i + 1;
    line_start_ = pos_;
    ++line_;
  }

  size_t skip_blanks(size_t i) const {
    while (i < s_.size() && is_blank(s_[i]))
      ++i;
    return i;
  }

  // --- one line ----------------------------------------------------------------------------
  void line() {
    size_t b = pos_;
    size_t i = b;
    while (i < s_.size() && s_[i] == ' ')
      ++i;
    int indent = static_cast<int>(i - b);
    size_t first = skip_blanks(i);
    bool ws_only = eol(first);

    if (mode_ == Mode::block_scalar && indent == 0 && marker(b)) mode_ = Mode::block;
    if (mode_ == Mode::block_scalar) {
      if (ws_only && first != i &&
          (scalar_indent_ >= 0 ? indent < scalar_indent_ : indent <= scalar_parent_))
        fail(i, tr(Msg::block_scalar_tab));
      if (ws_only && first == i) {  // spaces only: an empty line of the scalar
        if (scalar_indent_ < 0 && indent > leading_empty_) {
          leading_empty_ = indent;
          leading_empty_at_ = mark(i);
        }
        next_line(first);
        return;
      }
      if (scalar_indent_ < 0 && indent > scalar_parent_) {
        scalar_indent_ = indent;
        if (leading_empty_ > indent) fail(leading_empty_at_, tr(Msg::block_scalar_leading));
        if (scalar_parent_ < 0 && indent == 0) fail(b, tr(Msg::block_scalar_document));
      }
      if (scalar_indent_ >= 0 && indent >= scalar_indent_) {
        next_line(line_end(b));
        return;
      }
      mode_ = Mode::block;
    }

    if (mode_ == Mode::dq || mode_ == Mode::sq || mode_ == Mode::flow) {
      if (column(b) == 0 && marker(b))
        fail(b, tr(mode_ == Mode::flow ? Msg::marker_in_flow : Msg::marker_in_quote));
      if (indent < required_) {
        if (at(i) == '\t' && (!ws_only || mode_ != Mode::flow)) fail(i, tr(Msg::tab_in_indent));
        if (!ws_only && mode_ == Mode::flow)
          fail(i, tr(one_or_many(static_cast<size_t>(required_), Msg::flow_indent_one,
                                 Msg::flow_indent_many),
                     fmt::arg("n", required_)));
        if (!ws_only) {
          char quote = mode_ == Mode::dq ? '"' : '\'';
          if (s_.find(quote, i) == std::string_view::npos) {  // never closed: the reader says so
            pos_ = s_.size();
            return;
          }
          fail(i, tr(one_or_many(static_cast<size_t>(required_), Msg::quote_indent_one,
                                 Msg::quote_indent_many),
                     fmt::arg("line", quote_line_ + first_line_ - 1), fmt::arg("n", required_)));
        }
      }
      if (ws_only) {
        blanks_to_spaces(i, first);
        next_line(first);
        return;
      }
      if (mode_ == Mode::flow) {
        flow(first, true);
      } else {
        quoted_continue(i);
      }
      return;
    }

    // Block context.
    if (ws_only) {
      blanks_to_spaces(i, first);
      next_line(first);
      return;
    }
    if (indent == 0 && marker(b)) {
      bool start = s_[b] == '-';
      if (start) {
        if (content_ || ended_) fail(b, tr(Msg::second_document));
        document_started_ = true;
      } else {
        ended_ = true;
      }
      blocks_.clear();
      plain_open_ = false;
      block(b + 3, false);
      return;
    }
    if (indent == 0 && s_[b] == '%' && !content_) {
      if (!directive_) directive_at_ = mark(b);
      directive_ = true;
      next_line(line_end(b));
      return;
    }
    if (s_[first] == '#') {  // a comment line also ends a plain scalar
      plain_open_ = false;
      next_line(line_end(first));
      return;
    }
    if (ended_) fail(first, tr(Msg::document_after_end));
    if (plain_open_ && indent >= plain_indent_) {
      plain(first, false);
      return;
    }
    plain_open_ = false;
    block(first, true);
  }

  static size_t find_line_end(std::string_view s, size_t i) {
    while (i < s.size() && s[i] != '\n' && s[i] != '\r')
      ++i;
    return i;
  }
  size_t line_end(size_t i) const { return find_line_end(s_, i); }

  bool marker(size_t b) const {
    if (b + 3 > s_.size()) return false;
    std::string_view m = s_.substr(b, 3);
    return (m == "---" || m == "...") && blank_or_eol(b + 3);
  }

  void blanks_to_spaces(size_t from, size_t to) {
    for (size_t k = from; k < to; ++k)
      if (s_[k] == '\t') set(k, ' ');
  }

  // --- block context -----------------------------------------------------------------------
  int block_indent() const { return blocks_.empty() ? -1 : blocks_.back().indent; }

  void block_node(size_t i, bool seq) {
    int col = column(i);
    while (!blocks_.empty() && (blocks_.back().indent > col ||
                                (blocks_.back().indent == col && blocks_.back().seq && !seq)))
      blocks_.pop_back();
    if (!blocks_.empty() && blocks_.back().indent == col && blocks_.back().seq == seq) return;
    check_depth(i, 0);
    blocks_.push_back(Block{col, seq});
  }

  void check_depth(size_t i, size_t extra) {
    if (base_depth_ + blocks_.size() + flows_.size() + extra >= max_depth_)
      fail(i, tr(Msg::nesting_limit, fmt::arg("limit", max_depth_)));
  }

  // Tokens from `i` to the end of the line; `line_start_token` when `i` is the line's first.
  void block(size_t i, bool line_start_token) {
    (void)line_start_token;
    for (;;) {
      size_t j = skip_blanks(i);
      i = j;
      if (eol(i)) {
        next_line(i);
        return;
      }
      char c = s_[i];
      if (c == '#') {
        if (!comment_ok(i)) fail(i, tr(Msg::comment_space));
        next_line(line_end(i));
        return;
      }
      content_ = true;
      if ((c == '-' || c == '?' || c == ':') && blank_or_eol(i + 1)) {
        if (c == '-') block_node(i, true);
        if (c == '?') block_node(i, false);
        ++i;
        continue;
      }
      if (c == '[' || c == '{') {
        key_at_ = i;
        key_line_ = line_;
        required_ = block_indent() + 1;
        flows_.clear();
        flow(i, false);
        return;
      }
      if (c == '"' || c == '\'') {
        key_at_ = i;
        key_line_ = line_;
        required_ = block_indent() + 1;
        quoted_begin(i, Mode::block);
        return;
      }
      if (c == '|' || c == '>') {
        block_scalar_header(i);
        return;
      }
      if (c == '&' || c == '*' || c == '!') {  // the reader rejects these with its messages
        lone_tag(i);
        while (!blank_or_eol(i))
          ++i;
        continue;
      }
      plain(i, true);
      return;
    }
  }

  // After a quoted scalar or a flow collection in block context: its `:` (a key), a comment.
  void after_node(size_t i) {
    size_t j = skip_blanks(i);
    if (at(j) == '#') {
      if (j == i) fail(i, tr(Msg::comment_space));
      next_line(line_end(j));
      return;
    }
    if (at(j) == ':' && blank_or_eol(j + 1)) {
      if (key_line_ != line_)
        fail(j, tr(Msg::key_one_line, fmt::arg("line", key_line_ + first_line_ - 1)));
      block_node(key_at_, false);
      block(j + 1, false);
      return;
    }
    block(j, false);
  }

  // A plain scalar in block context, from `i` to the end of the line: a key when `: ` follows.
  void plain(size_t i, bool fresh) {
    size_t start = i;
    for (; !eol(i); ++i) {
      char c = s_[i];
      if (c == ':' && blank_or_eol(i + 1)) {
        if (!fresh) break;  // the reader reports a key inside a multi-line plain scalar
        block_node(start, false);
        plain_open_ = false;
        block(i + 1, false);
        return;
      }
      if (c == '#' && i > start && is_blank(s_[i - 1])) {
        plain_open_ = false;
        next_line(line_end(i));
        return;
      }
    }
    if (fresh) {
      plain_open_ = true;
      plain_indent_ = block_indent() + 1;
    }
    next_line(line_end(i));
  }

  void block_scalar_header(size_t i) {
    size_t j = i + 1;
    int explicit_indent = 0;
    for (int k = 0; k < 2; ++k) {
      char c = at(j);
      if (c >= '1' && c <= '9' && explicit_indent == 0) {
        explicit_indent = c - '0';
        ++j;
      } else if (c == '+' || c == '-') {
        ++j;
      }
    }
    if (at(j) == '#') fail(j, tr(Msg::comment_space_block));
    if (!blank_or_eol(j)) return next_line(line_end(j));  // the reader reports it
    size_t k = skip_blanks(j);
    if (!eol(k) && s_[k] != '#') return next_line(line_end(k));  // the reader reports it
    mode_ = Mode::block_scalar;
    scalar_parent_ = block_indent();
    scalar_indent_ = explicit_indent ? std::max(scalar_parent_, 0) + explicit_indent : -1;
    leading_empty_ = -1;
    next_line(line_end(k));
  }

  // `!` on an empty node: yaml-cpp drops the tag (and makes a null of what is empty text). The
  // node is empty when nothing follows on the line and the next line holding anything is no
  // deeper than this one (else the node is there: `key: !\n  text`).
  void lone_tag(size_t i) const {
    if (s_[i] != '!' || !(blank_or_eol(i + 1) || is_flow_indicator(at(i + 1)))) return;
    size_t j = skip_blanks(i + 1);
    bool empty = !eol(j) && (s_[j] == '#' || is_flow_indicator(s_[j]));
    if (!empty && eol(j) && flows_.empty()) {
      size_t k = j;
      int line_indent = static_cast<int>(skip_spaces(line_start_) - line_start_);
      for (;;) {
        if (k >= s_.size()) {
          empty = true;
          break;
        }
        k += s_[k] == '\r' && k + 1 < s_.size() && s_[k + 1] == '\n' ? 2 : 1;
        size_t first = skip_spaces(k);
        size_t content = skip_blanks(first);
        if (eol(content) || s_[content] == '#') {
          k = line_end(content);
          continue;
        }
        empty = static_cast<int>(first - k) <= line_indent;
        break;
      }
    }
    if (empty) fail(i, tr(Msg::lone_tag));
  }
  size_t skip_spaces(size_t i) const {
    while (i < s_.size() && s_[i] == ' ')
      ++i;
    return i;
  }

  // --- quoted scalars ----------------------------------------------------------------------
  Mode return_to_ = Mode::block;
  uint32_t quote_line_ = 0;  // where the current quoted text began

  void quoted_begin(size_t i, Mode back) {
    return_to_ = back;
    quote_line_ = line_;
    mode_ = s_[i] == '"' ? Mode::dq : Mode::sq;
    quoted_continue(i + 1);
  }

  // Scans quoted text from `i`; at the end of the line waits for the next one.
  void quoted_continue(size_t i) {
    bool dq = mode_ == Mode::dq;
    for (; !eol(i); ++i) {
      char c = s_[i];
      if (dq && c == '\\') {
        if (eol(i + 1)) break;  // an escaped line break
        escape(i);
        continue;
      }
      if (c == (dq ? '"' : '\'')) {
        if (!dq && at(i + 1) == '\'') {
          ++i;
          continue;
        }
        mode_ = return_to_;
        if (mode_ == Mode::flow) {
          flows_.back().key_last_line = line_;
          flow_after_node(i + 1);
        } else {
          after_node(i + 1);
        }
        return;
      }
    }
    next_line(i);
  }

  // Checks the escape at `i` (a backslash) and moves `i` to its last character.
  void escape(size_t& i) {
    char e = s_[i + 1];
    int hex = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
    if (hex) {
      for (int k = 0; k < hex; ++k)
        if (!is_hex(at(i + 2 + static_cast<size_t>(k))))
          fail(i, tr(Msg::hex_digits, fmt::arg("escape", e), fmt::arg("n", hex)));
      i += 1 + static_cast<size_t>(hex);
      return;
    }
    if (e == 'N' || e == '_') {  // U+0085, U+00A0 in the same two bytes
      set(i, '\xC2');
      set(i + 1, e == 'N' ? '\x85' : '\xA0');
      i += 1;
      return;
    }
    static constexpr std::string_view k_simple = "0abt\tnvfre \"/\\LP";
    if (k_simple.find(e) == std::string_view::npos) {
      size_t len = 1;
      while (i + 1 + len < s_.size() &&
             (static_cast<unsigned char>(s_[i + 1 + len]) & 0xC0) == 0x80)
        ++len;
      std::string shown(s_.substr(i, 1 + len));
      fail(i, e == '\'' ? tr(Msg::escape_quote)
                        : tr(Msg::escape_unknown, fmt::arg("escape", escape_text(shown))));
    }
    i += 1;
  }

  // --- flow collections --------------------------------------------------------------------
  std::vector<Flow> flows_;
  bool flow_plain_open_ = false;  // the last line ended inside a plain scalar

  void open_flow(size_t i) {
    check_depth(i, 0);
    if (!flows_.empty()) entry_begins(i);
    flows_.push_back(Flow{s_[i] == '{', true, false, false, 0});
  }

  void entry_begins(size_t) {
    Flow& f = flows_.back();
    if (f.empty && !f.key_started) {
      f.key_started = true;
      f.key_line = f.key_last_line = line_;
    }
    f.empty = false;
  }

  // yaml-cpp reads a key inside `{ }` only when the key, its `:` (or, without one, the end of its
  // entry) are on one line. Checked at `:`, `,` and `}`.
  void check_key_line(size_t i) {
    Flow& f = flows_.back();
    if (!f.key_started || f.explicit_key || f.key_line == line_) return;
    const char* brackets = f.map ? "{ }" : "[ ]";
    if (s_[i] == ':') fail(i, tr(Msg::flow_key_colon, fmt::arg("brackets", brackets)));
    if (f.key_last_line != f.key_line)
      fail(i, tr(Msg::flow_key_break, fmt::arg("brackets", brackets)));
    fail(i, tr(Msg::flow_key_no_colon, fmt::arg("line", f.key_line + first_line_ - 1),
               fmt::arg("brackets", brackets)));
  }

  // Scans flow content from `i` to the end of the line (or the end of the outermost collection).
  void flow(size_t i, bool continued) {
    mode_ = Mode::flow;
    if (!continued) {
      open_flow(i);
      ++i;
    }
    if (continued && flow_plain_open_) {  // a plain scalar goes on, unless a comment ends it
      flow_plain_open_ = false;
      if (at(i) != '#') i = flow_plain(i);
    }
    for (;;) {
      i = skip_blanks(i);
      if (eol(i)) {
        next_line(i);
        return;
      }
      char c = s_[i];
      Flow& f = flows_.back();
      if (c == '#') {
        if (!comment_ok(i)) fail(i, tr(Msg::comment_space));
        next_line(line_end(i));
        return;
      }
      if (c == '[' || c == '{') {
        open_flow(i);
        ++i;
        continue;
      }
      if (c == ']' || c == '}') {
        if (f.map && f.key_started && !f.empty) check_key_line(i);
        flows_.pop_back();
        ++i;
        if (!flows_.empty()) flows_.back().key_last_line = line_;
        if (flows_.empty()) {
          mode_ = Mode::block;
          after_node(i);
          return;
        }
        continue;
      }
      if (c == ',') {
        if (f.empty)
          fail(i, tr(Msg::flow_empty_entry, fmt::arg("brackets", f.map ? "{ }" : "[ ]")));
        if (f.map && f.key_started) check_key_line(i);
        f.empty = true;
        f.key_started = f.explicit_key = false;
        ++i;
        continue;
      }
      if (c == '?' && blank_or_eol(i + 1)) {
        f.empty = false;
        f.explicit_key = true;
        ++i;
        continue;
      }
      if (c == ':' && !after_json_ && (at(i + 1) == '[' || at(i + 1) == '{'))
        fail(i, tr(Msg::flow_colon_space, fmt::arg("next", at(i + 1))));
      if (c == ':' && (blank_or_eol(i + 1) || is_flow_indicator(at(i + 1)) || after_json_)) {
        check_key_line(i);
        f.key_started = false;
        f.explicit_key = true;  // the value may span lines freely
        f.empty = false;
        after_json_ = false;
        ++i;
        continue;
      }
      after_json_ = false;
      if (c == '"' || c == '\'') {
        entry_begins(i);
        quoted_begin(i, Mode::flow);
        return;
      }
      if (c == '-' && (blank_or_eol(i + 1) || is_flow_indicator(at(i + 1))))
        fail(i, tr(Msg::flow_dash));
      if (c == '&' || c == '*' || c == '!') {  // the reader rejects these with its messages
        entry_begins(i);
        lone_tag(i);
        while (!blank_or_eol(i) && !is_flow_indicator(s_[i]))
          ++i;
        continue;
      }
      entry_begins(i);
      i = flow_plain(i);
      if (eol(i)) flow_plain_open_ = true;
    }
  }

  // After a quoted scalar inside a flow collection.
  void flow_after_node(size_t i) {
    if (at(i) == '#') fail(i, tr(Msg::comment_space));
    after_json_ = true;  // `"a":b` is a key and its value
    flow(i, true);
  }
  bool after_json_ = false;

  // A plain scalar in flow context from `i`; returns where it ends. Its `?`s become k_question.
  size_t flow_plain(size_t i) {
    for (; !eol(i); ++i) {
      char c = s_[i];
      if (is_flow_indicator(c)) return i;
      if (c == ':' && (blank_or_eol(i + 1) || is_flow_indicator(at(i + 1)))) return i;
      if (c == '#' && i > line_start_ && is_blank(s_[i - 1])) return i;
      if (!is_blank(c)) flows_.back().key_last_line = line_;
      if (c == '?') set(i, k_question);
    }
    return i;
  }

  // --- state -------------------------------------------------------------------------------
  const std::string& file_;
  std::string_view s_;
  uint32_t max_depth_;
  uint32_t first_line_;
  size_t base_depth_;
  std::string& out_;
  bool changed_ = false;

  size_t pos_ = 0;
  size_t line_start_ = 0;
  uint32_t line_ = 1;
  Mode mode_ = Mode::block;
  std::vector<Block> blocks_;
  int required_ = 0;       // spaces a continuation line of a flow collection or quoted text needs
  size_t key_at_ = 0;      // where the current quoted scalar or flow collection began
  uint32_t key_line_ = 0;  // and on which line
  bool plain_open_ = false;
  int plain_indent_ = 0;

  int scalar_parent_ = -1;  // block scalar: its parent's indentation (-1 at the top)
  int scalar_indent_ = -1;  // its content's, once known
  int leading_empty_ = -1;
  Mark leading_empty_at_;

  bool content_ = false;
  bool ended_ = false;  // after `...`
  bool document_started_ = false;
  bool directive_ = false;
  Mark directive_at_;
};

}  // namespace

bool prescan_yaml(const std::string& file, std::string_view content, uint32_t max_depth,
                  uint32_t first_line, uint32_t depth, std::string& normalised) {
  return Scanner(file, content, max_depth, first_line, depth, normalised).run();
}

}  // namespace plantrack
