/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * devfs (mount type "devtmpfs", as Linux names it): the filesystem
 * mounted on /dev.  Its root holds the character devices of `devices[]`
 * below, each with Linux's major:minor number and
 * the mode devtmpfs gives it (0666, or 0600 for console and ttyS0).  Adding
 * a device is one table line: a name, its numbers, its permissions and the
 * file_ops that implement it.
 *
 * The memory devices behave as Linux's drivers/char/mem.c: null reads end
 * of file and swallows writes; zero reads zeros and swallows writes; full
 * reads zeros and refuses every write with ENOSPC (even an empty one);
 * random and urandom read the kernel generator (never blocking, it is
 * seeded before use) and stir written bytes into it.  console, tty and
 * ttyS0 forward to the serial console's terminal (kernel/tty.h); opening
 * ttyS0 may make it the caller's controlling terminal (console never
 * does, as on Linux), and opening tty fails with ENXIO for a process
 * without a controlling terminal (tty reaches the caller's controlling
 * terminal, a pty slave too).  Each open of ptmx is a new pseudo-terminal
 * master (kernel/fs/pty.c); the empty directory pts is where devpts
 * (kernel/fs/devpts.c) is mounted at boot, and shm where a tmpfs is (for
 * shm_open and sem_open, which the libcs keep in /dev/shm).
 *
 * Beside the devices, the symlinks udev puts in every Linux /dev: fd to
 * /proc/self/fd, and stdin, stdout, stderr to its entries 0, 1, 2 (which
 * procfs makes lead to the open files themselves).
 *
 * The directory is fixed: create, mkdir, unlink... return EROFS (their
 * slots are empty), where Linux's devtmpfs is a tmpfs root may add to.
 * Mounting devfs twice gives two instances over the same devices.
 * devfs_chrdev() finds a device by number for device nodes elsewhere.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kevlar_vfs/xattr.h>
#include <kernel/blkdev.h>
#include <kernel/file.h>
#include <kernel/kmsg.h>
#include <kernel/poll.h>
#include <kernel/path.h>
#include <kernel/random.h>
#include <kernel/tty.h>
#include <kernel/vfs.h>
#include "fs.h"

#define DEVFS_ROOT_INO	 1
#define BOGO_DIRENT_SIZE 20 /* tmpfs counts directory size this way */
#define DEV_CHUNK	 256

struct chrdev {
	const char *name;
	uint32_t major, minor;
	uint32_t perm;
	const struct file_ops *ops;
};

struct devlink {
	const char *name, *target;
};

static const struct devlink links[] = {
	{"fd", "/proc/self/fd"},
	{"stdin", "/proc/self/fd/0"},
	{"stdout", "/proc/self/fd/1"},
	{"stderr", "/proc/self/fd/2"},
};
#define NLINKS ARRAY_SIZE(links)

/* One mounted instance. */
struct devfs {
	struct inode *console; /* the FileLike behind console, tty, ttyS0 */
	struct vfs_time mounted;
	struct inode **nodes; /* one per devices[] entry, then one per links[] entry */
	struct inode *pts;    /* the empty directory devpts is mounted on */
	struct inode *shm;    /* the empty directory a tmpfs is mounted on */
};

static int node_stat(struct inode *ino, struct vfs_stat *st);

static struct devfs *devfs_of(const struct inode *ino)
{
	return ino->sb->priv;
}

/* ---- null, zero, full ---- */

static ssize_t read_eof(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return 0;
}

static ssize_t write_sink(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return (ssize_t)b->len;
}

static ssize_t write_full(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return -ENOSPC;
}

static ssize_t read_zeros(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	static const uint8_t zeros[DEV_CHUNK];
	size_t done = 0;

	/* one clear of the whole buffer when it is user memory and good */
	if (b->user && !clear_user(b->ubuf, b->len))
		return (ssize_t)b->len;
	while (done < b->len) {
		size_t n = MIN(b->len - done, sizeof(zeros));

		size_t got = vfs_iobuf_put_upto(b, done, zeros, n);

		done += got;
		if (got < n) /* the bytes up to a bad page count, as Linux */
			return done ? (ssize_t)done : -EFAULT;
	}
	return (ssize_t)done;
}

