/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_tmpfs: extended attributes, as Linux's tmpfs keeps them: the
 * user.*, trusted.* and security.* namespaces, any value up to the 64 KiB
 * the kernel allows, on every kind of node (the kernel refuses user.* on
 * anything but regular files and directories before asking).  Each node
 * keeps its attributes on a singly linked list in descending name order,
 * the order Linux's listxattr shows them in.  system.posix_acl_access and
 * system.posix_acl_default read as absent (no ACLs are stored; setting one
 * is refused with EOPNOTSUPP); other namespaces give EOPNOTSUPP, a bare
 * prefix ("user.") EINVAL.
 *
 * Locking: a node's list is guarded by F (node.h), held across the copies
 * to and from the caller's buffer as D is for file data.  Setting or
 * removing an attribute moves the node's ctime.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/xattr.h>
#include <kevlar_vfs/xattr.h>
#include "node.h"

struct tmpfs_xattr {
	struct tmpfs_xattr *next; /* F */
	size_t nlen;		  /* name length without the NUL */
	size_t size;		  /* value length */
	char *value;		  /* right after the name's NUL */
	char name[];
};

/* The link that points at `name`'s entry, or at the entry it would be
 * inserted before (F held). */
static struct tmpfs_xattr **find(struct tmpfs_node *n, const char *name)
{
	struct tmpfs_xattr **pp = &n->xattrs;

	while (*pp && strcmp((*pp)->name, name) > 0)
		pp = &(*pp)->next;
	return pp;
}

static bool found(struct tmpfs_xattr *const *pp, const char *name)
{
	return *pp && !strcmp((*pp)->name, name);
}

ssize_t tmpfs_getxattr(struct inode *ino, const char *name, struct iobuf *buf)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	struct tmpfs_xattr **pp;
	ssize_t ret = vfs_xattr_check(name);

	if (ret)
		return vfs_xattr_is_acl(name) ? -ENODATA : ret;
	svc_lock(n->fs->cap, n->fs->lock);
	pp = find(n, name);
	if (!found(pp, name))
		ret = -ENODATA;
	else if (!buf->len)
		ret = (ssize_t)(*pp)->size;
	else if (buf->len < (*pp)->size)
		ret = -ERANGE;
	else
		ret = iobuf_put(buf, 0, (*pp)->value, (*pp)->size) ?: (ssize_t)(*pp)->size;
	svc_unlock(n->fs->cap, n->fs->lock);
	return ret;
}

static struct tmpfs_xattr *xattr_new(struct svc_cap cap, const char *name, const void *value,
				     size_t size)
{
	size_t nlen = strlen(name);
	struct tmpfs_xattr *x =
		svc_alloc(cap, offsetof(struct tmpfs_xattr, name) + nlen + 1 + size);

	if (!x)
		return NULL;
	x->nlen = nlen;
	x->size = size;
	memcpy(x->name, name, nlen + 1);
	x->value = x->name + nlen + 1;
	memcpy(x->value, value, size);
	return x;
}

int tmpfs_setxattr(struct inode *ino, const char *name, const void *value, size_t size, int flags)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	struct tmpfs_xattr **pp, *x;
	int err = vfs_xattr_check(name);

	if (err)
		return vfs_xattr_is_acl(name) ? -EOPNOTSUPP : err;
	x = xattr_new(n->fs->cap, name, value, size);
	if (!x)
		return -ENOMEM;
	svc_lock(n->fs->cap, n->fs->lock);
	pp = find(n, name);
	if (found(pp, name) && (flags & XATTR_CREATE)) {
		err = -EEXIST;
	} else if (!found(pp, name) && (flags & XATTR_REPLACE)) {
		err = -ENODATA;
	} else {
		if (found(pp, name)) {
			struct tmpfs_xattr *old = *pp;

			x->next = old->next;
			svc_free(n->fs->cap, old);
		} else {
			x->next = *pp;
		}
		*pp = x;
		x = NULL;
		tmpfs_stamp(n, TMPFS_CTIME);
	}
	svc_unlock(n->fs->cap, n->fs->lock);
	svc_free(n->fs->cap, x);
	return err;
}

ssize_t tmpfs_listxattr(struct inode *ino, struct iobuf *buf)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	size_t total = 0;
	ssize_t ret = 0;

	svc_lock(n->fs->cap, n->fs->lock);
	for (struct tmpfs_xattr *x = n->xattrs; x; x = x->next)
		total += x->nlen + 1;
	if (buf->len && total > buf->len) {
		ret = -ERANGE;
	} else if (buf->len) {
		size_t at = 0;

		for (struct tmpfs_xattr *x = n->xattrs; x && !ret; x = x->next) {
			ret = iobuf_put(buf, at, x->name, x->nlen + 1);
			at += x->nlen + 1;
		}
	}
	svc_unlock(n->fs->cap, n->fs->lock);
	return ret ? ret : (ssize_t)total;
}

int tmpfs_removexattr(struct inode *ino, const char *name)
{
	struct tmpfs_node *n = tmpfs_node_of(ino);
	struct tmpfs_xattr **pp, *x = NULL;
	int err = vfs_xattr_check(name);

	if (err)
		return vfs_xattr_is_acl(name) ? -ENODATA : err;
	svc_lock(n->fs->cap, n->fs->lock);
	pp = find(n, name);
	if (found(pp, name)) {
		x = *pp;
		*pp = x->next;
		tmpfs_stamp(n, TMPFS_CTIME);
	} else {
		err = -ENODATA;
	}
	svc_unlock(n->fs->cap, n->fs->lock);
	svc_free(n->fs->cap, x);
	return err;
}

void tmpfs_xattr_free(struct tmpfs_node *n)
{
	while (n->xattrs) {
		struct tmpfs_xattr *x = n->xattrs;

		n->xattrs = x->next;
		svc_free(n->fs->cap, x);
	}
}
