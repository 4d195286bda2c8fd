/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Extended attribute names, for services that implement the xattr slots
 * of vfs_sb_ops (service.h): Linux's namespaces and how a filesystem that
 * keeps them answers a name.  user.*, trusted.* and security.* are the
 * namespaces a tmpfs-like filesystem keeps; a bare prefix ("user.") is
 * EINVAL; the POSIX ACL names (system.posix_acl_access and _default) are
 * known but never stored here, so they read as absent; anything else is
 * EOPNOTSUPP.
 */
#pragma once

#include <klib/errno.h>
#include <klib/string.h>
#include <linux/xattr.h>
#include <kevlar_vfs/inode.h>

/* 0 for a name in a namespace that is kept, else -EINVAL or -EOPNOTSUPP
 * (the POSIX ACL names: -EOPNOTSUPP too; see vfs_xattr_is_acl). */
static inline int vfs_xattr_check(const char *name)
{
	static const char *const kept[] = {XATTR_USER_PREFIX, XATTR_TRUSTED_PREFIX,
					   XATTR_SECURITY_PREFIX};

	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		size_t n = strlen(kept[i]);

		if (!strncmp(name, kept[i], n))
			return name[n] ? 0 : -EINVAL;
	}
	return -EOPNOTSUPP;
}

static inline bool vfs_xattr_is_acl(const char *name)
{
	return !strcmp(name, XATTR_SYSTEM_PREFIX "posix_acl_access") ||
	       !strcmp(name, XATTR_SYSTEM_PREFIX "posix_acl_default");
}

/* getxattr for a filesystem that keeps the namespaces but holds no
 * attributes (a read-only image, a device directory): -ENODATA for every
 * name it would keep, else the name's error. */
static inline ssize_t vfs_xattr_get_none(struct inode *ino, const char *name, struct iobuf *buf)
{
	int err = vfs_xattr_check(name);

	return err && !vfs_xattr_is_acl(name) ? err : -ENODATA;
}