static const struct file_ops null_ops = {.read = read_eof, .write = write_sink, .stat = node_stat};
static const struct file_ops zero_ops = {
	.read = read_zeros, .write = write_sink, .stat = node_stat};
static const struct file_ops full_ops = {
	.read = read_zeros, .write = write_full, .stat = node_stat};

/* ---- random, urandom ---- */

static ssize_t read_random(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return random_read_iobuf(b);
}

static ssize_t write_random(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	uint8_t chunk[DEV_CHUNK];
	size_t done = 0;

	while (done < b->len) {
		size_t n = MIN(b->len - done, sizeof(chunk));

		size_t got = vfs_iobuf_get_upto(b, done, chunk, n);

		random_mix(chunk, got);
		done += got;
		if (got < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return (ssize_t)done;
}

static const struct file_ops random_ops = {
	.read = read_random,
	.write = write_random,
	.stat = node_stat,
};

/* ---- console, tty, ttyS0: the serial terminal ---- */

static ssize_t console_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return vfs_read(devfs_of(ino)->console, off, b, flags);
}

static ssize_t console_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return vfs_write(devfs_of(ino)->console, off, b, flags);
}

static long console_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	return vfs_ioctl(devfs_of(ino)->console, cmd, arg);
}

static unsigned console_poll(struct inode *ino, unsigned events, unsigned flags,
			     struct poll_table *pt)
{
	return vfs_poll(devfs_of(ino)->console, events, flags, pt);
}

static int ttys0_open(struct inode *ino, unsigned flags)
{
	return vfs_open(devfs_of(ino)->console, flags);
}

static int devtty_open(struct inode *ino, unsigned flags)
{
	return tty_open_controlling();
}

/* /dev/tty: the caller's controlling terminal (a pty slave or the
 * console), looked up at each call; the console when it has none. */
static struct inode *ctty_of(struct inode *ino)
{
	struct inode *t = tty_controlling_inode();

	if (!t) {
		t = devfs_of(ino)->console;
		inode_get(t);
	}
	return t;
}

static ssize_t devtty_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct inode *t = ctty_of(ino);
	ssize_t r = vfs_read(t, off, b, flags);

	inode_put(t);
	return r;
}

static ssize_t devtty_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct inode *t = ctty_of(ino);
	ssize_t r = vfs_write(t, off, b, flags);

	inode_put(t);
	return r;
}

static long devtty_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	struct inode *t = ctty_of(ino);
	long r = vfs_ioctl(t, cmd, arg);

	inode_put(t);
	return r;
}

static unsigned devtty_poll(struct inode *ino, unsigned events, unsigned flags,
			    struct poll_table *pt)
{
	struct inode *t = ctty_of(ino), *pin = pt ? pt->pin : NULL;
	unsigned r;

	if (pt) /* the terminal's queues must outlive the registrations */
		pt->pin = t;
	r = vfs_poll(t, events, flags, pt);
	if (pt)
		pt->pin = pin;
	inode_put(t);
	return r;
}

static const struct file_ops console_ops = {
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
	.poll = console_poll,
	.stat = node_stat,
};

static const struct file_ops ttys0_ops = {
	.open = ttys0_open,
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
	.poll = console_poll,
	.stat = node_stat,
};

static const struct file_ops devtty_ops = {
	.open = devtty_open,
	.read = devtty_read,
	.write = devtty_write,
	.ioctl = devtty_ioctl,
	.poll = devtty_poll,
	.stat = node_stat,
};

/* ---- kmsg: the kernel log (kernel/fs/kmsg.c); each open has its own
 * inode, whose priv is the reader (root_lookup makes it) ---- */

static ssize_t devkmsg_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return ino->priv ? kmsg_read(ino->priv, b, flags) : -EINVAL;
}

static ssize_t devkmsg_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return kmsg_write(b);
}

/* Opening for reading is reading the log: dmesg_restrict applies. */
static unsigned devkmsg_poll(struct inode *ino, unsigned events, unsigned flags,
			     struct poll_table *pt)
{
	return ino->priv ? kmsg_poll(ino->priv, pt) : POLLERR;
}

