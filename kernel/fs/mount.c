/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Mounting a filesystem by type name: a new service instance (struct
 * vfs_sb) with its own device number, filled by the type's mount(), then
 * attached at a directory or as the root.  mount(2) and the boot code use
 * it.  Also the boot-time root: the initramfs module, with devfs, procfs
 * and tmpfs attached where the image has directories for them.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/mount.h>
#include <platform/boot.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include <kernel/pagecache.h>
#include "contain.h"
#include "fs.h"
#include "svc_cap.h"

/* Anonymous device numbers as Linux gives tmpfs/proc: major 0, minor n. */
static uint32_t next_dev_minor = 17; /* 16 is anonymous inodes' (anon.c), 8 sockets' */

unsigned long vfs_mount_flags(unsigned long flags)
{
	unsigned long kept =
		flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_SYNCHRONOUS |
			 MS_MANDLOCK | MS_DIRSYNC | MS_NOATIME | MS_NODIRATIME | MS_LAZYTIME);

	if (!(flags & MS_NOATIME))
		kept |= MS_RELATIME;
	if (flags & MS_STRICTATIME)
		kept &= ~(MS_RELATIME | MS_NOATIME);
	return kept;
}

void vfs_sb_mounted(struct vfs_sb *sb)
{
	__atomic_add_fetch(&sb->mounts, 1, __ATOMIC_RELAXED);
}

void vfs_sb_unmounted(struct vfs_sb *sb)
{
	if (!sb || __atomic_sub_fetch(&sb->mounts, 1, __ATOMIC_ACQ_REL) || !sb->service)
		return;
	vfs_sb_abandon(sb);
}

void vfs_sb_abandon(struct vfs_sb *sb)
{
	WRITE_ONCE(sb->released, true);
	pcache_sync(sb); /* its files' dirty pages, before its release */
	if (sb->root) {
		inode_put(sb->root);
		vfs_sb_release(sb); /* not entered if it failed */
	}
	if (READ_ONCE(sb->failed))
		svc_bio_release(sb); /* its devices and buffers */
	svc_instance_unmounted(sb);
	vfs_sb_put(sb);
}

static long live_sbs; /* atomic */

long vfs_sb_live(void)
{
	return __atomic_load_n(&live_sbs, __ATOMIC_RELAXED);
}

struct vfs_sb *vfs_sb_new(const struct fs_type *type, uint32_t dev_id, int *err)
{
	struct vfs_sb *sb = kzalloc(sizeof(*sb));

	*err = -ENOMEM;
	if (!sb)
		return NULL;
	sb->type = type;
	sb->service = vfs_fs_is_service(type);
	sb->dev_id = dev_id;
	sb->holds = 1;
	*err = svc_cap_mint(sb); /* the service's token, for every call it makes */
	if (*err) {
		kfree(sb);
		return NULL;
	}
	__atomic_add_fetch(&live_sbs, 1, __ATOMIC_RELAXED);
	return sb;
}

void vfs_sb_hold(struct vfs_sb *sb)
{
	__atomic_add_fetch(&sb->holds, 1, __ATOMIC_RELAXED);
}

void vfs_sb_put(struct vfs_sb *sb)
{
	if (__atomic_sub_fetch(&sb->holds, 1, __ATOMIC_ACQ_REL))
		return;
	/* Only a released instance's last hold frees it; a record the
	 * kernel made otherwise (a ring-1 kind's, a self-test's built by
	 * hand) has no instance hold and stays its maker's. */
	if (!READ_ONCE(sb->released))
		return;
	svc_bio_release(sb); /* what a service left open */
	svc_instance_free(sb);
	svc_cap_revoke(sb);
	kfree(sb);
	__atomic_sub_fetch(&live_sbs, 1, __ATOMIC_RELAXED);
}

static uint32_t new_dev_id(void)
{
	return __atomic_fetch_add(&next_dev_minor, 1, __ATOMIC_RELAXED);
}

struct vfs_sb *vfs_kern_mount(const char *fstype)
{
	const struct fs_type *type = vfs_find_fs(fstype);
	struct vfs_sb *sb;
	int err;

	if (!type)
		return ERR_PTR(-ENODEV);
	sb = vfs_sb_new(type, new_dev_id(), &err);
	if (!sb)
		return ERR_PTR(err);
	err = vfs_sb_mount(sb, fstype, NULL, 0);
	if (err) {
		vfs_sb_abandon(sb);
		return ERR_PTR(err);
	}
	sb->flags = vfs_mount_flags(0);
	strlcpy(sb->source, fstype, sizeof(sb->source));
	return sb;
}

int vfs_mount(const char *fstype, const char *source, const void *data, size_t len,
	      unsigned long flags, struct path_component *at)
{
	const struct fs_type *type = vfs_find_fs(fstype);
	struct vfs_sb *sb;
	int err;

	if (!type)
		return -ENODEV;
	sb = vfs_sb_new(type, new_dev_id(), &err);
	if (!sb)
		return err;
	err = vfs_sb_mount(sb, source, data, len);
	if (err) {
		vfs_sb_abandon(sb);
		return err;
	}
	if (flags & MS_RDONLY)
		sb->read_only = true;
	sb->flags = vfs_mount_flags(flags);
	strlcpy(sb->source, source ? source : "none", sizeof(sb->source));
	err = vfs_mount_at(sb, at);
	if (err)
		vfs_sb_abandon(sb);
	return err;
}

static void mount_if_dir(const char *fstype, const char *where)
{
	struct path_component *root = vfs_root(), *at = NULL;
	int err = vfs_resolve(root, root, where, RESOLVE_FOLLOW | RESOLVE_DIR, &at);

	if (!err) {
		err = vfs_mount(fstype, fstype, NULL, 0, 0, at);
		path_put(at);
	}
	if (err && err != -ENOENT)
		pr_warn("vfs: cannot mount %s on %s: error %d\n", fstype, where, -err);
	path_put(root);
}

int vfs_mount_boot_root(void)
{
	const void *data;
	size_t len;
	int err;

	if (!boot_module(0, &data, &len))
		return -ENOENT;
	/* an internal mount, as Linux's rootfs: no atime flag shown */
	err = vfs_mount("rootfs", "rootfs", data, len, MS_STRICTATIME, NULL);
	if (err) {
		pr_err("vfs: the initramfs module (%zu bytes) does not mount: error %d\n", len,
		       -err);
		return err;
	}
	mount_if_dir("devtmpfs", "/dev");
	mount_if_dir("devpts", "/dev/pts");
	mount_if_dir("tmpfs", "/dev/shm");
	mount_if_dir("proc", "/proc");
	mount_if_dir("sysfs", "/sys");
	mount_if_dir("tmpfs", "/tmp");
	return 0;
}
