/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * For the filesystem self-tests: an instance of a registered filesystem
 * type on a private root (outside the mount table), and its teardown.
 */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "contain.h"
#include "fs.h"
#include "svc_cap.h"

int test_mount(struct test_mount *m, const char *fstype, uint32_t dev_id, const void *data,
	       size_t len)
{
	const struct fs_type *type = vfs_find_fs(fstype);
	int err;

	m->sb = NULL;
	m->root = NULL;
	if (!type)
		return -ENODEV;
	m->sb = vfs_sb_new(type, dev_id, &err);
	if (!m->sb)
		return err;
	vfs_sb_hold(m->sb); /* the test's: m->sb stays readable until test_unmount */
	err = vfs_sb_mount(m->sb, fstype, data, len);
	if (err) {
		test_unmount(m);
		return err;
	}
	m->root = vfs_new_root(m->sb);
	return m->root ? 0 : -ENOMEM;
}

void test_unmount(struct test_mount *m)
{
	if (m->root)
		path_put(m->root); /* a service's instance: its release, with its last mount */
	if (m->sb) {
		if (!m->sb->released || !m->sb->service)
			vfs_sb_abandon(m->sb); /* never mounted, or a ring-1 kind's */
		vfs_sb_put(m->sb);
	}
	m->sb = NULL;
	m->root = NULL;
}
