/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Booting from a disk: root= on the command line.  Kevlar's own image is
 * not a Debian initramfs (its /init knows nothing of root=), so the kernel
 * hands over itself, the way Debian's initramfs-tools does it from its
 * /init and Linux's prepare_namespace() without an initramfs:
 *  1. wait for the device: rootdelay=N seconds first; then it must be
 *     there at once, or within N seconds with rootwait=N, or whenever it
 *     comes with a bare rootwait;
 *  2. mount it on /root of the initramfs, read-only unless "rw" (Linux's
 *     default), as rootfstype= (a list allowed) or else as each disk type
 *     in turn;
 *  3. move /dev, /proc and /sys into it where it has those directories
 *     (initramfs-tools moves /dev, /proc, /sys and /run); the tmpfs the
 *     kernel put on /tmp is unmounted (the disk's /tmp, or its fstab's,
 *     is the system's);
 *  4. move it over "/" and make it the root of init and of every later
 *     fs context (switch_root's MS_MOVE and chroot).
 * The caller then runs init= or the first of /sbin/init, /etc/init,
 * /bin/init and /bin/sh, as Linux.  A device that never comes, or one no
 * type mounts, is a panic with the devices there are listed (Linux's
 * "VFS: Unable to mount root fs"), which powers the machine off with a
 * failing status.  Without root= nothing here runs.
 */
#include <klib/cmdline.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/mount.h>
#include <platform/log.h>
#include <platform/panic.h>
#include <platform/time.h>
#include <kernel/blkdev.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include <kernel/waitqueue.h>
#include "fs.h"

#define POLL_NS	  (100ull * 1000 * 1000)
#define SPEC_MAX  128
#define TYPES_MAX 128

static void sleep_ns(uint64_t ns)
{
	uint64_t deadline = time_ns() + ns;

	while (sleep_signalable(deadline) != -ETIMEDOUT)
		; /* a kernel thread takes no signals; wait out the time */
}

static int show_device(const struct blk_info *info, void *ctx)
{
	(void)ctx;
	if (!info->sectors)
		return 0; /* an unbound loop device */
	pr_err("%u:%u %12llu %s%s\n", info->major, info->minor,
	       (unsigned long long)(info->sectors / 2), info->name,
	       info->partition ? "" : " (disk)");
	return 0;
}

static __noreturn void no_root(const char *spec, const char *why, int err)
{
	pr_err("VFS: Cannot open root device \"%s\": %s (error %d)\n", spec, why, -err);
	pr_err("Please append a correct \"root=\" boot option; here are the available "
	       "partitions:\n");
	blk_for_each(show_device, NULL);
	panic("VFS: Unable to mount root fs \"%s\"", spec);
}

/* Step 1: the device, waited for as the command line asks. */
static void find_device(const char *cmd, const char *spec, char *name, size_t size, uint64_t *rdev)
{
	unsigned long long delay = 0, wait = 0;
	bool forever = cmdline_has(cmd, "rootwait") && cmdline_get_ull(cmd, "rootwait", &wait);
	bool said = false;
	uint64_t deadline;
	int err;

	if (!cmdline_get_ull(cmd, "rootdelay", &delay) && delay) {
		pr_info("Waiting %llu sec before mounting root device...\n", delay);
		sleep_ns(delay * 1000000000ull);
	}
	deadline = time_ns() + wait * 1000000000ull;
	while ((err = blk_find_root(spec, name, size, rdev)) == -ENODEV &&
	       (forever || time_ns() < deadline)) {
		if (!said)
			pr_info("Waiting for root device %s...\n", spec);
		said = true;
		sleep_ns(POLL_NS);
	}
	if (err)
		no_root(spec, err == -EINVAL ? "bad specification" : "no such device", err);
}

/* Step 2: as one type of rootfstype=, or as each disk type. */
static int mount_device(const char *cmd, const char *dev, unsigned long flags,
			struct path_component *at, char *type, size_t size)
{
	char types[TYPES_MAX];
	const struct fs_type *t;
	int err = -ENODEV;

	if (cmdline_get(cmd, "rootfstype", types, sizeof(types)) > 0) {
		for (char *p = types, *next; p && *p; p = next) {
			next = strchr(p, ',');
			if (next)
				*next++ = '\0';
			err = vfs_mount(p, dev, NULL, 0, flags, at);
			if (!err) {
				strlcpy(type, p, size);
				return 0;
			}
		}
		return err;
	}
	for (unsigned i = 0; (t = vfs_fs_type(i)) != NULL; i++) {
		if (!t->requires_dev)
			continue;
		err = vfs_mount(t->name, dev, NULL, 0, flags, at);
		if (!err) {
			strlcpy(type, t->name, size);
			return 0;
		}
	}
	return err;
}

static struct path_component *resolve(const char *path)
{
	struct path_component *root = vfs_root(), *pc = NULL;

	if (root && vfs_resolve(root, root, path, RESOLVE_FOLLOW | RESOLVE_DIR, &pc))
		pc = NULL;
	if (root)
		path_put(root);
	return pc;
}

/* Step 3: the kernel's mount on `dir` moves to the new root's `dir`. */
static void move_into(const char *dir)
{
	char target[32] = "/root";
	struct path_component *src = resolve(dir), *at;
	int err = -ENOENT;

	strlcpy(target + 5, dir, sizeof(target) - 5);
	at = resolve(target);
	if (src && at && src->mnt && src->inode == src->mnt->root)
		err = vfs_move_mount(src, at);
	if (err && src && at)
		pr_warn("root: cannot move %s into the new root: error %d\n", dir, -err);
	if (src)
		path_put(src);
	if (at)
		path_put(at);
}

void vfs_boot_disk_root(const char *cmd)
{
	char spec[SPEC_MAX], name[BLK_NAME + 16] = "/dev/", type[32];
	unsigned long flags = cmdline_has(cmd, "rw") ? 0 : MS_RDONLY;
	struct path_component *at, *top;
	uint64_t rdev;
	int err;

	if (cmdline_get(cmd, "root", spec, sizeof(spec)) <= 0)
		return;
	find_device(cmd, spec, name + 5, sizeof(name) - 5, &rdev);
	at = resolve("/root");
	if (!at)
		no_root(spec, "the initramfs has no /root to mount it on", -ENOENT);
	err = mount_device(cmd, name, flags, at, type, sizeof(type));
	path_put(at);
	if (err)
		no_root(spec, "no filesystem type mounts it", err);
	top = resolve("/root");
	/* as the instance is: a service that cannot write mounts read-only */
	pr_info("VFS: Mounted root (%s filesystem) %s on device %u:%u.\n", type,
		top && top->mnt && !top->mnt->sb->read_only ? "read-write" : "readonly",
		(unsigned)(rdev >> 8) & 0xfff,
		(unsigned)((rdev & 0xff) | ((rdev >> 12) & ~0xffull)));
	if (top)
		path_put(top);
	move_into("/dev");
	move_into("/proc");
	move_into("/sys");
	at = resolve("/tmp");
	if (at && at->mnt && at->inode == at->mnt->root && vfs_unmount(at, true))
		pr_warn("root: cannot unmount the initramfs's /tmp\n");
	if (at)
		path_put(at);
	top = resolve("/root");
	err = top ? vfs_switch_root(top) : -ENOENT;
	if (top)
		path_put(top);
	if (err)
		no_root(spec, "cannot make it the root", err);
}
