#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Pack a directory into a cpio newc archive, reproducibly: sorted names,
# owner root, fixed times (SOURCE_DATE_EPOCH, default 0).  usage: mk-cpio.sh DIR OUT.cpio
set -euo pipefail
dir=$1 out=$2
tmp=$(mktemp -d "${out%/*}/cpio.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -a "$dir/." "$tmp/"
find "$tmp" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-0}" {} +
(cd "$tmp" && find . | LC_ALL=C sort | cpio -o -H newc --owner 0:0 --quiet) > "$out"
