/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * memfd: anonymous tmpfs files (memfd_create(2)) and their seals
 * (fcntl F_ADD_SEALS / F_GET_SEALS).  A memfd is an unnamed regular file of
 * an internal tmpfs instance; its inode's `seals` word carries MEMFD_INODE
 * and the F_SEAL_* bits, which the VFS dispatch wrappers and mmap consult
 * (kernel/ipc/memfd.c).
 */
#pragma once

#include <klib/types.h>
#include <linux/fcntl.h>
#include <kevlar_vfs/inode.h>

#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

#define MEMFD_INODE 0x80000000u /* in inode->seals: the inode is a memfd */
#define MEMFD_SEALS                                                                       \
	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | \
	 F_SEAL_EXEC)

struct inode;
struct file;
struct path_component;

/* A new unnamed regular file of `mode` on memfd's internal tmpfs, as a
 * detached component "/NAME" holding it (System V shared memory's
 * "/SYSV<key>"): new reference, or an ERR_PTR.  May sleep. */
struct path_component *memfd_anon_path(const char *name, uint32_t mode);

/* The F_SEAL_* bits of `i` (0 for a file that is no memfd). */
static inline unsigned memfd_seals(const struct inode *i)
{
	return __atomic_load_n(&i->seals, __ATOMIC_ACQUIRE) & MEMFD_SEALS;
}

/* `i` is a file of memfd's internal instance (a memfd or a System V
 * segment): it has no name, so /proc/PID/maps shows it "(deleted)". */
bool memfd_internal(const struct inode *i);

/* fcntl(F_ADD_SEALS / F_GET_SEALS) on `f`: the seals, 0, or -EINVAL (no
 * memfd, unknown seal), -EPERM (F_SEAL_SEAL set, or `f` not open for
 * writing), -EBUSY (F_SEAL_WRITE while a shared writable mapping exists). */
long memfd_fcntl(struct file *f, int cmd, unsigned arg);

/* A write of `len` bytes at `off` (the end with O_APPEND in `flags`) to
 * the sealed file `i`: the bytes it may write (F_SEAL_GROW stops it at the
 * end of the file, page by page as Linux's), or -EPERM.  A memfd with
 * seals only; may sleep. */
ssize_t memfd_write_allowed(struct inode *i, uint64_t off, size_t len, unsigned flags);
/* A change of the size of the sealed file `i` to `len`: 0 or -EPERM. */
int memfd_resize_allowed(struct inode *i, uint64_t len);
/* fallocate(2) of `i` in `mode` up to byte `end`: 0 or -EPERM (F_SEAL_GROW
 * past the end, even with FALLOC_FL_KEEP_SIZE; a hole punched in a
 * write-sealed file). */
int memfd_fallocate_allowed(struct inode *i, int mode, uint64_t end);
/* A chmod of the sealed file `i` to `mode`: 0 or -EPERM (F_SEAL_EXEC). */
int memfd_chmod_allowed(struct inode *i, uint32_t mode);
