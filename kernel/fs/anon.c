/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Anonymous inodes (kernel/anon.h).  Every kind's inodes live in one
 * instance standing for Linux's anon_inodefs; an inode finds its kind
 * through its ops, which are the kind's own (container_of), and its
 * kind's free() runs when the inode's last reference goes.  Linux shares
 * one inode among all anonymous files; here each file has its own (its
 * ops and priv are the kind's), but every one carries the same number, so
 * fstat shows one st_dev and st_ino for all of them, as on Linux.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <linux/fcntl.h>
#include <linux/magic.h>
#include <linux/stat.h>
#include <kevlar_vfs/service.h>
#include <kernel/vfs.h>
#include <kernel/anon.h>
#include <kernel/file.h>
#include <kernel/sched.h>

/* st_dev of anonymous inodes: Linux's anon_inodefs is 0:16 on the usual
 * boot; a device-number allocator must keep it reserved. */
#define ANONFS_DEV 16
/* st_ino of every anonymous inode (Linux's is whatever the boot gave it) */
#define ANON_INO 1

static const struct anon_kind *kind_of(const struct inode *ino)
{
	return container_of(ino->ops.file, struct anon_kind, ops);
}

static void anon_evict(struct inode *ino)
{
	if (ino->priv)
		kind_of(ino)->free(ino->priv);
}

static int anonfs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	(void)sb;
	*st = (struct vfs_statfs){.magic = ANON_INODE_FS_MAGIC, .bsize = st->bsize};
	return 0;
}

static const struct vfs_sb_ops anonfs_ops = {.evict = anon_evict, .statfs = anonfs_statfs};
static struct vfs_sb anonfs = {.ops = &anonfs_ops, .dev_id = ANONFS_DEV};

struct file *anon_file_new(const struct anon_kind *k, void *obj, unsigned flags)
{
	struct inode *ino;
	struct file *f;

	ino = inode_alloc(&anonfs, INODE_FILE, &k->ops, k->ino ? k->ino(obj) : ANON_INO);
	if (!ino)
		return NULL;
	f = file_new(ino, flags);
	if (!f) {
		inode_put(ino); /* priv still NULL: obj stays the caller's */
		return NULL;
	}
	ino->priv = obj;
	return f;
}

int anon_fd_install(struct file *f, bool cloexec)
{
	struct opened_file_table *t = current_thread()->files;
	int fd = t ? fdtable_install(t, f, 0, cloexec) : -EMFILE;

	file_put(f);
	return fd;
}

void *anon_file_obj(const struct file *f, const struct anon_kind *k)
{
	if (!f || f->inode->kind != INODE_FILE || f->inode->ops.file != &k->ops)
		return NULL;
	return f->inode->priv;
}

const char *anon_name(const struct inode *ino)
{
	if (ino->sb != &anonfs)
		return NULL;
	return kind_of(ino)->name;
}

int anon_stat(struct inode *ino, struct vfs_stat *st)
{
	(void)ino;
	st->mode = S_IRUSR | S_IWUSR; /* no file type, as Linux's anon inode */
	st->nlink = 1;
	st->blksize = 4096;
	return 0;
}

int anon_open(struct inode *ino, unsigned flags)
{
	(void)ino;
	(void)flags;
	return -ENXIO;
}
