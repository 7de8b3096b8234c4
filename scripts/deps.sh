#!/bin/sh
# Installs the Debian packages plantrack needs to build and test, when missing: with apt-get as
# root, through sudo otherwise. Works on a bare Debian 12 or 13 (debootstrap --variant=minbase:
# nothing but sh, dpkg and apt-get needed).
# Usage: scripts/deps.sh [--build-only] [extra-package ...]   (--build-only: not the test tools)
set -eu
# Test-only: the schema test (python3-yaml, python3-jsonschema), the man page test (groff-base),
# the zsh half of the completion test (zsh), the JUnit schema test (libxml2-utils: xmllint), the
# spreadsheet round trip (python3-openpyxl fills in the xlsx template), the memory checks of the
# hostile-input tests (time: GNU time, /usr/bin/time), the browser test of the HTML reports
# (chromium, headless; poppler-utils reads back the PDF it prints; fonts-wqy-microhei draws the
# Chinese).
test_pkgs="python3-yaml python3-jsonschema groff-base zsh libxml2-utils python3-openpyxl time
chromium poppler-utils fonts-wqy-microhei"
if [ "${1:-}" = --build-only ]; then
  test_pkgs=""
  shift
fi
# Spreadsheets: libzip (the xlsx container), expat (its XML), libxlsxwriter (xlsx written).
# Debian 13's xlsxwriter.pc requires minizip, which libxlsxwriter-dev does not pull in.
sheet_pkgs="libzip-dev libexpat1-dev libxlsxwriter-dev libminizip-dev"
pkgs="cmake make g++ pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev doctest-dev $sheet_pkgs python3 $test_pkgs $*"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  cat >&2 <<MSG
plantrack: these Debian packages are missing:$missing
plantrack: you are not root and sudo is not installed, so they cannot be installed from here.
Either run this command again as root, or install them as root first:
  apt-get update && apt-get install --no-install-recommends$missing
(or install sudo, let this user use it, and run this command again).
MSG
  exit 1
fi
echo "plantrack: installing Debian packages:$missing"
# env: sudo drops DEBIAN_FRONTEND from the environment.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
