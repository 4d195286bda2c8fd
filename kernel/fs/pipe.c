/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Pipes (kernel/pipe.h), laid out as Linux lays them out because the
 * layout is observable: a ring of PIPE_SLOTS buffers (F_SETPIPE_SZ makes
 * it any power of two), each a page holding `len` bytes from `off`.  A
 * write first merges the part of its length that is not a whole number of
 * pages (len % 4096) into the last buffer if that fits, then fills fresh
 * pages; so small writes share pages, a write of at most PIPE_BUF bytes is
 * never split (it merges whole or takes one fresh page whole: it is atomic
 * without a special case), and a pipe of half-used pages is full before
 * 65536 bytes.  A read takes bytes in order across buffers and frees each
 * page it empties.  A write end with O_DIRECT makes packet buffers: a read
 * returns at most one packet and drops what it did not take of it.
 *
 * Locking: `lock` (a sleeping mutex, held across the copies to and from
 * user memory) guards everything below it.  Sleepers wait on rd_wait
 * (data or no writer) and wr_wait (room or no reader) with predicates that
 * read head, tail, readers and writers without the mutex (READ_ONCE, set
 * with WRITE_ONCE under it); a waker changes state under the mutex and then
 * wakes the queue, so a change never slips between a check and a sleep.
 *
 * Lifetime: readers and writers count open files (struct file), not
 * descriptors: the release slot, called when a file's last reference goes,
 * drops them.  The pipe itself is freed when its inode is (evict).
 *
 * Named pipes (pipe_open_fifo): a FIFO node's openers share the pipe found
 * by node in a registry under fifo_lock (taken before p->lock); the pipe
 * leaves the registry when its last end closes, so the next opener starts
 * a fresh, empty one, as Linux frees the pipe then.  Blocking opens wait
 * for the partner's open count (r_opens, w_opens) to move, so an end that
 * opened and closed again meanwhile still ends the wait.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <asm/ioctls.h>
#include <linux/poll.h>
#include <linux/magic.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/vfs.h>
#include <kernel/file.h>
#include <kernel/mutex.h>
#include <kernel/pipe.h>
#include <kernel/poll.h>
#include <kernel/waitqueue.h>

/* Pipes live on no mounted filesystem; this instance gives their inodes
 * an st_dev and the evict hook.  The number stands for Linux's anonymous
 * pipefs device; a device-number allocator must keep it reserved. */
#define PIPEFS_DEV 12

struct pipe_buf {
	uint8_t *page; /* NULL when the slot is free */
	uint32_t off, len;
	bool packet;  /* written in O_DIRECT mode: never merged into, read alone */
	bool nomerge; /* spliced or teed in: later writes start a fresh page, as Linux */
};

struct pipe {
	struct mutex lock;
	struct pipe_buf *bufs; /* a ring of mask + 1 buffers (F_SETPIPE_SZ resizes it) */
	unsigned mask;	       /* slots - 1, slots a power of two; READ_ONCE outside the lock */
	unsigned head, tail;   /* free-running; slot = index & mask */
	int readers, writers;
	uint32_t perm, uid, gid; /* chmod/chown work on a pipe as on Linux */
	struct vfs_time atime, mtime, ctime;
	struct waitqueue rd_wait, wr_wait;
	/* named pipes (fifo_lock): the FIFO node served, one reference
	 * (immutable; NULL for pipe(2)), the registry link while any end is
	 * open, and how many read and write ends were ever opened */
	struct inode *fifo_node, *fifo_self;
	struct list_head fifo_link;
	bool fifo_listed;
	unsigned r_opens, w_opens;
};

_Static_assert(PIPE_BUF <= PIPE_PAGE_SIZE, "an atomic write fits one page");

static bool empty(const struct pipe *p)
{
	return READ_ONCE(p->head) == READ_ONCE(p->tail);
}

static bool full(const struct pipe *p)
{
	return READ_ONCE(p->head) - READ_ONCE(p->tail) > READ_ONCE(p->mask);
}

/* The buffer at free-running index i (p->lock held). */
static struct pipe_buf *slot(struct pipe *p, unsigned i)
{
	return &p->bufs[i & p->mask];
}

