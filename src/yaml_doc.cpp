#include "yaml_doc.hpp"

#include <cstring>
#include <istream>
#include <memory>
#include <new>
#include <optional>
#include <streambuf>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "messages.hpp"
#include "read_file.hpp"
#include "text.hpp"
#include "yaml_scan.hpp"

namespace plantrack {

const Node* Document::find(const Node& map, std::string_view name) const {
  if (map.kind != NodeKind::map) return nullptr;
  for (size_t i = 0; i < map.size; ++i)
    if (text(key(map, i)) == name) return &value(map, i);
  return nullptr;
}

namespace {

// The 1-based line and character column of byte offset `pos` on a line starting at `line_start`.
Mark mark_at(std::string_view content, uint32_t line, size_t line_start, size_t pos) {
  return Mark{line,
              static_cast<uint32_t>(count_chars(content.substr(line_start, pos - line_start)) + 1)};
}

// Rejects what yaml-cpp would pass through: invalid UTF-8, NUL and other control characters
// (the latter only in the file itself: quoted escapes such as "\e" may make them, and every
// output escapes them).
void check_bytes(const std::string& file, std::string_view s, bool allow_controls = false) {
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r') {
      i += (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
      ++line;
      line_start = i;
      continue;
    }
    if (c == '\t' || (allow_controls && c < 0x80)) {
      ++i;
      continue;
    }
    if (c < 0x80) {
      throw InputError(
          file, mark_at(s, line, line_start, i),
          c == 0 ? tr(Msg::nul_byte)
                 : tr(Msg::control_character, fmt::arg("code", static_cast<unsigned>(c))));
    }
    char32_t cp = 0;
    size_t len = utf8_length(s, i, &cp);
    if (len == 0)
      throw InputError(file, mark_at(s, line, line_start, i),
                       tr(Msg::invalid_utf8, fmt::arg("byte", static_cast<unsigned>(c))));
    if (cp >= 0x80 && cp <= 0x9F && !allow_controls)
      throw InputError(file, mark_at(s, line, line_start, i),
                       tr(Msg::control_character, fmt::arg("code", static_cast<unsigned>(cp))));
    i += len;
  }
}

class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view s) {
    char* p = const_cast<char*>(s.data());
    setg(p, p, p + s.size());
  }
};

}  // namespace

// Tags are not read (README, "Decisions"): `!!str` (and `!`) only, which make text.
static std::string tag_message(const std::string& tag) {
  constexpr std::string_view core = "tag:yaml.org,2002:";
  std::string shown = tag.rfind(core, 0) == 0 ? "!!" + tag.substr(core.size()) : tag;
  return tr(Msg::yaml_tags, fmt::arg("tag", escape_text(shown)));
}

// Receives yaml-cpp's events and appends nodes; throws InputError on what plantrack rejects.
class TreeBuilder : public YAML::EventHandler {
 public:
  // `first_line` and `depth` place a piece of a file (see parse_piece) where it stands in it.
  // `content` is what yaml-cpp reads (prescan_yaml's normalised bytes), `original` the file's
  // bytes at the same offsets: columns count its characters.
  TreeBuilder(Document& doc, std::string_view content, std::string_view original,
              const Limits& limits, uint32_t first_line = 1, uint32_t depth = 0)
      : doc_(doc),
        content_(content),
        original_(original),
        limits_(limits),
        first_line_(first_line),
        depth_(depth) {}

  Mark mark(const YAML::Mark& m) const {
    if (m.pos < 0 || m.line < 0 || m.column < 0) return Mark{first_line_, 1};
    size_t pos = std::min<size_t>(static_cast<size_t>(m.pos), original_.size());
    size_t col = std::min<size_t>(static_cast<size_t>(m.column), pos);
    return Mark{static_cast<uint32_t>(m.line) + first_line_,
                static_cast<uint32_t>(chars_before(pos - col, pos) + 1)};
  }

  // Characters in original_[line_start, pos): counted on from the previous mark when it is on
  // the same line, so that a file written as one long line costs linear time, not quadratic.
  size_t chars_before(size_t line_start, size_t pos) const {
    ColumnCache& c = column_cache_;
    if (c.line_start != line_start) c = ColumnCache{line_start, line_start, 0};
    if (pos >= c.pos)
      c.chars += count_chars(original_.substr(c.pos, pos - c.pos));
    else
      c.chars -= count_chars(original_.substr(pos, c.pos - pos));
    c.pos = pos;
    return c.chars;
  }

