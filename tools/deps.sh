#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Install the Debian packages Kevlar builds, runs and tests with.
# Idempotent: asks dpkg what is missing and installs only that (root or sudo).
# Everything any make target or test script runs beyond a Debian minbase
# system (coreutils, grep, sed, findutils, mawk, util-linux, dpkg and apt's
# apt-get download / dpkg-deb, which minbase has) must be listed here:
# .ci/run proves it in a fresh debootstrap --variant=minbase chroot.
set -euo pipefail

PKGS=(
  make gcc clang lld binutils python3 git
  linux-libc-dev
  qemu-system-x86
  sparse clang-format clang-tidy clang-tools   # clang-tools: clang-query (check-crossings)
  libcmocka-dev
  grub-pc-bin grub-common xorriso mtools
  cpio busybox-static musl-tools e2fsprogs
  file          # tools/mk-image.sh checks that busybox is static
  debootstrap   # .ci/run builds its fresh chroot with it (tools/ci-chroot.sh)
  gdb           # GDB=1: what run-qemu.sh tells you to attach with
  dpkg-dev patch xz-utils debian-archive-keyring   # tools/fetch-lwip.sh: apt-get source lwip
  curl openssh-client   # the host's clients of tests/integration/net-servers.sh (curl, ssh, ssh-keygen)
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
