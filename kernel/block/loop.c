/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The loop device (major 7): a block device whose sectors are the bytes
 * of a file, as Linux's drivers/block/loop.c.  /dev/loop-control (10:237)
 * adds, removes and finds free devices (LOOP_CTL_*); /dev/loopN is bound
 * to an open file with LOOP_SET_FD or LOOP_CONFIGURE, described with
 * LOOP_GET/SET_STATUS(64), resized with LOOP_SET_CAPACITY and unbound with
 * LOOP_CLR_FD (or, with LO_FLAGS_AUTOCLEAR, when its last opener goes).
 * Eight devices exist from boot, as with Linux's default max_loop.
 *
 * Requests are served synchronously over the backing file's read and
 * write (the FileLike dispatch, so a contained service behind it stays
 * contained): a read past the file's end reads zeros, as Linux's does.
 *
 * Errors as Linux's: EBUSY binding a bound device (or a loop to itself),
 * ENXIO for status calls on an unbound one, EBADF for a bad descriptor,
 * EINVAL for a backing file that is neither a regular file nor a block
 * device, for unknown flags and for bad block sizes.
 *
 * Locking: `loops_lock` (a mutex) guards the table and every device's
 * binding and status; requests read the binding under it too (they take
 * a reference to the backing file and drop the lock before the I/O).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/loop.h>
#include <linux/stat.h>
#include <linux/capability.h>
#include <linux/falloc.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include "block.h"

#define LOOP_MAJOR    7
#define MAX_LOOPS     256
#define LOOPS_AT_BOOT 8

struct loop {
	struct blk_disk disk;
	int number;
	struct file *backing; /* NULL: unbound */
	uint64_t offset, sizelimit;
	uint32_t flags; /* LO_FLAGS_* */
	uint8_t file_name[LO_NAME_SIZE], crypt_name[LO_NAME_SIZE];
	uint64_t init[2];
	bool rundown;  /* LOOP_CLR_FD was called: unbound at the last close */
	bool clearing; /* an unbind is in progress */
};

static struct mutex loops_lock = MUTEX_INIT(loops_lock, "loop");
static struct loop *loops[MAX_LOOPS]; /* loops_lock */

static struct loop *loop_of(struct blk_disk *d)
{
	return d->priv;
}

/* ---- I/O ---- */

static int do_rw(struct file *f, uint64_t off, bool write, char *buf, size_t len)
{
	struct iobuf io = {.user = false, .kbuf = buf, .len = len};
	unsigned flags = f->flags & ~(O_APPEND | O_NONBLOCK);
	ssize_t n;

	if (!write) {
		n = vfs_read_full(f->inode, off, &io);
		if (n < 0)
			return -EIO;
		memset(buf + n, 0, len - (size_t)n);
		return 0;
	}
	for (size_t done = 0; done < len; done += (size_t)n) {
		io.kbuf = buf + done;
		io.len = len - done;
		n = vfs_write(f->inode, off + done, &io, flags);
		if (n <= 0)
			return -EIO;
	}
	return 0;
}

static int do_req(struct file *f, uint64_t base, struct blk_req *r)
{
	uint64_t off = base + r->sector * BLK_SECTOR;
	size_t len = (size_t)r->count * BLK_SECTOR;
	int err = 0;

	switch (r->op) {
	case BLK_READ:
	case BLK_WRITE:
		if (!r->nsegs)
			return do_rw(f, off, r->op == BLK_WRITE, r->buf, len);
		for (unsigned i = 0; i < r->nsegs && !err; i++) {
			err = do_rw(f, off, r->op == BLK_WRITE, r->segs[i].addr, r->segs[i].len);
			off += r->segs[i].len;
		}
		return err;
	case BLK_FLUSH:
		return vfs_fsync(f->inode, false) ? -EIO : 0;
	case BLK_DISCARD:
		/* as Linux: a hole punched where the file system can */
		(void)vfs_fallocate(f->inode, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off, len);
		return 0;
	case BLK_WRITE_ZEROES:
		/* as Linux's loop: zeroes allocated in the file, or written */
		return vfs_fallocate(f->inode, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, off, len)
			       ? -EOPNOTSUPP
			       : 0;
	}
	return -EIO;
}

