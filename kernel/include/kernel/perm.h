/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Discretionary access control: may the caller read, write or execute
 * (search) an inode, by its owner, group and permission bits and the
 * capabilities that override them, as Linux decides (generic_permission).
 */
#pragma once

#include <kevlar_vfs/inode.h>
#include <kevlar_vfs/types.h>

/* The access wanted: the bits of access(2)'s X_OK, W_OK, R_OK. */
#define MAY_EXEC  1
#define MAY_WRITE 2
#define MAY_READ  4

/* 0 if the caller (its fsuid, fsgid, supplementary groups and effective
 * capabilities) may access a file described by `st` as `may` asks, else
 * -EACCES.  CAP_DAC_OVERRIDE grants reading and writing anything and
 * executing what has an execute bit (and searching any directory);
 * CAP_DAC_READ_SEARCH grants reading files and reading and searching
 * directories.  Read-only mounts are the caller's concern (-EROFS). */
int stat_permission(const struct vfs_stat *st, int may);
/* The same for an inode (stats it: -EIO from a failed service). */
int inode_permission(struct inode *i, int may);
/* procfs's own rule beside the mode bits (Linux's proc_fd_permission):
 * a process may always read and search its own /proc/<pid>/fd, which is
 * root's while it is not dumpable.  inode_permission() asks it after a
 * refusal; so does open(2). */
bool procfs_permits(const struct inode *i);
/* Whether the caller owns the file (fsuid is its uid) or holds
 * CAP_FOWNER: what chmod, utimes with explicit times, O_NOATIME and the
 * sticky bit ask. */
bool stat_owner_or_capable(const struct vfs_stat *st);