static int devkmsg_open(struct inode *ino, unsigned flags)
{
	return (flags & O_ACCMODE) == O_WRONLY ? 0 : kmsg_may_read();
}

static const struct file_ops kmsg_ops = {
	.open = devkmsg_open,
	.read = devkmsg_read,
	.write = devkmsg_write,
	.poll = devkmsg_poll,
	.stat = node_stat,
};

bool devfs_is_kmsg(const struct inode *ino)
{
	return ino->kind == INODE_FILE && ino->ops.file == &kmsg_ops;
}

/* ---- ptmx: each open makes a pseudo-terminal pair (kernel/fs/pty.c);
 * like kmsg, each lookup has its own inode, whose priv is the master ---- */

static int ptmx_open(struct inode *ino, unsigned flags)
{
	return ino->priv ? 0 : pty_open_master((struct pty **)&ino->priv);
}

static ssize_t ptmx_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return ino->priv ? pty_master_read(ino->priv, b, flags) : -EIO;
}

static ssize_t ptmx_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return ino->priv ? pty_master_write(ino->priv, b, flags) : -EIO;
}

static long ptmx_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	return ino->priv ? pty_master_ioctl(ino->priv, cmd, arg) : -EIO;
}

static unsigned ptmx_poll(struct inode *ino, unsigned events, unsigned flags, struct poll_table *pt)
{
	return ino->priv ? pty_master_poll(ino->priv, events, pt) : POLLERR;
}

static void ptmx_release(struct inode *ino, unsigned flags)
{
	struct pty *pty = ino->priv;

	/* the pair may be freed from now on: a later open of this inode
	 * (through /proc/<pid>/fd) makes a new one, as on Linux */
	ino->priv = NULL;
	if (pty)
		pty_master_close(pty);
}

/* fdinfo of a master: its pair's number, as Linux's pty_show_fdinfo */
static int ptmx_show_fdinfo(struct inode *ino, char *buf, size_t size)
{
	return ino->priv ? snprintf(buf, size, "tty-index:\t%u\n", pty_master_index(ino->priv)) : 0;
}

static const struct file_ops ptmx_ops = {
	.open = ptmx_open,
	.read = ptmx_read,
	.write = ptmx_write,
	.ioctl = ptmx_ioctl,
	.poll = ptmx_poll,
	.release = ptmx_release,
	.stat = node_stat,
	.show_fdinfo = ptmx_show_fdinfo,
};

static const struct chrdev devices[] = {
	{"null", 1, 3, 0666, &null_ops},
	{"zero", 1, 5, 0666, &zero_ops},
	{"full", 1, 7, 0666, &full_ops},
	{"random", 1, 8, 0666, &random_ops},
	{"urandom", 1, 9, 0666, &random_ops},
	{"tty", 5, 0, 0666, &devtty_ops},
	{"console", 5, 1, 0600, &console_ops},
	{"ttyS0", 4, 64, 0600, &ttys0_ops},
	{"kmsg", 1, 11, 0644, &kmsg_ops},
	{"ptmx", 5, 2, 0666, &ptmx_ops},
	{"loop-control", 10, 237, 0660, &loop_control_ops},
};
static const size_t ndevices = ARRAY_SIZE(devices);

/* The table entry behind a device inode: inode numbers follow the table. */
static const struct chrdev *dev_of(const struct inode *ino)
{
	return &devices[ino->ino - DEVFS_ROOT_INO - 1];
}

/* st_rdev as Linux encodes it (new_encode_dev). */
static uint64_t encode_dev(uint32_t major, uint32_t minor)
{
	return (minor & 0xffu) | (major & 0xfffu) << 8 | (uint64_t)(minor & ~0xffu) << 12;
}

static int node_stat(struct inode *ino, struct vfs_stat *st)
{
	const struct chrdev *d = dev_of(ino);

	st->mode = S_IFCHR | d->perm;
	st->nlink = 1;
	st->rdev = encode_dev(d->major, d->minor);
	st->blksize = 4096;
	st->atime = st->mtime = st->ctime = devfs_of(ino)->mounted;
	return 0;
}

/* ---- the symlinks ---- */