/* wait predicates: run under the queue's spinlock, without p->lock */
static long readable(void *arg)
{
	struct pipe *p = arg;

	return !empty(p) || !READ_ONCE(p->writers);
}

static long writable(void *arg)
{
	struct pipe *p = arg;

	return !full(p) || !READ_ONCE(p->readers);
}

static bool reads(unsigned flags)
{
	return (flags & O_ACCMODE) != O_WRONLY;
}

static bool writes(unsigned flags)
{
	return (flags & O_ACCMODE) != O_RDONLY;
}

static uint8_t *page_new(void)
{
	struct page *pg = alloc_page(0);

	return pg ? page_address(pg) : NULL;
}

static void page_free(uint8_t *page)
{
	if (page)
		free_page(virt_to_page(page));
}

/* Drop the emptied buffer at the tail (p->lock held). */
static void consume_tail(struct pipe *p)
{
	struct pipe_buf *buf = slot(p, p->tail);

	page_free(buf->page);
	*buf = (struct pipe_buf){.page = NULL};
	WRITE_ONCE(p->tail, p->tail + 1);
}

/* Wake sleepers and the poll tables and epolls registered on a queue:
 * rd_wait changes readers' events, wr_wait writers'. */
static void wake_readers(struct pipe *p)
{
	poll_wake(&p->rd_wait, POLLIN | POLLRDNORM | POLLHUP);
}

static void wake_writers(struct pipe *p)
{
	poll_wake(&p->wr_wait, POLLOUT | POLLWRNORM | POLLERR);
}

static ssize_t pipe_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct pipe *p = ino->priv;
	size_t total = b->len, done = 0;
	bool freed = false;
	ssize_t err = 0;

	mutex_lock(&p->lock);
	for (;;) {
		if (!empty(p)) {
			struct pipe_buf *buf = slot(p, p->tail);
			size_t n = MIN((size_t)buf->len, total - done);

			if (vfs_iobuf_put(b, done, buf->page + buf->off, n)) {
				err = -EFAULT;
				break;
			}
			done += n;
			buf->off += n;
			buf->len -= n;
			if (buf->packet) { /* one packet per read; the rest is dropped */
				buf->len = 0;
				total = done;
			}
			if (!buf->len) {
				consume_tail(p);
				freed = true;
			}
			if (done == total)
				break;
			if (!empty(p))
				continue;
		}
		if (done || !p->writers)
			break; /* what there was, or end of file */
		if (flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		mutex_unlock(&p->lock);
		if (freed)
			wake_writers(p);
		freed = false;
		err = wq_sleep_signalable_until(&p->rd_wait, readable, p);
		if (err < 0)
			return err; /* nothing was read: -EINTR, restartable */
		err = 0;
		mutex_lock(&p->lock);
	}
	if (done)
		p->atime = vfs_now();
	mutex_unlock(&p->lock);
	if (freed)
		wake_writers(p);
	return done ? (ssize_t)done : err;
}

/* Merge the sub-page part of a write into the last buffer if it fits, as
 * Linux does (p->lock held).  Bytes merged, or -EFAULT. */
static ssize_t merge_tail(struct pipe *p, struct iobuf *b)
{
	size_t n = b->len % PIPE_PAGE_SIZE;
	struct pipe_buf *last;

	if (!n || empty(p))
		return 0;
	last = slot(p, p->head - 1);
	if (last->packet || last->nomerge || last->off + last->len + n > PIPE_PAGE_SIZE)
		return 0;
	if (vfs_iobuf_get(b, 0, last->page + last->off + last->len, n))
		return -EFAULT;
	last->len += n;
	return (ssize_t)n;
}

