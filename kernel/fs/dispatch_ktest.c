/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the dispatch wrappers against a fake filesystem whose ops
 * record that they were called: kinds, names, empty slots, read-only and
 * failed instances all get their errno before any op runs.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/poll.h>
#include <platform/ktest.h>
#include <kernel/vfs.h>

static int calls;

static ssize_t fake_read(struct inode *i, uint64_t off, struct iobuf *b, unsigned flags)
{
	calls++;
	return (ssize_t)b->len;
}

static int fake_stat(struct inode *i, struct vfs_stat *st)
{
	calls++;
	st->mode = 0100644;
	st->ino = 999; /* the wrapper overrides it with the inode's */
	return 0;
}

static int fake_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
		       struct inode **out)
{
	calls++;
	return -EEXIST;
}

static const struct file_ops file_ops = {.read = fake_read, .stat = fake_stat};
static const struct file_ops bare_file_ops = {.stat = fake_stat};
static const struct dir_ops dir_ops = {.create = fake_create};
static const struct symlink_ops link_ops = {.readlink = NULL};

struct fake {
	struct vfs_sb sb, other_sb;
	struct inode file, bare, dir, link, other_dir;
};

static void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	f->sb.dev_id = 7;
	f->file = (struct inode){.kind = INODE_FILE, .ops.file = &file_ops, .sb = &f->sb, .ino = 5};
	f->bare = (struct inode){.kind = INODE_FILE, .ops.file = &bare_file_ops, .sb = &f->sb};
	f->dir = (struct inode){.kind = INODE_DIR, .ops.dir = &dir_ops, .sb = &f->sb, .ino = 2};
	f->link = (struct inode){.kind = INODE_SYMLINK, .ops.symlink = &link_ops, .sb = &f->sb};
	f->other_dir = (struct inode){.kind = INODE_DIR, .ops.dir = &dir_ops, .sb = &f->other_sb};
	calls = 0;
}

