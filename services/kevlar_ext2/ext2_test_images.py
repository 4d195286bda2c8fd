#!/usr/bin/env python3
# SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
"""Build the source tree and the mke2fs images ext2_test.c reads.

usage: ext2_test_images.py OUTDIR
Writes OUTDIR/tree (the source directory: nested directories, a 2000-entry
directory that mke2fs indexes, sparse and fragmented files, a 3 MB file,
fast and slow symlinks, hard links, device nodes, a FIFO, a socket,
xattrs including a POSIX ACL, odd modes, owners and nanosecond times) and
one image per line of IMAGES (seven), each `mke2fs -d tree` with its options.
Deterministic: a fixed seed, fixed times.
"""
import os
import random
import shutil
import socket
import stat
import subprocess
import sys

# name, mke2fs options, then commands run on the image (IMG).  mke2fs -d
# leaves directories linear: e2fsck -D indexes them (with the hash and
# signedness the superblock names); ext4-2k-nocsum keeps them linear.
REINDEX = "e2fsck -fyD IMG >/dev/null 2>&1; [ $? -le 1 ]"
IMAGES = [
    ("ext4-4k", ["-t", "ext4", "-b", "4096"], [REINDEX]),
    ("ext4-1k", ["-t", "ext4", "-b", "1024"], [REINDEX]),
    ("ext4-2k-nocsum", ["-t", "ext4", "-b", "2048", "-O", "^metadata_csum,^64bit,uninit_bg"], []),
    ("ext4-seed-unsigned", ["-t", "ext4", "-b", "1024", "-O", "metadata_csum_seed"],
     ["debugfs -w -R 'ssv flags 2' IMG 2>/dev/null", REINDEX]),
    ("ext3-1k", ["-t", "ext3", "-b", "1024"], ["tune2fs -E hash_alg=legacy IMG >/dev/null", REINDEX]),
    ("ext2-4k", ["-t", "ext2", "-b", "4096"], [REINDEX]),
    ("ext2-2k-tea-unsigned", ["-t", "ext2", "-b", "2048"],
     ["tune2fs -E hash_alg=tea IMG >/dev/null", "debugfs -w -R 'ssv flags 2' IMG 2>/dev/null",
      REINDEX]),
]
T0 = 1600000000


def settime(path, i):
    os.utime(path, ns=((T0 + i) * 10**9 + 123456789 + i, (T0 + 2 * i) * 10**9 + 987654321 - i),
             follow_symlinks=False)


