/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Mounting a filesystem by type name: a new service instance (struct
 * vfs_sb) with its own device number, filled by the type's mount(), then
 * attached at a directory or as the root.  A type on a block device keeps
 * one instance per device, numbered as the device (st_dev of /dev/loop0's
 * files is 7:0, as on Linux).  mount(2) and the boot code use
 * it.  Also the boot-time root: the initramfs module, with devfs, procfs
 * and tmpfs attached where the image has directories for them.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/mount.h>
#include <linux/stat.h>
#include <platform/boot.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/spinlock.h>
#include <kernel/blkdev.h>
#include <kernel/mutex.h>
#include <kernel/path.h>
#include <kernel/process.h>
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

/*
 * One instance per block device, as Linux keeps one superblock per
 * s_bdev: a second mount of a mounted device is a new mount of the same
 * instance.  `bdev_lock` (a mutex) makes a mount's "find it, else make
 * it" one step; `bdev_list_lock` (a spinlock, taken by nothing else)
 * guards the list, and an instance leaves it with its last mount under
 * that lock, so a mount that finds an instance there has a live one.  The
 * last unmount takes only the spinlock: it may come from a path_put
 * inside a service's mount, under bdev_lock.  A failed instance
 * (containment) is left to its mounts; the next mount makes a fresh one.
 */
struct bdev_inst {
	struct list_head link; /* bdev_insts */
	struct vfs_sb *sb;
	uint64_t rdev; /* the device (stat's st_rdev encoding) */
};

static LIST_HEAD(bdev_insts);
static struct mutex bdev_lock = MUTEX_INIT(bdev_lock, "bdev-sb");
static struct spinlock bdev_list_lock = SPINLOCK_INIT("bdev-sb-list", LOCK_RANK_NONE);

/* bdev_list_lock held */
static struct bdev_inst *bdev_inst_of(const struct vfs_sb *sb)
{
	struct bdev_inst *bi;

	list_for_each_entry (bi, &bdev_insts, link) {
		if (bi->sb == sb)
			return bi;
	}
	return NULL;
}

/* bdev_list_lock held */
static struct bdev_inst *bdev_inst_on(uint64_t rdev)
{
	struct bdev_inst *bi;

	list_for_each_entry (bi, &bdev_insts, link) {
		if (bi->rdev == rdev)
			return bi;
	}
	return NULL;
}

/* The device under the instance `sb` (a new reference), or NULL. */
static struct blkdev *bdev_of(struct vfs_sb *sb)
{
	struct bdev_inst *bi;
	uint64_t rdev = 0;
	irqflags_t f;

	if (!sb->type || !sb->type->requires_dev)
		return NULL;
	f = spin_lock_irqsave(&bdev_list_lock);
	bi = bdev_inst_of(sb);
	if (bi)
		rdev = bi->rdev;
	spin_unlock_irqrestore(&bdev_list_lock, f);
	return rdev ? blkdev_get_rdev(rdev) : NULL;
}

bool vfs_sb_bdev_read_only(struct vfs_sb *sb)
{
	struct blkdev *bd = bdev_of(sb);
	bool ro;

	if (!bd)
		return false;
	ro = blkdev_read_only(bd);
	blkdev_put(bd);
	return ro;
}

int vfs_sb_sync(struct vfs_sb *sb)
{
	struct blkdev *bd;
	int err;

	pcache_sync(sb); /* its files' dirty pages first */
	if (!sb->type || !sb->type->requires_dev)
		return 0;	     /* in memory: nothing to write */
	err = vfs_sync_fs(sb, true); /* then its journal: it writes blocks too */
	if (err)
		return err;
	bd = bdev_of(sb);
	if (!bd) {
		bcache_sync_all(); /* a file the service attached to a loop itself */
		return 0;
	}
	err = bcache_sync_dev(bd);
	blkdev_put(bd);
	return err;
}

/* Take a mount reference on up to `cap` disk instances, in list order
 * after the first `skip`: how many were taken; *total counts them all. */
static unsigned take_insts(struct vfs_sb **batch, unsigned cap, unsigned skip, unsigned *total)
{
	struct bdev_inst *bi;
	unsigned n = 0, k = 0;
	irqflags_t f = spin_lock_irqsave(&bdev_list_lock);

	list_for_each_entry (bi, &bdev_insts, link) {
		if (k++ < skip || n == cap)
			continue;
		__atomic_add_fetch(&bi->sb->mounts, 1, __ATOMIC_ACQ_REL);
		batch[n++] = bi->sb;
	}
	spin_unlock_irqrestore(&bdev_list_lock, f);
	*total = k;
	return n;
}

/* Sync (if `sync`) and let go of the references take_insts took. */
static void sync_insts(struct vfs_sb **batch, unsigned n, bool sync, bool wait)
{
	for (unsigned i = 0; i < n; i++) {
		if (sync)
			(void)vfs_sync_fs(batch[i], wait); /* an error is the next fsync's */
		vfs_sb_unmounted(batch[i]);		   /* the last one releases it */
	}
}

/*
 * Every disk instance mounted when the call starts, each kept mounted by a
 * reference of ours while it syncs.  They are taken all at once (an array
 * sized to the list), so an unmount meanwhile cannot shift one out of the
 * walk; without memory for the array, in batches of 16 by position (an
 * instance unmounted between batches may then make the walk skip one).
 */
