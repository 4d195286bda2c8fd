#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Boot a Kevlar kernel in QEMU (software emulation, TCG) on this terminal.
# usage: run-qemu.sh KERNEL [CMDLINE]
# env:   ARCH SMP MEM MACHINE (pc, the default: i440fx, PCI through the
#        configuration ports; q35: PCIe with ECAM) GDB=1 (wait for gdb on :1234, or GDB_PORT;
#        prints how to attach)
#        TIMEOUT=secs (tests; from 120 s up, with gdb installed, 30 s before
#        the end QEMU's gdb stub is asked what the kernel is doing, printed
#        on stderr and appended to HANG_LOG if set: tools/hang-report.py;
#        HANG_REPORT=0 turns that off)
#        QEMU_EXTRA (more QEMU arguments) ISO=path (boot the ISO instead)
#        INITRD=path (the initramfs, passed as the first boot module)
#        DISK='a.img [b.img:ro ...]' DISK2=c.img (disk images attached as
#        virtio-blk disks, /dev/vda, /dev/vdb, ... in that order; raw format;
#        ":ro" or DISK_RO=1 attaches read-only)
# Exit status: 0 after the kernel powered off cleanly (or QEMU was quit by
# hand, Ctrl-A X, when interactive); the status the kernel powered off with
# (init's exit status: written to the debug console, port 0xe9); 3 after a
# kernel panic; 124 on TIMEOUT; 2 if the machine reset (triple fault) in a
# non-interactive run.
set -uo pipefail
kernel=$1; cmdline=${2:-}
ARCH=${ARCH:-x64}; SMP=${SMP:-1}; MEM=${MEM:-256M}; MACHINE=${MACHINE:-pc}

status_file=$(mktemp)
trap 'rm -f "$status_file"' EXIT
# -nic none: no network (and no iPXE banner); sercon-port=0 keeps SeaBIOS
# off the serial line, so the console shows only what the kernel prints.
args=(-machine "$MACHINE" -cpu max -m "$MEM" -smp "$SMP" -nographic -no-reboot
  -serial mon:stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04
  -debugcon "file:$status_file" -nic none -fw_cfg name=etc/sercon-port,string=0)
if [ -n "${ISO:-}" ]; then args+=(-cdrom "$ISO" -boot d)
else
  args+=(-kernel "$kernel" -append "$cmdline")
  [ -n "${INITRD:-}" ] && args+=(-initrd "$INITRD")
fi
if [ "${GDB:-}" = 1 ]; then
  port=${GDB_PORT:-1234}
  args+=(-gdb "tcp::$port" -S)
  echo "run-qemu: QEMU is stopped, waiting for gdb on :$port; attach with:" >&2
  echo "  gdb $kernel -ex 'target remote :$port'" >&2
fi
ndisk=0
for d in ${DISK:-} ${DISK2:-}; do
  img=$d; ro=${DISK_RO:-0}
  case $d in *:ro) img=${d%:ro}; ro=1 ;; esac
  [ -f "$img" ] || { echo "run-qemu: DISK: no file $img" >&2; exit 1; }
  opt=""; [ "$ro" = 1 ] && opt=",readonly=on"
  args+=(-drive "if=none,file=$img,format=raw,id=vd$ndisk$opt"
    -device "virtio-blk-pci,drive=vd$ndisk")
  ndisk=$((ndisk + 1))
done
# shellcheck disable=SC2206
[ -n "${QEMU_EXTRA:-}" ] && args+=($QEMU_EXTRA)
# a test boot that is about to run out of time says what its kernel was
# doing first (every CPU, thread, timer and local APIC): through a gdb stub
# on a Unix socket of its own, so no port is shared between runs
hang_dir=
if [ -n "${TIMEOUT:-}" ] && [ "${HANG_REPORT:-1}" = 1 ] && [ "${GDB:-}" != 1 ] &&
  [ "$TIMEOUT" -ge 120 ] && [[ " ${QEMU_EXTRA:-} " != *" -gdb "* ]] &&
  command -v gdb > /dev/null; then
  hang_dir=$(mktemp -d)
  args+=(-chardev "socket,path=$hang_dir/gdb.sock,server=on,wait=off,id=hangdbg"
    -gdb chardev:hangdbg)
fi
hang_report() {
  trap 'kill "$s" 2> /dev/null; exit 0' TERM
  sleep $((TIMEOUT - 30)) & s=$!
  wait "$s"
  {
    echo "run-qemu: still running after $((TIMEOUT - 30))s: $kernel '$cmdline' ${INITRD:-}; what the kernel is doing:"
    timeout 25 gdb -nx -batch -ex "target remote $hang_dir/gdb.sock" \
      -x "$(dirname "$0")/hang-report.py" "$kernel" 2>&1 | sed 's/^/hang: /'
  } | if [ -n "${HANG_LOG:-}" ]; then tee -a "$HANG_LOG"; else cat; fi >&2
}

interactive=0; [ -t 0 ] && [ -z "${TIMEOUT:-}" ] && interactive=1
# QEMU warns that etc/sercon-port lacks the "opt/" prefix: SeaBIOS wants it so
quiet_qemu() { qemu-system-x86_64 "$@" 2> >(grep -v 'fw_cfg item names should be prefixed' >&2); }
if [ -n "${TIMEOUT:-}" ]; then
  watchdog=
  if [ -n "$hang_dir" ]; then hang_report & watchdog=$!; fi
  timeout --foreground -k 5 "$TIMEOUT" qemu-system-x86_64 "${args[@]}" < /dev/null \
    2> >(grep -v 'fw_cfg item names should be prefixed' >&2)
  rc=$?
  if [ -n "$watchdog" ]; then kill "$watchdog" 2> /dev/null; wait "$watchdog"; fi
  [ -n "$hang_dir" ] && rm -rf "$hang_dir"
  (exit $rc)
else
  quiet_qemu "${args[@]}"
fi
rc=$?
case $rc in
  1) exit 0 ;;                         # debug-exit, v=0: clean power-off
  5) st=$(head -n1 "$status_file")     # v=2: powered off with a status
     [[ $st =~ ^[0-9]+$ ]] || st=1
     exit $((st > 255 ? 255 : st)) ;;
  0) [ $interactive = 1 ] && exit 0    # quit by hand
     echo "run-qemu: the machine reset without powering off (triple fault?)" >&2; exit 2 ;;
  124|137) echo "run-qemu: timed out after ${TIMEOUT}s" >&2; exit 124 ;;
  *) exit "$rc" ;;
esac
