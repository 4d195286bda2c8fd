/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of special nodes on a private tmpfs (special.c, the named
 * pipes in pipe.c, devfs_chrdev): a FIFO's openers share one pipe, which
 * is gone with the last close; O_NONBLOCK write-only opens without a
 * reader give ENXIO; a blocking reader waits for a writer (a kernel
 * thread); character device nodes reach devfs's drivers by number, and
 * an unknown number, a block device or a socket node gives ENXIO; a
 * reopened pipe(2) inode counts one more end.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <platform/ktest.h>
#include <kernel/file.h>
#include <kernel/path.h>
#include <kernel/pipe.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include "fs.h"

static struct inode *node(struct test_mount *m, const char *name, uint32_t mode, uint64_t rdev)
{
	struct inode *i = NULL;

	if (vfs_mknod(m->root->inode, name, strlen(name), mode, rdev, &i))
		return NULL;
	return i;
}

static ssize_t io(struct inode *i, bool write, void *buf, size_t n, unsigned flags)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = n};

	return write ? vfs_write(i, 0, &b, flags) : vfs_read(i, 0, &b, flags);
}

KTEST(special, fifo_shares_one_pipe)
{
	struct test_mount m;
	struct inode *fifo, *a = NULL, *b = NULL, *c = NULL;
	char buf[8] = "";

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 79, NULL, 0), 0);
	fifo = node(&m, "fifo", S_IFIFO | 0644, 0);
	KTEST_EXPECT(t, fifo != NULL);
	KTEST_EXPECT_EQ(t, vfs_open_inode(fifo, O_WRONLY | O_NONBLOCK, &a), -ENXIO);
	KTEST_EXPECT_EQ(t, vfs_open_inode(fifo, O_RDWR, &a), 0);
	KTEST_EXPECT_EQ(t, vfs_open_inode(fifo, O_WRONLY | O_NONBLOCK, &b), 0);
	KTEST_EXPECT(t, a == b && a != fifo);
	KTEST_EXPECT_EQ(t, io(b, true, "abc", 3, O_WRONLY), 3);
	KTEST_EXPECT_EQ(t, io(a, false, buf, sizeof(buf), O_RDWR), 3);
	KTEST_EXPECT_EQ(t, io(b, true, "left", 4, O_WRONLY), 4);
	vfs_release(b, O_WRONLY | O_NONBLOCK);
	inode_put(b);
	vfs_release(a, O_RDWR);
	inode_put(a);
	/* every end closed: a new opener finds a new, empty pipe */
	KTEST_EXPECT_EQ(t, vfs_open_inode(fifo, O_RDWR | O_NONBLOCK, &c), 0);
	KTEST_EXPECT_EQ(t, io(c, false, buf, sizeof(buf), O_RDWR | O_NONBLOCK), -EAGAIN);
	vfs_release(c, O_RDWR | O_NONBLOCK);
	inode_put(c);
	inode_put(fifo);
	test_unmount(&m);
}

static struct inode *thread_fifo;
static int writer_opened;

static void open_writer(void *arg)
{
	struct inode *w = NULL;

	if (vfs_open_inode(thread_fifo, O_WRONLY, &w) == 0) {
		WRITE_ONCE(writer_opened, 1);
		vfs_release(w, O_WRONLY);
		inode_put(w);
	}
}

KTEST(special, reader_waits_for_a_writer)
{
	struct test_mount m;
	struct inode *r = NULL;
	struct thread *th;
	char buf[4];

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 80, NULL, 0), 0);
	thread_fifo = node(&m, "fifo", S_IFIFO | 0600, 0);
	KTEST_EXPECT(t, thread_fifo != NULL);
	writer_opened = 0;
	th = thread_create("fifo-wr", open_writer, NULL);
	KTEST_EXPECT(t, th != NULL);
	KTEST_EXPECT_EQ(t, vfs_open_inode(thread_fifo, O_RDONLY, &r), 0);
	thread_join(th);
	thread_put(th);
	KTEST_EXPECT(t, READ_ONCE(writer_opened));
	KTEST_EXPECT_EQ(t, io(r, false, buf, sizeof(buf), O_RDONLY), 0); /* writer gone: EOF */
	vfs_release(r, O_RDONLY);
	inode_put(r);
	inode_put(thread_fifo);
	test_unmount(&m);
}

KTEST(special, device_nodes_by_number)
{
	struct test_mount m;
	struct inode *n, *dev = NULL;
	struct vfs_stat st;
	char buf[4] = {1, 1, 1, 1};

	KTEST_EXPECT_EQ(t, test_mount(&m, "tmpfs", 81, NULL, 0), 0);
	n = node(&m, "zero", S_IFCHR | 0666, 0x105);
	KTEST_EXPECT_EQ(t, vfs_open_inode(n, O_RDONLY, &dev), 0);
	KTEST_EXPECT_EQ(t, io(dev, false, buf, sizeof(buf), O_RDONLY), 4);
	KTEST_EXPECT_EQ(t, buf[0] | buf[1] | buf[2] | buf[3], 0);
	KTEST_EXPECT_EQ(t, vfs_stat(dev, &st), 0);
	KTEST_EXPECT_EQ(t, st.rdev, 0x105);
	inode_put(dev);
	inode_put(n);
	n = node(&m, "none", S_IFCHR | 0666, 0xfff07);
	KTEST_EXPECT_EQ(t, vfs_open_inode(n, O_RDONLY, &dev), -ENXIO);
	inode_put(n);
	n = node(&m, "blk", S_IFBLK | 0666, 0x105);
	KTEST_EXPECT_EQ(t, vfs_open_inode(n, O_RDONLY, &dev), -ENXIO);
	inode_put(n);
	n = node(&m, "sock", S_IFSOCK | 0666, 0);
	KTEST_EXPECT_EQ(t, vfs_open_inode(n, O_RDWR, &dev), -ENXIO);
	inode_put(n);
	test_unmount(&m);
}

KTEST(special, pipe_reopen_counts_an_end)
{
	struct file *r, *w;

	KTEST_EXPECT_EQ(t, pipe_create(0, &r, &w), 0);
	/* a reopen of the read end (/proc/self/fd/N), then its close */
	KTEST_EXPECT_EQ(t, vfs_open(r->inode, O_RDONLY), 0);
	vfs_release(r->inode, O_RDONLY);
	KTEST_EXPECT_EQ(t, io(w->inode, true, "x", 1, w->flags), 1); /* r still reads */
	file_put(r);
	KTEST_EXPECT_EQ(t, io(w->inode, true, "x", 1, w->flags), -EPIPE);
	file_put(w);
}