static ssize_t pipe_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct pipe *p = ino->priv;
	size_t total = b->len, done = 0;
	ssize_t err = 0;
	long r;

	if (!total)
		return 0;
	mutex_lock(&p->lock);
	if (!p->readers) {
		err = -EPIPE; /* the syscall layer will add SIGPIPE (signals: step 4) */
		goto out_unlock;
	}
	r = merge_tail(p, b);
	if (r < 0) {
		err = r;
		goto out_unlock;
	}
	done = (size_t)r;
	while (done < total) {
		if (!p->readers) {
			err = -EPIPE; /* here too: SIGPIPE once signals exist */
			break;
		}
		if (!full(p)) {
			struct pipe_buf *buf = slot(p, p->head);
			size_t n = MIN(total - done, (size_t)PIPE_PAGE_SIZE);
			uint8_t *page = page_new();

			if (!page) {
				err = -ENOMEM;
				break;
			}
			if (vfs_iobuf_get(b, done, page, n)) {
				page_free(page);
				err = -EFAULT;
				break;
			}
			*buf = (struct pipe_buf){.page = page,
						 .len = (uint32_t)n,
						 .packet = (flags & O_DIRECT) != 0};
			WRITE_ONCE(p->head, p->head + 1);
			done += n;
			continue;
		}
		if (flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		mutex_unlock(&p->lock);
		if (done)
			wake_readers(p);
		r = wq_sleep_signalable_until(&p->wr_wait, writable, p);
		mutex_lock(&p->lock);
		if (r < 0) {
			err = r;
			break;
		}
	}
	if (done)
		p->mtime = p->ctime = vfs_now();
out_unlock:
	mutex_unlock(&p->lock);
	if (done)
		wake_readers(p);
	return done ? (ssize_t)done : err;
}

static unsigned pipe_poll(struct inode *ino, unsigned events, unsigned flags, struct poll_table *pt)
{
	struct pipe *p = ino->priv;
	unsigned mask = 0;

	if (reads(flags))
		poll_wait(pt, &p->rd_wait);
	if (writes(flags))
		poll_wait(pt, &p->wr_wait);
	if (reads(flags)) {
		if (!empty(p))
			mask |= POLLIN | POLLRDNORM;
		/* a FIFO's reader sees no hang-up before any writer came */
		if (!READ_ONCE(p->writers) && (!p->fifo_node || READ_ONCE(p->w_opens)))
			mask |= POLLHUP;
	}
	if (writes(flags)) {
		if (!full(p))
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(p->readers))
			mask |= POLLERR;
	}
	return mask & (events | POLLERR | POLLHUP);
}

static long pipe_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	struct pipe *p = ino->priv;
	int count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&p->lock);
	for (unsigned i = p->tail; i != p->head; i++)
		count += (int)slot(p, i)->len;
	mutex_unlock(&p->lock);
	return put_user(count, (int __user *)uptr(arg)) ? -EFAULT : 0;
}

/* Linux reports st_size 0 for a pipe, whatever it holds. */
static int pipe_stat(struct inode *ino, struct vfs_stat *st)
{
	struct pipe *p = ino->priv;

	st->nlink = 1;
	st->blksize = PIPE_PAGE_SIZE;
	mutex_lock(&p->lock);
	st->mode = S_IFIFO | p->perm;
	st->uid = p->uid;
	st->gid = p->gid;
	st->atime = p->atime;
	st->mtime = p->mtime;
	st->ctime = p->ctime;
	mutex_unlock(&p->lock);
	return 0;
}

static struct mutex fifo_lock = MUTEX_INIT(fifo_lock, "fifo");

/* One more open end with O_* `flags` (p->lock held). */
static void count_end(struct pipe *p, unsigned flags)
{
	if (reads(flags)) {
		WRITE_ONCE(p->r_opens, p->r_opens + 1);
		WRITE_ONCE(p->readers, p->readers + 1);
	}
	if (writes(flags)) {
		WRITE_ONCE(p->w_opens, p->w_opens + 1);
		WRITE_ONCE(p->writers, p->writers + 1);
	}
}

/* open(2) of a pipe's own inode (a reopen through /proc/<pid>/fd/N): one
 * more end, never waiting, as Linux opens a pipefs inode; release drops
 * it again.  pipe(2) and named pipes count their ends themselves. */
static int pipe_open(struct inode *ino, unsigned flags)
{
	struct pipe *p = ino->priv;

	mutex_lock(&p->lock);
	count_end(p, flags);
	mutex_unlock(&p->lock);
	wake_readers(p);
	wake_writers(p);
	return 0;
}

