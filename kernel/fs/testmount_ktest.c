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
	m->sb = kzalloc(sizeof(*m->sb));
	if (!m->sb)
		return -ENOMEM;
	m->sb->type = type;
	m->sb->service = vfs_fs_is_service(type);
	m->sb->dev_id = dev_id;
	err = svc_cap_mint(m->sb);
	if (!err)
		err = vfs_sb_mount(m->sb, fstype, data, len);
	if (err) {
		svc_cap_revoke(m->sb);
		kfree(m->sb);
		m->sb = NULL;
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
		if (!m->sb->released) {
			inode_put(m->sb->root);
			vfs_sb_release(m->sb);
		}
		svc_instance_free(m->sb);
		svc_cap_revoke(m->sb);
		kfree(m->sb);
	}
	m->sb = NULL;
	m->root = NULL;
}