KTEST(dispatch, kinds_and_empty_slots)
{
	struct fake f;
	char buf[4];
	struct iobuf b = {.user = false, .kbuf = buf, .len = sizeof(buf)};
	struct inode *out = NULL;
	uint64_t pos = 0;

	fake_init(&f);
	KTEST_EXPECT_EQ(t, vfs_read(&f.file, 0, &b, 0), 4);
	KTEST_EXPECT_EQ(t, vfs_read(&f.dir, 0, &b, 0), -EISDIR);
	KTEST_EXPECT_EQ(t, vfs_write(&f.dir, 0, &b, 0), -EISDIR);
	KTEST_EXPECT_EQ(t, vfs_read(&f.bare, 0, &b, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_write(&f.file, 0, &b, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_ioctl(&f.file, 0x5401, 0), -ENOTTY);
	KTEST_EXPECT_EQ(t, vfs_truncate(&f.dir, 0), -EISDIR);
	KTEST_EXPECT_EQ(t, vfs_fsync(&f.file, false), 0);
	KTEST_EXPECT_EQ(t, vfs_poll(&f.file, POLLIN, 0, NULL), POLLIN);
	KTEST_EXPECT_EQ(t, vfs_lookup(&f.file, "a", 1, &out), -ENOTDIR);
	KTEST_EXPECT_EQ(t, vfs_lookup(&f.dir, "a", 1, &out), -ENOENT);
	KTEST_EXPECT_EQ(t, vfs_readdir(&f.file, &pos, NULL, NULL), -ENOTDIR);
	KTEST_EXPECT_EQ(t, vfs_readdir(&f.dir, &pos, NULL, NULL), 0);
	KTEST_EXPECT_EQ(t, vfs_readlink(&f.file, buf, 4), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_readlink(&f.link, buf, 4), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_mkdir(&f.dir, "d", 1, 0755, &out), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_unlink(&f.dir, "d", 1), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_setattr(&f.file, &(struct vfs_setattr){.valid = 0}), -EPERM);
	KTEST_EXPECT_EQ(t, calls, 1); /* only the one real read reached the fs */
}

KTEST(dispatch, names_are_validated)
{
	struct fake f;
	struct inode *out = NULL;
	char longname[VFS_NAME_MAX + 1];

	fake_init(&f);
	memset(longname, 'x', sizeof(longname));
	KTEST_EXPECT_EQ(t, vfs_create(&f.dir, "", 0, 0644, &out), -ENOENT);
	KTEST_EXPECT_EQ(t, vfs_create(&f.dir, longname, sizeof(longname), 0644, &out),
			-ENAMETOOLONG);
	KTEST_EXPECT_EQ(t, vfs_create(&f.dir, longname, VFS_NAME_MAX, 0644, &out), -EEXIST);
	KTEST_EXPECT_EQ(t, vfs_create(&f.dir, "a/b", 3, 0644, &out), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_create(&f.dir, "..", 2, 0644, &out), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_create(&f.dir, ".", 1, 0644, &out), -EINVAL);
	KTEST_EXPECT_EQ(t, calls, 1);
}

KTEST(dispatch, read_only_failed_and_cross_instance)
{
	struct fake f;
	struct inode *out = NULL;
	struct vfs_stat st;

	fake_init(&f);
	KTEST_EXPECT_EQ(t, vfs_stat(&f.file, &st), 0);
	KTEST_EXPECT_EQ(t, st.dev, 7);
	KTEST_EXPECT_EQ(t, st.ino, 5);
	KTEST_EXPECT_EQ(t, st.mode, 0100644);
	KTEST_EXPECT_EQ(t, vfs_link(&f.dir, "l", 1, &f.dir), -EROFS); /* empty slot first */
	KTEST_EXPECT_EQ(t, vfs_rename(&f.dir, "a", 1, &f.other_dir, "b", 1), -EROFS);
	f.sb.read_only = true;
	KTEST_EXPECT_EQ(t, vfs_create(&f.dir, "a", 1, 0644, &out), -EROFS);
	f.sb.read_only = false;
	f.sb.failed = true;
	KTEST_EXPECT_EQ(t, vfs_create(&f.dir, "a", 1, 0644, &out), -EIO);
	KTEST_EXPECT_EQ(t, vfs_stat(&f.file, &st), -EIO);
	KTEST_EXPECT_EQ(t, vfs_poll(&f.file, POLLIN, 0, NULL), POLLERR | POLLHUP);
	KTEST_EXPECT_EQ(t, calls, 1); /* the first stat */
}

static int fake_rename(struct inode *olddir, const char *oldname, size_t oldlen,
		       struct inode *newdir, const char *newname, size_t newlen)
{
	calls++;
	return 0;
}

/* RENAME_EXCHANGE and RENAME_WHITEOUT: EROFS where the service cannot
 * rename at all, EINVAL where it renames but cannot exchange or make a
 * whiteout (as Linux). */
KTEST(dispatch, exchange_slot)
{
	static const struct dir_ops renaming = {.rename = fake_rename};
	struct fake f;
	struct inode dir;

	fake_init(&f);
	dir = (struct inode){.kind = INODE_DIR, .ops.dir = &renaming, .sb = &f.sb};
	KTEST_EXPECT_EQ(t, vfs_exchange(&f.dir, "a", 1, &f.dir, "b", 1), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_exchange(&dir, "a", 1, &dir, "b", 1), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_exchange(&dir, "a", 1, &f.file, "b", 1), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_rename_whiteout(&f.dir, "a", 1, &f.dir, "b", 1), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_rename_whiteout(&dir, "a", 1, &dir, "b", 1), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_rename(&dir, "a", 1, &dir, "b", 1), 0);
	KTEST_EXPECT_EQ(t, calls, 1);
}

static ssize_t fake_getxattr(struct inode *i, const char *name, struct iobuf *b)
{
	calls++;
	return -ENODATA;
}

static int fifo_stat(struct inode *i, struct vfs_stat *st)
{
	st->mode = 010644;
	return 0;
}

static int fake_mknod(struct inode *dir, const char *name, size_t len, uint32_t mode, uint64_t rdev,
		      struct inode **out)
{
	calls++;
	return -EEXIST;
}

KTEST(dispatch, xattr_and_mknod_rules)
{
	static const struct vfs_sb_ops xattr_sb_ops = {.getxattr = fake_getxattr};
	static const struct file_ops fifo_ops = {.stat = fifo_stat, .special = true};
	static const struct dir_ops mknod_dir_ops = {.mknod = fake_mknod};
	struct iobuf none = {.user = false, .kbuf = NULL, .len = 0};
	struct inode fifo, dir;
	struct inode *out = NULL;
	struct fake f;

	fake_init(&f);
	fifo = (struct inode){.kind = INODE_FILE, .ops.file = &fifo_ops, .sb = &f.sb};
	dir = (struct inode){.kind = INODE_DIR, .ops.dir = &mknod_dir_ops, .sb = &f.sb};
	/* an instance without attribute slots */
	KTEST_EXPECT_EQ(t, vfs_getxattr(&f.file, "trusted.a", &none), -EOPNOTSUPP);
	KTEST_EXPECT_EQ(t, vfs_setxattr(&f.file, "trusted.a", "", 0, 0), -EOPNOTSUPP);
	KTEST_EXPECT_EQ(t, vfs_removexattr(&f.file, "trusted.a"), -EOPNOTSUPP);
	KTEST_EXPECT_EQ(t, vfs_listxattr(&f.file, &none), 0);
	/* user.* on anything but a regular file or directory never reaches it */
	f.sb.ops = &xattr_sb_ops;
	KTEST_EXPECT_EQ(t, vfs_getxattr(&fifo, "user.a", &none), -ENODATA);
	KTEST_EXPECT_EQ(t, vfs_setxattr(&fifo, "user.a", "", 0, 0), -EPERM);
	KTEST_EXPECT_EQ(t, vfs_removexattr(&fifo, "user.a"), -EPERM);
	KTEST_EXPECT_EQ(t, calls, 0);
	KTEST_EXPECT_EQ(t, vfs_getxattr(&fifo, "trusted.a", &none), -ENODATA);
	KTEST_EXPECT_EQ(t, calls, 1);
	f.sb.read_only = true;
	KTEST_EXPECT_EQ(t, vfs_setxattr(&f.file, "trusted.a", "", 0, 0), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_mknod(&dir, "p", 1, 010644, 0, &out), -EROFS);
	f.sb.read_only = false;
	KTEST_EXPECT(t, vfs_is_special(&fifo) && !vfs_is_special(&f.file));
	KTEST_EXPECT_EQ(t, vfs_mknod(&f.dir, "p", 1, 010644, 0, &out), -EPERM);
	KTEST_EXPECT_EQ(t, vfs_mknod(&dir, "p", 1, 010644, 0, &out), -EEXIST);
	KTEST_EXPECT_EQ(t, calls, 2);
}