static void loop_submit(struct blk_disk *d, struct blk_batch *b)
{
	struct loop *lo = loop_of(d);
	struct file *f;
	uint64_t base;

	mutex_lock(&loops_lock);
	f = lo->backing ? file_get(lo->backing) : NULL;
	base = lo->offset;
	mutex_unlock(&loops_lock);
	for (unsigned i = 0; i < b->n; i++)
		b->reqs[i].status = f ? do_req(f, base, &b->reqs[i]) : -EIO;
	if (f)
		file_put(f);
	b->done(b);
}

/* ---- binding ---- */

/* loops_lock held: the device size the binding gives, in sectors */
static uint64_t bound_sectors(struct loop *lo)
{
	struct vfs_stat st;
	int64_t size;

	if (vfs_stat(lo->backing->inode, &st))
		return 0;
	size = S_ISBLK(st.mode) ? blk_node_size(lo->backing->inode) : st.size;
	if (size < 0 || (uint64_t)size <= lo->offset)
		return 0;
	size -= (int64_t)lo->offset;
	if (lo->sizelimit && (uint64_t)size > lo->sizelimit)
		size = (int64_t)lo->sizelimit;
	return (uint64_t)size / BLK_SECTOR;
}

static bool valid_block_size(uint32_t bs)
{
	return bs >= 512 && bs <= 4096 && !(bs & (bs - 1));
}

/* loops_lock held, `lo` unbound: take `f` with `info` (NULL: defaults) */
static int bind(struct loop *lo, struct file *f, const struct loop_info64 *info,
		uint32_t block_size, bool read_only)
{
	struct vfs_stat st;
	unsigned acc = f->flags & O_ACCMODE;
	int err;

	err = vfs_stat(f->inode, &st);
	if (err)
		return err;
	if (!S_ISREG(st.mode) && !S_ISBLK(st.mode))
		return -EINVAL;
	/* a loop over itself (or over a loop bound to it) would never end */
	if (S_ISBLK(st.mode) && blk_is_node(f->inode) && blk_node_size(f->inode) >= 0 &&
	    f->inode->priv && ((struct blkdev *)f->inode->priv)->disk == &lo->disk)
		return -EBUSY;
	lo->backing = file_get(f);
	lo->offset = info ? info->lo_offset : 0;
	lo->sizelimit = info ? info->lo_sizelimit : 0;
	lo->flags = info ? info->lo_flags & LOOP_CONFIGURE_SETTABLE_FLAGS : 0;
	lo->flags &= ~LO_FLAGS_DIRECT_IO;
	if (read_only || acc == O_RDONLY)
		lo->flags |= LO_FLAGS_READ_ONLY;
	memset(lo->file_name, 0, sizeof(lo->file_name));
	memset(lo->crypt_name, 0, sizeof(lo->crypt_name));
	if (info) {
		memcpy(lo->file_name, info->lo_file_name, LO_NAME_SIZE - 1);
		memcpy(lo->crypt_name, info->lo_crypt_name, LO_NAME_SIZE - 1);
		memcpy(lo->init, info->lo_init, sizeof(lo->init));
	}
	lo->disk.read_only = lo->flags & LO_FLAGS_READ_ONLY;
	lo->disk.lbsize = block_size ? block_size : BLK_SECTOR;
	lo->disk.partscan = lo->flags & LO_FLAGS_PARTSCAN;
	lo->disk.sectors = bound_sectors(lo);
	return 0;
}

/* loops_lock held: the device forgets its file (LOOP_CLR_FD, autoclear) */
static void unbind(struct loop *lo)
{
	struct file *f = lo->backing;

	lo->clearing = true;
	lo->disk.sectors = 0;
	lo->disk.partscan = false;
	mutex_unlock(&loops_lock);
	/* the cached blocks go to the file before it is let go */
	(void)blk_disk_changed(&lo->disk);
	mutex_lock(&loops_lock);
	lo->backing = NULL;
	lo->offset = lo->sizelimit = 0;
	lo->flags = 0;
	lo->disk.read_only = false;
	lo->disk.lbsize = BLK_SECTOR;
	memset(lo->file_name, 0, sizeof(lo->file_name));
	lo->clearing = false;
	lo->rundown = false;
	mutex_unlock(&loops_lock);
	file_put(f);
	mutex_lock(&loops_lock);
}

