/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the ext2/3/4 namespace write path (dirwrite.c,
 * dx_insert.c, namei.c, orphan.c) on images the host's mke2fs makes:
 * ext4 with 4 KiB and 1 KiB blocks, ext4 without metadata_csum, ext3 and
 * ext2.  Each test mounts an image writable through the fs_type, changes
 * it through the ops tables as the VFS would, checks what the service
 * answers, unmounts, and then the image must be clean under the host's
 * `e2fsck -fn`, and debugfs must see what was done (names, link counts,
 * symlink targets, device numbers, the hash index's depth).
 *
 * - thousands of files in one directory: the first block fills and the
 *   directory is indexed, leaves split, and on 1 KiB blocks the root
 *   fills and a second index level appears; half are removed again;
 * - every op's result and errno: mkdir/rmdir trees, ENOTEMPTY, hard
 *   links, fast and slow symlinks, FIFOs and devices (old and new device
 *   number encodings), rename within and across directories (".." and
 *   link counts), over files and empty directories, EINVAL into its own
 *   subtree, RENAME_EXCHANGE, O_TMPFILE, an unlinked file kept open (the
 *   orphan list) and the orphan a "crash" leaves, freed at the next
 *   writable mount;
 * - a random namespace stress (fixed seed) checked against a model.
 */
/* hosttest-sources: services/kevlar_ext2/super.c services/kevlar_ext2/csum.c */
/* hosttest-sources: services/kevlar_ext2/inode.c services/kevlar_ext2/bmap.c */
/* hosttest-sources: services/kevlar_ext2/file.c services/kevlar_ext2/dir.c */
/* hosttest-sources: services/kevlar_ext2/pages.c services/kevlar_ext2/direct.c */
/* hosttest-sources: services/kevlar_ext2/htree.c services/kevlar_ext2/xattr.c */
/* hosttest-sources: services/kevlar_ext2/dx_readdir.c services/kevlar_ext2/tx.c */
/* hosttest-sources: services/kevlar_ext2/alloc.c services/kevlar_ext2/extent.c */
/* hosttest-sources: services/kevlar_ext2/indirect.c services/kevlar_ext2/dirwrite.c */
/* hosttest-sources: services/kevlar_ext2/dx_insert.c services/kevlar_ext2/namei.c */
/* hosttest-sources: services/kevlar_ext2/orphan.c services/kevlar_ext2/xattr_write.c */
/* hosttest-sources: services/kevlar_ext2/flags.c services/kevlar_ext2/journal.c */
/* hosttest-sources: services/kevlar_ext2/commit.c services/kevlar_ext2/recovery.c */
/* hosttest-sources: libs/klib/crc32c.c tests/host/include/hosttest/service_stub.c */
/* hosttest-sources: tests/host/include/hosttest/bdev_stub.c */
/* hosttest-sources: tests/host/include/hosttest/fsimage.c */
/* hosttest-cflags: -Ilibs/kevlar_vfs/include -include sys/stat.h */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <cmocka.h>
#include <klib/errno.h>
#include <hosttest/bdev_stub.h>
#include <hosttest/fsimage.h>
#include <hosttest/service_stub.h>
#include "ext2.h"

static char out[128];
static char img[256];
static struct vfs_sb sb;

static const struct {
	const char *name, *opts;
	unsigned kib; /* image size */
} kinds[] = {
	{"ext4-4k", "-t ext4 -b 4096", 32768},
	{"ext4-1k", "-t ext4 -b 1024", 16384},
	{"ext4-old", "-t ext4 -b 4096 -O ^metadata_csum,^64bit", 32768},
	{"ext3", "-t ext3 -b 1024", 16384},
	{"ext2", "-t ext2 -b 4096", 32768},
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* A fresh image of kind k with room for `inodes` inodes. */
static void make_image_n(unsigned k, unsigned inodes)
{
	snprintf(img, sizeof(img), "%s/names-%s.img", out, kinds[k].name);
	unlink(img);
	host_sh("mke2fs -q -F -N %u %s '%s' %uk >/dev/null 2>&1", inodes, kinds[k].opts, img,
		kinds[k].kib);
}

static void make_image(unsigned k)
{
	make_image_n(k, 1024);
}

static void mount_rw(void)
{
	int err;

	stub_bdev_writable = true;
	err = host_mount(&sb, &ext4_fs_type, img, "names", 9, false, NULL);
	if (err)
		fail_msg("mount %s: %d (%s)", img, err, stub_last_log);
	assert_false(sb.read_only);
}

static void umount_img(void)
{
	host_umount(&sb);
}

/* e2fsck -fn must find nothing to fix. */
static void fsck_clean(void)
{
	host_fsck_clean(img);
}

/* debugfs's answer to `req` contains `want`. */
static bool debugfs_says(const char *req, const char *want)
{
	return host_debugfs_says(img, req, want);
}

/* ---- the ops, as the VFS calls them ---- */

static int look(struct inode *d, const char *name, struct inode **out)
{
	return d->ops.dir->lookup(d, name, strlen(name), out);
}

static struct inode *get(struct inode *d, const char *name)
{
	struct inode *i = NULL;
	int err = look(d, name, &i);

	if (err)
		fail_msg("lookup %s: %d", name, err);
	return i;
}

static bool exists(struct inode *d, const char *name)
{
	struct inode *i;
	int err = look(d, name, &i);

	if (err == -ENOENT)
		return false;
	assert_int_equal(err, 0);
	inode_put(i);
	return true;
}

static int mk(struct inode *d, const char *name, uint32_t mode)
{
	struct inode *i;
	int err = S_ISDIR(mode) ? d->ops.dir->mkdir(d, name, strlen(name), mode & 07777, &i)
				: d->ops.dir->create(d, name, strlen(name), mode, &i);

	if (!err)
		inode_put(i);
	return err;
}

static int rm(struct inode *d, const char *name)
{
	return d->ops.dir->unlink(d, name, strlen(name));
}

static int rmd(struct inode *d, const char *name)
{
	return d->ops.dir->rmdir(d, name, strlen(name));
}

static int mv(struct inode *od, const char *on, struct inode *nd, const char *nn)
{
	return od->ops.dir->rename(od, on, strlen(on), nd, nn, strlen(nn));
}

static uint32_t nlink_of(struct inode *i)
{
	struct vfs_stat st;

	assert_int_equal(stub_stat(i, &st), 0);
	return st.nlink;
}

static uint64_t ino_of(struct inode *d, const char *name)
{
	struct inode *i = get(d, name);
	uint64_t n = i->ino;

	inode_put(i);
	return n;
}

static int count_fn(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type)
{
	(*(unsigned *)ctx)++;
	return 0;
}

static unsigned count_entries(struct inode *d)
{
	unsigned n = 0;
	uint64_t pos = 0;

	assert_int_equal(d->ops.dir->readdir(d, &pos, count_fn, &n), 0);
	return n;
}

/* ---- tests ---- */

/* The i-th name of the big directory, `pad` bytes long at least. */
static void big_name(char *name, size_t size, unsigned i, unsigned pad)
{
	snprintf(name, size, "file-with-a-longish-name-%05u", i);
	for (size_t l = strlen(name); l < pad && l + 1 < size; l++)
		name[l] = 'p', name[l + 1] = 0;
}

static void many_files_in(unsigned k, unsigned n, unsigned pad)
{
	struct inode *big;
	char name[300], probe[300];

	make_image_n(k, n + 1024);
	mount_rw();
	assert_int_equal(mk(sb.root, "big", S_IFDIR | 0755), 0);
	big = get(sb.root, "big");
	for (unsigned i = 0; i < n; i++) {
		big_name(name, sizeof(name), i, pad);
		int err = mk(big, name, S_IFREG | 0644);

		if (err)
			fail_msg("%s: create %s: %d (%s)", kinds[k].name, name, err, stub_last_log);
	}
	big_name(name, sizeof(name), 7, pad);
	assert_int_equal(mk(big, name, S_IFREG | 0644), -EEXIST);
	assert_true(EI(big)->flags & INODE_FL_INDEX);
	assert_int_equal(count_entries(big), n + 2);
	for (unsigned i = 0; i < n; i++) {
		big_name(name, sizeof(name), i, pad);
		assert_true(exists(big, name));
	}
	for (unsigned i = 0; i < n; i += 2) {
		big_name(name, sizeof(name), i, pad);
		assert_int_equal(rm(big, name), 0);
	}
	for (unsigned i = 0; i < n; i++) {
		big_name(name, sizeof(name), i, pad);
		assert_int_equal(exists(big, name), i % 2 == 1);
	}
	assert_int_equal(count_entries(big), n - n / 2 - (n % 2) + 2 + 0);
	/* names come back into the freed space */
	for (unsigned i = 0; i < n; i += 4) {
		snprintf(name, sizeof(name), "again-%05u", i);
		assert_int_equal(mk(big, name, S_IFREG | 0600), 0);
	}
	inode_put(big);
	umount_img();
	fsck_clean();
	assert_true(debugfs_says("ls -l /big", "again-00004"));
	big_name(probe, sizeof(probe), 2, 0);
	assert_false(debugfs_says("ls /big", probe));
	big_name(probe, sizeof(probe), 3, 0);
	assert_true(debugfs_says("ls /big", probe));
}

static void many_files(void **state)
{
	many_files_in(0, 2000, 0);   /* ext4 4k: one index level */
	many_files_in(2, 2000, 0);   /* no metadata_csum */
	many_files_in(4, 1000, 0);   /* ext2: dir_index too */
	many_files_in(1, 1500, 200); /* 1k blocks, long names: the root fills, a second level */
	assert_true(debugfs_says("htree /big", "Indirect levels: 1"));
}

static void tree_ops_in(unsigned k)
{
	struct inode *a, *b, *c, *f, *l, *t;
	struct vfs_stat st;
	char buf[300], longt[200];

	make_image(k);
	mount_rw();
	/* mkdir, link counts, ENOTEMPTY */
	assert_int_equal(mk(sb.root, "a", S_IFDIR | 0755), 0);
	assert_int_equal(mk(sb.root, "a", S_IFDIR | 0755), -EEXIST);
	a = get(sb.root, "a");
	assert_int_equal(mk(a, "b", S_IFDIR | 0700), 0);
	assert_int_equal(mk(a, "c", S_IFDIR | 0700), 0);
	assert_int_equal(nlink_of(a), 4);
	b = get(a, "b");
	c = get(a, "c");
	assert_int_equal(ino_of(b, ".."), a->ino);
	assert_int_equal(mk(b, "file", S_IFREG | 0644), 0);
	assert_int_equal(rmd(a, "b"), -ENOTEMPTY);
	assert_int_equal(rmd(b, "file"), -ENOTDIR);
	assert_int_equal(rm(a, "b"), -EISDIR);
	/* hard links */
	f = get(b, "file");
	assert_int_equal(a->ops.dir->link(a, "hard", 4, f), 0);
	assert_int_equal(c->ops.dir->link(c, "hard2", 5, f), 0);
	assert_int_equal(nlink_of(f), 3);
	assert_int_equal(c->ops.dir->link(c, "hard2", 5, f), -EEXIST);
	/* symlinks, fast and slow */
	assert_int_equal(sb.root->ops.dir->symlink(sb.root, "fast", 4, "a/b/file", 8, &l), 0);
	assert_int_equal(l->ops.symlink->readlink(l, buf, sizeof(buf)), 8);
	assert_memory_equal(buf, "a/b/file", 8);
	inode_put(l);
	memset(longt, 'x', sizeof(longt));
	assert_int_equal(sb.root->ops.dir->symlink(sb.root, "slow", 4, longt, 200, &l), 0);
	assert_int_equal(l->ops.symlink->readlink(l, buf, sizeof(buf)), 200);
	assert_memory_equal(buf, longt, 200);
	inode_put(l);
	/* special nodes */
	assert_int_equal(sb.root->ops.dir->mknod(sb.root, "fifo", 4, S_IFIFO | 0600, 0, &t), 0);
	inode_put(t);
	assert_int_equal(
		sb.root->ops.dir->mknod(sb.root, "old", 3, S_IFCHR | 0600, makedev(4, 64), &t), 0);
	inode_put(t);
	assert_int_equal(
		sb.root->ops.dir->mknod(sb.root, "new", 3, S_IFBLK | 0600, makedev(300, 70000), &t),
		0);
	assert_int_equal(stub_stat(t, &st), 0);
	assert_int_equal(st.rdev, makedev(300, 70000));
	inode_put(t);
	/* rename: within a directory, across, a directory changing parent */
	assert_int_equal(mv(b, "file", b, "renamed"), 0);
	assert_false(exists(b, "file"));
	assert_int_equal(mv(b, "renamed", c, "moved"), 0);
	assert_int_equal(mv(a, "b", c, "b2"), 0);
	assert_int_equal(ino_of(b, ".."), c->ino);
	assert_int_equal(nlink_of(a), 3);
	assert_int_equal(nlink_of(c), 3);
	assert_int_equal(mv(a, "c", c, "x"), -EINVAL);		 /* into itself */
	assert_int_equal(mv(a, "c", b, "x"), -EINVAL);		 /* into its own subtree */
	assert_int_equal(mv(c, "b2", sb.root, "a"), -ENOTEMPTY); /* a is not empty */
	assert_int_equal(mv(c, "moved", c, "b2"), -EISDIR);
	assert_int_equal(mv(c, "b2", c, "moved"), -ENOTDIR);
	assert_int_equal(mv(c, "moved", c, "hard2"), 0); /* two links of one file: nothing */
	assert_true(exists(c, "moved"));
	/* over a file: the replaced one loses a link */
	assert_int_equal(mk(c, "victim", S_IFREG | 0644), 0);
	assert_int_equal(mv(c, "moved", c, "victim"), 0);
	assert_int_equal(nlink_of(f), 3);
	/* a directory over an empty directory */
	assert_int_equal(mk(sb.root, "empty", S_IFDIR | 0755), 0);
	assert_int_equal(mv(a, "c", sb.root, "empty"), 0);
	assert_int_equal(nlink_of(a), 2);
	assert_int_equal(ino_of(c, ".."), sb.root->ino);
	/* exchange a file and a directory across directories */
	assert_int_equal(mk(a, "swapfile", S_IFREG | 0644), 0);
	assert_int_equal(c->ops.dir->exchange(c, "b2", 2, a, "swapfile", 8), 0);
	assert_int_equal(ino_of(b, ".."), a->ino);
	assert_int_equal(nlink_of(a), 3);
	assert_int_equal(nlink_of(c), 2);
	assert_int_equal(c->ops.dir->exchange(c, "nope", 4, a, "swapfile", 8), -ENOENT);
	assert_int_equal(a->ops.dir->exchange(a, "swapfile", 8, b, "file", 4), -ENOENT);
	/* an unlinked file still open lives on the orphan list */
	assert_int_equal(rm(a, "hard"), 0);
	assert_int_equal(rm(c, "hard2"), 0);
	assert_int_equal(rm(c, "victim"), 0);
	assert_int_equal(nlink_of(f), 0);
	assert_int_equal(le32_at(EI(f)->fs->raw_sb, SB_LAST_ORPHAN), f->ino);
	assert_int_equal(f->ops.file->write != NULL, true);
	inode_put(f);
	assert_int_equal(le32_at(EI(sb.root)->fs->raw_sb, SB_LAST_ORPHAN), 0);
	/* tmpfile, then named */
	assert_int_equal(a->ops.dir->tmpfile(a, 0600, true, &t), 0);
	assert_int_equal(nlink_of(t), 0);
	assert_int_equal(a->ops.dir->link(a, "was-tmp", 7, t), 0);
	assert_int_equal(nlink_of(t), 1);
	inode_put(t);
	assert_int_equal(a->ops.dir->tmpfile(a, 0600, true, &t), 0);
	inode_put(t); /* never named: freed */
	/* rmdir of a tree */
	assert_int_equal(rmd(b, "nothing"), -ENOENT);
	assert_int_equal(rmd(c, "b2"), -ENOTDIR);
	inode_put(b);
	inode_put(c);
	inode_put(a);
	assert_int_equal(rmd(sb.root, "empty"), -ENOTEMPTY); /* c, with the file b2 */
	c = get(sb.root, "empty");
	assert_int_equal(rm(c, "b2"), 0);
	inode_put(c);
	assert_int_equal(rmd(sb.root, "empty"), 0);
	umount_img();
	fsck_clean();
	assert_true(debugfs_says("stat /fast", "Fast link dest: \"a/b/file\""));
	assert_true(debugfs_says("stat /old", "Device major/minor number: 04:64"));
	assert_true(debugfs_says("ls -l /a", "was-tmp"));
	assert_true(debugfs_says("stat /a", "Links: 3"));
	assert_false(debugfs_says("ls /", "empty"));
}

static void tree_ops(void **state)
{
	for (unsigned k = 0; k < NKINDS; k++)
		tree_ops_in(k);
}

/* An orphan a crash leaves (the image copied while the unlinked file
 * is open) is freed at the next writable mount. */
static void orphan_recovery(void **state)
{
	char copy[256];
	struct inode *f;

	make_image(0);
	mount_rw();
	assert_int_equal(mk(sb.root, "doomed", S_IFREG | 0644), 0);
	assert_int_equal(mk(sb.root, "doomed2", S_IFREG | 0644), 0);
	f = get(sb.root, "doomed");
	struct inode *g = get(sb.root, "doomed2");
	assert_int_equal(rm(sb.root, "doomed"), 0);
	assert_int_equal(rm(sb.root, "doomed2"), 0);
	/* the journal commits, then its blocks reach their homes: the copy
	 * is what a crash right after a sync(2) leaves */
	assert_int_equal(sb.ops->sync_fs(&sb, true), 0);
	assert_int_equal(sb.ops->sync_fs(&sb, true), 0);
	snprintf(copy, sizeof(copy), "%s/names-crash.img", out);
	host_sh("cp '%s' '%s'", img, copy);
	inode_put(f);
	inode_put(g);
	umount_img();
	fsck_clean();
	host_sh("cp '%s' '%s/names-crash2.img'", copy, out);
	memcpy(img, copy, sizeof(img));
	assert_true(debugfs_says("stats", "First orphan inode"));
	mount_rw();
	assert_true(strstr(stub_last_log, "2 orphan inodes deleted") != NULL);
	umount_img();
	fsck_clean();
	assert_false(debugfs_says("stats", "First orphan inode"));
	/* the same crash, mounted read-only first: the remount cleans up */
	snprintf(img, sizeof(img), "%s/names-crash2.img", out);
	memset(&sb, 0, sizeof(sb));
	sb.type = &ext4_fs_type;
	sb.read_only = true;
	assert_true(strlen(img) < sizeof(sb.source));
	memcpy(sb.source, img, strlen(img) + 1); /* remount opens it again */
	assert_int_equal(ext4_fs_type.mount(&sb, img, NULL, 0), 0);
	stub_last_log[0] = 0;
	assert_int_equal(sb.ops->remount(&sb, false, NULL, 0), 0);
	if (!strstr(stub_last_log, "2 orphan inodes deleted"))
		fail_msg("remount rw: %s", stub_last_log);
	umount_img();
	fsck_clean();
	assert_false(debugfs_says("stats", "First orphan inode"));
}

/* ---- extended attributes ---- */

static ssize_t xget(struct inode *i, const char *name, void *buf, size_t len)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};

	return sb.ops->getxattr(i, name, &b);
}

