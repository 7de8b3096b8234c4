// yaml_floor — the floor for plantrack's parser: a bare yaml-cpp event parse.
//
//   g++ -O2 -std=c++20 bench/yaml_floor.cpp -lyaml-cpp -o BUILD/yaml_floor
//   yaml_floor FILE...
//
// Reads each file whole into memory (as plantrack does), runs YAML::Parser over it with an
// EventHandler that only counts events (no tree, no strings kept), and prints the total
// event count. Whatever plantrack does on top of this — building its document tree,
// checking keys, evaluating, writing JSON — is the overhead measured by
// plantrack/yaml_floor in bench/run.sh.

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <istream>
#include <iterator>
#include <streambuf>
#include <string>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace {

// An istream over a string already in memory, without copying it again.
class ViewBuf : public std::streambuf {
 public:
  ViewBuf(const char* p, size_t n) {
    char* b = const_cast<char*>(p);
    setg(b, b, b + n);
  }
};

class Counter : public YAML::EventHandler {
 public:
  unsigned long long events = 0;
  unsigned long long scalar_bytes = 0;

  void OnDocumentStart(const YAML::Mark&) override { ++events; }
  void OnDocumentEnd() override { ++events; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    ++events;
    scalar_bytes += value.size();  // touch the value so nothing is optimised away
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override { ++events; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override { ++events; }
};

bool read_file(const char* path, std::string& out) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  out.clear();
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
    out.append(buf, n);
  bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: yaml_floor FILE...\n");
    return 2;
  }
  Counter counter;
  unsigned long long bytes = 0;
  std::string content;
  for (int i = 1; i < argc; ++i) {
    if (!read_file(argv[i], content)) {
      std::fprintf(stderr, "yaml_floor: cannot read %s\n", argv[i]);
      return 2;
    }
    bytes += content.size();
    try {
      ViewBuf buf(content.data(), content.size());
      std::istream in(&buf);
      YAML::Parser parser(in);
      while (parser.HandleNextDocument(counter)) {
      }
    } catch (const YAML::Exception& e) {
      std::fprintf(stderr, "%s: %s\n", argv[i], e.what());
      return 2;
    }
  }
  std::printf("%llu events in %d files, %llu bytes (%llu scalar bytes)\n", counter.events, argc - 1,
              bytes, counter.scalar_bytes);
  return 0;
}
