/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of inotify's queue, driven through the kernel API on a pipe's
 * inode (a ring-1 inode any test can make): identical consecutive events
 * merge, a full queue ends with one IN_Q_OVERFLOW, IN_ONESHOT watches go
 * after one event, and a read returns whole events only.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/inotify.h>
#include <platform/ktest.h>
#include <kernel/file.h>
#include <kernel/fsnotify.h>
#include <kernel/inotify.h>
#include <kernel/pipe.h>
#include <kernel/vfs.h>

#define EV offsetof(struct inotify_event, name)

static ssize_t rd(struct file *f, void *buf, size_t n)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = n};

	return vfs_read(f->inode, 0, &b, f->flags);
}

KTEST(inotify, merge_overflow_oneshot)
{
	struct {
		int32_t wd;
		uint32_t mask, cookie, len;
	} ev[8]; /* struct inotify_event without its name */
	struct file *in, *r, *w;
	int saved = inotify_max_queued_events, wd;

	KTEST_EXPECT_EQ(t, pipe_create(0, &r, &w), 0);
	KTEST_EXPECT_EQ(t, inotify_new(O_NONBLOCK, &in), 0);
	wd = inotify_add(in, r->inode, IN_MODIFY | IN_ACCESS);
	KTEST_EXPECT_EQ(t, wd, 1);
	KTEST_EXPECT_EQ(t, inotify_add(in, r->inode, IN_MODIFY | IN_MASK_CREATE), -EEXIST);

	fsnotify_inode(r->inode, IN_MODIFY);
	fsnotify_inode(r->inode, IN_MODIFY); /* merged */
	fsnotify_inode(r->inode, IN_ACCESS);
	fsnotify_inode(r->inode, IN_ATTRIB); /* not asked */
	KTEST_EXPECT_EQ(t, rd(in, ev, EV - 1), -EINVAL);
	KTEST_EXPECT_EQ(t, rd(in, ev, sizeof(ev)), (ssize_t)(2 * EV));
	KTEST_EXPECT_EQ(t, ev[0].mask, IN_MODIFY);
	KTEST_EXPECT_EQ(t, ev[1].mask, IN_ACCESS);
	KTEST_EXPECT_EQ(t, rd(in, ev, sizeof(ev)), -EAGAIN);

	inotify_max_queued_events = 3;
	for (int i = 0; i < 6; i++)
		fsnotify_inode(r->inode, i % 2 ? IN_ACCESS : IN_MODIFY);
	KTEST_EXPECT_EQ(t, rd(in, ev, sizeof(ev)), (ssize_t)(4 * EV));
	KTEST_EXPECT_EQ(t, ev[3].mask, IN_Q_OVERFLOW);
	KTEST_EXPECT_EQ(t, ev[3].wd, -1);
	inotify_max_queued_events = saved;

	KTEST_EXPECT_EQ(t, inotify_add(in, r->inode, IN_ACCESS | IN_ONESHOT), wd);
	fsnotify_inode(r->inode, IN_ACCESS);
	fsnotify_inode(r->inode, IN_ACCESS);
	KTEST_EXPECT_EQ(t, rd(in, ev, sizeof(ev)), (ssize_t)(2 * EV));
	KTEST_EXPECT_EQ(t, ev[0].mask, IN_ACCESS);
	KTEST_EXPECT_EQ(t, ev[1].mask, IN_IGNORED);
	KTEST_EXPECT_EQ(t, inotify_rm(in, wd), -EINVAL);

	file_put(in);
	file_put(w);
	file_put(r);
}