static int xset(struct inode *i, const char *name, const void *v, size_t n, int flags)
{
	return sb.ops->setxattr(i, name, v, n, flags);
}

static void xattrs_in(unsigned k)
{
	/* user::rwx user:1000:r-- group::r-x mask::r-x other::r-x, as the
	 * xattr form carries it (ids of the unnamed entries: -1) */
	static const uint8_t acl[] = {
		2, 0,	 0,    0,    1,	   0,	 7,    0, 0xff, 0xff, 0xff, 0xff, 2,	0,    4,
		0, 0xe8, 3,    0,    0,	   4,	 0,    5, 0,	0xff, 0xff, 0xff, 0xff, 0x10, 0,
		5, 0,	 0xff, 0xff, 0xff, 0xff, 0x20, 0, 5,	0,    0xff, 0xff, 0xff, 0xff};
	char buf[6000], name[300], list[4096];
	struct iobuf lb = {.user = false, .kbuf = list, .len = sizeof(list)};
	struct inode *f, *d;

	make_image(k);
	mount_rw();
	assert_int_equal(mk(sb.root, "f", S_IFREG | 0644), 0);
	assert_int_equal(mk(sb.root, "d", S_IFDIR | 0755), 0);
	f = get(sb.root, "f");
	d = get(sb.root, "d");
	assert_int_equal(xset(f, "user.small", "v1", 2, 0), 0);
	assert_int_equal(xget(f, "user.small", buf, sizeof(buf)), 2);
	assert_memory_equal(buf, "v1", 2);
	assert_int_equal(xset(f, "user.small", "v2", 2, XATTR_CREATE), -EEXIST);
	assert_int_equal(xset(f, "user.none", "v", 1, XATTR_REPLACE), -ENODATA);
	assert_int_equal(xset(f, "user.small", "value2", 6, XATTR_REPLACE), 0);
	assert_int_equal(xget(f, "user.small", buf, sizeof(buf)), 6);
	assert_int_equal(xset(f, "user.", "v", 1, 0), -EINVAL);
	assert_int_equal(xset(f, "os2.x", "v", 1, 0), -EOPNOTSUPP);
	memset(name, 'n', sizeof(name));
	memcpy(name, "user.", 5);
	name[5 + 256] = 0;
	assert_int_equal(xset(f, name, "v", 1, 0), -ERANGE);
	memset(buf, 'b', sizeof(buf));
	assert_int_equal(xset(f, "user.huge", buf, sizeof(buf), 0), -ENOSPC);
	/* enough to spill into the block */
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "trusted.attr-%02d", i);
		memset(buf, 'a' + i, 60);
		assert_int_equal(xset(d, name, buf, 60, 0), 0);
	}
	assert_true(EI(d)->file_acl != 0);
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "trusted.attr-%02d", i);
		assert_int_equal(xget(d, name, buf, sizeof(buf)), 60);
		assert_int_equal(buf[59], 'a' + i);
	}
	assert_int_equal(xset(f, "system.posix_acl_access", acl, sizeof(acl), 0), 0);
	assert_int_equal(xget(f, "system.posix_acl_access", buf, sizeof(buf)), sizeof(acl));
	assert_memory_equal(buf, acl, sizeof(acl));
	assert_int_equal(xset(f, "system.posix_acl_access", acl, 6, 0), -EINVAL);
	assert_int_equal(xset(f, "security.selinux", "ctx", 3, 0), 0);
	assert_true(sb.ops->listxattr(f, &lb) > 0);
	assert_int_equal(sb.ops->removexattr(f, "user.small"), 0);
	assert_int_equal(sb.ops->removexattr(f, "user.small"), -ENODATA);
	assert_int_equal(xget(f, "user.small", buf, sizeof(buf)), -ENODATA);
	/* all of the block's attributes gone: the block goes too */
	for (int i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "trusted.attr-%02d", i);
		if (i % 3)
			assert_int_equal(sb.ops->removexattr(d, name), 0);
	}
	inode_put(f);
	inode_put(d);
	/* an inode freed with its block */
	assert_int_equal(mk(sb.root, "gone", S_IFREG | 0644), 0);
	f = get(sb.root, "gone");
	memset(buf, 'g', 3000);
	assert_int_equal(xset(f, "user.big", buf, 3000 / (k == 1 || k == 3 ? 4 : 1), 0), 0);
	inode_put(f);
	assert_int_equal(rm(sb.root, "gone"), 0);
	umount_img();
	fsck_clean();
	assert_true(debugfs_says("ea_list /f", "security.selinux"));
	assert_true(debugfs_says("ea_list /f", "system.posix_acl_access"));
	assert_false(debugfs_says("ea_list /f", "user.small"));
	assert_true(debugfs_says("ea_list /d", "trusted.attr-09"));
}

