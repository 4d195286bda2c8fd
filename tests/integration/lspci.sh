#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Debian's pciutils `lspci` inside Kevlar lists what it lists under
# Debian's Linux (the kernel `make bench` boots) in the same QEMU: the
# machine's own devices plus the PCI self-test devices (mk/test.mk's
# PCI_TEST_DEVICES: virtio-rng, edu, a PCI bridge with a device behind
# it; on q35 also a PCIe root port with a virtio device below), on
# `-machine pc` (configuration ports) and `-machine q35` (ECAM).
# `lspci -nn` (names and ids), `lspci -nnv` (BARs, IRQ, capabilities;
# after dropping what only Linux's drivers set, listed below) and
# `lspci -xxxx` (all of configuration space, extended too, as root) are
# compared.
# pciutils, libpci3 and pci.ids are fetched with `apt-get download` into
# build/pciutils (once); the libraries they need come from the host's
# Debian 12.  TAP on stdout, logs in build/test/lspci-*.log.
# usage: tests/integration/lspci.sh [KERNEL]   (default: x64 balanced)
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
pu=build/pciutils out=build/test
mkdir -p "$out" "$pu/debs"
devices="-device virtio-rng-pci -device edu -device pci-bridge,id=ktbr,chassis_nr=1 -device virtio-rng-pci,bus=ktbr,addr=3"
devices_q35="-device pcie-root-port,id=ktrp,chassis=2,slot=0 -device virtio-rng-pci,bus=ktrp"

if [ ! -x "$pu/root/usr/bin/lspci" ]; then
  (cd "$pu/debs" && apt-get download pciutils libpci3 pci.ids) >/dev/null 2>&1 &&
    for d in "$pu"/debs/*.deb; do dpkg-deb -x "$d" "$pu/root"; done
fi
[ -f build/bench/linux/vmlinuz.path ] ||
  python3 tools/bench.py fetch-linux build/bench/linux >/dev/null 2>&1
linux=$(cat build/bench/linux/vmlinuz.path 2>/dev/null)
if [ ! -x "$pu/root/usr/bin/lspci" ] || [ ! -f "$linux" ]; then
  echo "1..0 # SKIP pciutils or Debian's Linux kernel not available"; exit 0
fi

ov=$pu/overlay
rm -rf "$ov"; mkdir -p "$ov/usr/bin" "$ov/lib/x86_64-linux-gnu" "$ov/lib64" "$ov/usr/share/misc"
cp "$pu/root/usr/bin/lspci" "$ov/usr/bin/"
cp -a "$pu"/root/usr/lib/x86_64-linux-gnu/libpci.so.3* "$ov/lib/x86_64-linux-gnu/"
LD_LIBRARY_PATH=$pu/root/usr/lib/x86_64-linux-gnu ldd "$pu/root/usr/bin/lspci" |
  awk '$2 == "=>" && $3 ~ /^\// && $3 !~ /libpci/ {print $3}' |
  while read -r lib; do cp -L "$lib" "$ov/lib/x86_64-linux-gnu/"; done
cp -L /lib64/ld-linux-x86-64.so.2 "$ov/lib64/"
cp -L "$pu/root/usr/share/misc/pci.ids" "$ov/usr/share/misc/"
cmd='echo "== nn"; lspci -nn; echo "== nnv"; lspci -nnv; echo "== xxx"; lspci -xxxx; echo "== end"'
img=$out/lspci.cpio
tools/mk-image.sh "$img" "$ov" "$cmd" >/dev/null 2>&1 || { echo "1..1"; echo "not ok 1 - mk-image"; exit 1; }

# Left out of the comparison (tests/integration/lspci.sh's divergences):
# - "Kernel driver in use": Linux may bind a driver, Kevlar binds none yet;
# - "Physical Slot": Linux names hotplug slots from ACPI (_SUN) and SHPC
#   in /sys/bus/pci/slots, which Kevlar (no AML interpreter) does not have;
# - the ISA bridge's (00:01.0 PIIX3 on pc, 00:1f.0 ICH9 LPC on q35) rows
#   0x60 and 0x80 of configuration space: Linux's ACPI PCI-link code
#   disables the PIRQ routes it does not use (bit 7 at 0x60-0x6b) and its
#   PIIX3 quirk sets passive release (0x82): writes, not reads;
# - the q35 PCIe root port (00:05.0) beyond its -nn line: Linux's pcieport
#   driver binds it and programs it (MSI-X, bus mastering, AER, an I/O
#   window it assigns where the firmware left none).
section() { # LOG NAME
  tr -d '\r' < "$1" | awk -v want="== $2" '$0 == want {on = 1; next} /^== / {on = 0} on' |
    grep -v -e "Kernel driver in use" -e "Physical Slot:" |
    awk -v skip="${3:-}" '/^[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]\.[0-7] / {dev = $1}
         dev == skip {next}
         (dev == "00:01.0" || dev == "00:1f.0") && /^(60|80): / {next} {print}'
}
n=0 fail=0
echo "1..6"
for m in pc q35; do
  [ $m = q35 ] && devices="$devices $devices_q35"
  MACHINE=$m QEMU_EXTRA="$devices" INITRD=$img TIMEOUT=${LSPCI_TIMEOUT:-120} \
    tools/run-qemu.sh "$kernel" quiet > "$out/lspci-kevlar-$m.log" 2>&1
  MACHINE=$m QEMU_EXTRA="$devices" INITRD=$img TIMEOUT=${LSPCI_TIMEOUT:-120} \
    tools/run-qemu.sh "$linux" "console=ttyS0 quiet panic=-1" > "$out/lspci-linux-$m.log" 2>&1
  for s in nn nnv xxx; do
    n=$((n + 1))
    skip=; [ $m = q35 ] && [ $s != nn ] && skip=00:05.0
    section "$out/lspci-linux-$m.log" $s $skip > "$out/lspci-linux-$m.$s"
    section "$out/lspci-kevlar-$m.log" $s $skip > "$out/lspci-kevlar-$m.$s"
    if [ -s "$out/lspci-linux-$m.$s" ] && diff -u "$out/lspci-linux-$m.$s" "$out/lspci-kevlar-$m.$s" > "$out/lspci-$m.$s.diff"; then
      echo "ok $n - lspci -$s on -machine $m: as Linux ($(wc -l < "$out/lspci-linux-$m.$s") lines)"
    else
      echo "not ok $n - lspci -$s on -machine $m differs from Linux (see $out/lspci-$m.$s.diff)"
      fail=$((fail + 1))
    fi
  done
done
exit $((fail > 0))
