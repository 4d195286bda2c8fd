/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Administration calls whose function Kevlar does not have, with Linux's
 * permission checks and argument errors: swapon/swapoff (CAP_SYS_ADMIN;
 * there is no swap, so no file is a usable swap area: EINVAL), acct
 * (CAP_SYS_PACCT; accounting is accepted but no records are written) and
 * vhangup (CAP_SYS_TTY_CONFIG; the hangup itself is not done, so a
 * program such as login that reopens its terminal afterwards goes on).
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/path.h>
#include <kernel/vfs.h>
#include "sys.h"

/* swapon's flags (Linux's SWAP_FLAG_*: priority mask, prefer, discard
 * and its two policies; not in the UAPI headers) */
#define SWAP_FLAGS_VALID 0x7ffff

/* The file a swap or accounting call names, as opening it for writing
 * finds it: -EISDIR for a directory, -ENOENT, -EFAULT..., else 0 and
 * its mode. */
static long named_file(uint64_t upath, uint32_t *mode)
{
	struct path_component *pc;
	struct vfs_stat st;
	long err = resolve_at(AT_FDCWD, upath, RESOLVE_FOLLOW, false, &pc);

	if (err)
		return err;
	err = vfs_stat(pc->inode, &st);
	path_put(pc);
	if (err)
		return err;
	*mode = st.mode;
	return S_ISDIR(st.mode) ? -EISDIR : 0;
}

long sys_swapon(const struct syscall_args *a)
{
	uint32_t mode;
	long err;

	if (a->arg[1] & ~(uint64_t)SWAP_FLAGS_VALID)
		return -EINVAL;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = named_file(a->arg[0], &mode);
	return err ? err : -EINVAL; /* no swap-space signature Kevlar can use */
}

long sys_swapoff(const struct syscall_args *a)
{
	uint32_t mode;
	long err;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	err = named_file(a->arg[0], &mode);
	return err ? err : -EINVAL; /* not a swap area in use */
}

/* acct(path): NULL turns accounting off; a path must be a regular file. */
long sys_acct(const struct syscall_args *a)
{
	uint32_t mode;
	long err;

	if (!capable(CAP_SYS_PACCT))
		return -EPERM;
	if (!a->arg[0])
		return 0;
	err = named_file(a->arg[0], &mode);
	if (err)
		return err;
	return S_ISREG(mode) ? 0 : -EACCES;
}

long sys_vhangup(const struct syscall_args *a)
{
	(void)a;
	return capable(CAP_SYS_TTY_CONFIG) ? 0 : -EPERM;
}