/* A block two inodes share (h_refcount 2, as Linux's mbcache makes
 * them; set up here with debugfs and a byte poke on an image without
 * metadata_csum): a change to one inode's attributes copies the block. */
static void xattr_shared(void **state)
{
	char buf[4000];
	struct inode *a, *b;
	uint64_t blk;

	make_image(2);
	mount_rw();
	assert_int_equal(mk(sb.root, "a", S_IFREG | 0644), 0);
	assert_int_equal(mk(sb.root, "b", S_IFREG | 0644), 0);
	a = get(sb.root, "a");
	memset(buf, 'q', 3000);
	assert_int_equal(xset(a, "user.big", buf, 3000, 0), 0);
	blk = EI(a)->file_acl;
	assert_true(blk != 0);
	inode_put(a);
	umount_img();
	host_sh("debugfs -w -R 'sif /b file_acl %llu' '%s' >/dev/null 2>&1",
		(unsigned long long)blk, img);
	host_sh("debugfs -w -R 'sif /b blocks 8' '%s' >/dev/null 2>&1", img);
	host_sh("printf '\\002' | dd of='%s' bs=1 seek=%llu conv=notrunc status=none", img,
		(unsigned long long)blk * 4096 + 4);
	fsck_clean(); /* a shared block with its count right */
	mount_rw();
	b = get(sb.root, "b");
	assert_int_equal(xget(b, "user.big", buf, sizeof(buf)), 3000);
	assert_int_equal(xset(b, "user.new", "n", 1, 0), 0);
	assert_true(EI(b)->file_acl != blk); /* copied */
	assert_int_equal(xget(b, "user.big", buf, sizeof(buf)), 3000);
	a = get(sb.root, "a");
	assert_int_equal(EI(a)->file_acl, blk);
	assert_int_equal(xget(a, "user.new", buf, sizeof(buf)), -ENODATA);
	inode_put(a);
	inode_put(b);
	umount_img();
	fsck_clean(); /* both counts 1 again */
	assert_true(debugfs_says("ea_list /b", "user.new"));
	assert_false(debugfs_says("ea_list /a", "user.new"));
}