/* `writable`: the loop device itself was opened for writing (else, as
 * on Linux, the binding is read-only). */
static long set_fd(struct loop *lo, int fd, const struct loop_info64 *info, uint32_t block_size,
		   bool writable)
{
	struct file *f = current_thread()->files ? fdtable_get(current_thread()->files, fd) : NULL;
	int err;

	if (!f || (f->flags & O_PATH)) { /* an O_PATH descriptor is no file to read */
		if (f)
			file_put(f);
		return -EBADF;
	}
	mutex_lock(&loops_lock);
	err = lo->backing || lo->clearing ? -EBUSY : bind(lo, f, info, block_size, !writable);
	mutex_unlock(&loops_lock);
	file_put(f);
	if (!err)
		(void)blk_disk_changed(&lo->disk);
	return err;
}

static long configure(struct loop *lo, uint64_t arg, bool writable)
{
	struct loop_config c;

	if (copy_from_user(&c, (const void __user *)uptr(arg), sizeof(c)))
		return -EFAULT;
	if (c.info.lo_flags & ~LOOP_CONFIGURE_SETTABLE_FLAGS)
		return -EINVAL;
	if (c.block_size && !valid_block_size(c.block_size))
		return -EINVAL;
	if (c.info.lo_encrypt_key_size > LO_KEY_SIZE)
		return -EINVAL;
	return set_fd(lo, (int)c.fd, &c.info, c.block_size, writable);
}

/* As Linux 6.x: with other openers the device only becomes autoclear;
 * with the caller alone it reads as unbound at once (status calls give
 * ENXIO) and lets its file go when the caller closes it. */
static long clr_fd(struct loop *lo)
{
	mutex_lock(&loops_lock);
	if (!lo->backing || lo->clearing || lo->rundown) {
		mutex_unlock(&loops_lock);
		return -ENXIO;
	}
	if (blk_disk_openers(&lo->disk) > 1)
		lo->flags |= LO_FLAGS_AUTOCLEAR;
	else
		lo->rundown = true;
	mutex_unlock(&loops_lock);
	return 0;
}

/* ---- status ---- */

static long get_status(struct loop *lo, uint64_t arg)
{
	struct loop_info64 info;
	struct vfs_stat st;

	if (!arg)
		return -EINVAL;
	memset(&info, 0, sizeof(info));
	mutex_lock(&loops_lock);
	if (!lo->backing || lo->clearing || lo->rundown) {
		mutex_unlock(&loops_lock);
		return -ENXIO;
	}
	info.lo_number = (uint32_t)lo->number;
	info.lo_offset = lo->offset;
	info.lo_sizelimit = lo->sizelimit;
	info.lo_flags = lo->flags;
	memcpy(info.lo_file_name, lo->file_name, LO_NAME_SIZE);
	memcpy(info.lo_crypt_name, lo->crypt_name, LO_NAME_SIZE);
	memcpy(info.lo_init, lo->init, sizeof(info.lo_init));
	if (!vfs_stat(lo->backing->inode, &st)) {
		info.lo_device = st.dev;
		info.lo_inode = st.ino;
		info.lo_rdevice = st.rdev;
	}
	mutex_unlock(&loops_lock);
	return copy_to_user((void __user *)uptr(arg), &info, sizeof(info)) ? -EFAULT : 0;
}

