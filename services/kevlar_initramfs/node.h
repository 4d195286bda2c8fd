/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_initramfs internals: the in-memory tree.  Every file, directory
 * and symlink is a `struct irfs_node`, the private state (inode->priv) of
 * one inode.  A directory holds its names in an array sorted by name bytes,
 * so lookup is a binary search and a readdir position is an index.  Names,
 * file contents and symlink targets point into the archive.
 *
 * References: the mount holds one reference to each inode it created for
 * as long as the inode is on `irfs.nodes` (the "tree reference"); a node
 * leaves the list, and that reference is dropped, when its last name goes
 * (replacement while unpacking) or at unmount.  The unpacker's hard-link
 * table holds a reference of its own while it runs.  lookup() hands out
 * new references; evict() frees a node when its inode's last one goes.
 *
 * Locking: none.  The tree is built by mount() before any other code can
 * see it and is never modified afterwards; release() runs when nothing
 * else uses the mount.  Inode reference counts are atomic; a file's pages
 * live in the kernel's page cache (readpage fills them).
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <kevlar_vfs/inode.h>
#include <kevlar_vfs/service.h>

#define IRFS_NAME_MAX  255  /* longest path component (NAME_MAX) */
#define IRFS_PATH_MAX  4096 /* longest name or symlink target taken (PATH_MAX) */
#define IRFS_MAX_HOPS  40   /* symlinks followed in one path (Linux's MAXSYMLINKS) */
#define IRFS_PAGE_SIZE 4096 /* get_page()'s unit */

struct irfs_node;

/* One name in a directory. */
struct irfs_dirent {
	const char *name; /* inside the archive, no NUL */
	size_t len;
	struct irfs_node *node;
};

struct irfs_node {
	struct inode *inode;  /* inode->priv == this */
	struct list_head all; /* on irfs.nodes while the tree holds a reference */
	uint32_t mode;	      /* S_IF* | permission bits */
	uint32_t uid, gid;
	uint32_t nlink; /* non-directories: names in the tree */
	uint32_t rdev;	/* device nodes: Linux's new_encode_dev() form */
	int64_t mtime;
	const void *data; /* regular file contents or symlink target */
	size_t size;
	/* directories only */
	struct irfs_node *parent; /* for ".."; itself for the root; NULL once released */
	struct irfs_dirent *kids; /* sorted by name (memcmp, then length) */
	uint32_t nkids, cap;	  /* used and allocated slots of kids */
	uint32_t nsubdirs;	  /* kids that are directories */
};

/* One mount (sb->priv). */
struct irfs {
	struct vfs_sb *sb;
	struct svc_cap cap; /* sb->cap */
	struct irfs_node *root;
	struct list_head nodes; /* every node the tree holds */
	uint64_t next_ino;	/* inode numbers are handed out in order from 1 */
	uint64_t nnodes;	/* length of `nodes` */
	uint64_t pages;		/* the archive's size in pages, for statfs */
	int64_t now;		/* mount time, for the root and implicit directories */
};

/* The ops tables (ops.c). */
extern const struct dir_ops irfs_dir_ops;
extern const struct file_ops irfs_file_ops; /* regular files */
extern const struct file_ops irfs_dev_ops;  /* device nodes, fifos, sockets */
extern const struct symlink_ops irfs_symlink_ops;

/* Binary search of dir's names: the entry called name/len, or NULL; *slot
 * (if not NULL) gets its index or the index where it would be inserted. */
struct irfs_dirent *irfs_find(const struct irfs_node *dir, const char *name, size_t len,
			      uint32_t *slot);

/* ---- tree.c ---- */

/* A new node of type `mode` (S_IF* and permission bits), owner 0, time
 * fs->now, on fs->nodes with no name yet: NULL when out of memory. */
struct irfs_node *irfs_node_new(struct irfs *fs, uint32_t mode) __must_check;

/* Give `node` the name name/len in dir (which has no such name yet):
 * 0 or -ENOMEM. */
int irfs_link(struct irfs *fs, struct irfs_node *dir, const char *name, size_t len,
	      struct irfs_node *node) __must_check;

/* Remove dir's name at `slot`; a directory must be empty.  The node goes
 * when that was its last name. */
void irfs_unlink(struct irfs *fs, struct irfs_node *dir, uint32_t slot);

/* Resolve `path` from `start` to a directory the way Linux's path walk
 * does ("." and empty components skipped, ".." and symlinks followed),
 * creating missing directories.  0, or -ENOTDIR, -ELOOP, -ENAMETOOLONG
 * (the entry is skipped) or -ENOMEM. */
int irfs_walk(struct irfs *fs, struct irfs_node *start, const char *path, size_t len,
	      struct irfs_node **out) __must_check;

/* Unmount or failed mount: dissolve the tree and drop its references.
 * Nodes still referenced from outside survive with no names. */
void irfs_drop_tree(struct irfs *fs);

/* ---- unpack.c ---- */

/* Apply the archive's entries to the tree: 0, -EINVAL or -ENOMEM. */
int irfs_unpack(struct irfs *fs, const void *data, size_t len) __must_check;
