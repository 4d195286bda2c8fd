/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Attribute changes with Linux's rules (setattr_prepare, chown_ok,
 * should_remove_suid): who may chmod, chown, set times and truncate, and
 * the set-user-id and set-group-id bits a change or a write takes away.
 */
#pragma once

#include <kevlar_vfs/inode.h>
#include <kevlar_vfs/types.h>

/* Why the attributes change: each asks a different question. */
enum attr_why {
	ATTR_CHMOD,	/* sa->mode: the owner or CAP_FOWNER */
	ATTR_CHOWN,	/* sa->uid/gid (VFS_SET_UID/GID): CAP_CHOWN, or the owner */
	ATTR_TIMES_SET, /* explicit times: the owner or CAP_FOWNER */
	ATTR_TIMES_NOW, /* "now" for both: the owner or write permission */
	ATTR_TRUNCATE,	/* truncate(2) by path: write permission */
};

/* Check the caller may make the change `sa` describes to `i`, adjust it
 * as Linux does (chmod drops S_ISGID for a caller outside the group;
 * chown clears S_ISUID and S_ISGID-with-group-exec of a non-directory
 * and always changes ctime; a truncate clears them for a caller without
 * CAP_FSETID), then make it.  0, -EPERM, -EACCES or the service's error. */
int __must_check attr_change(struct inode *i, struct vfs_setattr *sa, enum attr_why why);

/* Before a write, a truncate or an fallocate of `i` by the caller: clear
 * S_ISUID, and S_ISGID when group-exec is set, unless the caller holds
 * CAP_FSETID (Linux's file_remove_privs).  0 or the service's error. */
int __must_check attr_kill_priv(struct inode *i);

/* May the caller read (get) or, with `write`, set or remove the extended
 * attribute `name` of `i`?  Linux's namespace rules (xattr_permission and
 * the capability hooks): trusted.* needs CAP_SYS_ADMIN (-EPERM to write,
 * -ENODATA to read); security.* writes need CAP_SYS_ADMIN
 * (security.capability CAP_SETFCAP) and reads are free, as system.* is;
 * user.* lives only on regular files and directories (-EPERM to write,
 * -ENODATA to read elsewhere) and a sticky directory's only changes for
 * its owner or CAP_FOWNER (-EPERM); everything but security.*, system.*
 * and trusted.* needs read or write permission on the file (-EACCES). */
int xattr_permission(struct inode *i, const char *name, bool write);

/* Whether listxattr shows the caller `name` (trusted.* only to
 * CAP_SYS_ADMIN). */
bool xattr_listable(const char *name);
