#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Build and run the host unit tests: every *_test.c in the tree, beside the
# code it covers.  A test links with its sibling (foo_test.c -> foo.c) and
# with any sources named on a `hosttest-sources:` line in the test file
# (paths from the repository root); a `hosttest-cflags:` line adds flags.
# Tests use cmocka and print TAP (CMOCKA_MESSAGE_OUTPUT=TAP).
# usage: hosttest.sh [TEST_FILE...]   (default: all)
set -uo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."
out=build/host
CC=${HOST_CC:-gcc}
CFLAGS=(-std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter
  -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  -DHOST_TEST -include tests/host/config.h -Itests/host/include
  -Ilibs/klib/include -Iplatform/include)

if [ $# -gt 0 ]; then tests=("$@"); else
  mapfile -t tests < <(find platform kernel libs services exts tools -name '*_test.c' 2>/dev/null | sort)
fi
# One test: build it, run it, print what it gave (TAP); exit 1 if it
# failed.  Each writes only its own files, so they run side by side.
one() { # TEST_FILE
  local t=$1 dir base bin extra flags rc
  dir=$(dirname "$t"); base=$(basename "$t" _test.c)
  local srcs=("$t")
  [ -f "$dir/$base.c" ] && srcs+=("$dir/$base.c")
  extra=$(sed -n 's/.*hosttest-sources:\(.*\)\*\/.*/\1/p' "$t")
  flags=$(sed -n 's/.*hosttest-cflags:\(.*\)\*\/.*/\1/p' "$t")
  # shellcheck disable=SC2206
  srcs+=($extra)
  bin=$out/${t%.c}
  mkdir -p "$(dirname "$bin")"
  # shellcheck disable=SC2086
  if ! $CC "${CFLAGS[@]}" $flags -o "$bin" "${srcs[@]}" -lcmocka 2> "$bin.log"; then
    echo "not ok - $t: build failed"; sed 's/^/# /' "$bin.log"; return 1
  fi
  echo "# $t"
  CMOCKA_MESSAGE_OUTPUT=TAP ASAN_OPTIONS=detect_leaks=1 timeout 60 "$bin" > "$bin.tap" 2>&1
  rc=$?
  cat "$bin.tap"
  if [ $rc -ne 0 ]; then
    # a crash (a sanitizer's abort, a timeout) prints no "not ok" of its own
    grep -q '^not ok' "$bin.tap" || echo "not ok - $t: exit status $rc with no test failed (a crash or a timeout)"
    return 1
  fi
}

if [ "${1:-}" = --one ]; then
  one "$2"
  exit
fi

# As many at once as there are CPUs; the output in the tests' order.
jobs=$(nproc 2>/dev/null || echo 2)
printf '%s\n' "${tests[@]}" |
  xargs -P "$jobs" -I{} sh -c 'f=build/host/${1%.c}; mkdir -p "$(dirname "$f")"
    "$0" --one "$1" > "$f.out" 2>&1; echo $? > "$f.rc"' "$self" {}
status=0
for t in "${tests[@]}"; do
  f=$out/${t%.c}
  cat "$f.out"
  [ "$(cat "$f.rc" 2>/dev/null)" = 0 ] || status=1
done
exit $status
