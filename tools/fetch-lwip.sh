#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# Fetch lwIP, the kernel's TCP/IP stack (services/kevlar_inet), as Debian
# 12's `lwip` source package, unpack it and apply our patches.  Nothing of
# lwIP is ever committed: make runs this through a stamp under build/lwip/.
#
# apt runs with a private configuration under OUT's sibling build/apt-src/
# (its own sources.list with one deb-src line, lists, cache and state), so
# the host's apt setup is neither used nor changed and no root is needed.
# apt checks the Sources index against Debian's archive keyring (the host's
# /usr/share/keyrings, from debian-archive-keyring) and every file of the
# package against the index's SHA-256 sums.  dpkg-source (dpkg-dev) then
# unpacks the .orig and .debian tarballs and applies Debian's own patches,
# as Debian builds the package; ours (services/kevlar_inet/patches/*.patch,
# in name order) follow with patch -p1.
#
# usage: tools/fetch-lwip.sh OUTDIR      (e.g. build/lwip/src)
# env:   LWIP_MIRROR  Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail

VERSION=2.1.3+dfsg1-2 # bookworm's; a change here re-fetches (the stamp is keyed on this file)
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
MIRROR=${LWIP_MIRROR:-http://deb.debian.org/debian}
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: fetch-lwip.sh OUTDIR}
apt=$(dirname "$(dirname "$out")")/apt-src # build/lwip/src -> build/apt-src

die() { echo "fetch-lwip: $*" >&2; exit 1; }
[ -r "$KEYRING" ] || die "no $KEYRING (package debian-archive-keyring)"
command -v dpkg-source >/dev/null || die "no dpkg-source (package dpkg-dev: tools/deps.sh)"

mkdir -p "$apt"/{lists/partial,cache/archives/partial,state,etc/apt.conf.d,etc/preferences.d,etc/sources.list.d,etc/trusted.gpg.d,dl}
apt=$(cd "$apt" && pwd)
echo "deb-src [signed-by=$KEYRING] $MIRROR bookworm main" > "$apt/etc/sources.list"
cat > "$apt/apt.conf" <<CONF
Dir::Etc::SourceList "$apt/etc/sources.list";
Dir::Etc::SourceParts "$apt/etc/sources.list.d";
Dir::Etc::Parts "$apt/etc/apt.conf.d";
Dir::Etc::Preferences "$apt/etc/preferences";
Dir::Etc::PreferencesParts "$apt/etc/preferences.d";
Dir::Etc::TrustedParts "$apt/etc/trusted.gpg.d";
Dir::State "$apt/state";
Dir::State::Lists "$apt/lists";
Dir::State::status "$apt/state/status";
Dir::Cache "$apt/cache";
Debug::NoLocking "true";
APT::Sandbox::User "$(id -un)";
CONF
touch "$apt/state/status"
export APT_CONFIG=$apt/apt.conf

echo "  FETCH   lwip $VERSION (apt-get source, $MIRROR)"
apt-get -qq update >/dev/null || die "apt-get update failed (network, mirror or signature)"
(cd "$apt/dl" && apt-get -qq source --download-only "lwip=$VERSION" >/dev/null) ||
  die "apt-get source lwip=$VERSION failed"

rm -rf "$out" "$out.tmp"
mkdir -p "$(dirname "$out")"
dpkg-source --no-check -q -x "$apt/dl/lwip_$VERSION.dsc" "$out.tmp" >/dev/null ||
  die "dpkg-source -x failed"
for p in "$here"/services/kevlar_inet/patches/*.patch; do
  [ -e "$p" ] || continue
  echo "  PATCH   $(basename "$p")"
  patch -s -p1 -d "$out.tmp" < "$p" || die "$(basename "$p") does not apply"
done
mv "$out.tmp" "$out"
