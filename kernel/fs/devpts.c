/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * devpts (mount type "devpts"), mounted on /dev/pts at boot: one
 * directory listing `ptmx` (c 5:2, mode 0000, as Linux shows it) and
 * the slave of each open pseudo-terminal master as `N` (c 136:N, mode
 * 0600 and the root group: Linux's defaults for a devpts mounted without
 * options; glibc's grantpt no longer changes them).  A slave's node
 * forwards to its tty (kernel/fs/pty.c): opening it may fail with EIO
 * (locked, or the master gone) or make it the caller's controlling
 * terminal.  Each lookup makes a new inode naming the tty, holding a
 * reference on the tty's inode (which keeps the pair alive, pty.c) until
 * it is evicted.  The directory is
 * fixed: create, unlink... are refused.  Opening devpts' own ptmx is
 * not supported yet (ENXIO); /dev/ptmx is the way in.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/magic.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <kevlar_vfs/service.h>
#include <kevlar_vfs/xattr.h>
#include <kernel/vfs.h>
#include "tty_internal.h"
#include "fs.h"

#define ROOT_INO  1
#define PTMX_INO  2
#define SLAVE_INO 3 /* + N, as Linux numbers them */

struct devpts {
	struct vfs_time mounted;
};

static int node_open(struct inode *ino, unsigned flags)
{
	struct tty *tty = ino->priv;

	return tty ? vfs_open(tty->inode, flags) : -ENXIO;
}

static ssize_t node_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return vfs_read(((struct tty *)ino->priv)->inode, off, b, flags);
}

static ssize_t node_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return vfs_write(((struct tty *)ino->priv)->inode, off, b, flags);
}

static long node_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	return vfs_ioctl(((struct tty *)ino->priv)->inode, cmd, arg);
}

static unsigned node_poll(struct inode *ino, unsigned events, unsigned flags, struct poll_table *pt)
{
	return vfs_poll(((struct tty *)ino->priv)->inode, events, flags, pt);
}

static void node_release(struct inode *ino, unsigned flags)
{
	if (ino->priv)
		vfs_release(((struct tty *)ino->priv)->inode, flags);
}

static int node_stat(struct inode *ino, struct vfs_stat *st)
{
	struct tty *tty = ino->priv;
	struct devpts *fs = ino->sb->priv;

	st->nlink = 1;
	st->blksize = 1024;
	st->atime = st->mtime = st->ctime = fs->mounted;
	if (!tty) {
		st->mode = S_IFCHR;
		st->rdev = (5 << 8) | 2;
		return 0;
	}
	st->mode = S_IFCHR | 0600;
	st->rdev = tty->rdev;
	return 0;
}

static const struct file_ops node_ops = {
	.open = node_open,
	.read = node_read,
	.write = node_write,
	.ioctl = node_ioctl,
	.poll = node_poll,
	.release = node_release,
	.stat = node_stat,
};

static int root_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct tty *tty = NULL;
	unsigned n = 0;
	uint64_t ino = PTMX_INO;

	if (!(len == 4 && !memcmp(name, "ptmx", 4))) {
		if (!len || len > 4 || (len > 1 && name[0] == '0'))
			return -ENOENT;
		for (size_t i = 0; i < len; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -ENOENT;
			n = n * 10 + (unsigned)(name[i] - '0');
		}
		tty = pty_slave_get(n);
		if (!tty)
			return -ENOENT;
		ino = SLAVE_INO + n;
	}
	*out = inode_alloc(dir->sb, INODE_FILE, &node_ops, ino);
	if (!*out) {
		if (tty)
			inode_put(tty->inode);
		return -ENOMEM;
	}
	(*out)->priv = tty;
	return 0;
}

static int root_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	char name[16];

	for (; *pos < 3 + PTY_MAX; (*pos)++) {
		int stop = 0;

		if (*pos < 2) {
			stop = emit(ctx, "..", (size_t)*pos + 1, ROOT_INO, VFS_DTYPE(S_IFDIR));
		} else if (*pos == 2) {
			stop = emit(ctx, "ptmx", 4, PTMX_INO, VFS_DTYPE(S_IFCHR));
		} else if (pty_slave((unsigned)(*pos - 3))) {
			unsigned n = (unsigned)(*pos - 3);
			int len = snprintf(name, sizeof(name), "%u", n);

			stop = emit(ctx, name, (size_t)len, SLAVE_INO + n, VFS_DTYPE(S_IFCHR));
		}
		if (stop)
			break;
	}
	return 0;
}

static int root_stat(struct inode *dir, struct vfs_stat *st)
{
	struct devpts *fs = dir->sb->priv;

	st->mode = S_IFDIR | 0755;
	st->nlink = 2;
	st->blksize = 1024;
	st->atime = st->mtime = st->ctime = fs->mounted;
	return 0;
}

static const struct dir_ops root_ops = {
	.lookup = root_lookup,
	.readdir = root_readdir,
	.stat = root_stat,
};

static void devpts_release(struct vfs_sb *sb)
{
	kfree(sb->priv);
}

static int devpts_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	st->magic = DEVPTS_SUPER_MAGIC;
	st->bsize = 4096;
	st->blocks = st->bfree = st->bavail = 0;
	st->files = st->ffree = 0;
	return 0;
}

static int devpts_show_options(struct vfs_sb *sb, char *buf, size_t size)
{
	int n = snprintf(buf, size, ",mode=600,ptmxmode=000");

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : n;
}

/* A slave's node goes: the reference on its tty goes with it. */
static void devpts_evict(struct inode *ino)
{
	if (ino->kind == INODE_FILE && ino->priv)
		inode_put(((struct tty *)ino->priv)->inode);
}

static const struct vfs_sb_ops devpts_sb_ops = {
	.evict = devpts_evict,
	.getxattr = vfs_xattr_get_none,
	.release = devpts_release,
	.show_options = devpts_show_options,
	.statfs = devpts_statfs,
};

static int devpts_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	struct devpts *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return -ENOMEM;
	fs->mounted = vfs_now();
	sb->priv = fs;
	sb->ops = &devpts_sb_ops;
	sb->root = inode_alloc(sb, INODE_DIR, &root_ops, ROOT_INO);
	if (!sb->root) {
		kfree(fs);
		sb->priv = NULL;
		sb->ops = NULL;
		return -ENOMEM;
	}
	return 0;
}

const struct fs_type devpts_fs_type = {.name = "devpts", .mount = devpts_mount};
