/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * End-to-end self-test of ring 1 over ring 2: the initramfs service,
 * registered through VFS_SERVICE, mounts the archive embedded from
 * tests/ktest-root, and the kernel's path walk and dispatch wrappers read
 * it: files, symlinks (relative and absolute), "..", readdir, stat, and a
 * write refused because the instance is read-only.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "fs.h"

extern const char ktest_cpio[], ktest_cpio_end[];

static int mount_test_archive(struct test_mount *m)
{
	return test_mount(m, "rootfs", 77, ktest_cpio, (size_t)(ktest_cpio_end - ktest_cpio));
}

static void unmount_test_archive(struct test_mount *m)
{
	test_unmount(m);
}

static struct inode *get(struct test_mount *m, const char *path, unsigned flags, int *err)
{
	struct inode *i = NULL;

	*err = vfs_lookup_inode(m->root, m->root, path, flags, &i);
	return *err ? NULL : i;
}

/* Append "|name" to the list. */
static void strncat_simple(char *list, const char *name, size_t len)
{
	size_t at = strlen(list);

	if (at + len + 2 > 128)
		return;
	list[at] = '|';
	memcpy(list + at + 1, name, len);
	list[at + 1 + len] = '\0';
}

static int collect(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type)
{
	char *list = ctx;

	strncat_simple(list, name, len);
	return 0;
}

KTEST(initramfs, mount_and_read_through_the_vfs)
{
	struct test_mount m = {.sb = NULL, .root = NULL};
	struct inode *motd, *via_link, *dir;
	char buf[64] = "";
	struct iobuf b = {.user = false, .kbuf = buf, .len = sizeof(buf) - 1};
	struct vfs_stat st;
	int err;

	KTEST_EXPECT_EQ(t, mount_test_archive(&m), 0);
	if (!m.root)
		return;
	motd = get(&m, "/etc/motd", 0, &err);
	KTEST_EXPECT_EQ(t, err, 0);
	if (!motd)
		return;
	KTEST_EXPECT_EQ(t, vfs_read(motd, 0, &b, 0), 18);
	KTEST_EXPECT(t, !strcmp(buf, "Welcome to Kevlar\n"));
	KTEST_EXPECT_EQ(t, vfs_read(motd, 11, &b, 0), 7); /* from an offset */
	KTEST_EXPECT_EQ(t, vfs_read(motd, 100, &b, 0), 0);
	KTEST_EXPECT_EQ(t, vfs_stat(motd, &st), 0);
	KTEST_EXPECT_EQ(t, st.size, 18);
	KTEST_EXPECT_EQ(t, st.mode & 0170000, 0100000);
	KTEST_EXPECT_EQ(t, st.dev, 77);

	via_link = get(&m, "/motd-link", RESOLVE_FOLLOW, &err); /* absolute target */
	KTEST_EXPECT(t, via_link == motd);
	if (via_link)
		inode_put(via_link);
	/* ".." after a symlink is physical, as on Linux: /lib -> usr/lib, so
	 * /lib/.. is /usr and /lib/../../etc/motd is /etc/motd */
	via_link = get(&m, "/lib/../../etc/motd", 0, &err);
	KTEST_EXPECT(t, via_link == motd);
	if (via_link)
		inode_put(via_link);
	KTEST_EXPECT(t, get(&m, "/lib/../etc/motd", 0, &err) == NULL && err == -ENOENT);
	via_link = get(&m, "/lib/libx", 0, &err);
	KTEST_EXPECT_EQ(t, err, 0);
	if (via_link)
		inode_put(via_link);

	KTEST_EXPECT(t, get(&m, "/etc/motd/x", 0, &err) == NULL && err == -ENOTDIR);
	KTEST_EXPECT(t, get(&m, "/nope", 0, &err) == NULL && err == -ENOENT);
	dir = get(&m, "/etc", 0, &err);
	KTEST_EXPECT_EQ(t, vfs_create(dir, "new", 3, 0644, &via_link), -EROFS);
	inode_put(dir);
	inode_put(motd);

	char names[128] = "";
	uint64_t pos = 0;
	dir = get(&m, "/", 0, &err);
	KTEST_EXPECT_EQ(t, vfs_readdir(dir, &pos, collect, names), 0);
	KTEST_EXPECT(t, !strcmp(names, "|.|..|bin|etc|lib|motd-link|usr"));
	inode_put(dir);
	unmount_test_archive(&m);
}