static const struct devlink *link_of(const struct inode *ino)
{
	return &links[ino->ino - DEVFS_ROOT_INO - 1 - ndevices];
}

static ssize_t link_readlink(struct inode *ino, char *buf, size_t size)
{
	const char *t = link_of(ino)->target;
	size_t len = strlen(t);

	memcpy(buf, t, MIN(len, size));
	return (ssize_t)len;
}

static int link_stat(struct inode *ino, struct vfs_stat *st)
{
	st->mode = S_IFLNK | 0777;
	st->nlink = 1;
	st->size = (int64_t)strlen(link_of(ino)->target);
	st->blksize = 4096;
	st->atime = st->mtime = st->ctime = devfs_of(ino)->mounted;
	return 0;
}

static const struct symlink_ops link_ops = {.readlink = link_readlink, .stat = link_stat};

/* ---- the root directory ---- */

static int kmsg_lookup(struct vfs_sb *sb, uint64_t ino, struct inode **out)
{
	struct inode *i = inode_alloc(sb, INODE_FILE, &kmsg_ops, ino);

	if (!i)
		return -ENOMEM;
	i->priv = kmsg_reader_new();
	if (!i->priv) {
		inode_put(i);
		return -ENOMEM;
	}
	*out = i;
	return 0;
}

static int ptmx_lookup(struct vfs_sb *sb, uint64_t ino, struct inode **out)
{
	*out = inode_alloc(sb, INODE_FILE, &ptmx_ops, ino);
	return *out ? 0 : -ENOMEM;
}

/* ---- block devices: a node for each device the block layer has now ---- */

#define BLOCK_INO(rdev) ((1ull << 32) | (rdev))

static int block_lookup(struct vfs_sb *sb, const char *name, size_t len, struct inode **out)
{
	struct blk_info info;

	if (blk_info_by_name(name, len, &info))
		return -ENOENT;
	return blk_node_inode(sb, BLOCK_INO(encode_dev(info.major, info.minor)),
			      encode_dev(info.major, info.minor), out);
}

static int root_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	struct devfs *fs = devfs_of(dir);

	for (size_t i = 0; i < ndevices + NLINKS; i++) {
		const char *n = i < ndevices ? devices[i].name : links[i - ndevices].name;

		if (strlen(n) == len && !memcmp(n, name, len)) {
			if (i < ndevices && devices[i].ops == &kmsg_ops)
				return kmsg_lookup(dir->sb, fs->nodes[i]->ino, out);
			if (i < ndevices && devices[i].ops == &ptmx_ops)
				return ptmx_lookup(dir->sb, fs->nodes[i]->ino, out);
			inode_get(fs->nodes[i]);
			*out = fs->nodes[i];
			return 0;
		}
	}
	if (len == 3 && (!memcmp(name, "pts", 3) || !memcmp(name, "shm", 3))) {
		*out = name[0] == 'p' ? fs->pts : fs->shm;
		inode_get(*out);
		return 0;
	}
	return block_lookup(dir->sb, name, len, out);
}

static int root_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	struct blk_info info;

	for (; *pos >= 4 + ndevices + NLINKS; (*pos)++) {
		uint64_t rdev;

		if (blk_info_at((unsigned)(*pos - 4 - ndevices - NLINKS), &info))
			return 0;
		rdev = encode_dev(info.major, info.minor);
		if (emit(ctx, info.name, strlen(info.name), BLOCK_INO(rdev), VFS_DTYPE(S_IFBLK)))
			return 0;
	}
	for (; *pos < 4 + ndevices + NLINKS; (*pos)++) {
		uint64_t ino = DEVFS_ROOT_INO + 1 + (*pos - 2);
		int stop;

		if (*pos >= 2 + ndevices + NLINKS) {
			stop = emit(ctx, *pos == 2 + ndevices + NLINKS ? "pts" : "shm", 3, ino,
				    VFS_DTYPE(S_IFDIR));
		} else if (*pos < 2) { /* "." and "..": the root is its own parent here */
			stop = emit(ctx, "..", (size_t)*pos + 1, DEVFS_ROOT_INO,
				    VFS_DTYPE(S_IFDIR));
		} else if (*pos < 2 + ndevices) {
			const struct chrdev *d = &devices[*pos - 2];

			stop = emit(ctx, d->name, strlen(d->name), ino, VFS_DTYPE(S_IFCHR));
		} else {
			const struct devlink *l = &links[*pos - 2 - ndevices];

			stop = emit(ctx, l->name, strlen(l->name), ino, VFS_DTYPE(S_IFLNK));
		}
		if (stop)
			return 0;
	}
	return root_readdir(dir, pos, emit, ctx);
}

