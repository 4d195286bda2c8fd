/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal interfaces of kernel/fs. */
#pragma once

#include <kevlar_vfs/service.h>

/* The registered filesystem type called `name` (mount -t), or NULL. */
const struct fs_type *vfs_find_fs(const char *name);
/* The i-th registered filesystem type (registration order), or NULL past the last. */
const struct fs_type *vfs_fs_type(unsigned i);
/* `type` came from the image's service set (ring 2): its instances are
 * marked sb->service, and every call into them is contained. */
bool vfs_fs_is_service(const struct fs_type *type);

/* The kernel's own filesystem types (ring 1), registered by vfs_init()
 * before the image's services; their instances are never contained. */
extern const struct fs_type devfs_fs_type, devpts_fs_type, procfs_fs_type, sysfs_fs_type;

/*
 * The crossings that concern a whole instance (dispatch.c), each written
 * with SVC_CALL like every other call into a service:
 * vfs_sb_mount()   the type's mount() fills a new instance `sb` (sb->type
 *                  and sb->service set): 0 or -errno, -EIO if it faulted;
 * vfs_sb_release() unmount: the service frees the instance (its root's
 *                  reference already dropped);
 * vfs_evict()      the last reference to `i` is gone (inode_put): the
 *                  service frees its private state; the caller frees `i`.
 */
int vfs_sb_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len);
/* mount.c: a mount of `sb` was made, or one is gone; with the last one
 * of a service's instance nothing in it is reachable any more: its root's
 * reference goes, the service releases it (vfs_sb_release; a failed
 * instance's memory is given back instead), and `released` is set.  The
 * vfs_sb itself stays while inodes the kernel let go of late point to it:
 * each inode holds it (sb->holds), and so does the instance until it is
 * released; the last hold frees it, its accounting and its token. */
void vfs_sb_mounted(struct vfs_sb *sb);
void vfs_sb_unmounted(struct vfs_sb *sb);
/* mount.c: a new instance record of `type` with its token, holding one
 * hold for the instance, or NULL (-ENOMEM in *err, or the mint's error) */
struct vfs_sb *vfs_sb_new(const struct fs_type *type, uint32_t dev_id, int *err);
/* The instance is over: its root's reference goes, the service releases
 * it, and the instance's hold goes (a failed mount: the root is NULL). */
void vfs_sb_abandon(struct vfs_sb *sb);
void vfs_sb_hold(struct vfs_sb *sb);
void vfs_sb_put(struct vfs_sb *sb);
/* Self-tests: instance records made by vfs_sb_new and not yet freed */
long vfs_sb_live(void);
void vfs_sb_release(struct vfs_sb *sb);
void vfs_evict(struct inode *i);
/* service_api.c: free `i`, its references all gone and its evict done */
void inode_free(struct inode *i);

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

/* service_bio.c: close every block device (and drop every buffer) the
 * instance `sb` still has open: a failed instance's, at its release. */
void svc_bio_release(struct vfs_sb *sb);
