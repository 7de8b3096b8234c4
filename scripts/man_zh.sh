#!/bin/sh
# The Chinese man page as installed: man/plantrack.zh_CN.1 with a break point (\:) after each
# Chinese character, since groff 1.22 (Debian 12) cannot break a line of Chinese text
# otherwise; compressed with gzip -9n as Debian wants man pages.
#   scripts/man_zh.sh SOURCE OUTPUT.gz     (OUTPUT -: the page, uncompressed, on stdout)
set -eu
page() {
  perl -CSD -pe 'next if /^\.\\"/;
                 s/([\p{Han}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}])(?=[^\s\\])/$1\\:/g' "$1"
}
if [ "$2" = - ]; then page "$1"; else page "$1" | gzip -9n -c >"$2"; fi