static long set_status(struct loop *lo, uint64_t arg)
{
	struct loop_info64 info;
	bool resize, scan;

	if (copy_from_user(&info, (const void __user *)uptr(arg), sizeof(info)))
		return -EFAULT;
	mutex_lock(&loops_lock);
	if (!lo->backing || lo->clearing || lo->rundown) {
		mutex_unlock(&loops_lock);
		return -ENXIO;
	}
	if (info.lo_encrypt_key_size > LO_KEY_SIZE) {
		mutex_unlock(&loops_lock);
		return -EINVAL;
	}
	resize = info.lo_offset != lo->offset || info.lo_sizelimit != lo->sizelimit;
	scan = (info.lo_flags & LO_FLAGS_PARTSCAN) && !(lo->flags & LO_FLAGS_PARTSCAN);
	lo->offset = info.lo_offset;
	lo->sizelimit = info.lo_sizelimit;
	lo->flags &= ~LOOP_SET_STATUS_CLEARABLE_FLAGS;
	lo->flags |= info.lo_flags & LOOP_SET_STATUS_SETTABLE_FLAGS;
	memcpy(lo->file_name, info.lo_file_name, LO_NAME_SIZE - 1);
	memcpy(lo->crypt_name, info.lo_crypt_name, LO_NAME_SIZE - 1);
	memcpy(lo->init, info.lo_init, sizeof(lo->init));
	lo->disk.partscan = lo->flags & LO_FLAGS_PARTSCAN;
	if (resize)
		lo->disk.sectors = bound_sectors(lo);
	mutex_unlock(&loops_lock);
	if (resize || scan)
		(void)blk_disk_changed(&lo->disk);
	return 0;
}

static long set_capacity(struct loop *lo)
{
	mutex_lock(&loops_lock);
	if (!lo->backing || lo->clearing || lo->rundown) {
		mutex_unlock(&loops_lock);
		return -ENXIO;
	}
	lo->disk.sectors = bound_sectors(lo);
	mutex_unlock(&loops_lock);
	(void)blk_disk_changed(&lo->disk);
	return 0;
}

static long set_block_size(struct loop *lo, uint64_t arg)
{
	long err = 0;

	if (!valid_block_size((uint32_t)arg) || arg > 4096)
		return -EINVAL;
	mutex_lock(&loops_lock);
	if (!lo->backing || lo->clearing || lo->rundown)
		err = -ENXIO;
	else
		lo->disk.lbsize = (unsigned)arg;
	mutex_unlock(&loops_lock);
	if (!err)
		(void)blk_disk_changed(&lo->disk);
	return err;
}

static long loop_ioctl(struct blk_disk *d, unsigned cmd, uint64_t arg, bool writable)
{
	struct loop *lo = loop_of(d);

	switch (cmd) {
	case LOOP_SET_FD:
		return set_fd(lo, (int)arg, NULL, 0, writable);
	case LOOP_CONFIGURE:
		return configure(lo, arg, writable);
	case LOOP_CLR_FD:
		return clr_fd(lo);
	case LOOP_GET_STATUS64:
		return get_status(lo, arg);
	case LOOP_SET_STATUS64:
		return set_status(lo, arg);
	case LOOP_SET_CAPACITY:
		return set_capacity(lo);
	case LOOP_SET_BLOCK_SIZE:
		return set_block_size(lo, arg);
	case LOOP_SET_DIRECT_IO:
		/* direct I/O is a no-op here: every request bypasses nothing */
		mutex_lock(&loops_lock);
		cmd = lo->backing && !lo->rundown ? 0 : 1;
		mutex_unlock(&loops_lock);
		return cmd ? -ENXIO : 0;
	default: /* LOOP_CHANGE_FD (only for read-only devices) too */
		return -EINVAL;
	}
}

/* The last opener is gone: an autoclear device lets its file go. */
static void loop_release(struct blk_disk *d)
{
	struct loop *lo = loop_of(d);

	mutex_lock(&loops_lock);
	if (lo->backing && !lo->clearing && (lo->rundown || (lo->flags & LO_FLAGS_AUTOCLEAR)))
		unbind(lo);
	mutex_unlock(&loops_lock);
}

static const struct blk_disk_ops loop_ops = {
	.submit = loop_submit,
	.ioctl = loop_ioctl,
	.release = loop_release,
};

/* ---- /dev/loop-control ---- */

