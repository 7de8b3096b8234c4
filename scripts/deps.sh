#!/bin/sh
# Installs the Debian packages plantrack needs to build and test, when missing.
# Usage: scripts/deps.sh [extra-package ...]
set -eu
# Test-only: the schema test (python3-yaml, python3-jsonschema), the man page test (groff-base),
# the spreadsheet round trip (python3-openpyxl fills in the xlsx template).
test_pkgs="python3-yaml python3-jsonschema groff-base python3-openpyxl"
# Spreadsheets: libzip (the xlsx container), expat (its XML), libxlsxwriter (xlsx written).
sheet_pkgs="libzip-dev libexpat1-dev libxlsxwriter-dev"
pkgs="cmake make g++ pkg-config libcli11-dev libyaml-cpp-dev libfmt-dev doctest-dev $sheet_pkgs python3 $test_pkgs $*"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "plantrack: installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