static void xattrs(void **state)
{
	for (unsigned k = 0; k < NKINDS; k++)
		xattrs_in(k);
}

/* ---- chattr flags ---- */

static void flags(void **state)
{
	struct inode *f, *d;
	uint32_t fl;

	make_image(0);
	mount_rw();
	assert_int_equal(mk(sb.root, "d", S_IFDIR | 0755), 0);
	d = get(sb.root, "d");
	assert_int_equal(mk(d, "f", S_IFREG | 0644), 0);
	f = get(d, "f");
	assert_int_equal(sb.ops->getflags(f, &fl), 0);
	assert_int_equal(fl, 0x80000);			     /* e: extents */
	assert_int_equal(sb.ops->setflags(f, fl | 0x10), 0); /* +i */
	assert_int_equal(rm(d, "f"), -EPERM);
	assert_int_equal(mv(d, "f", d, "g"), -EPERM);
	assert_int_equal(xset(f, "user.x", "v", 1, 0), -EPERM);
	assert_int_equal(d->ops.dir->link(d, "h", 1, f), -EPERM);
	assert_int_equal(sb.ops->setflags(f, fl | 0x10 | 0x40), -EPERM);    /* +d while immutable */
	assert_int_equal(sb.ops->setflags(f, fl & ~0x80000u), -EOPNOTSUPP); /* -e */
	assert_int_equal(sb.ops->setflags(f, 0x80000000u), -EOPNOTSUPP);
	assert_int_equal(sb.ops->setflags(f, fl), 0);
	assert_int_equal(sb.ops->setflags(d, 0x80000 | 0x20 | 0x40), 0); /* +a +d */
	assert_int_equal(rm(d, "f"), -EPERM);
	assert_int_equal(mk(d, "new", S_IFREG | 0644), 0);
	assert_int_equal(mk(d, "sub", S_IFDIR | 0755), 0);
	struct inode *sub = get(d, "sub");

	assert_int_equal(sb.ops->getflags(sub, &fl), 0);
	assert_int_equal(fl & 0x40, 0x40); /* nodump is inherited, append-only is not */
	assert_int_equal(fl & 0x20, 0);
	inode_put(sub);
	inode_put(f);
	inode_put(d);
	umount_img();
	fsck_clean();
	assert_true(debugfs_says("stat /d", "Flags: 0x80060"));
}

