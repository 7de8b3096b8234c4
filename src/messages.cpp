#include "messages.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace plantrack {

namespace {

struct Entry {
  const char* en;
  const char* zh;
};

constexpr Entry k_messages[] = {
#define M(name, en, zh) {en, zh},
#include "messages.def"
#undef M
};

Lang g_lang = Lang::en;

}  // namespace

size_t message_count() {
  return std::size(k_messages);
}

Lang current_lang() {
  return g_lang;
}

void set_lang(Lang lang) {
  g_lang = lang;
}

std::string_view message_text(Msg m, Lang lang) {
  const Entry& e = k_messages[static_cast<size_t>(m)];
  return lang == Lang::zh ? e.zh : e.en;
}

std::string system_error_text(int err) {
  if (g_lang == Lang::zh) {
    switch (err) {
      case ENOENT:
        return "文件或文件夹不存在";
      case EACCES:
      case EPERM:
        return "没有权限";
      case EISDIR:
        return "这是一个文件夹";
      case ENOTDIR:
        return "路径中有一部分不是文件夹";
      case ELOOP:
        return "符号链接层数过多";
      case ENAMETOOLONG:
        return "文件名太长";
      case ENOSPC:
        return "磁盘空间不足";
      case EROFS:
        return "文件系统只读";
      case EMFILE:
      case ENFILE:
        return "打开的文件太多";
      case ENOMEM:
        return "内存不足";
      case EIO:
        return "输入输出错误";
      case EEXIST:
        return "文件已存在";
      case EPIPE:
        return "管道已关闭";
      case EXDEV:
        return "不能跨文件系统";
      case EBUSY:
        return "设备或资源忙";
      case EINVAL:
        return "参数无效";
      case EFBIG:
        return "文件太大";
      case EDQUOT:
        return "超出磁盘配额";
    }
  }
  return std::strerror(err);
}

std::string placeholder_names(std::string_view text) {
  std::vector<std::string> names;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;  // "{{" is a literal brace
      continue;
    }
    size_t end = text.find_first_of(":}", i);
    if (end == std::string_view::npos) break;
    names.emplace_back(text.substr(i + 1, end - i - 1));
    i = text.find('}', end);
    if (i == std::string_view::npos) break;
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const std::string& n : names)
    out += (out.empty() ? "" : ",") + n;
  return out;
}

}  // namespace plantrack