  [[noreturn]] void fail(Mark m, std::string message) const {
    throw InputError(doc_.file_, m, std::move(message));
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& m, YAML::anchor_t) override {
    Mark at = mark(m);
    // An empty map value: yaml-cpp marks the next token; point at its key instead.
    if (!stack_.empty() && doc_.nodes_[stack_.back().node].kind == NodeKind::map &&
        (pending_.size() - stack_.back().first) % 2 == 1) {
      at = doc_.nodes_[pending_.back()].mark;
      const Node& key = doc_.nodes_[pending_.back()];
      if (!stack_.back().flow && key.kind == NodeKind::scalar && !key.quoted)
        check_colon_after_key(at);
    }
    add(Node{NodeKind::null, false, at, 0, 0});
  }

  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override {
    fail(mark(m), tr(Msg::yaml_aliases));
  }

  void OnAnchor(const YAML::Mark& m, const std::string& name) override {
    fail(mark(m), tr(Msg::yaml_anchors, fmt::arg("name", escape_text(name))));
  }

  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t,
                const std::string& written) override {
    Mark at = mark(m);
    bool quoted = tag != "?";
    // A plain scalar holds no escapes: its k_question bytes are the `?`s prescan_yaml hid.
    std::string restored;
    if (!quoted && written.find(k_question) != std::string::npos) {
      restored = written;
      for (char& c : restored)
        if (c == k_question) c = '?';
    }
    if (quoted && written.empty()) restored = blank_quoted(m);
    const std::string& value = restored.empty() ? written : restored;
    if (tag != "?" && tag != "!" && tag != "tag:yaml.org,2002:str") fail(at, tag_message(tag));
    if (quoted) {
      check_closing_quote(m, at);
      try {
        check_bytes(doc_.file_, value, true);
      } catch (const InputError&) {
        fail(at, tr(Msg::quoted_escape_utf8));
      }
    }
    if (doc_.arena_.size() + value.size() > UINT32_MAX) fail(at, tr(Msg::too_much_text));
    last_plain_ = quoted || m.pos < 0 ? std::string_view::npos : static_cast<size_t>(m.pos);
    last_plain_end_ = last_plain_ + value.size();
    Node n{NodeKind::scalar, quoted, at, static_cast<uint32_t>(doc_.arena_.size()),
           static_cast<uint32_t>(value.size())};
    doc_.arena_ += value;
    add(n);
  }

  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override {
    open(NodeKind::sequence, mark(m), tag, style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override {
    open(NodeKind::map, mark(m), tag, style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override { close(); }

 private:
  // Quoted text of nothing but blanks over three or more lines ('\n\n  ') is one line feed
  // per empty line (YAML 1.2 §7.3); yaml-cpp makes it empty. "" when that is not the case.
  std::string blank_quoted(const YAML::Mark& m) const {
    if (m.pos < 0 || static_cast<size_t>(m.pos) >= content_.size()) return "";
    size_t pos = static_cast<size_t>(m.pos);
    char quote = content_[pos];
    if (quote != '"' && quote != '\'') return "";
    size_t breaks = 0;
    for (size_t i = pos + 1; i < content_.size() && content_[i] != quote; ++i) {
      char c = content_[i];
      if (c == '\n' || (c == '\r' && (i + 1 >= content_.size() || content_[i + 1] != '\n')))
        ++breaks;
      else if (c != ' ' && c != '\t' && c != '\r')
        return "";
    }
    return breaks >= 2 ? std::string(breaks - 1, '\n') : "";
  }

  // yaml-cpp 0.7 accepts a quote left open until the end of the file.
  void check_closing_quote(const YAML::Mark& m, Mark at) const {
    if (m.pos < 0 || static_cast<size_t>(m.pos) >= content_.size()) return;
    size_t pos = static_cast<size_t>(m.pos);
    char quote = content_[pos];
    if (quote != '"' && quote != '\'') return;
    for (size_t i = pos + 1; i < content_.size(); ++i) {
      if (quote == '"' && content_[i] == '\\') {
        ++i;
      } else if (content_[i] == quote) {
        if (quote == '\'' && i + 1 < content_.size() && content_[i + 1] == '\'') {
          ++i;
          continue;
        }
        return;
      }
    }
    fail(at, tr(Msg::unterminated_quote, fmt::arg("quote", quote)));
  }

  struct Open {
    uint32_t node;
    size_t first;  // where its children start in pending_
    bool flow;     // written [...] or {...}
  };

  // yaml-cpp 0.7 takes a last line without `:` in a block mapping ("x.households 300") as a
  // key with an empty value, which would silently drop it: a plain key needs its `:` (an
  // explicit `? key` needs none).
  void check_colon_after_key(Mark key_mark) const {
    if (last_plain_ == std::string_view::npos || last_plain_end_ > content_.size()) return;
    size_t before = content_.find_last_not_of(" \t", last_plain_ == 0 ? 0 : last_plain_ - 1);
    if (last_plain_ > 0 && before != std::string_view::npos && content_[before] == '?') return;
    for (size_t i = last_plain_end_; i < content_.size(); ++i) {
      char c = content_[i];
      if (c == ':') return;
      if (c == '#') {
        i = content_.find('\n', i);
        if (i == std::string_view::npos) break;
      } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        break;
      }
    }
    std::string_view key = content_.substr(last_plain_, last_plain_end_ - last_plain_);
    fail(key_mark, tr(Msg::missing_colon, fmt::arg("key", escape_text(key))));
  }

  void add(const Node& n) {
    if (doc_.nodes_.size() >= limits_.max_nodes)
      fail(n.mark, tr(Msg::too_many_nodes, fmt::arg("limit", limits_.max_nodes)));
    doc_.nodes_.push_back(n);
    pending_.push_back(static_cast<uint32_t>(doc_.nodes_.size() - 1));
  }

  void open(NodeKind kind, Mark at, const std::string& tag, bool flow) {
    if (tag != "?" && tag != "!" && !tag.empty()) fail(at, tag_message(tag));
    if (stack_.size() + depth_ >= limits_.max_depth)
      fail(at, tr(Msg::nesting_limit, fmt::arg("limit", limits_.max_depth)));
    add(Node{kind, false, at, 0, 0});
    stack_.push_back(Open{pending_.back(), pending_.size(), flow});
  }

  void close() {
    Open o = stack_.back();
    stack_.pop_back();
    Node& n = doc_.nodes_[o.node];
    size_t count = pending_.size() - o.first;
    n.begin = static_cast<uint32_t>(doc_.kids_.size());
    n.size = static_cast<uint32_t>(n.kind == NodeKind::map ? count / 2 : count);
    doc_.kids_.insert(doc_.kids_.end(), pending_.begin() + static_cast<long>(o.first),
                      pending_.end());
    pending_.resize(o.first);
    if (n.kind == NodeKind::map) check_keys(doc_.nodes_[o.node]);
  }

  void check_keys(const Node& map) {
    std::unordered_set<std::string_view> seen;
    for (size_t i = 0; i < map.size; ++i) {
      const Node& k = doc_.key(map, i);
      if (k.kind != NodeKind::scalar) fail(k.mark, tr(Msg::key_not_text));
      std::string_view name = doc_.text(k);
      bool duplicate = false;
      if (map.size <= 8) {
        for (size_t j = 0; j < i && !duplicate; ++j)
          duplicate = doc_.text(doc_.key(map, j)) == name;
      } else {
        duplicate = !seen.insert(name).second;
      }
      if (duplicate) {
        Mark first{};
        for (size_t j = 0; j < i; ++j)
          if (doc_.text(doc_.key(map, j)) == name) {
            first = doc_.key(map, j).mark;
            break;
          }
        fail(k.mark, tr(Msg::duplicate_key, fmt::arg("key", escape_text(name)),
                        fmt::arg("line", first.line)));
      }
    }
  }

  Document& doc_;
  std::string_view content_;
  std::string_view original_;
  const Limits& limits_;
  uint32_t first_line_;
  uint32_t depth_;
  std::vector<Open> stack_;
  std::vector<uint32_t> pending_;
  size_t last_plain_ = std::string_view::npos;  // where the latest plain scalar starts and ends
  size_t last_plain_end_ = 0;
  struct ColumnCache {
    size_t line_start = SIZE_MAX, pos = 0, chars = 0;  // chars in [line_start, pos)
  };
  mutable ColumnCache column_cache_;
};

namespace {

// Stops the parse at the start of a second document.
struct SecondDocument : YAML::EventHandler {
  struct Found {
    YAML::Mark mark;
  };
  void OnDocumentStart(const YAML::Mark& m) override { throw Found{m}; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// yaml-cpp's terse messages, with what the user should do about them.
// yaml-cpp's own words (exceptions.h), in the language of the run.
std::string yaml_cpp_message(const std::string& msg) {
  if (current_lang() == Lang::en) return msg;
  static const std::pair<const char*, Msg> k_known[] = {
      {YAML::ErrorMsg::YAML_DIRECTIVE_ARGS, Msg::yaml_directive_args},
      {YAML::ErrorMsg::YAML_MAJOR_VERSION, Msg::yaml_major_version},
      {YAML::ErrorMsg::REPEATED_YAML_DIRECTIVE, Msg::yaml_repeated_directive},
      {YAML::ErrorMsg::TAG_DIRECTIVE_ARGS, Msg::yaml_tag_directive_args},
      {YAML::ErrorMsg::REPEATED_TAG_DIRECTIVE, Msg::yaml_repeated_tag_directive},
      {YAML::ErrorMsg::CHAR_IN_TAG_HANDLE, Msg::yaml_char_in_tag_handle},
      {YAML::ErrorMsg::TAG_WITH_NO_SUFFIX, Msg::yaml_tag_no_suffix},
      {YAML::ErrorMsg::END_OF_VERBATIM_TAG, Msg::yaml_end_of_verbatim_tag},
      {YAML::ErrorMsg::MULTIPLE_TAGS, Msg::yaml_multiple_tags},
      {YAML::ErrorMsg::MULTIPLE_ANCHORS, Msg::yaml_multiple_anchors},
      {YAML::ErrorMsg::MULTIPLE_ALIASES, Msg::yaml_multiple_aliases},
      {YAML::ErrorMsg::ALIAS_CONTENT, Msg::yaml_alias_content},
      {YAML::ErrorMsg::TAB_IN_INDENTATION, Msg::yaml_tab_in_indentation},
      {YAML::ErrorMsg::ALIAS_NOT_FOUND, Msg::yaml_alias_not_found},
      {YAML::ErrorMsg::ANCHOR_NOT_FOUND, Msg::yaml_anchor_not_found},
      {YAML::ErrorMsg::CHAR_IN_ALIAS, Msg::yaml_char_in_alias},
      {YAML::ErrorMsg::CHAR_IN_ANCHOR, Msg::yaml_char_in_anchor},
      {YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK, Msg::yaml_zero_indent},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, Msg::yaml_unknown_anchor},
      {YAML::ErrorMsg::END_OF_MAP, Msg::yaml_end_of_map},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, Msg::yaml_end_of_map_flow},
      {YAML::ErrorMsg::END_OF_SEQ, Msg::yaml_end_of_seq},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, Msg::yaml_end_of_seq_flow},
      {YAML::ErrorMsg::UNKNOWN_TOKEN, Msg::yaml_unknown_token},
      {YAML::ErrorMsg::DOC_IN_SCALAR, Msg::yaml_doc_in_scalar},
      {YAML::ErrorMsg::EOF_IN_SCALAR, Msg::yaml_eof_in_scalar},
      {YAML::ErrorMsg::CHAR_IN_SCALAR, Msg::yaml_char_in_scalar},
      {YAML::ErrorMsg::FLOW_END, Msg::yaml_flow_end},
      {YAML::ErrorMsg::BLOCK_ENTRY, Msg::yaml_block_entry},
      {YAML::ErrorMsg::MAP_KEY, Msg::yaml_map_key},
      {YAML::ErrorMsg::CHAR_IN_BLOCK, Msg::yaml_char_in_block},
      {YAML::ErrorMsg::INVALID_HEX, Msg::yaml_invalid_hex}};
  for (auto [text, m] : k_known)
    if (msg == text) return tr(m);
  for (auto [prefix, m] :
       {std::pair{std::string_view(YAML::ErrorMsg::YAML_VERSION), Msg::yaml_version},
        std::pair{std::string_view(YAML::ErrorMsg::INVALID_UNICODE), Msg::yaml_invalid_unicode},
        std::pair{std::string_view(YAML::ErrorMsg::INVALID_ESCAPE), Msg::yaml_invalid_escape}})
    if (std::string_view(msg).starts_with(prefix))
      return tr(m, fmt::arg("rest", msg.substr(prefix.size())));
  return msg;
}

std::string explain(const YAML::Exception& e, std::string_view content) {
  size_t pos = e.mark.pos >= 0 ? static_cast<size_t>(e.mark.pos) : content.size();
  char at = pos < content.size() ? content[pos] : '\0';
  size_t line_start = content.rfind('\n', pos == 0 ? 0 : pos - 1);
  line_start = line_start == std::string_view::npos || pos == 0 ? 0 : line_start + 1;
  std::string_view line = content.substr(line_start, content.find('\n', line_start) - line_start);
  std::string_view indent = line.substr(0, line.find_first_not_of(" \t"));
  bool tab_indent = indent.find('\t') != std::string_view::npos;
  if (at == '*') return tr(Msg::yaml_aliases);
  if (at == '%') return tr(Msg::plain_percent);
  if (tab_indent) return tr(Msg::tab_indent);
  if (e.msg == "illegal map value") {
    // YAML allows 1024 characters at most in a key written without `?` (a million-character id).
    size_t key = pos;
    while (key > line_start &&
           std::string_view(",[{").find(content[key - 1]) == std::string_view::npos)
      --key;
    if (count_chars(content.substr(key, pos - key)) > 1024) return tr(Msg::long_key);
    return tr(Msg::unexpected_colon);
  }
  if (e.msg.find("recursion") != std::string::npos || e.msg == "bad file")
    return tr(Msg::nesting_too_deep);
  return tr(Msg::yaml_syntax, fmt::arg("detail", yaml_cpp_message(e.msg)));
}

}  // namespace

// Parses a whole file or a part of one (parse_document_part).
Document parse(const std::string& file, std::string_view content, const Limits& limits,
               uint32_t first_line, uint32_t depth) {
  Document doc;
  doc.file_ = file;
  std::string normalised;
  std::string_view original = content;
  if (prescan_yaml(file, content, limits.max_depth, first_line, depth, normalised))
    content = normalised;
  // A last line of blanks without a line break ends as if it had one (YAML 1.2: the end of
  // the input breaks the line); yaml-cpp drops it from a block scalar. Moves nothing.
  size_t last = content.find_last_of("\r\n");
  std::string_view tail = content.substr(last == std::string_view::npos ? 0 : last + 1);
  if (!tail.empty() && tail.find_first_not_of(" \t") == std::string_view::npos) {
    if (content.data() != normalised.data()) normalised.assign(content);
    normalised += '\n';
    content = normalised;
  }
  ViewBuf buf(content);
  std::istream in(&buf);
  TreeBuilder builder(doc, content, original, limits, first_line, depth);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      SecondDocument second;
      try {
        parser.HandleNextDocument(second);
      } catch (const SecondDocument::Found& f) {
        size_t pos = std::min<size_t>(static_cast<size_t>(std::max(f.mark.pos, 0)), content.size());
        std::string_view rest = content.substr(pos);
        std::string message =
            rest.substr(0, 3) == "---" || rest.empty()
                ? tr(Msg::second_document)
                : tr(Msg::unexpected_text, fmt::arg("text", escape_text(rest.substr(0, 1))));
        throw InputError(file, builder.mark(f.mark), message);
      }
    }
  } catch (const YAML::Exception& e) {
    throw InputError(file, builder.mark(e.mark), explain(e, content));
  }
  if (doc.nodes_.empty()) doc.nodes_.push_back(Node{NodeKind::null, false, Mark{1, 1}, 0, 0});
  return doc;
}

Document parse_document(const std::string& file, std::string_view content, const Limits& limits) {
  content = strip_utf8_bom(content);
  auto starts = [&](std::string_view bom) { return content.substr(0, bom.size()) == bom; };
  if (starts(std::string_view("\x00\x00\xFE\xFF", 4)) ||
      starts(std::string_view("\xFF\xFE\x00\x00", 4)))
    throw InputError(file, Mark{1, 1}, tr(Msg::utf32_file));
  if (starts("\xFE\xFF") || starts("\xFF\xFE"))
    throw InputError(file, Mark{1, 1}, tr(Msg::utf16_file));
  return parse_document_part(file, content, limits, 1, 0);
}

Document parse_document_part(const std::string& file, std::string_view content,
                             const Limits& limits, uint32_t first_line, uint32_t depth) {
  check_bytes(file, content);
  return parse(file, content, limits, first_line, depth);
}

Document load_document(const std::string& path, const Limits& limits) {
  return parse_document(path, read_file(path, limits), limits);
}

}  // namespace plantrack