/* ---- a random stress against a model ---- */

#define NDIRS  4
#define NNAMES 64

struct model {
	int8_t kind[NDIRS][NNAMES]; /* 0 none, 1 file, 2 dir (empty) */
	uint64_t ino[NDIRS][NNAMES];
};

static uint64_t rng = 0x2545f4914f6cdd1dull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void stress_in(unsigned k)
{
	struct inode *dirs[NDIRS];
	struct model m;
	char name[32], name2[32];

	memset(&m, 0, sizeof(m));
	make_image(k);
	mount_rw();
	for (int d = 0; d < NDIRS; d++) {
		snprintf(name, sizeof(name), "d%d", d);
		assert_int_equal(mk(sb.root, name, S_IFDIR | 0755), 0);
		dirs[d] = get(sb.root, name);
	}
	for (int round = 0; round < 2500; round++) {
		unsigned d = rnd(NDIRS), n = rnd(NNAMES), d2 = rnd(NDIRS), n2 = rnd(NNAMES);
		int want, got;

		snprintf(name, sizeof(name), "n%02u-%s", n, n % 3 ? "pad" : "a-longer-name-pad");
		snprintf(name2, sizeof(name2), "n%02u-%s", n2,
			 n2 % 3 ? "pad" : "a-longer-name-pad");
		switch (rnd(5)) {
		case 0:
			want = m.kind[d][n] ? -EEXIST : 0;
			got = mk(dirs[d], name, S_IFREG | 0644);
			if (!got) {
				m.kind[d][n] = 1;
				m.ino[d][n] = ino_of(dirs[d], name);
			}
			break;
		case 1:
			want = m.kind[d][n] ? 0 : -EEXIST;
			want = m.kind[d][n] ? -EEXIST : 0;
			got = mk(dirs[d], name, S_IFDIR | 0755);
			if (!got) {
				m.kind[d][n] = 2;
				m.ino[d][n] = ino_of(dirs[d], name);
			}
			break;
		case 2:
			want = m.kind[d][n] == 1 ? 0 : m.kind[d][n] == 2 ? -EISDIR : -ENOENT;
			got = rm(dirs[d], name);
			if (!got)
				m.kind[d][n] = 0;
			break;
		case 3:
			want = m.kind[d][n] == 2 ? 0 : m.kind[d][n] == 1 ? -ENOTDIR : -ENOENT;
			got = rmd(dirs[d], name);
			if (!got)
				m.kind[d][n] = 0;
			break;
		default: {
			int8_t s = m.kind[d][n], t = m.kind[d2][n2];

			if (!s)
				want = -ENOENT;
			else if (d == d2 && n == n2)
				want = 0;
			else if (t && s == 2 && t == 1)
				want = -ENOTDIR;
			else if (t && s == 1 && t == 2)
				want = -EISDIR;
			else
				want = 0;
			got = mv(dirs[d], name, dirs[d2], name2);
			if (!got && !(d == d2 && n == n2)) {
				m.kind[d2][n2] = s;
				m.ino[d2][n2] = m.ino[d][n];
				m.kind[d][n] = 0;
			}
			break;
		}
		}
		if (got != want)
			fail_msg("%s round %d: got %d, want %d (%s)", kinds[k].name, round, got,
				 want, stub_last_log);
	}
	for (int d = 0; d < NDIRS; d++) {
		unsigned live = 0, subdirs = 0;

		for (int n = 0; n < NNAMES; n++) {
			snprintf(name, sizeof(name), "n%02u-%s", n,
				 n % 3 ? "pad" : "a-longer-name-pad");
			assert_int_equal(exists(dirs[d], name), m.kind[d][n] != 0);
			if (m.kind[d][n]) {
				assert_int_equal(ino_of(dirs[d], name), m.ino[d][n]);
				live++;
				subdirs += m.kind[d][n] == 2;
			}
		}
		assert_int_equal(count_entries(dirs[d]), live + 2);
		assert_int_equal(nlink_of(dirs[d]), 2 + subdirs);
		inode_put(dirs[d]);
	}
	umount_img();
	fsck_clean();
}