void vfs_sync_all_fs(bool wait)
{
	struct vfs_sb *small[16], **all;
	unsigned n, total, skip = 0;

	n = take_insts(small, ARRAY_SIZE(small), 0, &total);
	while (total > n) { /* more than fit: an array for all of them */
		unsigned cap = total + 8;

		all = kmalloc(cap * sizeof(*all));
		if (!all)
			break;
		sync_insts(small, n, false, wait); /* only let go */
		n = take_insts(all, cap, 0, &total);
		if (total <= n) {
			sync_insts(all, n, true, wait);
			kfree(all);
			return;
		}
		sync_insts(all, n, false, wait);
		kfree(all);
		n = take_insts(small, ARRAY_SIZE(small), 0, &total);
	}
	for (;;) {
		sync_insts(small, n, true, wait);
		skip += n;
		if (skip >= total)
			return;
		n = take_insts(small, ARRAY_SIZE(small), skip, &total);
		if (!n)
			return;
	}
}

void vfs_sb_unmounted(struct vfs_sb *sb)
{
	struct bdev_inst *bi = NULL;
	irqflags_t f;
	bool last;

	if (!sb)
		return;
	if (sb->type && sb->type->requires_dev) {
		f = spin_lock_irqsave(&bdev_list_lock);
		last = !__atomic_sub_fetch(&sb->mounts, 1, __ATOMIC_ACQ_REL);
		if (last && (bi = bdev_inst_of(sb)) != NULL)
			list_del(&bi->link);
		spin_unlock_irqrestore(&bdev_list_lock, f);
		kfree(bi);
	} else {
		last = !__atomic_sub_fetch(&sb->mounts, 1, __ATOMIC_ACQ_REL);
	}
	if (!last || !sb->service)
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

/* The block device the path `source` names (stat's st_rdev), or 0 when it
 * names none (the service then reports the error, or attaches a regular
 * file to a loop device of its own). */
static uint64_t source_rdev(const char *source)
{
	struct path_component *root, *cwd;
	struct vfs_stat st;
	struct inode *ino;
	int err;

	process_fs_get(&root, &cwd);
	err = root && cwd ? vfs_lookup_inode(root, cwd, source, RESOLVE_FOLLOW, &ino) : -ENOENT;
	if (root)
		path_put(root);
	if (cwd)
		path_put(cwd);
	if (err)
		return 0;
	err = vfs_stat(ino, &st);
	inode_put(ino);
	return !err && S_ISBLK(st.mode) ? st.rdev : 0;
}

/* A new instance of `type`, filled by the service and attached at `at`
 * (NULL: as the root): 0 or -errno. */
static int mount_new(const struct fs_type *type, uint32_t dev_id, const char *source,
		     const void *data, size_t len, unsigned long flags, struct path_component *at,
		     struct vfs_sb **out)
{
	int err;
	struct vfs_sb *sb = vfs_sb_new(type, dev_id, &err);

	if (!sb)
		return err;
	/* the service opens its device read-only or not by it */
	sb->read_only = flags & MS_RDONLY;
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
	if (err) {
		vfs_sb_abandon(sb);
		return err;
	}
	*out = sb;
	return 0;
}

/* A type on a block device: the device's instance if it has one (Linux's
 * rules: another type on it, or another read-only state, is EBUSY), else
 * a new one whose st_dev is the device's number.  Asking to write to a
 * read-only device is EACCES (mount(8) and BusyBox then retry read-only). */
static int mount_bdev(const struct fs_type *type, uint64_t rdev, const char *source,
		      const void *data, size_t len, unsigned long flags, struct path_component *at)
{
	struct bdev_inst *bi, *found;
	struct blkdev *bd = blkdev_get_rdev(rdev);
	struct vfs_sb *sb;
	irqflags_t f;
	bool ro_dev;
	int err;

	if (!bd)
		return -ENXIO;
	ro_dev = blkdev_read_only(bd);
	blkdev_put(bd);
	if (ro_dev && !(flags & MS_RDONLY))
		return -EACCES;
	bi = kzalloc(sizeof(*bi));
	if (!bi)
		return -ENOMEM;
	mutex_lock(&bdev_lock);
	f = spin_lock_irqsave(&bdev_list_lock);
	found = bdev_inst_on(rdev);
	sb = found ? found->sb : NULL;
	if (sb && !READ_ONCE(sb->failed)) {
		vfs_sb_mounted(sb); /* held while it gets its new mount */
	} else if (found) {
		list_del(&found->link); /* failed: its mounts keep it */
		sb = NULL;
	}
	spin_unlock_irqrestore(&bdev_list_lock, f);
	if (found && !sb)
		kfree(found);
	if (sb) {
		if (sb->type != type || ((sb->flags ^ flags) & MS_RDONLY))
			err = -EBUSY;
		else
			err = vfs_mount_at(sb, at);
		vfs_sb_unmounted(sb);
		mutex_unlock(&bdev_lock);
		kfree(bi);
		return err;
	}
	err = mount_new(type, (uint32_t)rdev, source, data, len, flags, at, &sb);
	if (!err) {
		bi->sb = sb;
		bi->rdev = rdev;
		f = spin_lock_irqsave(&bdev_list_lock);
		list_add_tail(&bi->link, &bdev_insts);
		spin_unlock_irqrestore(&bdev_list_lock, f);
		bi = NULL;
	}
	mutex_unlock(&bdev_lock);
	kfree(bi);
	return err;
}

int vfs_mount(const char *fstype, const char *source, const void *data, size_t len,
	      unsigned long flags, struct path_component *at)
{
	const struct fs_type *type = vfs_find_fs(fstype);
	struct vfs_sb *sb;
	uint64_t rdev;

	if (!type || type->internal)
		return -ENODEV;
	if (type->requires_dev && source && (rdev = source_rdev(source)) != 0)
		return mount_bdev(type, rdev, source, data, len, flags, at);
	return mount_new(type, new_dev_id(), source, data, len, flags, at, &sb);
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
