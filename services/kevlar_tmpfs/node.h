/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_tmpfs internals.  Every file, directory, symlink and device node
 * is a `struct tmpfs_node`, the private state (inode->priv) of one inode.
 *
 * References: the tree holds one reference to each inode that has a name
 * (a directory: its one name; anything else: nlink > 0); such a node is on
 * tmpfs.nodes.  When the last name goes, the node leaves the list and the
 * tree's reference is dropped; open files, working directories and the
 * like keep their own references, so an unlinked file stays readable and
 * writable until the last one goes and evict() frees it.  The mount itself
 * (struct tmpfs) is reference-counted too: one for the mount, one per live
 * node, so inodes still held after unmount (release()) keep a valid lock.
 *
 * Locking, three levels, always taken in this order:
 *   F  tmpfs.lock: the namespace: every directory's names, parents, link
 *      counts, mode/uid/gid of every node, `dead`, tmpfs.nodes and
 *      next_ino; and the times of directories, symlinks and device nodes.
 *   D  tmpfs_node.lock (regular files only): the file's pages, size and
 *      times.  read/write/truncate take only D, so data I/O on one file
 *      never blocks the namespace.
 * evict() takes neither: it runs when nothing can reach the node any more,
 * possibly from inside an op holding F (dropping the tree's reference).
 *   P  tmpfs_node.plock (regular files only): the page tree and size,
 *      taken inside D by every holder of D (file_lock) but released around
 *      its copies to and from user memory (user_copy_begin/end), and taken
 *      alone by get_page(): a read or write whose buffer is a mapping of
 *      the same file faults in that mapping through get_page() while it
 *      holds D, so get_page() must not need D.
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <kevlar_vfs/inode.h>
#include <kevlar_vfs/service.h>

#define TMPFS_PAGE_SHIFT   12
#define TMPFS_PAGE_SIZE	   (1u << TMPFS_PAGE_SHIFT)
#define TMPFS_MAX_SIZE	   ((uint64_t)INT64_MAX) /* Linux's MAX_LFS_FILESIZE */
#define TMPFS_SYMLINK_MAX  4095			 /* a target and its NUL fit a page */
#define TMPFS_SHORT_LINK   128			 /* shorter targets take no block */
#define TMPFS_BOGO_DIRENT  20			 /* directory size per name, as shmem */
#define TMPFS_FIRST_SERIAL 2			 /* readdir: 0 is ".", 1 is ".." */

/* A sparse page index: a radix tree of 512-way nodes, each one page. */
struct tmpfs_pages {
	void **root;	    /* NULL when empty */
	unsigned height;    /* levels below root, 1 = root holds pages; 0 = empty */
	uint64_t count;	    /* data pages allocated */
	struct svc_cap cap; /* the instance's token, for the pages' memory */
};

struct tmpfs_node;

/* One name in a directory. */
struct tmpfs_dirent {
	struct tmpfs_dirent *hnext; /* hash chain */
	struct list_head order;	    /* the directory's names, by serial */
	uint64_t serial;	    /* readdir position, unique in the directory */
	struct tmpfs_node *node;
	size_t len;
	char name[]; /* no NUL */
};

struct tmpfs_node {
	struct inode *inode; /* inode->priv == this */
	struct tmpfs *fs;
	struct list_head all;	 /* F: on tmpfs.nodes while it has a name */
	uint32_t mode, uid, gid; /* F */
	uint32_t nlink;		 /* F: non-directories: names in the tree */
	bool linkable;		 /* F: an O_TMPFILE file not yet named: link(2) may name it */
	struct vfs_time atime, mtime, ctime; /* D for regular files, else F */
	struct vfs_time btime;		     /* creation, never changes */

	/* regular files */
	struct svc_lock *lock;	  /* D */
	struct svc_lock *plock;	  /* P */
	uint64_t size;		  /* D and P to change, either to read */
	struct tmpfs_pages pages; /* D and P to change, P to read */

	struct tmpfs_xattr *xattrs; /* F: extended attributes (xattr.c) */

	/* device nodes: immutable */
	uint64_t rdev;

	/* symlinks: immutable */
	char *target;
	size_t tlen;

	/* directories: all F */
	struct tmpfs_node *parent; /* NULL for the root and once removed */
	struct list_head entries;  /* tmpfs_dirent.order */
	struct tmpfs_dirent **buckets;
	uint32_t nbuckets, nentries, nsubdirs;
	uint64_t next_serial;
	bool dead; /* removed (or unmounted): no lookups, no new names */
};

/* One mount (sb->priv). */
struct tmpfs {
	struct vfs_sb *sb;
	struct svc_cap cap;    /* sb->cap, kept for calls after release() */
	struct svc_lock *lock; /* F */
	struct tmpfs_node *root;
	struct list_head nodes;	      /* F: every node with a name */
	uint64_t next_ino;	      /* F */
	int refs;		      /* atomic: the mount plus one per live node */
	uint64_t ninodes;	      /* atomic: live nodes */
	uint64_t npages;	      /* atomic: data pages of all files */
	uint64_t max_pages;	      /* size= in pages (default half the RAM); 0: no limit */
	uint64_t max_inodes;	      /* nr_inodes= (default half the RAM pages); 0: none */
	uint32_t root_mode, uid, gid; /* mode=, uid=, gid= as mounted */
};

/* The size= limit is reached: a new page would pass it.  Checked without
 * the mount's lock, so concurrent writers may pass it by a page each. */
static inline bool tmpfs_full(const struct tmpfs *fs)
{
	return fs->max_pages && __atomic_load_n(&fs->npages, __ATOMIC_RELAXED) >= fs->max_pages;
}

/* The ops tables (dir.c, file.c, node.c). */
extern const struct dir_ops tmpfs_dir_ops;
extern const struct file_ops tmpfs_file_ops;	/* regular files */
extern const struct file_ops tmpfs_special_ops; /* fifos, sockets, device nodes */
extern const struct symlink_ops tmpfs_symlink_ops;

static inline struct tmpfs_node *tmpfs_node_of(const struct inode *ino)
{
	return ino->priv;
}

/* ---- tmpfs.c: lifetime ---- */

/* A new node of type and permissions `mode` (caller holds F), owner 0:0
 * (dir.c then gives it its creator's, svc_creator()),
 * all times now, no name yet and not on tmpfs.nodes; symlinks copy
 * target/tlen.  Its inode has one reference.  NULL when out of memory. */
struct tmpfs_node *tmpfs_node_new(struct tmpfs *fs, uint32_t mode, const char *target, size_t tlen)
	__must_check;

/* Drop the tree's reference of a node that lost its last name (F held). */
void tmpfs_forget(struct tmpfs_node *n);

/* ---- node.c: attributes ---- */

#define TMPFS_ATIME 0x1u
#define TMPFS_MTIME 0x2u
#define TMPFS_CTIME 0x4u

/* Set the chosen times of n to now; takes D for a regular file, so the
 * caller holds F (or nothing) but not D. */
void tmpfs_stamp(struct tmpfs_node *n, unsigned which);
/* The same with the right lock (D or F) already held. */
void tmpfs_stamp_locked(struct tmpfs_node *n, unsigned which);

/* A regular file's D and P, in that order (see the top). */
static inline void tmpfs_file_lock(struct tmpfs_node *n)
{
	svc_lock(n->fs->cap, n->lock);
	svc_lock(n->fs->cap, n->plock);
}

static inline void tmpfs_file_unlock(struct tmpfs_node *n)
{
	svc_unlock(n->fs->cap, n->plock);
	svc_unlock(n->fs->cap, n->lock);
}
/* Linux's relatime rule for an access (right lock held). */
void tmpfs_touch_atime(struct tmpfs_node *n);

int tmpfs_stat(struct inode *ino, struct vfs_stat *st);
int tmpfs_setattr(struct inode *ino, const struct vfs_setattr *a);

/* ---- file.c ---- */

/* Change a regular file's size (D held): pages past the end are freed and
 * the tail of the last page zeroed, so growing again reads zeros. */
void tmpfs_resize(struct tmpfs_node *n, uint64_t size);

/* ---- pages.c ---- */

/* The page at index idx, or NULL for a hole. */
struct svc_page *tmpfs_page_find(const struct tmpfs_pages *p, uint64_t idx);
/* The page at index idx, allocated (zeroed) if it was a hole; NULL when
 * out of memory.  idx < 2^52. */
struct svc_page *tmpfs_page_get(struct tmpfs_pages *p, uint64_t idx) __must_check;
/* Free every page at indexes from..to-1, and index nodes left empty. */
void tmpfs_pages_punch(struct tmpfs_pages *p, uint64_t from, uint64_t to);
/* Free every page at index >= from, and index nodes left empty. */
void tmpfs_pages_trunc(struct tmpfs_pages *p, uint64_t from);

/* ---- xattr.c: the vfs_sb_ops extended attribute slots ---- */

ssize_t tmpfs_getxattr(struct inode *ino, const char *name, struct iobuf *buf);
int tmpfs_setxattr(struct inode *ino, const char *name, const void *value, size_t size, int flags);
ssize_t tmpfs_listxattr(struct inode *ino, struct iobuf *buf);
int tmpfs_removexattr(struct inode *ino, const char *name);
/* Free every attribute of a node that is going away. */
void tmpfs_xattr_free(struct tmpfs_node *n);
