/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of epoll inside the kernel, under the lock-rank checker: a
 * pipe write reaches a poll table registered on an epoll that holds an
 * epoll that holds the pipe (callbacks under the pipe's queue lock, the
 * instances' deferred wake-ups after it); cycles are refused; the last
 * close of a registered file and of the instances unregisters everything.
 */
#include <klib/errno.h>
#include <linux/eventpoll.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <platform/ktest.h>
#include <kernel/epoll.h>
#include <kernel/file.h>
#include <kernel/pipe.h>
#include <kernel/poll.h>
#include <kernel/vfs.h>

static ssize_t wr(struct file *f, const char *s, size_t n)
{
	struct iobuf b = {.user = false, .kbuf = (void *)s, .len = n};

	return vfs_write(f->inode, 0, &b, f->flags);
}

KTEST(epoll, nested_wakeup_reaches_a_poller)
{
	struct file *r, *w, *inner = epoll_file_new(0), *outer = epoll_file_new(0);
	struct poll_wqueues pw;

	if (!inner || !outer || pipe_create(0, &r, &w)) {
		KTEST_EXPECT(t, !"setup");
		return;
	}
	KTEST_EXPECT_EQ(t, epoll_ctl_file(inner, EPOLL_CTL_ADD, r, 3, POLLIN, 1), 0);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(inner, EPOLL_CTL_ADD, r, 3, POLLIN, 1), -EEXIST);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(outer, EPOLL_CTL_ADD, inner, 4, POLLIN, 2), 0);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(inner, EPOLL_CTL_ADD, outer, 5, POLLIN, 3), -ELOOP);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(outer, EPOLL_CTL_ADD, outer, 5, POLLIN, 3), -EINVAL);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(r, EPOLL_CTL_ADD, w, 6, POLLOUT, 0), -EINVAL);

	poll_wqueues_init(&pw);
	pw.pt.file = outer;
	pw.pt.key = POLLIN | POLLERR | POLLHUP;
	KTEST_EXPECT_EQ(t, vfs_poll(outer->inode, POLLIN, outer->flags, &pw.pt), 0);
	KTEST_EXPECT_EQ(t, pw.triggered, 0);
	KTEST_EXPECT_EQ(t, wr(w, "x", 1), 1);
	KTEST_EXPECT_EQ(t, pw.triggered, 1);
	KTEST_EXPECT_EQ(t, vfs_poll(outer->inode, POLLIN, outer->flags, NULL) & POLLIN, POLLIN);
	poll_wqueues_free(&pw);

	file_put(r); /* the read end's last reference: its item goes */
	KTEST_EXPECT_EQ(t, vfs_poll(outer->inode, POLLIN, outer->flags, NULL), 0);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(inner, EPOLL_CTL_DEL, w, 3, 0, 0), -ENOENT);
	file_put(inner); /* still held by nothing: its item in outer goes */
	file_put(outer);
	file_put(w);
}

KTEST(epoll, regular_refusal_and_modify)
{
	struct file *r, *w, *ep = epoll_file_new(0);

	if (!ep || pipe_create(0, &r, &w)) {
		KTEST_EXPECT(t, !"setup");
		return;
	}
	KTEST_EXPECT_EQ(t, epoll_ctl_file(ep, EPOLL_CTL_MOD, w, 4, POLLOUT, 0), -ENOENT);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(ep, EPOLL_CTL_ADD, w, 4, POLLIN, 0), 0);
	KTEST_EXPECT_EQ(t, vfs_poll(ep->inode, POLLIN, ep->flags, NULL), 0);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(ep, EPOLL_CTL_MOD, w, 4, POLLOUT, 0), 0);
	KTEST_EXPECT_EQ(t, vfs_poll(ep->inode, POLLIN, ep->flags, NULL) & POLLIN, POLLIN);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(ep, EPOLL_CTL_DEL, w, 4, 0, 0), 0);
	KTEST_EXPECT_EQ(t, vfs_poll(ep->inode, POLLIN, ep->flags, NULL), 0);
	KTEST_EXPECT_EQ(t, epoll_ctl_file(ep, 99, w, 4, POLLIN, 0), -EINVAL);
	file_put(ep);
	file_put(r);
	file_put(w);
}
