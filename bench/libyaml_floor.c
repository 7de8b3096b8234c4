/* libyaml_floor — for information only: the same bare event parse as yaml_floor.cpp, with
 * libyaml (the C parser under PyYAML's CSafeLoader) instead of yaml-cpp.
 *
 *   gcc -O2 bench/libyaml_floor.c -lyaml -o BUILD/libyaml_floor
 *   libyaml_floor FILE...
 *
 * Reads each file whole, parses it with yaml_parser_parse() and counts events. bench/run.sh
 * shows it next to yaml_floor so that the cost of the parser library itself is visible; the
 * goals in bench/README.md are stated against yaml_floor. */

#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static unsigned char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 20, n = 0, r;
  unsigned char* buf = malloc(cap);
  while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) {
      unsigned char* nb = realloc(buf, cap *= 2);
      if (!nb) { free(buf); buf = NULL; }
      else buf = nb;
    }
  }
  if (ferror(f)) { free(buf); buf = NULL; }
  fclose(f);
  *len = n;
  return buf;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: libyaml_floor FILE...\n");
    return 2;
  }
  unsigned long long events = 0, bytes = 0;
  for (int i = 1; i < argc; ++i) {
    size_t n;
    unsigned char* buf = read_file(argv[i], &n);
    if (!buf) {
      fprintf(stderr, "libyaml_floor: cannot read %s\n", argv[i]);
      return 2;
    }
    bytes += n;
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, buf, n);
    for (int done = 0; !done;) {
      yaml_event_t e;
      if (!yaml_parser_parse(&p, &e)) {
        fprintf(stderr, "%s:%zu:%zu: %s\n", argv[i], p.problem_mark.line + 1,
                p.problem_mark.column + 1, p.problem ? p.problem : "parse error");
        return 2;
      }
      done = e.type == YAML_STREAM_END_EVENT;
      ++events;
      yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    free(buf);
  }
  printf("%llu events in %d files, %llu bytes\n", events, argc - 1, bytes);
  return 0;
}