static int pipe_setattr(struct inode *ino, const struct vfs_setattr *a)
{
	struct pipe *p = ino->priv;

	if (a->valid & VFS_SET_SIZE)
		return -EINVAL;
	mutex_lock(&p->lock);
	if (a->valid & VFS_SET_MODE)
		p->perm = a->mode & 07777;
	if (a->valid & VFS_SET_UID)
		p->uid = a->uid;
	if (a->valid & VFS_SET_GID)
		p->gid = a->gid;
	if (a->valid & VFS_SET_ATIME)
		p->atime = a->atime;
	if (a->valid & VFS_SET_MTIME)
		p->mtime = a->mtime;
	p->ctime = vfs_now();
	mutex_unlock(&p->lock);
	return 0;
}

static void pipe_release(struct inode *ino, unsigned flags)
{
	struct pipe *p = ino->priv;

	if (p->fifo_node)
		mutex_lock(&fifo_lock);
	mutex_lock(&p->lock);
	if (reads(flags))
		WRITE_ONCE(p->readers, p->readers - 1);
	if (writes(flags))
		WRITE_ONCE(p->writers, p->writers - 1);
	if (p->fifo_listed && !p->readers && !p->writers) {
		list_del(&p->fifo_link); /* the next opener gets a fresh pipe */
		p->fifo_listed = false;
	}
	mutex_unlock(&p->lock);
	if (p->fifo_node)
		mutex_unlock(&fifo_lock);
	/* writers learn EPIPE, readers end of file */
	wake_readers(p);
	wake_writers(p);
}

static const struct file_ops pipe_ops = {
	.open = pipe_open,
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.stat = pipe_stat,
	.setattr = pipe_setattr,
	.release = pipe_release,
};

static void pipe_evict(struct inode *ino)
{
	struct pipe *p = ino->priv;

	if (!p)
		return;
	for (unsigned i = 0; i <= p->mask; i++)
		page_free(p->bufs[i].page);
	inode_put(p->fifo_node);
	kfree(p->bufs);
	kfree(p);
}

static int pipefs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	*st = (struct vfs_statfs){.magic = PIPEFS_MAGIC, .bsize = st->bsize};
	return 0;
}

static const struct vfs_sb_ops pipefs_ops = {.evict = pipe_evict, .statfs = pipefs_statfs};
static struct vfs_sb pipefs = {.ops = &pipefs_ops, .dev_id = PIPEFS_DEV};

/* A new pipe inode with `ends` readers and as many writers, or NULL. */
static struct inode *pipe_inode_new(int ends)
{
	static uint64_t next_ino = 1;
	struct pipe *p = kzalloc(sizeof(*p));
	struct inode *ino;

	if (!p)
		return NULL;
	p->mask = PIPE_SLOTS - 1;
	p->bufs = kzalloc(PIPE_SLOTS * sizeof(*p->bufs));
	if (!p->bufs) {
		kfree(p);
		return NULL;
	}
	mutex_init(&p->lock, "pipe");
	wq_init(&p->rd_wait);
	wq_init(&p->wr_wait);
	list_init(&p->fifo_link);
	p->readers = p->writers = ends;
	p->perm = 0600;
	p->atime = p->mtime = p->ctime = vfs_now();
	ino = inode_alloc(&pipefs, INODE_FILE, &pipe_ops,
			  __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED));
	if (!ino) {
		kfree(p->bufs);
		kfree(p);
		return NULL;
	}
	ino->priv = p;
	return ino;
}

int pipe_create(unsigned flags, struct file **rd, struct file **wr)
{
	struct inode *ino = pipe_inode_new(1);

	if (!ino)
		return -ENOMEM;
	*rd = file_new(ino, O_RDONLY | (flags & O_NONBLOCK));
	if (!*rd)
		goto err_put_inode;
	inode_get(ino);
	*wr = file_new(ino, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)));
	if (!*wr)
		goto err_put_rd;
	return 0;

err_put_rd:
	file_put(*rd); /* counts down readers; the pipe stays until the inode goes */
err_put_inode:
	inode_put(ino);
	return -ENOMEM;
}

/* ---- named pipes ---- */

/* fifo_lock (before any p->lock) guards the registry: the pipes of FIFO
 * nodes that have an open end, found by node. */
static LIST_HEAD(fifos);

struct fifo_wait {
	struct pipe *p;
	bool for_reader; /* a writer waits for a reader to open */
	unsigned seen;	 /* the partner's open count when the wait began */
};