static int root_stat(struct inode *dir, struct vfs_stat *st)
{
	st->mode = S_IFDIR | 0755;
	st->nlink = 4;
	st->size = (int64_t)((ndevices + NLINKS + 2) * BOGO_DIRENT_SIZE);
	st->blksize = 4096;
	st->atime = st->mtime = st->ctime = devfs_of(dir)->mounted;
	return 0;
}

static const struct dir_ops root_ops = {
	.lookup = root_lookup,
	.readdir = root_readdir,
	.stat = root_stat,
};

/* ---- pts and shm: empty directories, the mount points of devpts and of
 * the tmpfs POSIX shared memory and named semaphores live in ---- */

static int pts_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	return -ENOENT;
}

static int pts_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	for (; *pos < 2; (*pos)++) {
		uint64_t ino = *pos ? DEVFS_ROOT_INO : dir->ino;

		if (emit(ctx, "..", (size_t)*pos + 1, ino, VFS_DTYPE(S_IFDIR)))
			break;
	}
	return 0;
}

static int pts_stat(struct inode *dir, struct vfs_stat *st)
{
	st->mode = S_IFDIR | 0755;
	st->nlink = 2;
	st->size = 2 * BOGO_DIRENT_SIZE;
	st->blksize = 4096;
	st->atime = st->mtime = st->ctime = devfs_of(dir)->mounted;
	return 0;
}

static const struct dir_ops pts_ops = {
	.lookup = pts_lookup,
	.readdir = pts_readdir,
	.stat = pts_stat,
};

/* ---- the instance ---- */

static void devfs_release(struct vfs_sb *sb)
{
	struct devfs *fs = sb->priv;

	for (size_t i = 0; i < ndevices + NLINKS; i++)
		inode_put(fs->nodes[i]);
	inode_put(fs->pts);
	inode_put(fs->shm);
	inode_put(fs->console);
	kfree(fs->nodes);
	kfree(fs);
}

/* Linux's devtmpfs: a tmpfs holding no data, one inode per node. */
static int devfs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	st->ffree = st->files > ndevices + NLINKS + 3 ? st->files - (ndevices + NLINKS + 3) : 0;
	return 0;
}

/* devtmpfs lists its size and inode limits (half the RAM) and its mode. */
static int devfs_show_options(struct vfs_sb *sb, char *buf, size_t size)
{
	struct pmm_stats mem;
	int n;

	pmm_stats(&mem);
	n = snprintf(buf, size, ",size=%zuk,nr_inodes=%zu,mode=755", mem.total_pages / 2 * 4,
		     mem.total_pages / 2);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : n;
}

/* Only kmsg's per-open inodes carry state. */
static void devfs_evict(struct inode *ino)
{
	if (ino->kind == INODE_FILE && ino->ops.file == &kmsg_ops && ino->priv)
		kmsg_reader_free(ino->priv);
	blk_node_evict(ino);
}

/* devtmpfs keeps attributes (a tmpfs); this one reads as having none. */
static const struct vfs_sb_ops devfs_sb_ops = {
	.getxattr = vfs_xattr_get_none,
	.release = devfs_release,
	.evict = devfs_evict,
	.show_options = devfs_show_options,
	.statfs = devfs_statfs,
};

