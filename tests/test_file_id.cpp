// The "same file" comparison of SPEC §3.7 and §4: device and inode, not the path's spelling.

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "file_id.hpp"
#include "inputs.hpp"

using namespace plantrack;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path dir;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "plantrack-file-id-XXXXXX").string();
    dir = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

}  // namespace

TEST_CASE("same_file: device and inode, whatever the spelling") {
  TempDir t;
  std::string a = t.write("a.yaml", "x: 1\n");
  std::string b = t.write("b.yaml", "x: 1\n");  // the same bytes, another file
  fs::create_hard_link(a, t.dir / "hard.yaml");
  fs::create_symlink(a, t.dir / "link.yaml");
  fs::create_symlink("a.yaml", t.dir / "relative-link.yaml");
  const std::string d = t.dir.string();

  CHECK(same_file(a, a));
  CHECK(same_file(a, d + "/./a.yaml"));
  CHECK(same_file(a, d + "//a.yaml"));
  CHECK(same_file(a, d + "/hard.yaml"));
  CHECK(same_file(a, d + "/link.yaml"));
  CHECK(same_file(d + "/relative-link.yaml", d + "/hard.yaml"));
  CHECK_FALSE(same_file(a, b));
  CHECK_FALSE(same_file(a, d + "/missing.yaml"));
  CHECK_FALSE(same_file(a, d));

  // ./a and a from the working directory.
  fs::path old = fs::current_path();
  fs::current_path(t.dir);
  CHECK(same_file("a.yaml", "./a.yaml"));
  CHECK(same_file("hard.yaml", "./link.yaml"));
  // Paths that do not exist compare by spelling, `.` segments and repeated slashes aside.
  CHECK(same_file("new.json", "./new.json"));
  CHECK(same_file("sub//new.json", "./sub/new.json"));
  CHECK_FALSE(same_file("new.json", "other.json"));
  fs::current_path(old);
}

TEST_CASE("lexical_path") {
  CHECK(lexical_path("./a//b/") == "a/b");
  CHECK(lexical_path("/x/./y") == "/x/y");
  CHECK(lexical_path(".") == ".");
  CHECK(lexical_path("a") == "a");
}

TEST_CASE("expand_actuals_paths: each file once, an empty folder is a problem") {
  TempDir t;
  fs::create_directory(t.dir / "acts");
  fs::create_directory(t.dir / "empty");
  std::string a = t.write("acts/a.yaml", "actuals: {}\n");
  t.write("acts/b.yml", "actuals: {}\n");
  t.write("empty/notes.txt", "id,value\n");
  fs::create_hard_link(a, t.dir / "hard.yaml");
  const std::string d = t.dir.string();
  ActualsPaths p = expand_actuals_paths(
      {a, d + "/acts/./a.yaml", d + "/acts", d + "/hard.yaml", d + "/empty", "-"});
  REQUIRE(p.paths.size() == 3);
  CHECK(p.paths[0] == a);
  CHECK(p.paths[1] == d + "/acts/b.yml");
  CHECK(p.paths[2] == k_stdin_name);
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].file == d + "/empty");
  CHECK(p.problems[0].message == "no actuals files in this folder");
}