/* loops_lock held: make loop `n` */
static int add_loop(int n)
{
	struct loop *lo;
	int err;

	if (loops[n])
		return -EEXIST;
	lo = kzalloc(sizeof(*lo));
	if (!lo)
		return -ENOMEM;
	lo->number = n;
	snprintf(lo->disk.name, sizeof(lo->disk.name), "loop%d", n);
	lo->disk.major = LOOP_MAJOR;
	lo->disk.minor = (uint32_t)n;
	lo->disk.lbsize = BLK_SECTOR;
	/* a hole punched, a range zeroed in the backing file, as Linux's loop */
	lo->disk.max_discard_sectors = 1u << 22;
	lo->disk.max_zero_sectors = 1u << 22;
	lo->disk.ops = &loop_ops;
	lo->disk.priv = lo;
	err = blk_disk_add(&lo->disk);
	if (err) {
		kfree(lo);
		return err;
	}
	loops[n] = lo;
	return n;
}

static long ctl_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	long r = -ENOSPC;
	long n = (long)arg;

	if (cmd != LOOP_CTL_ADD && cmd != LOOP_CTL_REMOVE && cmd != LOOP_CTL_GET_FREE)
		return -ENOSYS; /* Linux's answer for an unknown loop-control command */
	mutex_lock(&loops_lock);
	switch (cmd) {
	case LOOP_CTL_ADD:
		if (n < 0) { /* any free number */
			for (n = 0; n < MAX_LOOPS && loops[n]; n++)
				;
		}
		r = n >= MAX_LOOPS ? -EINVAL : add_loop((int)n);
		break;
	case LOOP_CTL_REMOVE:
		if (n < 0 || n >= MAX_LOOPS) {
			r = -EINVAL;
			break;
		}
		if (!loops[n]) {
			r = -ENODEV;
			break;
		}
		if (loops[n]->backing || loops[n]->clearing || blk_disk_openers(&loops[n]->disk)) {
			r = -EBUSY;
			break;
		}
		blk_disk_del(&loops[n]->disk);
		/* the record stays: open files and the cache may still point at it */
		loops[n] = NULL;
		r = 0;
		break;
	case LOOP_CTL_GET_FREE:
		for (n = 0; n < MAX_LOOPS; n++) {
			if (loops[n] && !loops[n]->backing && !loops[n]->clearing)
				break;
		}
		if (n < MAX_LOOPS) {
			r = n;
			break;
		}
		for (n = 0; n < MAX_LOOPS && loops[n]; n++)
			;
		r = n < MAX_LOOPS ? add_loop((int)n) : -ENOSPC;
		break;
	}
	mutex_unlock(&loops_lock);
	return r;
}

int loop_attach_file(struct file *f, const char *name, bool read_only, struct blkdev **out)
{
	struct loop_info64 info;
	struct loop *lo = NULL;
	int n, err;

	memset(&info, 0, sizeof(info));
	info.lo_flags = LO_FLAGS_AUTOCLEAR | (read_only ? LO_FLAGS_READ_ONLY : 0);
	strlcpy((char *)info.lo_file_name, name, LO_NAME_SIZE);
	mutex_lock(&loops_lock);
	for (n = 0; n < MAX_LOOPS; n++) {
		if (loops[n] && !loops[n]->backing && !loops[n]->clearing)
			break;
	}
	if (n == MAX_LOOPS) {
		for (n = 0; n < MAX_LOOPS && loops[n]; n++)
			;
		err = n < MAX_LOOPS ? add_loop(n) : -ENOSPC;
		if (err < 0)
			goto out;
	}
	lo = loops[n];
	err = bind(lo, f, &info, 0, read_only);
out:
	mutex_unlock(&loops_lock);
	if (err < 0)
		return err;
	(void)blk_disk_changed(&lo->disk);
	*out = blkdev_get(lo->disk.whole);
	return 0;
}

static int ctl_stat(struct inode *ino, struct vfs_stat *st)
{
	st->mode = S_IFCHR | 0660;
	st->nlink = 1;
	st->rdev = (10u << 8) | 237u;
	st->gid = 6; /* disk */
	st->blksize = 4096;
	return 0;
}

const struct file_ops loop_control_ops = {.ioctl = ctl_ioctl, .stat = ctl_stat};

void loop_init(void)
{
	mutex_lock(&loops_lock);
	for (int i = 0; i < LOOPS_AT_BOOT; i++)
		add_loop(i);
	mutex_unlock(&loops_lock);
}