static long partner_opened(void *arg)
{
	const struct fifo_wait *w = arg;

	return (w->for_reader ? READ_ONCE(w->p->r_opens) : READ_ONCE(w->p->w_opens)) != w->seen;
}

/* The node's pipe (a new reference), made when it has none (fifo_lock). */
static struct inode *fifo_pipe(struct inode *node)
{
	struct pipe *p;
	struct inode *ino;

	list_for_each_entry (p, &fifos, fifo_link) {
		if (p->fifo_node == node) {
			ino = p->fifo_self;
			inode_get(ino);
			return ino;
		}
	}
	ino = pipe_inode_new(0);
	if (!ino)
		return NULL;
	p = ino->priv;
	p->fifo_self = ino; /* no reference: the open ends hold the inode */
	inode_get(node);
	p->fifo_node = node;
	p->fifo_listed = true;
	list_add_tail(&p->fifo_link, &fifos);
	return ino;
}

int pipe_open_fifo(struct inode *node, unsigned flags, struct inode **out)
{
	struct fifo_wait w = {.p = NULL};
	bool wait = false;
	struct inode *ino;
	struct pipe *p;
	long err = 0;

	mutex_lock(&fifo_lock);
	ino = fifo_pipe(node);
	if (!ino) {
		mutex_unlock(&fifo_lock);
		return -ENOMEM;
	}
	p = w.p = ino->priv;
	mutex_lock(&p->lock);
	count_end(p, flags);
	if ((flags & O_ACCMODE) == O_RDONLY && !p->writers && !(flags & O_NONBLOCK)) {
		wait = true;
		w.seen = p->w_opens;
	} else if ((flags & O_ACCMODE) == O_WRONLY && !p->readers) {
		err = (flags & O_NONBLOCK) ? -ENXIO : 0;
		wait = !err;
		w.for_reader = true;
		w.seen = p->r_opens;
	}
	mutex_unlock(&p->lock);
	mutex_unlock(&fifo_lock);
	wake_readers(p); /* a partner may be waiting for this end */
	wake_writers(p);
	if (wait)
		err = wq_sleep_signalable_until(w.for_reader ? &p->wr_wait : &p->rd_wait,
						partner_opened, &w);
	if (err < 0) {
		pipe_release(ino, flags);
		inode_put(ino);
		return (int)err;
	}
	*out = ino;
	return 0;
}

/* ---- splice(2), tee(2), sendfile(2) into a pipe; F_SETPIPE_SZ ----
 *
 * A splice moves whole buffers the way Linux does: a file's bytes enter
 * fresh pages that later writes do not merge into, one pass fills the
 * free slots after waiting for at least one, and taking from a pipe
 * waits only while nothing has been taken.  The callbacks run with the
 * pipe's mutex held (a file's own lock nests inside it, never around it).
 */

bool pipe_is(const struct inode *ino)
{
	return ino->kind == INODE_FILE && ino->ops.file == &pipe_ops;
}

static struct pipe *pipe_of(struct inode *ino)
{
	return ino->priv;
}

/* Wait for a free slot (p->lock held, and held again on return): 0,
 * -EPIPE without readers, -EAGAIN, or -EINTR. */
static int wait_room(struct pipe *p, bool nonblock)
{
	for (;;) {
		long r;

		if (!p->readers)
			return -EPIPE;
		if (!full(p))
			return 0;
		if (nonblock)
			return -EAGAIN;
		mutex_unlock(&p->lock);
		r = wq_sleep_signalable_until(&p->wr_wait, writable, p);
		mutex_lock(&p->lock);
		if (r < 0)
			return (int)r;
	}
}

/* Wait for data or for the last writer to go (p->lock held, and held again
 * on return): 0 (an empty pipe then means end of file), -EAGAIN or -EINTR. */
static int wait_data(struct pipe *p, bool nonblock)
{
	for (;;) {
		long r;

		if (!empty(p) || !p->writers)
			return 0;
		if (nonblock)
			return -EAGAIN;
		mutex_unlock(&p->lock);
		r = wq_sleep_signalable_until(&p->rd_wait, readable, p);
		mutex_lock(&p->lock);
		if (r < 0)
			return (int)r;
	}
}

