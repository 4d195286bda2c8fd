#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Build the default initramfs: Debian's busybox-static with its applet
# links, the files under image/ (/init, a minimal /etc), empty mount points,
# then OVERLAY's files on top and, for `make run CMD=...`, the command.
# usage: mk-image.sh OUT.cpio [OVERLAY_DIR] [CMD]
set -euo pipefail
out=$1 overlay=${2:-} cmd=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "mk-image: $busybox missing (apt install busybox-static)" >&2; exit 1; }
file -L "$busybox" | grep -q 'statically linked' ||
  { echo "mk-image: $busybox is not static (install busybox-static)" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
root=$(mktemp -d "$(dirname "$out")/image.XXXXXX")
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,root,etc,var/tmp,mnt}
chmod 1777 "$root/tmp" "$root/var/tmp"
chmod 0700 "$root/root"
cp "$busybox" "$root/bin/busybox"
# relative links (the image also works when chrooted into), computed
# without a process per applet: bin/x -> busybox, usr/sbin/x -> ../../bin/busybox
"$busybox" --list-full | while read -r applet; do
  case $applet in
    bin/busybox) continue ;;
    bin/*) target=busybox ;;
    */*/*) target=../../bin/busybox ;;
    *) target=../bin/busybox ;;
  esac
  ln -sf "$target" "$root/$applet"
done
cp -a "$here/image/." "$root/"
if [ -n "$overlay" ]; then
  [ -d "$overlay" ] || { echo "mk-image: OVERLAY=$overlay is not a directory" >&2; exit 1; }
  # An overlay file replaces what the image has at its path (an applet link,
  # a file) rather than being copied through it: cp would follow the link
  # /usr/bin/env -> ../../bin/busybox and overwrite BusyBox itself.  Same for
  # an overlay directory where the image has a link or a file.
  while IFS= read -r -d '' f; do
    t=$root/${f#./}
    if [ -L "$t" ] || { [ -e "$t" ] && { [ ! -d "$t" ] || [ ! -d "$overlay/$f" ] || [ -L "$overlay/$f" ]; }; }; then
      rm -rf "$t"
    fi
  done < <(cd "$overlay" && find . -mindepth 1 -print0)
  cp -a "$overlay/." "$root/"
fi
if [ -n "$cmd" ]; then
  mkdir -p "$root/etc/kevlar"
  printf '%s\n' "$cmd" > "$root/etc/kevlar/cmd"
fi
"$here/tools/mk-cpio.sh" "$root" "$out"
