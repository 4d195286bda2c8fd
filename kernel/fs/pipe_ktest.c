/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of pipes, driven through open files and the dispatch
 * wrappers as the syscalls drive them, with kernel threads for the
 * blocking cases: a sleeping reader woken by a writer, end of file and
 * EPIPE when the other side's last file goes, writers of PIPE_BUF-sized
 * messages that never interleave, Linux's page-buffer capacity under
 * O_NONBLOCK, packets, poll and stat.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/stat.h>
#include <asm/ioctls.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/time.h>
#include <kernel/file.h>
#include <kernel/pipe.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>

static ssize_t rd(struct file *f, void *buf, size_t n)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = n};

	return vfs_read(f->inode, 0, &b, f->flags);
}

static ssize_t wr(struct file *f, const void *buf, size_t n)
{
	struct iobuf b = {.user = false, .kbuf = (void *)buf, .len = n};

	return vfs_write(f->inode, 0, &b, f->flags);
}

/* Let other threads run until *flag is set (or give up: bounded in time,
 * since they may run on other CPUs). */
static void yield_until(const int *flag)
{
	for (uint64_t end = time_ns() + 5000000000ull; !READ_ONCE(*flag) && time_ns() < end;)
		sched_yield_cpu();
}

static void yield_some(void)
{
	for (int i = 0; i < 20; i++)
		sched_yield_cpu();
}

