/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_initramfs: the INode ops tables.  Read-only: every mutating slot
 * is empty, so the dispatcher answers -EROFS (directories) or -EINVAL
 * (write on a regular file; the open path refuses O_WRONLY with -EROFS
 * first).  Device nodes, fifos and sockets are `special`: the kernel
 * opens the named pipe or the device they name, never reading them here.
 *
 * stat() reports what Linux's initramfs (a tmpfs) reports for the same
 * archive: a directory's size is 20 bytes per name plus 40 and it has no
 * blocks; other files have ceil(size / 512) blocks; all three times are the
 * entry's mtime.  No op sleeps or locks (node.h says why).
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "node.h"

#define BOGO_DIRENT_SIZE 20 /* tmpfs's directory size per name */

static struct irfs_node *node_of(const struct inode *ino)
{
	return ino->priv;
}

/* Names compare by their bytes, a shorter prefix first. */
static int name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, MIN(alen, blen));

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

struct irfs_dirent *irfs_find(const struct irfs_node *dir, const char *name, size_t len,
			      uint32_t *slot)
{
	uint32_t lo = 0, hi = dir->nkids;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const struct irfs_dirent *d = &dir->kids[mid];
		int c = name_cmp(name, len, d->name, d->len);

		if (!c) {
			lo = mid;
			break;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (slot)
		*slot = lo;
	if (lo < dir->nkids && !name_cmp(name, len, dir->kids[lo].name, dir->kids[lo].len))
		return &dir->kids[lo];
	return NULL;
}

static int irfs_stat(struct inode *ino, struct vfs_stat *st)
{
	const struct irfs_node *n = node_of(ino);
	struct vfs_time t = {.sec = n->mtime};

	st->ino = ino->ino;
	st->mode = n->mode;
	st->uid = n->uid;
	st->gid = n->gid;
	st->rdev = n->rdev;
	st->blksize = 4096;
	if (S_ISDIR(n->mode)) {
		st->nlink = 2 + n->nsubdirs;
		st->size = (int64_t)(2 + n->nkids) * BOGO_DIRENT_SIZE;
		st->blocks = 0;
	} else {
		st->nlink = n->nlink;
		st->size = (int64_t)n->size;
		st->blocks = (n->size + 511) / 512;
	}
	st->atime = st->mtime = st->ctime = t;
	return 0;
}

/* ---- directories ---- */

static int irfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct irfs_dirent *d = irfs_find(node_of(dir), name, len, NULL);

	if (!d)
		return -ENOENT;
	svc_inode_get(dir->sb->cap, d->node->inode);
	*out = d->node->inode;
	return 0;
}

/* Positions: 0 is ".", 1 is "..", 2 + i is the i-th name. */
static int irfs_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	const struct irfs_node *n = node_of(dir);

	while (*pos < 2 + (uint64_t)n->nkids) {
		uint64_t p = *pos;
		const struct irfs_node *parent = n->parent ? n->parent : n;
		int stop;

		if (p == 0)
			stop = emit(ctx, ".", 1, dir->ino, VFS_DTYPE(S_IFDIR));
		else if (p == 1)
			stop = emit(ctx, "..", 2, parent->inode->ino, VFS_DTYPE(S_IFDIR));
		else {
			const struct irfs_dirent *d = &n->kids[p - 2];

			stop = emit(ctx, d->name, d->len, d->node->inode->ino,
				    VFS_DTYPE(d->node->mode));
		}
		if (stop)
			break;
		*pos = p + 1;
	}
	return 0;
}

const struct dir_ops irfs_dir_ops = {
	.lookup = irfs_lookup,
	.readdir = irfs_readdir,
	.stat = irfs_stat,
};

/* ---- regular files ---- */

static ssize_t irfs_read(struct inode *ino, uint64_t off, struct iobuf *buf, unsigned flags)
{
	const struct irfs_node *n = node_of(ino);
	size_t len;

	if (off >= n->size)
		return 0;
	len = iobuf_put_upto(buf, 0, (const char *)n->data + off,
			     MIN(n->size - (size_t)off, buf->len));
	return len || !buf->len ? (ssize_t)len : -EFAULT; /* a partial count, as Linux */
}

/*
 * Page `pgoff` of the file into the kernel's page cache frame `pg`, which
 * comes zeroed (so past the end stays zero): a page-aligned copy of the
 * archive bytes.  Every mapping of the file (every exec of a program)
 * shares the cached frame; memory pressure drops it when nobody maps it,
 * and the next fault copies it again.  -ENXIO past the end.
 */
static int irfs_readpage(struct inode *ino, uint64_t pgoff, struct svc_page *pg)
{
	const struct irfs_node *n = node_of(ino);
	size_t npages = (n->size + IRFS_PAGE_SIZE - 1) / IRFS_PAGE_SIZE;
	size_t at = (size_t)pgoff * IRFS_PAGE_SIZE;

	if (pgoff >= npages)
		return -ENXIO;
	svc_page_write(pg, 0, (const char *)n->data + at, MIN(IRFS_PAGE_SIZE, n->size - at));
	return 0;
}

const struct file_ops irfs_file_ops = {
	.read = irfs_read,
	.stat = irfs_stat,
	.readpage = irfs_readpage,
};

/* ---- device nodes, fifos, sockets ---- */

const struct file_ops irfs_dev_ops = {
	.stat = irfs_stat, .special = true, /* open() gives the named pipe or the device */
};

/* ---- symlinks ---- */

static ssize_t irfs_readlink(struct inode *ino, char *buf, size_t size)
{
	const struct irfs_node *n = node_of(ino);

	memcpy(buf, n->data, MIN(size, n->size));
	return (ssize_t)n->size;
}

const struct symlink_ops irfs_symlink_ops = {
	.readlink = irfs_readlink,
	.stat = irfs_stat,
};
