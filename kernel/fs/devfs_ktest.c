/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of devfs through the VFS: mounted by name like any service,
 * walked with the path resolver, used through the dispatch wrappers.
 * Device numbers, modes, the memory devices' read/write results, the
 * listing, ENOENT for other names and EROFS for changes.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <kernel/blkdev.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "fs.h"

static int mount_devfs(struct test_mount *m)
{
	return test_mount(m, "devtmpfs", 6, NULL, 0);
}

static void unmount_devfs(struct test_mount *m)
{
	test_unmount(m);
}

static struct inode *dev(struct test_mount *m, const char *path, int *err)
{
	struct inode *i = NULL;

	*err = vfs_lookup_inode(m->root, m->root, path, 0, &i);
	return *err ? NULL : i;
}

KTEST(devfs, device_numbers_and_modes)
{
	static const struct {
		const char *path;
		unsigned major, minor, perm;
	} want[] = {
		{"/null", 1, 3, 0666},	  {"/zero", 1, 5, 0666},    {"/full", 1, 7, 0666},
		{"/random", 1, 8, 0666},  {"/urandom", 1, 9, 0666}, {"/tty", 5, 0, 0666},
		{"/console", 5, 1, 0600}, {"/ttyS0", 4, 64, 0600},
	};
	struct test_mount m = {NULL, NULL};
	struct vfs_stat st;
	int err;

	KTEST_EXPECT_EQ(t, mount_devfs(&m), 0);
	if (!m.root)
		return;
	for (size_t k = 0; k < ARRAY_SIZE(want); k++) {
		struct inode *i = dev(&m, want[k].path, &err);

		KTEST_EXPECT_EQ(t, err, 0);
		if (!i)
			continue;
		KTEST_EXPECT_EQ(t, vfs_stat(i, &st), 0);
		KTEST_EXPECT_EQ(t, st.mode, S_IFCHR | want[k].perm);
		KTEST_EXPECT_EQ(t, st.rdev, (want[k].major << 8) | want[k].minor);
		KTEST_EXPECT_EQ(t, st.nlink, 1);
		KTEST_EXPECT_EQ(t, st.size, 0);
		KTEST_EXPECT_EQ(t, st.blksize, 4096);
		KTEST_EXPECT_EQ(t, st.dev, 6);
		inode_put(i);
	}
	KTEST_EXPECT_EQ(t, vfs_stat(m.sb->root, &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IFDIR | 0755);
	unmount_devfs(&m);
}

KTEST(devfs, memory_devices_behave_as_linux)
{
	struct test_mount m = {NULL, NULL};
	char buf[600];
	struct iobuf b = {.user = false, .kbuf = buf, .len = sizeof(buf)};
	struct inode *null, *zero, *full;
	int err;

	KTEST_EXPECT_EQ(t, mount_devfs(&m), 0);
	if (!m.root)
		return;
	null = dev(&m, "/null", &err);
	zero = dev(&m, "/zero", &err);
	full = dev(&m, "/full", &err);
	KTEST_EXPECT(t, null && zero && full);
	if (!null || !zero || !full)
		goto out;

	KTEST_EXPECT_EQ(t, vfs_read(null, 0, &b, 0), 0);
	KTEST_EXPECT_EQ(t, vfs_write(null, 0, &b, 0), sizeof(buf));

	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, vfs_read(zero, 0, &b, 0), sizeof(buf));
	KTEST_EXPECT(t, buf[0] == 0 && buf[299] == 0 && buf[sizeof(buf) - 1] == 0);
	KTEST_EXPECT_EQ(t, vfs_write(zero, 0, &b, 0), sizeof(buf));

	memset(buf, 'x', sizeof(buf));
	KTEST_EXPECT_EQ(t, vfs_read(full, 0, &b, 0), sizeof(buf));
	KTEST_EXPECT(t, buf[0] == 0 && buf[sizeof(buf) - 1] == 0);
	KTEST_EXPECT_EQ(t, vfs_write(full, 0, &b, 0), -ENOSPC);
	b.len = 0;
	KTEST_EXPECT_EQ(t, vfs_write(full, 0, &b, 0), -ENOSPC); /* even empty, as Linux */
out:
	inode_put(null);
	inode_put(zero);
	inode_put(full);
	unmount_devfs(&m);
}

