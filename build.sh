#!/bin/sh
# The README's commands: on a bare Debian 12 or 13 (nothing installed but sh and apt-get) they
# install what the build needs with apt-get (through sudo when not root), then run the make
# target of the same name.
#   ./build.sh demo    build, then run `plantrack check` on every shipped example
#   ./build.sh test    build, then run every test (unit tests and golden end-to-end tests)
#   ./build.sh asan | tsan | deb | lintian | bench | format | clean   the Makefile's other targets
# Variables for make may follow: ./build.sh test JOBS=4
set -eu
cd "$(dirname "$0")"
if [ $# -eq 0 ]; then
  echo "usage: ./build.sh demo|test|asan|tsan|deb|lintian|bench|format|clean [VAR=VALUE ...]" >&2
  exit 2
fi
# make itself, the compiler, cmake and the libraries (and the test tools, for the targets that
# test); each make target adds what else it needs.
case "$1" in
  test | asan | tsan | bench) scripts/deps.sh ;;
  *) scripts/deps.sh --build-only ;;
esac
exec make "$@"