KTEST(pipe, data_stat_and_poll)
{
	struct file *r, *w;
	char buf[16] = "";
	struct vfs_stat st, st2;

	KTEST_EXPECT_EQ(t, pipe_create(0, &r, &w), 0);
	KTEST_EXPECT_EQ(t, r->flags, O_RDONLY);
	KTEST_EXPECT_EQ(t, w->flags, O_WRONLY);
	KTEST_EXPECT_EQ(t, vfs_poll(r->inode, POLLIN | POLLOUT, r->flags, NULL), 0);
	KTEST_EXPECT_EQ(t, vfs_poll(w->inode, POLLIN | POLLOUT, w->flags, NULL), POLLOUT);
	KTEST_EXPECT_EQ(t, wr(w, "hello", 5), 5);
	KTEST_EXPECT_EQ(t, wr(w, "", 0), 0);
	KTEST_EXPECT_EQ(t, vfs_poll(r->inode, POLLIN | POLLOUT, r->flags, NULL), POLLIN);
	KTEST_EXPECT_EQ(t, vfs_stat(r->inode, &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IFIFO | 0600);
	KTEST_EXPECT_EQ(t, st.size, 0); /* Linux does not report the bytes held */
	KTEST_EXPECT_EQ(t, st.blksize, 4096);
	KTEST_EXPECT_EQ(t, st.nlink, 1);
	KTEST_EXPECT_EQ(t, vfs_stat(w->inode, &st2), 0);
	KTEST_EXPECT_EQ(t, st.ino, st2.ino);
	KTEST_EXPECT_EQ(t, rd(r, buf, 3), 3);
	KTEST_EXPECT(t, !memcmp(buf, "hel", 3));
	KTEST_EXPECT_EQ(t, rd(r, buf, sizeof(buf)), 2);
	KTEST_EXPECT(t, !memcmp(buf, "lo", 2));
	KTEST_EXPECT_EQ(t, vfs_ioctl(r->inode, FIONREAD, 16), -EFAULT); /* a bad user pointer */
	KTEST_EXPECT_EQ(t, vfs_ioctl(r->inode, 0x5401 /* TCGETS */, 0), -ENOTTY);
	file_put(w);
	KTEST_EXPECT_EQ(t, vfs_poll(r->inode, POLLIN, r->flags, NULL), POLLHUP);
	file_put(r);
}

struct reader {
	struct file *f;
	char buf[64];
	int started, finished;
	ssize_t got;
};

static void reader_thread(void *arg)
{
	struct reader *rs = arg;

	WRITE_ONCE(rs->started, 1);
	rs->got = rd(rs->f, rs->buf, sizeof(rs->buf));
	WRITE_ONCE(rs->finished, 1);
}

KTEST(pipe, blocked_reader_woken_by_writer)
{
	struct reader rs = {.started = 0, .finished = 0, .got = -1};
	struct file *w;
	struct thread *th;

	KTEST_EXPECT_EQ(t, pipe_create(0, &rs.f, &w), 0);
	th = thread_create("pipe-rd", reader_thread, &rs);
	KTEST_EXPECT(t, th != NULL);
	if (!th)
		return;
	yield_until(&rs.started);
	yield_some();
	KTEST_EXPECT(t, !READ_ONCE(rs.finished)); /* asleep: the pipe is empty */
	KTEST_EXPECT_EQ(t, wr(w, "wake", 4), 4);
	thread_join(th);
	thread_put(th);
	KTEST_EXPECT_EQ(t, rs.got, 4);
	KTEST_EXPECT(t, !memcmp(rs.buf, "wake", 4));
	file_put(w);
	file_put(rs.f);
}

KTEST(pipe, eof_after_last_writer_file_goes)
{
	struct reader rs = {.started = 0, .finished = 0, .got = -1};
	struct file *w;
	struct thread *th;

	KTEST_EXPECT_EQ(t, pipe_create(0, &rs.f, &w), 0);
	/* a second reference (dup, fork) keeps the writer alive */
	file_get(w);
	th = thread_create("pipe-rd", reader_thread, &rs);
	KTEST_EXPECT(t, th != NULL);
	if (!th)
		return;
	yield_until(&rs.started);
	yield_some();
	file_put(w);
	yield_some();
	KTEST_EXPECT(t, !READ_ONCE(rs.finished)); /* one reference is left */
	file_put(w);
	thread_join(th);
	thread_put(th);
	KTEST_EXPECT_EQ(t, rs.got, 0);
	KTEST_EXPECT_EQ(t, rd(rs.f, rs.buf, 1), 0); /* and it stays at end of file */
	file_put(rs.f);
}

struct writer {
	struct file *f;
	size_t len;
	int started;
	ssize_t res;
};

static void writer_thread(void *arg)
{
	struct writer *ws = arg;
	char *buf = kzalloc(ws->len);

	WRITE_ONCE(ws->started, 1);
	ws->res = buf ? wr(ws->f, buf, ws->len) : -ENOMEM;
	kfree(buf);
}

KTEST(pipe, epipe_after_last_reader_file_goes)
{
	struct writer ws = {.len = PIPE_CAPACITY + 10000, .started = 0, .res = 0};
	struct file *r;
	struct thread *th;

	KTEST_EXPECT_EQ(t, pipe_create(0, &r, &ws.f), 0);
	/* the writer fills the pipe and sleeps for room */
	th = thread_create("pipe-wr", writer_thread, &ws);
	KTEST_EXPECT(t, th != NULL);
	if (!th)
		return;
	yield_until(&ws.started);
	/* bounded: the writer may fill it from another CPU */
	for (uint64_t end = time_ns() + 5000000000ull;
	     vfs_poll(ws.f->inode, POLLOUT, ws.f->flags, NULL) && time_ns() < end;)
		sched_yield_cpu();
	KTEST_EXPECT_EQ(t, vfs_poll(ws.f->inode, POLLOUT, ws.f->flags, NULL), 0); /* full */
	file_put(r);
	thread_join(th);
	thread_put(th);
	KTEST_EXPECT_EQ(t, ws.res, PIPE_CAPACITY); /* what it wrote before the reader left */
	KTEST_EXPECT_EQ(t, wr(ws.f, "x", 1), -EPIPE);
	/* still full, and no reader: POLLERR alone, as Linux */
	KTEST_EXPECT_EQ(t, vfs_poll(ws.f->inode, POLLOUT, ws.f->flags, NULL), POLLERR);
	file_put(ws.f);
}

#define MSG_LEN	  3000 /* <= PIPE_BUF, and not a divisor of a page */
#define MSG_COUNT 60

struct msg_writer {
	struct file *f;
	char id;
	ssize_t failures;
};

static void msg_writer_thread(void *arg)
{
	struct msg_writer *mw = arg;
	char *msg = kmalloc(MSG_LEN);

	if (!msg) {
		mw->failures = -1;
		return;
	}
	memset(msg, mw->id, MSG_LEN);
	for (int i = 0; i < MSG_COUNT; i++) {
		if (wr(mw->f, msg, MSG_LEN) != MSG_LEN)
			mw->failures++;
		if (i % 7 == 0)
			sched_yield_cpu();
	}
	kfree(msg);
}

KTEST(pipe, pipe_buf_writes_never_interleave)
{
	struct msg_writer a = {.id = 'A', .failures = 0}, b = {.id = 'B', .failures = 0};
	struct thread *ta, *tb;
	struct file *r, *w;
	size_t total = 0, at = 0, msgs[2] = {0, 0}, torn = 0;
	char *stream = kmalloc(2 * MSG_COUNT * MSG_LEN);
	char chunk[1500];

	KTEST_EXPECT(t, stream != NULL);
	if (!stream)
		return;
	KTEST_EXPECT_EQ(t, pipe_create(0, &r, &w), 0);
	a.f = b.f = w;
	ta = thread_create("pipe-a", msg_writer_thread, &a);
	tb = thread_create("pipe-b", msg_writer_thread, &b);
	KTEST_EXPECT(t, ta && tb);
	/* read in odd-sized pieces while both writers block and resume */
	while (total < 2 * MSG_COUNT * MSG_LEN) {
		ssize_t n = rd(r, chunk, sizeof(chunk) - (total % 7) * 100);

		if (n <= 0)
			break;
		memcpy(stream + total, chunk, (size_t)n);
		total += (size_t)n;
	}
	if (ta) {
		thread_join(ta);
		thread_put(ta);
	}
	if (tb) {
		thread_join(tb);
		thread_put(tb);
	}
	KTEST_EXPECT_EQ(t, total, 2 * MSG_COUNT * MSG_LEN);
	for (at = 0; at + MSG_LEN <= total; at += MSG_LEN) {
		char id = stream[at];

		for (size_t i = 1; i < MSG_LEN; i++)
			if (stream[at + i] != id) {
				torn++;
				break;
			}
		if (id == 'A' || id == 'B')
			msgs[id - 'A']++;
	}
	KTEST_EXPECT_EQ(t, torn, 0);
	KTEST_EXPECT_EQ(t, msgs[0], MSG_COUNT);
	KTEST_EXPECT_EQ(t, msgs[1], MSG_COUNT);
	KTEST_EXPECT_EQ(t, a.failures, 0);
	KTEST_EXPECT_EQ(t, b.failures, 0);
	file_put(w);
	file_put(r);
	kfree(stream);
}

/* Linux's page-buffer accounting, step by step (tests/abi/pipe/pipe_capacity
 * is the same sequence in user space). */
KTEST(pipe, nonblock_eagain_and_capacity)
{
	static char buf[8192];
	struct file *r, *w;
	size_t filled = 0;

	KTEST_EXPECT_EQ(t, pipe_create(O_NONBLOCK, &r, &w), 0);
	KTEST_EXPECT_EQ(t, r->flags, O_RDONLY | O_NONBLOCK);
	KTEST_EXPECT_EQ(t, rd(r, buf, 10), -EAGAIN);
	while (filled < PIPE_CAPACITY - 100) {
		ssize_t n = wr(w, buf, MIN(4096, PIPE_CAPACITY - 100 - filled));

		if (n <= 0)
			break;
		filled += (size_t)n;
	}
	KTEST_EXPECT_EQ(t, filled, PIPE_CAPACITY - 100);
	KTEST_EXPECT_EQ(t, wr(w, buf, 200), -EAGAIN); /* atomic: no room for all of it */
	KTEST_EXPECT_EQ(t, wr(w, buf, 50), 50);	      /* merges into the last page */
	KTEST_EXPECT_EQ(t, wr(w, buf, 8192), -EAGAIN);
	KTEST_EXPECT_EQ(t, wr(w, buf, 50), 50);
	KTEST_EXPECT_EQ(t, wr(w, buf, 1), -EAGAIN);
	KTEST_EXPECT_EQ(t, rd(r, buf, 1), 1);
	KTEST_EXPECT_EQ(t, wr(w, buf, 1), -EAGAIN); /* the first page is not free yet */
	KTEST_EXPECT_EQ(t, rd(r, buf, 4095), 4095);
	KTEST_EXPECT_EQ(t, wr(w, buf, 8192), 4096); /* a partial write, one free page */
	KTEST_EXPECT_EQ(t, wr(w, buf, 1), -EAGAIN);
	file_put(w);
	filled = 0;
	for (ssize_t n; (n = rd(r, buf, sizeof(buf))) > 0;)
		filled += (size_t)n;
	KTEST_EXPECT_EQ(t, filled, PIPE_CAPACITY);
	KTEST_EXPECT_EQ(t, rd(r, buf, 1), 0); /* drained and no writer: end of file */
	file_put(r);
}

KTEST(pipe, o_direct_packets)
{
	struct file *r, *w;
	char buf[16] = "";

	KTEST_EXPECT_EQ(t, pipe_create(O_DIRECT, &r, &w), 0);
	KTEST_EXPECT_EQ(t, r->flags, O_RDONLY);
	KTEST_EXPECT_EQ(t, w->flags, O_WRONLY | O_DIRECT);
	KTEST_EXPECT_EQ(t, wr(w, "abc", 3), 3);
	KTEST_EXPECT_EQ(t, wr(w, "defg", 4), 4);
	KTEST_EXPECT_EQ(t, rd(r, buf, sizeof(buf)), 3);
	KTEST_EXPECT(t, !memcmp(buf, "abc", 3));
	KTEST_EXPECT_EQ(t, rd(r, buf, 2), 2);
	KTEST_EXPECT(t, !memcmp(buf, "de", 2));
	KTEST_EXPECT_EQ(t, vfs_poll(r->inode, POLLIN, r->flags, NULL), 0); /* "fg" was dropped */
	file_put(w);
	file_put(r);
}
