#!/usr/bin/env bash
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
# File-tree workloads on a writable ext4 disk (issue 13's acceptance):
# a fresh `mke2fs -t ext4 -d` 256M image of a host tree (nested dirs,
# 400 small files, a 3 MB file, symlinks, odd modes) on /dev/vda; in one
# boot the guest mounts it on /mnt, reads the tree (md5sum of every
# file), copies it with `cp -a`, `tar c | tar x` and Debian's `rsync -a`,
# makes a git repository of it (Debian's git: init, add, commit), fills a
# table with Debian's sqlite3 (10000 rows in 10 transactions, then
# queries), renames and deletes in a copy, writes a 4 MB file, syncs and
# unmounts.  On the host: `e2fsck -fn` clean, then `debugfs rdump` of the
# whole volume compared with what each step must have written (the source
# tree, the renamed tree built by the same steps on the host, git's
# objects through host `git fsck`, the database through Python's sqlite3,
# the 4 MB file by the md5 the guest printed).
# usage: tests/integration/ext4work.sh [KERNEL|linux]   (default: x64 balanced)
#   linux: Debian's Linux (the bench kernel) in the same QEMU, which
#   validates this script.  TAP on stdout; the console log in
#   build/test/ext4work-<kernel>.log.  EXT4WORK_TIMEOUT (600 s).
set -uo pipefail
cd "$(dirname "$0")/../.."
kernel=${1:-build/x64-balanced/kevlar.elf}
tag=$([ "$kernel" = linux ] && echo linux || echo kevlar)
out=build/test/ext4work-$tag
src=$out/root/src img=$out/disk.img log=build/test/ext4work-$tag.log dump=$out/dump
bail() { echo "1..1"; echo "not ok 1 - $1"; exit 1; }
[ "$kernel" = linux ] || [ -f "$kernel" ] || bail "no kernel $kernel"

# ---- the source tree and the image ----
rm -rf "$out"
mkdir -p "$out" "$src/docs/a/b/c" "$src/lib" "$src/many" "$src/modes"
python3 - "$src" <<'EOF' || bail "making the source tree"
import os, random, sys
src, r = sys.argv[1], random.Random(13)
for i in range(400):
    with open(f"{src}/many/file-{i:03d}.txt", "wb") as f:
        f.write(bytes(r.getrandbits(8) for _ in range(r.randrange(0, 9000))))
for d in ("docs", "docs/a", "docs/a/b", "docs/a/b/c", "lib"):
    for i in range(5):
        with open(f"{src}/{d}/n{i}.md", "w") as f:
            f.write(f"{d} {i}\n" * r.randrange(1, 500))
with open(f"{src}/lib/three-mb.bin", "wb") as f:
    f.write(r.randbytes(3 << 20))
EOF
ln -s ../lib/three-mb.bin "$src/docs/link-to-big"
ln -s "$(printf 'y%.0s' $(seq 1 120))" "$src/docs/slow-link"
echo x > "$src/modes/exec"; chmod 755 "$src/modes/exec"
echo x > "$src/modes/private"; chmod 600 "$src/modes/private"
mkdir "$src/modes/sticky"; chmod 1777 "$src/modes/sticky"
touch -d '2001-02-03 04:05:06' "$src/lib/n0.md"
mkdir -p "$dump"
mke2fs -q -F -t ext4 -d "$out/root" "$img" 256M >/dev/null 2>&1 || bail "mke2fs -t ext4 -d"
e2fsck -fn "$img" >/dev/null 2>&1 || bail "the fresh image is not clean"
python3 tests/storage/guest.py tree build/storage > /dev/null || bail "fetching Debian's rsync, git, sqlite3"

# ---- the guest ----
cat > "$out/cmd" <<'EOF'
. /etc/fstest/disk.sh
export HOME=/root GIT_AUTHOR_DATE='2020-01-01T00:00:00Z' GIT_COMMITTER_DATE='2020-01-01T00:00:00Z'
run() { name=$1; shift; echo "== $name"; "$@"; echo "== end rc=$?"; }
sqlgen() {
  echo 'create table t(i integer primary key, v text, n integer);'
  for b in 0 1 2 3 4 5 6 7 8 9; do
    echo 'begin;'
    seq 1 1000 | awk -v b=$b '{ k = b * 1000 + $1; printf "insert into t(v, n) values (%crow-%05d%c, %d);\n", 39, k, 39, k * 7 }'
    echo 'commit;'
  done
}
git_steps() {
  mkdir /mnt/repo && cd /mnt/repo && git init -q && cp -a /mnt/src/. . && git add -A &&
    git -c user.name=kevlar -c user.email=k@example.org commit -qm 'the tree' &&
    git rev-parse HEAD && git status --porcelain | wc -l && git log --oneline | wc -l
}
rename_steps() {
  cp -a /mnt/src /mnt/work && cd /mnt/work &&
    mv docs/a docs/a-renamed && mv many/file-001.txt docs/moved.txt &&
    mv lib lib2 && mv many/file-002.txt many/file-003.txt &&
    rm -r docs/a-renamed/b && rm many/file-1*.txt && rmdir modes/sticky &&
    mkdir -p new/deeper && echo created > new/deeper/hello && ln docs/n0.md docs/n0-hard
}
run mount mount -t ext4 /dev/vda /mnt
run read sh -c 'cd /mnt/src && find . -type f | sort | xargs md5sum'
run cp cp -a /mnt/src /mnt/cp
run tar sh -c 'mkdir /mnt/tar && tar -C /mnt -cf - src | tar -C /mnt/tar -xf -'
run rsync rsync -a /mnt/src/ /mnt/rsync/
run git git_steps
sqlite_steps() {
  mkdir /mnt/db && sqlgen | sqlite3 /mnt/db/t.db &&
    sqlite3 /mnt/db/t.db "select count(*), sum(n), min(v), max(v) from t; create index tv on t(v); select n from t where v = 'row-05000';"
}
listing() { cd "$1" && find . | sort | xargs stat -c '%n %f'; }
run sqlite sqlite_steps
run rename rename_steps
run list-src listing /mnt/src
run list-cp listing /mnt/cp
run list-tar listing /mnt/tar/src
run list-rsync listing /mnt/rsync
run big sh -c 'dd if=/dev/urandom of=/mnt/big.bin bs=64k count=64 2>/dev/null && md5sum /mnt/big.bin'
run sync sync
run df df -k /mnt
cd /
run umount umount /mnt
echo "FSTEST-DONE 0"
poweroff -f
EOF
python3 tests/storage/guest.py image --out "$out/image.cpio" --cmd "$out/cmd" \
  --tree build/storage/tree-work || bail "building the image"
