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
#        NET=1 (a virtio-net NIC, eth0, on QEMU's user network with
#        restrict=on: nothing leaves this machine), NET_HOSTFWD='H:G[,H:G]'
#        (host 127.0.0.1:H to guest port G, TCP), NET_GUESTFWD='G:H[,G:H]'
#        (the guest's 10.0.2.100:G to the host's 127.0.0.1:H, TCP),
#        NET=socket:listen:PORT / NET=socket:connect:PORT (the NIC on a
#        QEMU socket netdev on 127.0.0.1:PORT, one guest to another),
#        NET_MAC (the NIC's address; QEMU's default otherwise)
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
# The network: every address is fixed here, so no test can aim elsewhere.
port_ok() { [[ $1 =~ ^[0-9]{1,5}$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ]; }
fwd_list() { # fwd_list VAR VALUE: "A:B" pairs of ports, comma-separated
  local p a b
  if [[ $2 == ,* || $2 == *, || $2 == *,,* ]]; then
    echo "run-qemu: $1: '$2': an empty forward" >&2; exit 1
  fi
  IFS=, read -ra pairs <<< "$2"
  for p in "${pairs[@]}"; do
    a=${p%%:*} b=${p#*:}
    if [ "$p" = "$a" ] || ! port_ok "$a" || ! port_ok "$b"; then
      echo "run-qemu: $1: '$p' is not PORT:PORT (ports 1-65535)" >&2; exit 1
    fi
    echo "$a $b"
  done
}
net=${NET:-}
relay=$(cd "$(dirname "$0")" && pwd)/net-relay.py
if [ -n "$net" ] && [ "$net" != 0 ]; then
  nic="virtio-net-pci,netdev=net0${NET_MAC:+,mac=$NET_MAC}"
  if [ -n "${NET_MAC:-}" ] && ! [[ $NET_MAC =~ ^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$ ]]; then
    echo "run-qemu: NET_MAC: '$NET_MAC' is not a MAC address" >&2; exit 1
  fi
  case $net in
    1|user)
      nd="user,id=net0,restrict=on"
      hf=$(fwd_list NET_HOSTFWD "${NET_HOSTFWD:-}") || exit 1
      gf=$(fwd_list NET_GUESTFWD "${NET_GUESTFWD:-}") || exit 1
      while read -r h g; do [ -n "$h" ] && nd+=",hostfwd=tcp:127.0.0.1:$h-:$g"; done <<< "$hf"
      while read -r g h; do
        # a relay per connection (QEMU 7.2's chardev form connects once,
        # at start): tools/net-relay.py, which only knows 127.0.0.1
        [ -n "$g" ] && nd+=",guestfwd=tcp:10.0.2.100:$g-cmd:python3 $relay $h"
      done <<< "$gf" ;;
    socket:listen:*|socket:connect:*)
      mode=${net#socket:}; mode=${mode%%:*}; port=${net#socket:"$mode":}
      port_ok "$port" || { echo "run-qemu: NET: '$net': want socket:$mode:PORT" >&2; exit 1; }
      [ -n "${NET_HOSTFWD:-}${NET_GUESTFWD:-}" ] &&
        { echo "run-qemu: NET_HOSTFWD/NET_GUESTFWD need NET=1" >&2; exit 1; }
      nd="socket,id=net0,$mode=127.0.0.1:$port" ;;
    *) echo "run-qemu: NET: '$net' is not 1, socket:listen:PORT or socket:connect:PORT" >&2
       exit 1 ;;
  esac
  args+=(-netdev "$nd" -device "$nic")
elif [ -n "${NET_HOSTFWD:-}${NET_GUESTFWD:-}" ]; then
  echo "run-qemu: NET_HOSTFWD/NET_GUESTFWD need NET=1" >&2; exit 1
fi
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
