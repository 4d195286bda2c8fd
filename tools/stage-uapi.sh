#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Stage Linux's UAPI headers (Debian's linux-libc-dev) into one directory:
# linux/, asm-generic/ and the arch's asm/, so they compile freestanding
# (-nostdinc) with gcc and clang.  Usage: stage-uapi.sh ARCH OUTDIR
set -euo pipefail
arch=$1 out=$2
case "$arch" in
  x64)   triplet=x86_64-linux-gnu ;;
  arm64) triplet=aarch64-linux-gnu ;;
  *) echo "stage-uapi: unknown arch $arch" >&2; exit 1 ;;
esac
asmdir=/usr/include/$triplet/asm
[ -d "$asmdir" ] || asmdir=/usr/$triplet/include/asm   # cross variant
[ -d /usr/include/linux ] && [ -d "$asmdir" ] || { echo "stage-uapi: linux-libc-dev for $arch missing" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
cp -r /usr/include/linux /usr/include/asm-generic "$out/"
cp -r "$asmdir" "$out/asm"
