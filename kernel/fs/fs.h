/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal interfaces of kernel/fs. */
#pragma once

#include <kevlar_vfs/service.h>

/* The registered filesystem type called `name` (mount -t), or NULL. */
const struct fs_type *vfs_find_fs(const char *name);
/* The i-th registered filesystem type (registration order), or NULL past the last. */
const struct fs_type *vfs_fs_type(unsigned i);
/* Whether `type` came from the image's service set (ring 2). */
bool vfs_type_is_service(const struct fs_type *type);

struct path_component;
/* Self-tests (testmount_ktest.c): an instance of `fstype` mounted on a
 * private root, outside the mount table; 0 or the mount's error. */
struct test_mount {
	struct vfs_sb *sb;
	struct path_component *root;
};
int test_mount(struct test_mount *m, const char *fstype, uint32_t dev_id, const void *data,
	       size_t len);
void test_unmount(struct test_mount *m);

/* The character device numbered `rdev` (st_rdev's encoding), for opening a
 * device node on another filesystem: a new reference to an inode outside
 * any mount, -ENXIO when no driver has that number, or -ENOMEM. */
int devfs_chrdev(uint64_t rdev, struct inode **out);
