#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# clang-format check: every .c/.h under platform/ kernel/ libs/ services/
# exts/ tests/ (host unit tests included; build/ and the checkers' planted
# fixtures excluded) must already be formatted per the root .clang-format.
# The style file is passed explicitly, so a nested .clang-format cannot
# relax the rules for one directory.
# usage: format.sh [--root DIR]      (fix a file: clang-format -i FILE)
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
root=$repo
while [ $# -gt 0 ]; do
  case $1 in
    --root) root=$2; shift 2 ;;
    *) echo "usage: $0 [--root DIR]" >&2; exit 2 ;;
  esac
done
style=$root/.clang-format
[ -f "$style" ] || style=$repo/.clang-format
cd "$root" || exit 2

dirs=()
for d in platform kernel libs services exts tests; do [ -d "$d" ] && dirs+=("$d"); done
[ ${#dirs[@]} -eq 0 ] && exit 0
mapfile -t files < <(find "${dirs[@]}" \( -path tests/check/fixtures -o -path build \) -prune \
  -o -type f \( -name '*.c' -o -name '*.h' \) -print | sort)
[ ${#files[@]} -eq 0 ] && exit 0

out=$(clang-format --dry-run --Werror --style="file:$style" "${files[@]}" 2>&1)
status=$?
if [ $status -ne 0 ] || [ -n "$out" ]; then
  # The first finding per file, with a count; the code excerpts are noise here.
  grep -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning)' <<<"$out" | awk -F: '
    { n[$1]++; if (!($1 in first)) { first[$1] = $0; order[++k] = $1 } }
    END { for (i = 1; i <= k; i++) { f = order[i]; m = n[f] - 1
          print first[f] (m ? " (and " m " more in this file)" : "") } }'
  grep -qE ':[0-9]+:[0-9]+: (error|warning)' <<<"$out" || echo "$out"
  n=$(grep -cE '^[^ ].*:[0-9]+:[0-9]+: (error|warning)' <<<"$out")
  echo "check-format: $n finding(s); fix with clang-format -i FILE" >&2
  exit 1
fi
exit 0
