#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Run a command in a fresh Debian 12 minbase chroot holding a clone of this
# repository, as a new machine would: only git and make are added, so every
# other tool must come from tools/deps.sh.  .ci/run uses it for CI.
#
# usage: tools/ci-chroot.sh CMD...     (run as root; CMD runs in /src/kevlar)
# env:   KEVLAR_CI_CACHE   where the base tarball and the downloaded .debs
#                          live (/var/cache/kevlar-ci); the base is built with
#                          debootstrap when absent, reused when present
#        KEVLAR_CI_MIRROR  Debian mirror (default: the one this machine's apt
#                          uses, else http://deb.debian.org/debian)
#        KEVLAR_CI_KEEP=1  keep the chroot afterwards (its path is printed)
#        KEVLAR_CI_OUT     copy the chroot's build/test/ here afterwards
# Exit status: CMD's, or 90 if the chroot could not be set up.  Mounts are
# undone and the chroot removed on every exit path.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cache=${KEVLAR_CI_CACHE:-/var/cache/kevlar-ci}
suite=bookworm
base=$cache/$suite-minbase-amd64.tar

die() { echo "ci-chroot: $*" >&2; exit 90; }
[ $# -gt 0 ] || die "usage: ci-chroot.sh CMD..."
[ "$(id -u)" -eq 0 ] || die "must run as root (chroot, mount, debootstrap)"
command -v git >/dev/null || die "git is missing on this machine"

mirror() { # the first Debian main-archive URI in apt's sources
  local m
  m=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -oE 'https?://[^ ]*/debian/?( |$)' |
      grep -v security | head -1 | tr -d ' ')
  echo "${m:-http://deb.debian.org/debian}"
}
MIRROR=${KEVLAR_CI_MIRROR:-$(mirror)}
# the security archive too, as a Debian install has it, when this machine uses one
SECURITY=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
  /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -oE 'https?://[^ ]*debian-security/?' |
  head -1 || true)

# ---- the base: debootstrap once, then a tarball reused by every run ----
build_base() {
  command -v debootstrap >/dev/null ||
    { echo "ci-chroot: installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; } ||
    die "debootstrap is missing and could not be installed"
  local tmp
  tmp=$(mktemp -d "$cache/base.XXXXXX")
  echo "ci-chroot: debootstrap --variant=minbase $suite from $MIRROR (once; cached in $base)"
  if ! debootstrap --variant=minbase "$suite" "$tmp/root" "$MIRROR" > "$tmp/debootstrap.log" 2>&1; then
    tail -20 "$tmp/debootstrap.log" >&2
    umount -R "$tmp/root/proc" "$tmp/root/sys" 2>/dev/null || true
    rm -rf --one-file-system "$tmp"
    die "debootstrap failed"
  fi
  tar -C "$tmp/root" -cf "$tmp/base.tar" . && mv "$tmp/base.tar" "$base"
  rm -rf --one-file-system "$tmp"
}
mkdir -p "$cache/archives/partial"
exec 9> "$cache/.lock"
flock 9 # one base build at a time; runs after it share the tarball
[ -s "$base" ] || build_base
flock -u 9

# ---- a fresh root for this run ----
root=$(mktemp -d /var/tmp/kevlar-ci.XXXXXX)
mounts=()
cleanup() {
  local rc=$? pid m
  set +e
  # processes still inside (a QEMU left by a killed test) would keep mounts busy
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && kill -9 "$pid" 2>/dev/null
  done
  for ((m = ${#mounts[@]} - 1; m >= 0; m--)); do
    umount -R "${mounts[m]}" 2>/dev/null || umount -R -l "${mounts[m]}"
  done
  cp -n "$root"/var/cache/apt/archives/*.deb "$cache/archives/" 2>/dev/null
  if [ -n "${KEVLAR_CI_OUT:-}" ] && [ -d "$root/src/kevlar/build/test" ]; then
    mkdir -p "$KEVLAR_CI_OUT" && cp -a "$root/src/kevlar/build/test/." "$KEVLAR_CI_OUT/"
  fi
  if grep -q " $root/" /proc/self/mountinfo; then
    echo "ci-chroot: mounts remain under $root; not removing it" >&2
  elif [ "${KEVLAR_CI_KEEP:-}" = 1 ]; then
    echo "ci-chroot: kept $root" >&2
  else
    rm -rf --one-file-system "$root"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "ci-chroot: fresh chroot in $root"
tar -C "$root" -xf "$base" || die "unpacking $base failed"
# The root is a mount point of its own (private), as on a real system: the
# tests' `unshare --mount` makes the new namespace's mounts private from /
# down, which fails (EINVAL) when / inside the chroot is a plain directory.
mount --bind "$root" "$root" && mount --make-private "$root" || die "bind-mounting $root failed"
mounts+=("$root")
mnt() { # TYPE-OR-BIND SOURCE TARGET
  mkdir -p "$root$3"
  if [ "$1" = bind ]; then mount --rbind "$2" "$root$3" && mount --make-rslave "$root$3"
  else mount -t "$1" "$2" "$root$3"; fi || die "mounting $root$3 failed"
  mounts+=("$root$3")
}
mnt proc proc /proc
mnt sysfs sys /sys
mnt bind /dev /dev
# the .debs earlier runs downloaded: copied in (hard links) and new ones
# copied back at the end, not shared, so that concurrent runs' apt-get
# do not contend for one archive lock
cp -l "$cache"/archives/*.deb "$root/var/cache/apt/archives/" 2>/dev/null ||
  cp "$cache"/archives/*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
{
  echo "deb $MIRROR $suite main"
  echo "deb $MIRROR $suite-updates main"
  [ -z "$SECURITY" ] || echo "deb $SECURITY $suite-security main"
} > "$root/etc/apt/sources.list"

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive "$@"
}
# git and make only: the rest is tools/deps.sh's job, which is what CI proves
in_root apt-get update -qq || die "apt-get update failed in the chroot"
in_root apt-get install -y -qq --no-install-recommends git make > "$root/apt.log" 2>&1 ||
  { tail -20 "$root/apt.log" >&2; die "installing git and make failed"; }
git clone -q "$here" "$root/src/kevlar" || die "cloning $here failed"
[ -z "$(git -C "$here" status --porcelain 2>/dev/null)" ] ||
  echo "ci-chroot: note: $here has uncommitted changes; the chroot tests its HEAD"

echo "ci-chroot: running '$*' in /src/kevlar"
# in the background, so that a signal ends the wait and the cleanup runs
# at once (it kills what still runs inside); stdin is /dev/null
set +e
in_root bash -c 'cd /src/kevlar && exec "$@"' ci "$@" < /dev/null &
wait $!
