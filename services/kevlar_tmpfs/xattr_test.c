/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for tmpfs's extended attributes (xattr.c), through the
 * vfs_sb_ops slots the kernel's dispatch wrappers call: values and the
 * size query, XATTR_CREATE/XATTR_REPLACE, ERANGE for short buffers, the
 * namespaces kept and refused, the listing order, ctime, a failed
 * allocation, and that a node's attributes are freed with it.
 */
/* hosttest-sources: services/kevlar_tmpfs/dir.c services/kevlar_tmpfs/file.c */
/* hosttest-sources: services/kevlar_tmpfs/node.c services/kevlar_tmpfs/pages.c */
/* hosttest-sources: services/kevlar_tmpfs/tmpfs.c */
/* hosttest-sources: tests/host/include/hosttest/service_stub.c */
/* hosttest-cflags: -Ilibs/kevlar_vfs/include -include sys/stat.h */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <klib/errno.h>
#include <linux/xattr.h>
#include <hosttest/service_stub.h>
#include "node.h"
#include "tmpfs.h"

static struct vfs_sb sb;
static struct inode *file;

static int setup(void **state)
{
	struct inode *out;

	stub_reset();
	memset(&sb, 0, sizeof(sb));
	sb.type = &tmpfs_fs_type;
	assert_int_equal(tmpfs_fs_type.mount(&sb, "tmpfs", NULL, 0), 0);
	assert_int_equal(sb.root->ops.dir->create(sb.root, "f", 1, S_IFREG | 0644, &out), 0);
	file = out;
	return 0;
}

static int teardown(void **state)
{
	inode_put(file);
	inode_put(sb.root);
	sb.ops->release(&sb);
	assert_int_equal(stub_live_inodes, 0);
	assert_int_equal(stub_live_allocs, 0); /* every attribute was freed */
	return 0;
}

static ssize_t get(struct inode *i, const char *name, char *buf, size_t len)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};

	return sb.ops->getxattr(i, name, &b);
}

static int set(struct inode *i, const char *name, const char *value, int flags)
{
	return sb.ops->setxattr(i, name, value, strlen(value), flags);
}

static ssize_t list(struct inode *i, char *buf, size_t len)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};

	return sb.ops->listxattr(i, &b);
}

static void set_get_remove(void **state)
{
	char buf[16] = "";

	assert_int_equal(get(file, "user.a", buf, sizeof(buf)), -ENODATA);
	assert_int_equal(set(file, "user.a", "value", 0), 0);
	assert_int_equal(get(file, "user.a", NULL, 0), 5); /* the size query */
	assert_int_equal(get(file, "user.a", buf, 4), -ERANGE);
	assert_int_equal(get(file, "user.a", buf, 5), 5);
	assert_memory_equal(buf, "value", 5);
	assert_int_equal(set(file, "user.a", "", 0), 0); /* empty, not removed */
	assert_int_equal(get(file, "user.a", buf, sizeof(buf)), 0);
	assert_int_equal(sb.ops->removexattr(file, "user.a"), 0);
	assert_int_equal(sb.ops->removexattr(file, "user.a"), -ENODATA);
	assert_int_equal(get(file, "user.a", buf, sizeof(buf)), -ENODATA);
}

static void create_and_replace(void **state)
{
	char buf[4];

	assert_int_equal(set(file, "trusted.t", "1", XATTR_REPLACE), -ENODATA);
	assert_int_equal(set(file, "trusted.t", "1", XATTR_CREATE | XATTR_REPLACE), -ENODATA);
	assert_int_equal(set(file, "trusted.t", "1", XATTR_CREATE), 0);
	assert_int_equal(set(file, "trusted.t", "2", XATTR_CREATE), -EEXIST);
	assert_int_equal(set(file, "trusted.t", "2", XATTR_CREATE | XATTR_REPLACE), -EEXIST);
	assert_int_equal(set(file, "trusted.t", "3", XATTR_REPLACE), 0);
	assert_int_equal(get(file, "trusted.t", buf, sizeof(buf)), 1);
	assert_int_equal(buf[0], '3');
}

static void namespaces(void **state)
{
	char buf[4];

	assert_int_equal(set(file, "security.s", "x", 0), 0);
	assert_int_equal(set(file, "user.", "x", 0), -EINVAL);
	assert_int_equal(get(file, "trusted.", buf, sizeof(buf)), -EINVAL);
	assert_int_equal(set(file, "user", "x", 0), -EOPNOTSUPP);
	assert_int_equal(set(file, "system.foo", "x", 0), -EOPNOTSUPP);
	assert_int_equal(set(file, "system.posix_acl_access", "x", 0), -EOPNOTSUPP);
	assert_int_equal(get(file, "system.posix_acl_access", buf, sizeof(buf)), -ENODATA);
	assert_int_equal(get(file, "system.posix_acl_default", buf, sizeof(buf)), -ENODATA);
	assert_int_equal(sb.ops->removexattr(file, "os2.x"), -EOPNOTSUPP);
}

static void listing_order_and_range(void **state)
{
	static const char want[] = "user.b\0user.a\0trusted.z\0security.s";
	char buf[64];

	assert_int_equal(list(file, buf, sizeof(buf)), 0);
	assert_int_equal(set(file, "user.a", "1", 0), 0);
	assert_int_equal(set(file, "security.s", "1", 0), 0);
	assert_int_equal(set(file, "user.b", "1", 0), 0);
	assert_int_equal(set(file, "trusted.z", "1", 0), 0);
	assert_int_equal(list(file, NULL, 0), sizeof(want));
	assert_int_equal(list(file, buf, sizeof(want) - 1), -ERANGE);
	assert_int_equal(list(file, buf, sizeof(buf)), sizeof(want));
	assert_memory_equal(buf, want, sizeof(want)); /* descending, as Linux lists */
}

static void ctime_moves(void **state)
{
	struct vfs_stat before, after;

	assert_int_equal(stub_stat(file, &before), 0);
	stub_clock += 10;
	assert_int_equal(set(file, "user.a", "1", 0), 0);
	assert_int_equal(stub_stat(file, &after), 0);
	assert_int_equal(after.ctime.sec, before.ctime.sec + 10);
	assert_int_equal(after.mtime.sec, before.mtime.sec);
	stub_clock += 10;
	assert_int_equal(set(file, "user.a", "1", XATTR_CREATE), -EEXIST);
	assert_int_equal(stub_stat(file, &after), 0);
	assert_int_equal(after.ctime.sec, before.ctime.sec + 10); /* a refused set: no change */
}

static void out_of_memory(void **state)
{
	char buf[4];

	stub_fail_countdown = 1;
	assert_int_equal(set(file, "user.a", "1", 0), -ENOMEM);
	assert_int_equal(get(file, "user.a", buf, sizeof(buf)), -ENODATA);
}

static void freed_with_the_node(void **state)
{
	struct inode *d;

	assert_int_equal(sb.root->ops.dir->mkdir(sb.root, "d", 1, S_IFDIR | 0755, &d), 0);
	assert_int_equal(set(d, "user.dir", "on a directory", 0), 0);
	assert_int_equal(set(file, "user.big", "a value that is freed", 0), 0);
	assert_int_equal(sb.root->ops.dir->unlink(sb.root, "f", 1), 0);
	assert_int_equal(sb.root->ops.dir->rmdir(sb.root, "d", 1), 0);
	inode_put(d); /* evicted here; the file at teardown */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(set_get_remove),	    T(create_and_replace), T(namespaces),
		T(listing_order_and_range), T(ctime_moves),	   T(out_of_memory),
		T(freed_with_the_node),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