def build_tree(root, rng):
    os.makedirs(root)
    files = []
    p = os.path.join(root, "small.txt")
    with open(p, "w") as f:
        f.write("hello, ext4\n")
    files.append(p)
    d = root
    for i in range(5):
        d = os.path.join(d, f"nest{i}")
        os.mkdir(d)
        with open(os.path.join(d, "leaf"), "wb") as f:
            f.write(rng.randbytes(100 * i + 1))
        files.append(os.path.join(d, "leaf"))
    big = os.path.join(root, "big")
    os.mkdir(big)
    for i in range(2000):
        name = f"entry-{i:05d}" + ("-" + "x" * (i % 200) if i % 7 == 0 else "")
        if i % 97 == 0:
            name += "-café-ñ"
        with open(os.path.join(big, name), "w") as f:
            f.write(str(i))
    for i in range(30):
        os.mkdir(os.path.join(big, f"sub{i}"))
    deep = os.path.join(root, "deep")  # enough long names for a two-level index on 1 KiB blocks
    os.mkdir(deep)
    target = os.path.join(root, "nest0", "leaf")
    for i in range(3000):
        os.link(target, os.path.join(deep, f"{i:04d}-" + "z" * 150))
    p = os.path.join(root, "three-mb")
    with open(p, "wb") as f:
        f.write(rng.randbytes(3 * 1024 * 1024 + 123))
    files.append(p)
    p = os.path.join(root, "sparse")
    with open(p, "wb") as f:
        f.seek(1 << 20)
        f.write(b"in the middle")
        f.seek(5 << 20)
        f.write(b"at the end")
    files.append(p)
    p = os.path.join(root, "frag")
    with open(p, "wb") as f:  # 400 islands: a deep extent tree on 1 KiB blocks
        for i in range(400):
            f.seek(i * 8192)
            f.write(rng.randbytes(1024))
    files.append(p)
    p = os.path.join(root, "huge-sparse")  # past 4 GiB: i_size_high, triple indirect on 1 KiB
    with open(p, "wb") as f:
        f.write(b"head")
        f.seek((5 << 30) - 4)
        f.write(b"tail")
    p = os.path.join(root, "holes-at-end")
    with open(p, "wb") as f:
        f.write(b"x" * 10)
        f.truncate(300000)
    open(os.path.join(root, "empty"), "w").close()
    os.symlink("small.txt", os.path.join(root, "fast-link"))
    os.symlink("/" + "long-target/" * 20 + "end", os.path.join(root, "slow-link"))
    os.symlink("x" * 59, os.path.join(root, "link-59"))
    os.symlink("y" * 60, os.path.join(root, "link-60"))
    os.link(os.path.join(root, "small.txt"), os.path.join(root, "hard1"))
    os.link(os.path.join(root, "small.txt"), os.path.join(root, "nest0", "hard2"))
    for name, mode, dev in [("null", 0o666 | stat.S_IFCHR, (1, 3)),
                            ("loop7", 0o660 | stat.S_IFBLK, (7, 7)),
                            ("bigdev", 0o600 | stat.S_IFCHR, (300, 70000))]:
        try:  # (device nodes and owners need root: left out otherwise)
            os.mknod(os.path.join(root, name), mode, os.makedev(*dev))
        except PermissionError:
            pass
    os.mkfifo(os.path.join(root, "fifo"), 0o640)
    s = socket.socket(socket.AF_UNIX)
    s.bind(os.path.join(root, "sock"))
    s.close()
    p = os.path.join(root, "modes")
    os.mkdir(p)
    for i, m in enumerate([0o4755, 0o2711, 0o1777, 0o000, 0o644]):
        q = os.path.join(p, f"m{i}")
        open(q, "w").close()
        os.chmod(q, m)
        try:
            os.chown(q, 1000 + i, 2000 + i)
        except PermissionError:
            pass
    p = os.path.join(root, "xattrs")
    with open(p, "w") as f:
        f.write("x")
    os.setxattr(p, "user.small", b"v")
    os.setxattr(p, "user.empty", b"")
    os.setxattr(p, "user.big", rng.randbytes(700))
    os.setxattr(p, "security.label", b"system_u:object_r:x")
    try:
        os.setxattr(p, "trusted.t", b"trusted value")
    except PermissionError:
        pass
    # a POSIX ACL in the xattr form (version 2): user::rw- user:1000:r-- group::r-- mask::r-- other::---
    acl = (2).to_bytes(4, "little")
    for tag, perm, ident in [(1, 6, 0xffffffff), (2, 4, 1000), (4, 4, 0xffffffff),
                             (0x10, 4, 0xffffffff), (0x20, 0, 0xffffffff)]:
        acl += tag.to_bytes(2, "little") + perm.to_bytes(2, "little") + ident.to_bytes(4, "little")
    try:
        os.setxattr(p, "system.posix_acl_access", acl)
    except OSError:
        pass
    files.append(p)
    # times last (making entries changed the directories')
    for i, (dirpath, dirs, names) in enumerate(sorted(os.walk(root))):
        for j, n in enumerate(sorted(names)):
            settime(os.path.join(dirpath, n), i * 100 + j)
        settime(dirpath, i)


def main():
    out = sys.argv[1]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    tree = os.path.join(out, "tree")
    build_tree(tree, random.Random(13))
    env = dict(os.environ, E2FSPROGS_FAKE_TIME="1700000000", MKE2FS_DEVICE_SECTSIZE="512")
    for name, opts, post in IMAGES:
        img = os.path.join(out, name + ".img")
        subprocess.run(["mke2fs", "-q", "-F", "-U", "5ee5c0de-0000-4000-8000-000000000013",
                        "-E", "root_owner=0:0", "-d", tree] + opts + [img, "24M"],
                       check=True, env=env)
        # mke2fs -d keeps whole seconds: give one file nanoseconds and a
        # time past 2038 (the epoch bits of the extra field)
        post = post + ["debugfs -w -R 'sif /nest0/nest1/leaf mtime_extra %d' IMG 2>/dev/null"
                       % (123456789 << 2 | 1)]
        for cmd in post + ["e2fsck -fn IMG >/dev/null 2>&1"]:  # and the result is clean
            subprocess.run(cmd.replace("IMG", img), shell=True, check=True)
        with open(os.path.join(out, "images"), "a") as f:
            f.write(name + "\n")


if __name__ == "__main__":
    main()
