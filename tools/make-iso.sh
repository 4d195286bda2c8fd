#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Build a BIOS-bootable ISO: GRUB loads the kernel with multiboot2 and, when
# INITRD is set (as `make iso` does, with `make run`'s image), the initramfs
# as its first boot module, which the kernel mounts as the root.
# usage: [INITRD=initramfs.cpio] make-iso.sh KERNEL OUT.iso [CMDLINE]
set -euo pipefail
kernel=$1 out=$2 cmdline=${3:-}
module=
if [ -n "${INITRD:-}" ]; then
  [ -f "$INITRD" ] || { echo "make-iso: INITRD=$INITRD missing" >&2; exit 1; }
  module="module2 /boot/initramfs.cpio"
fi
dir=$(mktemp -d "${out%/*}/iso.XXXXXX")
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/kevlar.elf"
[ -z "$module" ] || cp "$INITRD" "$dir/boot/initramfs.cpio"
cat > "$dir/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout_style=hidden
set timeout=0
set default=0
menuentry "Kevlar" {
	multiboot2 /boot/kevlar.elf $cmdline
	$module
	boot
}
CFG
grub-mkrescue -o "$out" "$dir" >/dev/null 2>&1 || { echo "make-iso: grub-mkrescue failed" >&2; exit 1; }
echo "  ISO     $out"