ssize_t pipe_splice_in(struct inode *ino, size_t len, bool nonblock, pipe_fill_fn fill, void *ctx)
{
	struct pipe *p = pipe_of(ino);
	size_t done = 0;
	ssize_t err;

	mutex_lock(&p->lock);
	err = wait_room(p, nonblock);
	while (!err && done < len && !full(p)) {
		size_t want = MIN(len - done, (size_t)PIPE_PAGE_SIZE);
		uint8_t *page = page_new();
		ssize_t n;

		if (!page) {
			err = -ENOMEM;
			break;
		}
		n = fill(ctx, page, want);
		if (n <= 0) {
			page_free(page);
			err = n;
			break;
		}
		*slot(p, p->head) =
			(struct pipe_buf){.page = page, .len = (uint32_t)n, .nomerge = true};
		WRITE_ONCE(p->head, p->head + 1);
		done += (size_t)n;
		if ((size_t)n < want)
			break; /* end of the source */
	}
	if (done)
		p->mtime = p->ctime = vfs_now();
	mutex_unlock(&p->lock);
	if (done)
		wake_readers(p);
	return done ? (ssize_t)done : err;
}

ssize_t pipe_splice_out(struct inode *ino, size_t len, bool nonblock, pipe_drain_fn drain,
			void *ctx)
{
	struct pipe *p = pipe_of(ino);
	bool freed = false;
	size_t done = 0;
	ssize_t err;

	mutex_lock(&p->lock);
	err = wait_data(p, nonblock);
	while (!err && done < len && !empty(p)) {
		struct pipe_buf *buf = slot(p, p->tail);
		size_t n = MIN((size_t)buf->len, len - done);
		ssize_t w = drain(ctx, buf->page + buf->off, n);

		if (w <= 0) {
			err = w;
			break;
		}
		buf->off += (uint32_t)w;
		buf->len -= (uint32_t)w;
		done += (size_t)w;
		if (!buf->len) {
			consume_tail(p);
			freed = true;
		}
		if ((size_t)w < n)
			break; /* the sink took less */
	}
	if (done)
		p->atime = vfs_now();
	mutex_unlock(&p->lock);
	if (freed)
		wake_writers(p);
	return done ? (ssize_t)done : err;
}

/* Both pipes' mutexes, in address order (two pipes never nest otherwise). */
static void lock_two(struct pipe *a, struct pipe *b)
{
	if (a > b) {
		struct pipe *t = a;

		a = b;
		b = t;
	}
	mutex_lock(&a->lock);
	mutex_lock(&b->lock);
}

static void unlock_two(struct pipe *a, struct pipe *b)
{
	mutex_unlock(&a->lock);
	mutex_unlock(&b->lock);
}

/* Wait, without holding either lock, for data in `in` (or its end) and then
 * for room in `out`: 0, -EAGAIN, -EPIPE or -EINTR. */
static int wait_both(struct pipe *in, struct pipe *out, bool nonblock)
{
	int err;

	mutex_lock(&in->lock);
	err = wait_data(in, nonblock);
	mutex_unlock(&in->lock);
	if (err)
		return err;
	mutex_lock(&out->lock);
	err = wait_room(out, nonblock);
	mutex_unlock(&out->lock);
	return err;
}

/* A copy of `b`'s first n bytes in a fresh page, or -ENOMEM. */
static int buf_copy(struct pipe_buf *to, const struct pipe_buf *b, size_t n)
{
	uint8_t *page = page_new();

	if (!page)
		return -ENOMEM;
	memcpy(page, b->page + b->off, n);
	*to = (struct pipe_buf){.page = page, .len = (uint32_t)n, .nomerge = true};
	return 0;
}

/* Move (or with `keep`, copy) up to len bytes from in's buffers to out's
 * free slots, both locked: the bytes moved, or -EPIPE / -ENOMEM. */