python3 tests/storage/guest.py boot --kernel "$kernel" --image "$out/image.cpio" \
  --disk "$img" --log "$log" --timeout "${EXT4WORK_TIMEOUT:-600}"
boot=$?
. tests/integration/tap.sh
# differences go to $out/diff.txt, not into the TAP
diffq() { diff "$@" >> "$out/diff.txt" 2>&1; }
t_step() { desc="guest: $1 exits 0"; t steprc "$1"; }
echo "1..21"
desc="the guest ran to its end (boot status $boot, log $log)"; t test "$boot" = 0
for s in mount read cp tar rsync git sqlite rename list-cp big umount; do t_step "$s"; done
desc="read: every file's md5 as on the host"
t diffq <(section read | grep -E '^[0-9a-f]{32}  ') <(cd "$src" && find . -type f | sort | xargs md5sum)
desc="host e2fsck -fn is clean"
fsck() { e2fsck -fn "$img" > "$out/e2fsck.txt" 2>&1; }
t fsck
debugfs -R "rdump / $dump" "$img" > "$out/debugfs.txt" 2>&1
desc="debugfs: cp -a, tar and rsync copies equal the source (content, symlinks)"
same() { diffq -r --no-dereference "$src" "$dump/$1"; }
t eval 'same cp && same tar/src && same rsync'
# debugfs rdump drops the sticky bit: the modes come from the guest's stat
desc="the modes and file types of every copy, as the host lists the source (stat %f)"
hl=$out/host-listing
(cd "$src" && find . | LC_ALL=C sort | xargs stat -c '%n %f') > "$hl"
# (kernel messages may interleave with a section: only its own lines count)
ls_of() { section "$1" | grep '^\.'; }
t eval 'diffq "$hl" <(ls_of list-src) && diffq "$hl" <(ls_of list-cp) &&
  diffq "$hl" <(ls_of list-tar) && diffq "$hl" <(ls_of list-rsync)'
desc="debugfs: cp -a and rsync -a kept the mtimes"
mt() { cd "$1" 2>/dev/null && find . ! -type l -printf '%P %T@\n' | sed 's/\.[0-9]*$//' | sort; }
t eval 'diffq <(mt "$src") <(mt "$dump/cp") && diffq <(mt "$src") <(mt "$dump/rsync")'
desc="debugfs: the renamed and pruned tree equals the same steps done on the host"
exp=$out/expected-work
cp -a "$src" "$exp"
(cd "$exp" && mv docs/a docs/a-renamed && mv many/file-001.txt docs/moved.txt && mv lib lib2 &&
  mv many/file-002.txt many/file-003.txt && rm -r docs/a-renamed/b && rm many/file-1*.txt &&
  rmdir modes/sticky && mkdir -p new/deeper && echo created > new/deeper/hello && ln docs/n0.md docs/n0-hard)
t diffq -r --no-dereference "$exp" "$dump/work"
desc="debugfs: git's repository is valid (host git fsck) and HEAD holds the tree"
head=$(section git | grep -m1 -xE '[0-9a-f]{40}')
t eval '[ -n "$head" ] && git -C "$dump/repo" fsck --strict --no-progress >> "$out/diff.txt" 2>&1 &&
  [ "$(git -C "$dump/repo" rev-parse HEAD)" = "$head" ] &&
  git -C "$dump/repo" -c core.fileMode=true diff --quiet HEAD &&
  [ "$(git -C "$dump/repo" ls-files | wc -l)" = "$(cd "$src" && find . ! -type d | wc -l)" ]'
desc="debugfs: the sqlite database holds the 10000 rows (host Python sqlite3, integrity_check)"
t eval 'section sqlite | grep -qx "10000|350035000|row-00001|row-10000" &&
  python3 -c "import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute(\"pragma integrity_check\").fetchone()[0] == \"ok\"
r = c.execute(\"select count(*), sum(n), min(v), max(v) from t\").fetchone()
assert r == (10000, 350035000, \"row-00001\", \"row-10000\"), r" "$dump/db/t.db"'
desc="debugfs: the 4 MB file has the md5 the guest printed"
t eval '[ "$(section big | grep -m1 -oE "^[0-9a-f]{32}")" = "$(debugfs -R "cat /big.bin" "$img" 2>/dev/null | md5sum | cut -d" " -f1)" ]'
echo "# ext4work: $((n - fail)) passed, $fail failed ($tag; log $log, files in $out)"
[ "$fail" = 0 ]