static int devfs_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	struct devfs *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return -ENOMEM;
	fs->nodes = kzalloc((ndevices + NLINKS) * sizeof(fs->nodes[0]));
	if (!fs->nodes)
		goto err_free_fs;
	fs->mounted = vfs_now();
	sb->priv = fs;
	sb->ops = &devfs_sb_ops;
	for (size_t i = 0; i < ndevices + NLINKS; i++) {
		fs->nodes[i] = i < ndevices ? inode_alloc(sb, INODE_FILE, devices[i].ops,
							  DEVFS_ROOT_INO + 1 + i)
					    : inode_alloc(sb, INODE_SYMLINK, &link_ops,
							  DEVFS_ROOT_INO + 1 + i);
		if (!fs->nodes[i])
			goto err_put_nodes;
	}
	fs->pts = inode_alloc(sb, INODE_DIR, &pts_ops, DEVFS_ROOT_INO + 1 + ndevices + NLINKS);
	if (!fs->pts)
		goto err_put_nodes;
	fs->shm = inode_alloc(sb, INODE_DIR, &pts_ops, DEVFS_ROOT_INO + 2 + ndevices + NLINKS);
	if (!fs->shm)
		goto err_put_pts;
	sb->root = inode_alloc(sb, INODE_DIR, &root_ops, DEVFS_ROOT_INO);
	if (!sb->root)
		goto err_put_shm;
	fs->console = console_inode();
	return 0;

err_put_shm:
	inode_put(fs->shm);
err_put_pts:
	inode_put(fs->pts);
err_put_nodes:
	for (size_t i = 0; i < ndevices + NLINKS; i++)
		inode_put(fs->nodes[i]);
	kfree(fs->nodes);
err_free_fs:
	kfree(fs);
	sb->priv = NULL;
	sb->ops = NULL;
	return -ENOMEM;
}

struct file *console_file(void)
{
	struct path_component *root = vfs_root(), *pc = NULL;
	struct inode *ino;
	struct file *f;

	if (root && vfs_resolve(root, root, "/dev/console", RESOLVE_FOLLOW, &pc) == 0 &&
	    (pc->inode->kind != INODE_FILE || pc->inode->ops.file != &console_ops)) {
		path_put(pc); /* something else is there */
		pc = NULL;
	}
	path_put(root);
	if (pc) {
		ino = pc->inode;
		inode_get(ino);
	} else {
		ino = console_inode();
	}
	f = file_new(ino, O_RDWR);
	if (!f) {
		inode_put(ino);
		path_put(pc);
		return NULL;
	}
	f->path = pc; /* its reference, NULL for the bare console */
	return f;
}

/* Named as Linux's kernel-made /dev (mount -t devtmpfs), so df and
 * mountinfo readers treat it as they do on Linux. */
const struct fs_type devfs_fs_type = {.name = "devtmpfs", .mount = devfs_mount};

/* ---- devices by number ---- */

/* An instance outside the mount table, made on first use: the devices
 * that device nodes on other filesystems (mknod c 1 3) open. */
static struct vfs_sb *by_number;

static struct vfs_sb *by_number_sb(void)
{
	struct vfs_sb *sb = __atomic_load_n(&by_number, __ATOMIC_ACQUIRE), *mine;

	if (sb)
		return sb;
	mine = kzalloc(sizeof(*mine));
	if (!mine)
		return NULL;
	mine->type = &devfs_fs_type;
	if (devfs_mount(mine, "devfs", NULL, 0)) {
		kfree(mine);
		return NULL;
	}
	if (__atomic_compare_exchange_n(&by_number, &sb, mine, false, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		return mine;
	inode_put(mine->root); /* another caller was first */
	devfs_release(mine);
	kfree(mine);
	return sb;
}

int devfs_chrdev(uint64_t rdev, struct inode **out)
{
	struct vfs_sb *sb;

	for (size_t i = 0; i < ndevices; i++) {
		if (encode_dev(devices[i].major, devices[i].minor) != rdev)
			continue;
		sb = by_number_sb();
		if (!sb)
			return -ENOMEM;
		if (devices[i].ops == &kmsg_ops) /* each open reads from its own position */
			return kmsg_lookup(sb, ((struct devfs *)sb->priv)->nodes[i]->ino, out);
		if (devices[i].ops == &ptmx_ops) /* each open is a new pair */
			return ptmx_lookup(sb, ((struct devfs *)sb->priv)->nodes[i]->ino, out);
		*out = ((struct devfs *)sb->priv)->nodes[i];
		inode_get(*out);
		return 0;
	}
	return -ENXIO;
}
