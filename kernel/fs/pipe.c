/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Pipes (kernel/pipe.h), laid out as Linux lays them out because the
 * layout is observable: a ring of PIPE_SLOTS buffers, each a page holding
 * `len` bytes from `off`.  A write first merges the part of its length
 * that is not a whole number of pages (len % 4096) into the last buffer if
 * that fits, then fills fresh pages; so small writes share pages, a write
 * of at most PIPE_BUF bytes is never split (it merges whole or takes one
 * fresh page whole: it is atomic without a special case), and a pipe of
 * half-used pages is full before 65536 bytes.  A read takes bytes in
 * order across buffers and frees each page it empties.  A write end with
 * O_DIRECT makes packet buffers: a read returns at most one packet and
 * drops what it did not take of it.
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
	bool packet; /* written in O_DIRECT mode: never merged into, read alone */
};

struct pipe {
	struct mutex lock;
	struct pipe_buf bufs[PIPE_SLOTS];
	unsigned head, tail; /* free-running; slot = index % PIPE_SLOTS */
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
	return READ_ONCE(p->head) - READ_ONCE(p->tail) >= PIPE_SLOTS;
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
	struct pipe_buf *buf = &p->bufs[p->tail % PIPE_SLOTS];

	page_free(buf->page);
	*buf = (struct pipe_buf){.page = NULL};
	WRITE_ONCE(p->tail, p->tail + 1);
}

/* Wake sleepers on `wq` and any poll(2) waiting on the pipe. */
static void pipe_wake(struct waitqueue *wq)
{
	wq_wake_all(wq);
	poll_notify();
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
			struct pipe_buf *buf = &p->bufs[p->tail % PIPE_SLOTS];
			size_t n = MIN((size_t)buf->len, total - done);

			if (iobuf_put(b, done, buf->page + buf->off, n)) {
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
			pipe_wake(&p->wr_wait);
		freed = false;
		err = wq_sleep_signalable_until(&p->rd_wait, readable, p);
		if (err < 0)
			return err; /* nothing was read: -EINTR, restartable */
		err = 0;
		mutex_lock(&p->lock);
	}
	if (done)
		p->atime = svc_now();
	mutex_unlock(&p->lock);
	if (freed)
		pipe_wake(&p->wr_wait);
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
	last = &p->bufs[(p->head - 1) % PIPE_SLOTS];
	if (last->packet || last->off + last->len + n > PIPE_PAGE_SIZE)
		return 0;
	if (iobuf_get(b, 0, last->page + last->off + last->len, n))
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
			struct pipe_buf *buf = &p->bufs[p->head % PIPE_SLOTS];
			size_t n = MIN(total - done, (size_t)PIPE_PAGE_SIZE);
			uint8_t *page = page_new();

			if (!page) {
				err = -ENOMEM;
				break;
			}
			if (iobuf_get(b, done, page, n)) {
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
			pipe_wake(&p->rd_wait);
		r = wq_sleep_signalable_until(&p->wr_wait, writable, p);
		mutex_lock(&p->lock);
		if (r < 0) {
			err = r;
			break;
		}
	}
	if (done)
		p->mtime = p->ctime = svc_now();
out_unlock:
	mutex_unlock(&p->lock);
	if (done)
		pipe_wake(&p->rd_wait);
	return done ? (ssize_t)done : err;
}

static unsigned pipe_poll(struct inode *ino, unsigned events, unsigned flags)
{
	struct pipe *p = ino->priv;
	unsigned mask = 0;

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
		count += (int)p->bufs[i % PIPE_SLOTS].len;
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
	pipe_wake(&p->rd_wait);
	pipe_wake(&p->wr_wait);
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
	p->ctime = svc_now();
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
	pipe_wake(&p->rd_wait);
	pipe_wake(&p->wr_wait);
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
	for (unsigned i = 0; i < PIPE_SLOTS; i++)
		page_free(p->bufs[i].page);
	inode_put(p->fifo_node);
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
	mutex_init(&p->lock, "pipe");
	wq_init(&p->rd_wait);
	wq_init(&p->wr_wait);
	list_init(&p->fifo_link);
	p->readers = p->writers = ends;
	p->perm = 0600;
	p->atime = p->mtime = p->ctime = svc_now();
	ino = inode_alloc(&pipefs, INODE_FILE, &pipe_ops,
			  __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED));
	if (!ino) {
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
	pipe_wake(&p->rd_wait); /* a partner may be waiting for this end */
	pipe_wake(&p->wr_wait);
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
