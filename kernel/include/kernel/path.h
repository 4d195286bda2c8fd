/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Path resolution (the seed's PathComponent) and the mount table.
 *
 * A PathComponent is one segment of a resolved path: a name, the inode it
 * led to, the mount that inode belongs to, and its parent component, so
 * ".." is answered by the chain (across mount points too) rather than by
 * asking the filesystem.  The mount table maps a MountKey (dev_id, inode
 * number) of a directory to the instance mounted over it.
 *
 * vfs_lookup_inode() takes the fast path when the path has no ".." and meets
 * no symlink: it walks inodes without building components.  Otherwise, and
 * in vfs_resolve(), the full path builds the chain, follows symlinks (at most PATH_MAX_SYMLINKS
 * hops in one resolution, then -ELOOP) and resolves "..".
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <kevlar_vfs/inode.h>

#define PATH_MAX_SYMLINKS 8
#define VFS_PATH_MAX	  4096

struct mount {
	struct vfs_sb *sb;
	/* the directory shown at the mount point: sb->root, or a bind
	 * mount's source directory (then a reference of its own) */
	struct inode *root;
	char *root_path;	   /* a bind mount's root within sb (kmalloc), else NULL: "/" */
	uint64_t key_dev, key_ino; /* MountKey of the directory it covers */
	struct path_component *mountpoint; /* NULL for the root mount */
	struct list_head link;		   /* in the mount table */
	int refs;			   /* atomic: components inside this mount */
	int id;				   /* mountinfo's mount ID, unique while mounted */
	bool private_root;		   /* vfs_new_root(): freed with its last component */
	bool detached;			   /* lazily unmounted (MNT_DETACH) */
};

struct path_component {
	struct path_component *parent; /* NULL at the root */
	struct inode *inode;	       /* one reference */
	struct mount *mnt;
	int refs; /* atomic */
	size_t namelen;
	char name[];
};

/* flags for vfs_resolve */
#define RESOLVE_FOLLOW 0x1u /* follow a symlink in the last component */
#define RESOLVE_DIR    0x2u /* the result must be a directory (trailing '/') */

/* Resolve `path` from `cwd` (relative) or `root` (absolute).  Returns 0
 * with a new reference in *out, or -ENOENT, -ENOTDIR, -ELOOP,
 * -ENAMETOOLONG, -EIO, ... */
int vfs_resolve(struct path_component *root, struct path_component *cwd, const char *path,
		unsigned flags, struct path_component **out);

/* The inode `path` leads to (new reference), for callers that need no
 * component (open, stat, exec): the fast path, falling back to the full
 * path on ".." or a symlink.  Same errors as vfs_resolve. */
int vfs_lookup_inode(struct path_component *root, struct path_component *cwd, const char *path,
		     unsigned flags, struct inode **out);

/* Split off the last component: resolve the parent directory (following
 * symlinks) and return the final name (pointing into `path`).  For
 * creating, unlinking, renaming.  "/" and names ending in "." or ".." give
 * -EEXIST/-EINVAL/-ENOTEMPTY as the caller decides: *name_len 0 means the
 * path has no final name (it is "/" or ends in "/."). */
int vfs_resolve_parent(struct path_component *root, struct path_component *cwd, const char *path,
		       struct path_component **parent, const char **name, size_t *name_len);

struct path_component *path_get(struct path_component *pc);
void path_put(struct path_component *pc);
/* `a` and `b` name the same place: the same directory in the same mount
 * (two walks build two components for one place). */
static inline bool path_same(const struct path_component *a, const struct path_component *b)
{
	return a == b || (a && b && a->inode == b->inode && a->mnt == b->mnt && a->mnt);
}
/* `pc` is `top` or lies below it (its chain of parents passes through
 * `top`'s place). */
bool path_is_below(const struct path_component *pc, const struct path_component *top);

/* Remove the filesystem mounted over the directory `at` leads to (the
 * caller resolved `at` with RESOLVE_FOLLOW, so it is the mounted root).
 * 0, -EINVAL (not a mount point) or -EBUSY (other components, e.g. a
 * working directory, are inside it, unless `lazy`: MNT_DETACH).  `at`
 * stays valid but detached.  The service instance itself is not released
 * yet: inodes may outlive the mount (a known leak per unmount). */
int vfs_unmount(struct path_component *at, bool lazy);

/* MS_MOVE: the mount whose root `src` is moves over the directory `at`.
 * 0, -EINVAL (src is no mount's root, or the root mount, or either is
 * detached, or at is no directory), -ELOOP (at lies inside the moved mount), -EBUSY
 * (at is already a mount point). */
int vfs_move_mount(struct path_component *src, struct path_component *at);

/* pivot_root(2) for a caller whose root is `root`: the mount of
 * `new_root` takes the place of the root's mount, which moves to
 * `put_old`; every process whose root or working directory was the old
 * root is moved to the new one.  Linux's errors: -EINVAL (root or
 * new_root is no mount's root or not attached, put_old not below
 * new_root, new_root not below root), -EBUSY (new_root or put_old on the
 * root's own mount, put_old already a mount point), -ENOTDIR. */
int vfs_pivot_root(struct path_component *root, struct path_component *new_root,
		   struct path_component *put_old);

/* A root component for `sb` outside the global tree (a private namespace;
 * the self-tests use it).  New reference, or NULL. */
struct path_component *vfs_new_root(struct vfs_sb *sb);

/* A detached component naming `ino` alone (an open file that has no path:
 * a pipe, the console), so AT_EMPTY_PATH works on any descriptor.  It
 * takes a new reference to `ino`; NULL if out of memory. */
struct path_component *vfs_anon_path(struct inode *ino);
/* A component called `name` under `parent` for `ino`, which the directory
 * need not hold under that name (an O_TMPFILE file's "#<ino>").  New
 * references to parent and ino; NULL if out of memory. */
struct path_component *vfs_child_path(struct path_component *parent, const char *name, size_t len,
				      struct inode *ino);
/* `pc` is such a detached component (it names no place in the tree). */
static inline bool path_is_anon(const struct path_component *pc)
{
	return !pc->parent && !pc->mnt;
}

/* The root component of the mounted root filesystem (new reference). */
struct path_component *vfs_root(void);
/* Boot from a disk (root=): the mount whose root `src` is moves over the
 * root (MS_MOVE onto "/") and becomes the root every later vfs_root()
 * gives (init's, kernel threads').  0 or vfs_move_mount's error. */
int vfs_switch_root(struct path_component *src);
/* Mount `sb` (already filled by its fs_type) as the root, or over the
 * directory `at`.  0, -EBUSY (already a mount point), -ENOTDIR. */
int vfs_mount_at(struct vfs_sb *sb, struct path_component *at);

/* Bind mount (MS_BIND): show the directory `src` also at the directory
 * `at`.  0, -ENOTDIR (either is not a directory: file binds are not
 * supported), -EINVAL (src is no mounted place), -EBUSY (at is already a
 * mount point), -ENOMEM. */
int vfs_bind_at(struct path_component *src, struct path_component *at);

/* The path of `pc` as seen from `root` ("/" for root itself), written to
 * buf with a NUL: its length, or -ENAMETOOLONG if it does not fit in
 * `size`.  A component outside `root` is named from the top of its chain.
 * Takes no lock: the caller holds references to `pc` and `root`. */
int vfs_path_string(const struct path_component *pc, const struct path_component *root, char *buf,
		    size_t size);

/* Where the mount `m` is seen from `root`, as /proc/mounts shows it,
 * from the tree as it stands (mounts moved since `m` was mounted
 * included): its length, -ENOENT when `root` cannot reach it (a mount
 * outside a chroot, a detached one), -ENAMETOOLONG.  Call it under the
 * mount table's mutex (vfs_for_each_mount). */
int vfs_mount_path(const struct mount *m, const struct path_component *root, char *buf,
		   size_t size);

/* Call fn for each mount in the table, in mount order, until it returns
 * non-zero (which is returned).  fn runs under the mount table's mutex: it
 * may sleep but must not mount, unmount or resolve paths. */
int vfs_for_each_mount(int (*fn)(void *ctx, const struct mount *m), void *ctx);
