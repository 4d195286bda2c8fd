/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Discretionary access control of path and file operations, built on
 * stat_permission() (kernel/perm.h): the questions the path walk, open,
 * exec and the directory mutations ask before they act, in the order
 * Linux asks them.  Every function answers for the calling process and
 * may sleep (it stats inodes through their services).
 */
#pragma once

#include <kevlar_vfs/inode.h>
#include <kevlar_vfs/types.h>

/* Whether the caller searches every directory without asking
 * (CAP_DAC_READ_SEARCH or CAP_DAC_OVERRIDE): the walk's fast path. */
bool dac_search_all(void);

/* May the caller look up names in the directory `dir` (search, MAY_EXEC)?
 * 0, -EACCES or a failed stat's error. */
int dac_may_search(struct inode *dir);

/* May the caller make the new name `name` in `dir`: -EEXIST when it is
 * taken (checked first, as Linux), then write and search permission on
 * dir (-EACCES). */
int dac_may_create(struct inode *dir, const char *name, size_t len);

/* May the caller remove (or rename away) `name` from `dir`: -ENOENT when
 * there is no such name, -EACCES without write and search permission on
 * dir, -EPERM when dir is sticky and the caller owns neither dir nor the
 * file and lacks CAP_FOWNER.  A caller holding CAP_DAC_OVERRIDE and
 * CAP_FOWNER is not asked (the service reports a missing name). */
int dac_may_delete(struct inode *dir, const char *name, size_t len);

/* open(2)'s check of an existing file `st` for O_* `flags` (not O_PATH):
 * -EISDIR for a directory opened for writing (O_TRUNC counts), -EACCES
 * without read/write permission by O_ACCMODE and O_TRUNC, -EPERM for
 * O_NOATIME on a file the caller does not own without CAP_FOWNER. */
int dac_may_open(const struct vfs_stat *st, unsigned flags);

/* link(2) of `target`, which the caller may not own: Linux's
 * protected_hardlinks=1 (the host's setting): 0 if the caller owns it,
 * holds CAP_FOWNER, or it is a regular file, neither setuid nor
 * executable-setgid, that it may read and write; else -EPERM.
 * protected_symlinks, protected_regular and protected_fifos are 0 on the
 * reference host: following links and O_CREAT in sticky directories
 * have no extra rules. */
int dac_may_link(struct inode *target);

/* May the caller rename `oldname` in olddir to `newname` in newdir (swap
 * them with `exchange`): nothing to check for two names of one inode,
 * else dac_may_delete() of the old name, of the new one if it exists (or
 * create permission in newdir), and write permission on a directory that
 * moves to a new parent (its ".." changes).  -ENOENT, -EACCES, -EPERM. */
int dac_may_rename(struct inode *olddir, const char *oldname, size_t oldlen, struct inode *newdir,
		   const char *newname, size_t newlen, bool exchange);

/* O_TMPFILE in `dir`: write and search permission on it (-EACCES). */
int dac_may_tmpfile(struct inode *dir);

/* access(2) without AT_EACCESS checks as the real ids: until
 * dac_real_ids_end(), the calling thread's fsuid and fsgid are its real
 * uid and gid, and its effective capabilities are its permitted ones if
 * the real uid is 0, else none (Linux's override for access).  Only the
 * caller's own checks see the override (kernel/cred.h).  0 or -ENOMEM
 * (then no end is due). */
struct cred;
struct dac_saved_ids {
	const struct cred *old; /* the credential to go back to, NULL: none */
};
int dac_real_ids_begin(struct dac_saved_ids *s);
void dac_real_ids_end(const struct dac_saved_ids *s);