static ssize_t link_bufs(struct pipe *in, struct pipe *out, size_t len, bool keep)
{
	unsigned i = in->tail;
	size_t done = 0;

	while (done < len && i != in->head && !full(out)) {
		struct pipe_buf *b = slot(in, i), *o = slot(out, out->head);
		size_t n = MIN((size_t)b->len, len - done);

		if (!out->readers)
			return done ? (ssize_t)done : -EPIPE;
		if (!keep && n == b->len) { /* the whole buffer changes pipes */
			*o = *b;
			*b = (struct pipe_buf){.page = NULL};
			WRITE_ONCE(in->tail, in->tail + 1);
			i++;
		} else {
			if (buf_copy(o, b, n))
				return done ? (ssize_t)done : -ENOMEM;
			if (keep) {
				i++;
			} else {
				b->off += (uint32_t)n;
				b->len -= (uint32_t)n;
			}
		}
		WRITE_ONCE(out->head, out->head + 1);
		done += n;
	}
	return (ssize_t)done;
}

static ssize_t pipe_to_pipe(struct inode *iino, struct inode *oino, size_t len, bool nonblock,
			    bool keep)
{
	struct pipe *in = pipe_of(iino), *out = pipe_of(oino);

	for (;;) {
		bool retry = false;
		ssize_t r = wait_both(in, out, nonblock);

		if (r)
			return r;
		lock_two(in, out);
		if (!out->readers) {
			r = -EPIPE;
		} else if (empty(in) && !in->writers) {
			r = 0;
		} else if (empty(in) || full(out)) {
			/* another reader or writer got there since the wait */
			r = -EAGAIN;
			retry = !nonblock;
		} else {
			r = link_bufs(in, out, len, keep);
			if (r > 0)
				out->mtime = out->ctime = vfs_now();
			if (r > 0 && !keep)
				in->atime = out->mtime;
		}
		unlock_two(in, out);
		if (r > 0 && !keep)
			wake_writers(in);
		if (r > 0)
			wake_readers(out);
		if (!retry)
			return r;
	}
}

ssize_t pipe_splice_pipe(struct inode *in, struct inode *out, size_t len, bool nonblock)
{
	return pipe_to_pipe(in, out, len, nonblock, false);
}

ssize_t pipe_tee(struct inode *in, struct inode *out, size_t len, bool nonblock)
{
	return pipe_to_pipe(in, out, len, nonblock, true);
}

/* Linux's default and the root-settable limit (/proc/sys/fs/pipe-max-size). */
static unsigned pipe_max = 1u << 20;

unsigned pipe_max_size(void)
{
	return READ_ONCE(pipe_max);
}

/* Linux's round_pipe_size(): a power-of-two number of pages, or 0 if too big. */
unsigned long pipe_round_size(unsigned long size)
{
	unsigned long r = PIPE_PAGE_SIZE;

	if (size > (1ul << 31))
		return 0;
	while (r < size)
		r <<= 1;
	return r;
}

int pipe_set_max_size(unsigned long size)
{
	size = pipe_round_size(size);
	if (!size)
		return -EINVAL;
	WRITE_ONCE(pipe_max, (unsigned)size);
	return 0;
}

long pipe_get_size(struct inode *ino)
{
	return ((long)READ_ONCE(pipe_of(ino)->mask) + 1) * PIPE_PAGE_SIZE;
}

long pipe_set_size(struct inode *ino, unsigned long size, bool privileged)
{
	struct pipe *p = pipe_of(ino);
	unsigned long bytes = pipe_round_size(size);
	unsigned slots = (unsigned)(bytes / PIPE_PAGE_SIZE), used;
	struct pipe_buf *bufs;
	long r;

	if (!slots)
		return -EINVAL;
	bufs = kzalloc(slots * sizeof(*bufs));
	if (!bufs)
		return -ENOMEM;
	mutex_lock(&p->lock);
	used = p->head - p->tail;
	if (slots > p->mask + 1 && bytes > pipe_max_size() && !privileged) {
		r = -EPERM;
	} else if (slots < used) {
		r = -EBUSY;
	} else {
		for (unsigned i = 0; i < used; i++)
			bufs[i] = *slot(p, p->tail + i);
		kfree(p->bufs);
		p->bufs = bufs;
		bufs = NULL;
		WRITE_ONCE(p->tail, 0);
		WRITE_ONCE(p->head, used);
		WRITE_ONCE(p->mask, slots - 1);
		r = (long)bytes;
	}
	mutex_unlock(&p->lock);
	kfree(bufs);
	if (r > 0)
		wake_writers(p); /* more room for blocked writers */
	return r;
}