KTEST(devfs, random_devices_read_and_accept_writes)
{
	static const char *const names[] = {"/random", "/urandom"};
	struct test_mount m = {NULL, NULL};
	uint8_t a[64], c[64];
	int err;

	KTEST_EXPECT_EQ(t, mount_devfs(&m), 0);
	if (!m.root)
		return;
	for (size_t k = 0; k < ARRAY_SIZE(names); k++) {
		struct inode *r = dev(&m, names[k], &err);
		struct iobuf ba = {.user = false, .kbuf = a, .len = sizeof(a)};
		struct iobuf bc = {.user = false, .kbuf = c, .len = sizeof(c)};
		struct iobuf seed = {.user = false, .kbuf = "seed", .len = 4};

		KTEST_EXPECT(t, r != NULL);
		if (!r)
			continue;
		memset(a, 0, sizeof(a));
		memset(c, 0, sizeof(c));
		KTEST_EXPECT_EQ(t, vfs_read(r, 0, &ba, 0), sizeof(a));
		KTEST_EXPECT_EQ(t, vfs_read(r, 0, &bc, 0), sizeof(c));
		KTEST_EXPECT(t, memcmp(a, c, sizeof(a)) != 0);
		KTEST_EXPECT_EQ(t, vfs_write(r, 0, &seed, 0), 4);
		inode_put(r);
	}
	unmount_devfs(&m);
}

static int collect(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type)
{
	char *list = ctx;
	size_t at = strlen(list);

	if (at + len + 2 > 256)
		return 1;
	list[at] = '|';
	memcpy(list + at + 1, name, len);
	list[at + 1 + len] = '\0';
	return 0;
}

/* Stops after one entry, so the listing must resume from *pos. */
static int collect_one(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type)
{
	int *n = ctx;

	return (*n)++ > 0;
}

KTEST(devfs, listing_lookup_errors_and_read_only)
{
	struct test_mount m = {NULL, NULL};
	char names[256] = "", target[32], want[256];
	struct blk_info info;
	struct inode *i = NULL, *dir;
	uint64_t pos = 0;
	int err, n = 0;

	KTEST_EXPECT_EQ(t, mount_devfs(&m), 0);
	if (!m.root)
		return;
	dir = m.sb->root;
	KTEST_EXPECT_EQ(t, vfs_readdir(dir, &pos, collect, names), 0);
	/* then a node per block device, in the registry's order: the eight
	 * loop devices, then the disks the self-tests' QEMU attaches (virtio) */
#define FIXED                                                             \
	"|.|..|null|zero|full|random|urandom|tty|console|ttyS0|kmsg|ptmx" \
	"|loop-control|fd|stdin|stdout|stderr|pts|shm"
#define LOOPS "|loop0|loop1|loop2|loop3|loop4|loop5|loop6|loop7"
	strlcpy(want, FIXED, sizeof(want));
	for (unsigned k = 0, at = (unsigned)strlen(want);
	     !blk_info_at(k, &info) && at < sizeof(want); k++)
		at += (unsigned)snprintf(want + at, sizeof(want) - at, "|%s", info.name);
	KTEST_EXPECT(t, !strncmp(want, FIXED LOOPS, strlen(FIXED LOOPS)));
#undef FIXED
#undef LOOPS
	KTEST_EXPECT(t, !strcmp(names, want));
	i = dev(&m, "/stderr", &err);
	KTEST_EXPECT(t, i && i->kind == INODE_SYMLINK);
	if (i) {
		ssize_t len = vfs_readlink(i, target, sizeof(target));

		KTEST_EXPECT(t, len == 15 && !memcmp(target, "/proc/self/fd/2", 15));
		inode_put(i);
	}
	pos = 3;
	KTEST_EXPECT_EQ(t, vfs_readdir(dir, &pos, collect_one, &n), 0);
	KTEST_EXPECT_EQ(t, pos, 4); /* took "zero", stopped at "full" */

	KTEST_EXPECT(t, dev(&m, "/nope", &err) == NULL && err == -ENOENT);
	KTEST_EXPECT(t, dev(&m, "/null/x", &err) == NULL && err == -ENOTDIR);
	KTEST_EXPECT_EQ(t, vfs_create(dir, "new", 3, 0644, &i), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_mkdir(dir, "d", 1, 0755, &i), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_unlink(dir, "null", 4), -EROFS);
	unmount_devfs(&m);
}

KTEST(devfs, console_nodes_forward_to_the_console)
{
	struct test_mount m = {NULL, NULL};
	struct iobuf b = {.user = false, .kbuf = "    # devfs: console write\n", .len = 27};
	int err;

	KTEST_EXPECT_EQ(t, mount_devfs(&m), 0);
	if (!m.root)
		return;
	for (int k = 0; k < 3; k++) {
		static const char *const p[] = {"/console", "/tty", "/ttyS0"};
		struct inode *c = dev(&m, p[k], &err);

		KTEST_EXPECT(t, c != NULL);
		if (!c)
			continue;
		KTEST_EXPECT_EQ(t, vfs_write(c, 0, &b, 0), 27);
		inode_put(c);
	}
	unmount_devfs(&m);
}