static void stress(void **state)
{
	for (unsigned k = 0; k < NKINDS; k++)
		stress_in(k);
}

/* The name cache and the verified mark, on ext4 with metadata_csum: a
 * directory block found verified is searched without its checksum being
 * computed again; answers follow create, unlink, rename, mkdir, rmdir
 * and link (negative ones too); and a block corrupted on the disk is
 * found at its first read from the disk (after a remount). */
static void name_cache(void **state)
{
	struct inode *root, *d, *f;
	uint64_t pblk, run;
	long crc0;

	make_image(0);
	mount_rw();
	root = sb.root;
	assert_int_equal(mk(root, "d", S_IFDIR | 0755), 0);
	d = get(root, "d");
	assert_int_equal(mk(d, "a", S_IFREG | 0644), 0);
	crc0 = stub_crc_bytes;
	assert_false(exists(d, "zz1"));
	assert_false(exists(d, "zz2"));
	assert_true(exists(d, "a"));
	assert_int_equal(stub_crc_bytes, crc0); /* verified when written, not again */
	/* answers follow each change */
	assert_false(exists(d, "b"));
	assert_int_equal(mk(d, "b", S_IFREG | 0644), 0);
	assert_true(exists(d, "b"));
	assert_int_equal(mk(d, "b", S_IFREG | 0644), -EEXIST);
	assert_int_equal(rm(d, "a"), 0);
	assert_false(exists(d, "a"));
	assert_int_equal(rm(d, "a"), -ENOENT);
	assert_int_equal(mv(d, "b", root, "c"), 0);
	assert_false(exists(d, "b"));
	assert_true(exists(root, "c"));
	f = get(root, "c");
	assert_int_equal(d->ops.dir->link(d, "l", 1, f), 0);
	assert_true(exists(d, "l"));
	inode_put(f);
	assert_int_equal(mk(d, "sub", S_IFDIR | 0755), 0);
	assert_true(exists(d, "sub"));
	assert_int_equal(rmd(d, "sub"), 0);
	assert_false(exists(d, "sub"));
	assert_int_equal(ext2_bmap(EI(d), 0, &pblk, &run), 0);
	inode_put(d);
	umount_img();
	fsck_clean();
	assert_true(debugfs_says("ls -l /d", "l"));
	/* corrupted on the disk: the next mount reads it and finds out */
	stub_bdev_corrupt(pblk * 4096 + 40, 0x01);
	mount_rw();
	d = get(sb.root, "d");
	assert_int_equal(look(d, "l", &f), -EBADMSG);
	assert_int_equal(look(d, "l", &f), -EBADMSG); /* errors are not cached */
	inode_put(d);
	umount_img();
	stub_bdev_clean();
}

