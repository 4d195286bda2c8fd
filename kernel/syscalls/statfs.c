/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * statfs(2) and fstatfs(2).  The kernel starts from what Linux reports for
 * a filesystem kept in memory (tmpfs's magic, 4 KiB blocks, half the RAM's
 * pages as blocks and as inodes, all free), lets the instance adjust it
 * (vfs_statfs: a service's statfs slot, or ring 1's for devfs, proc and
 * pipes), then adds what belongs to the mount: f_flags from its mount
 * flags, f_fsid from its device number, f_namelen 255.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/magic.h>
#include <linux/mount.h>
#include <asm/statfs.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "sys.h"

/* The f_flags bits (Linux's ST_*, from libc's sys/statvfs.h). */
#define ST_RDONLY      0x0001
#define ST_NOSUID      0x0002
#define ST_NODEV       0x0004
#define ST_NOEXEC      0x0008
#define ST_SYNCHRONOUS 0x0010
#define ST_VALID       0x0020 /* f_flags is filled in */
#define ST_MANDLOCK    0x0040
#define ST_NOATIME     0x0400
#define ST_NODIRATIME  0x0800
#define ST_RELATIME    0x1000

static uint64_t st_flags(const struct vfs_sb *sb)
{
	static const struct {
		unsigned long ms;
		uint64_t st;
	} map[] = {
		{MS_NOSUID, ST_NOSUID},		{MS_NODEV, ST_NODEV},
		{MS_NOEXEC, ST_NOEXEC},		{MS_SYNCHRONOUS, ST_SYNCHRONOUS},
		{MS_MANDLOCK, ST_MANDLOCK},	{MS_NOATIME, ST_NOATIME},
		{MS_NODIRATIME, ST_NODIRATIME}, {MS_RELATIME, ST_RELATIME},
	};
	uint64_t f = ST_VALID;

	if (!sb)
		return f; /* a kernel object: Linux's internal mounts show only ST_VALID */
	if (sb->read_only)
		f |= ST_RDONLY;
	for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
		if (sb->flags & map[i].ms)
			f |= map[i].st;
	}
	return f;
}

static long do_statfs(struct vfs_sb *sb, uint64_t ubuf)
{
	struct pmm_stats mem;
	struct vfs_statfs v;
	struct statfs s;
	long err;

	pmm_stats(&mem);
	v = (struct vfs_statfs){.magic = TMPFS_MAGIC, .bsize = PAGE_SIZE};
	v.blocks = v.bfree = v.bavail = mem.total_pages / 2;
	v.files = v.ffree = mem.total_pages / 2;
	err = vfs_statfs(sb, &v);
	if (err)
		return err;
	memset(&s, 0, sizeof(s));
	s.f_type = (long)v.magic;
	s.f_bsize = v.bsize;
	s.f_frsize = v.bsize;
	s.f_blocks = v.blocks;
	s.f_bfree = v.bfree;
	s.f_bavail = v.bavail;
	s.f_files = v.files;
	s.f_ffree = v.ffree;
	s.f_fsid.val[0] = sb ? (int)sb->dev_id : 0;
	s.f_namelen = 255;
	s.f_flags = (long)st_flags(sb);
	return copy_to_user(uptr(ubuf), &s, sizeof(s)) ? -EFAULT : 0;
}

/* statfs(path, buf) */
long sys_statfs(const struct syscall_args *a)
{
	struct path_component *pc;
	long err = resolve_at(AT_FDCWD, a->arg[0], RESOLVE_FOLLOW, false, &pc);

	if (err)
		return err;
	err = do_statfs(pc->inode->sb, a->arg[1]);
	path_put(pc);
	return err;
}

/* fstatfs(fd, buf) */
long sys_fstatfs(const struct syscall_args *a)
{
	struct file *f = get_file((int)a->arg[0]);
	long err;

	if (!f)
		return -EBADF;
	err = do_statfs(f->inode->sb, a->arg[1]);
	file_put(f);
	return err;
}
