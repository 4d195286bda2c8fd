/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The console as a FileLike: writes go to the platform console.  Reading
 * (and the line discipline, job control, termios) belongs to the TTY layer
 * that comes next; until then a read returns end of file.
 */
#include <klib/errno.h>
#include <platform/console.h>
#include <platform/panic.h>
#include <linux/stat.h>
#include <kevlar_vfs/service.h>
#include <kernel/file.h>

static ssize_t console_write_op(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	char chunk[256];
	size_t done = 0;

	while (done < b->len) {
		size_t n = MIN(b->len - done, sizeof(chunk));

		if (iobuf_get(b, done, chunk, n))
			return done ? (ssize_t)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (ssize_t)done;
}

static ssize_t console_read_op(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	return 0;
}

static int console_stat(struct inode *ino, struct vfs_stat *st)
{
	st->mode = S_IFCHR | 0620;
	st->nlink = 1;
	st->rdev = (5 << 8) | 1; /* /dev/console 5:1, as stat's dev_t encodes it */
	st->blksize = 1024;
	return 0;
}

static const struct file_ops console_ops = {
	.read = console_read_op,
	.write = console_write_op,
	.stat = console_stat,
};

struct inode *console_inode(void)
{
	static struct inode *ino;

	if (!ino) {
		ino = inode_alloc(NULL, INODE_FILE, &console_ops, 1);
		if (!ino)
			panic("console: no memory");
	}
	inode_get(ino);
	return ino;
}