static int setup(void **state)
{
	stub_reset();
	return 0;
}

/* Removing the last name of a node without a block map frees the inode
 * and nothing else: a fast symlink keeps its target in i_block and a
 * device its number, neither is a block pointer (git's init makes and
 * removes a fast symlink "testing"; freeing it once read the target as
 * a map and failed with -EUCLEAN, leaving the inode in use with no link). */
static void unlink_unmapped(void **state)
{
	for (unsigned k = 0; k < NKINDS; k++) {
		struct inode *t;
		char longt[200];

		make_image(k);
		mount_rw();
		assert_int_equal(sb.root->ops.dir->symlink(sb.root, "fast", 4, "testing", 7, &t),
				 0);
		inode_put(t);
		memset(longt, 'y', sizeof(longt));
		assert_int_equal(sb.root->ops.dir->symlink(sb.root, "slow", 4, longt, 200, &t), 0);
		inode_put(t);
		assert_int_equal(sb.root->ops.dir->mknod(sb.root, "new", 3, S_IFBLK | 0600,
							 makedev(300, 70000), &t),
				 0);
		inode_put(t);
		assert_int_equal(sb.root->ops.dir->mknod(sb.root, "old", 3, S_IFCHR | 0600,
							 makedev(4, 64), &t),
				 0);
		inode_put(t);
		stub_last_log[0] = 0;
		assert_int_equal(rm(sb.root, "fast"), 0);
		assert_int_equal(rm(sb.root, "slow"), 0);
		assert_int_equal(rm(sb.root, "new"), 0);
		assert_int_equal(rm(sb.root, "old"), 0);
		if (stub_last_log[0])
			fail_msg("%s: %s", kinds[k].name, stub_last_log);
		umount_img();
		fsck_clean();
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(tree_ops, setup),
		cmocka_unit_test_setup(orphan_recovery, setup),
		cmocka_unit_test_setup(unlink_unmapped, setup),
		cmocka_unit_test_setup(xattrs, setup),
		cmocka_unit_test_setup(xattr_shared, setup),
		cmocka_unit_test_setup(flags, setup),
		cmocka_unit_test_setup(stress, setup),
		cmocka_unit_test_setup(many_files, setup),
		cmocka_unit_test_setup(name_cache, setup),
	};

	int failed;

	/* one directory per run: two checkouts testing at once (a CI run
	 * beside a developer's) must not share images */
	if (!host_have_e2fsprogs() || host_workdir(out, sizeof(out), "names")) {
		printf("1..0 # SKIP no e2fsprogs\n");
		return 0;
	}
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	if (!failed)
		host_run("rm -rf '%s'", out); /* a failure's images stay for a look */
	return failed;
}
