/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Unix98 pseudo-terminals (man 7 pty, man 4 ptmx): each open of /dev/ptmx
 * makes a pair.  The slave is an ordinary tty (tty.c, with the N_TTY
 * line discipline) whose driver queues its output for the master; bytes
 * written to the master are the slave's input.  The slave starts locked
 * (TIOCSPTLCK unlocks it; opening a locked slave fails with EIO) and is
 * opened from the master with TIOCGPTPEER.
 *
 * When the last open slave file closes, master reads fail with EIO once
 * the queued output is read; when the master closes, the slave is hung
 * up (tty_hangup: SIGHUP to its session leader, reads 0, writes EIO).
 *
 * Locking: the output queue is guarded by the slave's tty lock (its
 * driver write runs under it); `lock`, a leaf spinlock, guards the
 * flags.  A pair's number is released once the master and every slave
 * file are closed, and the next /dev/ptmx open takes the lowest free
 * number, as Linux's devpts does.  The pair itself then waits on a list
 * until nothing can reach its slave any more (no reference to the slave's
 * inode beyond the tty's own, no process whose controlling terminal it
 * is); each /dev/ptmx open frees the pairs that got there, so opening
 * and closing terminals in a loop does not eat memory.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/tty.h>
#include <kernel/vfs.h>
#include "tty_internal.h"

#define PTY_OUT	  8192 /* the slave's output awaiting the master, a power of two */
#define PTS_MAJOR 136

static struct spinlock table_lock = SPINLOCK_INIT("pty_table", LOCK_RANK_NONE);
static struct pty *table[PTY_MAX]; /* table_lock: by number, while the master is open */
static bool busy[PTY_MAX];	   /* table_lock: number taken until both ends close */

struct pty {
	struct spinlock lock;
	struct tty *slave;
	unsigned index;
	uint8_t out[PTY_OUT];
	unsigned ohead, otail; /* slave->lock: free-running */
	int slave_opens;       /* lock: open slave files */
	bool other_closed;     /* lock: the last slave file closed */
	bool locked;	       /* lock: TIOCSPTLCK */
	bool master_closed;    /* lock: no slave opens after this */
	struct waitqueue wq;   /* master readers */
	uint8_t wbuf[256];     /* write_lock: master writes */
	struct mutex write_lock;
	struct pty *next_dead; /* table_lock: on the released list */
};

static struct pty *released; /* table_lock: pairs whose number went */

static void pts_write(struct tty *tty, const char *s, size_t n)
{
	struct pty *pty = tty->driver_priv;

	/* pts_wait_room() made room for any piece; echoes of master
	 * writes beyond a full queue are dropped, as Linux drops echoes */
	for (size_t i = 0; i < n && pty->ohead - pty->otail < PTY_OUT; i++)
		pty->out[pty->ohead++ % PTY_OUT] = (uint8_t)s[i];
}

static void pts_written(struct tty *tty)
{
	struct pty *pty = tty->driver_priv;

	poll_wake(&pty->wq, 0);
}

#define PIECE_MAX (64 * 8) /* a 64-byte piece of tabs, each expanded to 8 spaces */

static long has_room(void *arg)
{
	struct pty *pty = arg;

	return PTY_OUT - (READ_ONCE(pty->ohead) - READ_ONCE(pty->otail)) >= PIECE_MAX ||
	       READ_ONCE(pty->slave->hungup);
}

static int pts_wait_room(struct tty *tty, bool nonblock)
{
	struct pty *pty = tty->driver_priv;
	long err;

	if (has_room(pty))
		return READ_ONCE(tty->hungup) ? -EIO : 0;
	pts_written(tty); /* the master reads what is queued */
	if (nonblock)
		return -EAGAIN;
	err = wq_sleep_signalable_until(&pty->wq, has_room, pty);
	if (err < 0)
		return (int)err;
	return READ_ONCE(tty->hungup) ? -EIO : 0;
}

static int pts_open(struct tty *tty)
{
	struct pty *pty = tty->driver_priv;
	irqflags_t f = spin_lock_irqsave(&pty->lock);
	int err = 0;

	if (pty->locked || pty->master_closed || tty->hungup) {
		err = -EIO;
	} else {
		pty->slave_opens++;
		pty->other_closed = false;
	}
	spin_unlock_irqrestore(&pty->lock, f);
	return err;
}

/* Both ends are closed: the number is free, the pair waits to be freed. */
static void release_pair(struct pty *pty)
{
	irqflags_t f = spin_lock_irqsave(&table_lock);

	busy[pty->index] = false;
	pty->next_dead = released;
	released = pty;
	spin_unlock_irqrestore(&table_lock, f);
}

/* Whether a released pair's slave can still be reached: an open or
 * O_PATH file or a path holds its inode, or a process has it as its
 * controlling terminal (zombies too: /proc reads their tty). */
static bool slave_reachable(const struct tty *tty)
{
	bool used = inode_refs(tty->inode) > 1;
	struct process *p;
	irqflags_t f;

	if (used)
		return true;
	f = process_lock_tree();
	for_each_process(p)
	{
		if (p->ctty == tty) {
			used = true;
			break;
		}
	}
	process_unlock_tree(f);
	return used;
}

/* Free the released pairs nothing reaches any more. */
static void free_released(void)
{
	irqflags_t f = spin_lock_irqsave(&table_lock);
	struct pty *list = released, *keep = NULL, *next;

	released = NULL;
	spin_unlock_irqrestore(&table_lock, f);
	for (struct pty *pty = list; pty; pty = next) {
		next = pty->next_dead;
		if (slave_reachable(pty->slave)) {
			pty->next_dead = keep;
			keep = pty;
			continue;
		}
		tty_destroy(pty->slave);
		kfree(pty);
	}
	f = spin_lock_irqsave(&table_lock);
	while (keep) {
		next = keep->next_dead;
		keep->next_dead = released;
		released = keep;
		keep = next;
	}
	spin_unlock_irqrestore(&table_lock, f);
}

static void release_index(unsigned index)
{
	irqflags_t f = spin_lock_irqsave(&table_lock);

	busy[index] = false;
	spin_unlock_irqrestore(&table_lock, f);
}

static void pts_release(struct tty *tty)
{
	struct pty *pty = tty->driver_priv;
	irqflags_t f = spin_lock_irqsave(&pty->lock);
	bool last = false;

	if (pty->slave_opens > 0 && --pty->slave_opens == 0) {
		pty->other_closed = true;
		last = pty->master_closed;
	}
	spin_unlock_irqrestore(&pty->lock, f);
	poll_wake(&pty->wq, 0);
	if (last)
		release_pair(pty);
}

static const struct tty_driver pts_driver = {
	.write = pts_write,
	.written = pts_written,
	.wait_room = pts_wait_room,
	.open = pts_open,
	.release = pts_release,
};

int pty_open_master(struct pty **out)
{
	struct pty *pty;
	unsigned index = 0;
	irqflags_t f;

	free_released(); /* pairs closed earlier that nothing reaches now */
	f = spin_lock_irqsave(&table_lock);
	while (index < PTY_MAX && busy[index])
		index++;
	if (index < PTY_MAX)
		busy[index] = true;
	spin_unlock_irqrestore(&table_lock, f);
	if (index >= PTY_MAX)
		return -ENOSPC;
	pty = kzalloc(sizeof(*pty));
	if (!pty) {
		release_index(index);
		return -ENOMEM;
	}
	spin_lock_init(&pty->lock, "pty", LOCK_RANK_NONE);
	wq_init(&pty->wq);
	mutex_init(&pty->write_lock, "pty_write");
	pty->locked = true;
	pty->index = index;
	pty->slave = tty_create(&pts_driver, pty);
	if (!pty->slave) {
		kfree(pty);
		release_index(index);
		return -ENOMEM;
	}
	/* Linux's pty slave starts raw-ish like any tty: N_TTY defaults. */
	pty->slave->rdev = (PTS_MAJOR << 8) | (pty->index & 0xff) | ((pty->index & ~0xffu) << 12);
	pty->slave->mode = 0600;
	f = spin_lock_irqsave(&table_lock);
	table[index] = pty;
	spin_unlock_irqrestore(&table_lock, f);
	*out = pty;
	return 0;
}

struct tty *pty_slave(unsigned index)
{
	irqflags_t f = spin_lock_irqsave(&table_lock);
	struct pty *pty = index < PTY_MAX ? table[index] : NULL;

	spin_unlock_irqrestore(&table_lock, f);
	return pty ? pty->slave : NULL;
}

struct tty *pty_slave_get(unsigned index)
{
	irqflags_t f = spin_lock_irqsave(&table_lock);
	struct pty *pty = index < PTY_MAX ? table[index] : NULL;

	if (pty)
		inode_get(pty->slave->inode); /* under the lock: not yet released */
	spin_unlock_irqrestore(&table_lock, f);
	return pty ? pty->slave : NULL;
}

static long master_ready(void *arg)
{
	struct pty *pty = arg;

	return READ_ONCE(pty->ohead) != READ_ONCE(pty->otail) || READ_ONCE(pty->other_closed);
}

ssize_t pty_master_read(struct pty *pty, struct iobuf *b, unsigned flags)
{
	uint8_t chunk[256];

	for (;;) {
		bool closed = READ_ONCE(pty->other_closed);
		irqflags_t f = spin_lock_irqsave(&pty->slave->lock);
		size_t n = 0;

		while (n < sizeof(chunk) && n < b->len && pty->otail != pty->ohead)
			chunk[n++] = pty->out[pty->otail++ % PTY_OUT];
		spin_unlock_irqrestore(&pty->slave->lock, f);
		if (n) {
			size_t put = vfs_iobuf_put_upto(b, 0, chunk, n);

			wq_wake_all(&pty->wq); /* slave writers waiting for room */
			return put ? (ssize_t)put : -EFAULT;
		}
		if (!b->len)
			return 0;
		if (closed)
			return -EIO;
		if (flags & O_NONBLOCK)
			return -EAGAIN;
		long err = wq_sleep_signalable_until(&pty->wq, master_ready, pty);

		if (err < 0)
			return err;
	}
}

ssize_t pty_master_write(struct pty *pty, struct iobuf *b, unsigned flags)
{
	size_t done = 0;

	mutex_lock(&pty->write_lock);
	while (done < b->len) {
		size_t n = MIN(b->len - done, sizeof(pty->wbuf));

		if (vfs_iobuf_get(b, done, pty->wbuf, n))
			break;
		tty_receive(pty->slave, pty->wbuf, n);
		done += n;
	}
	mutex_unlock(&pty->write_lock);
	return done || !b->len ? (ssize_t)done : -EFAULT;
}

unsigned pty_master_poll(struct pty *pty, unsigned events, struct poll_table *pt)
{
	unsigned mask = POLLOUT | POLLWRNORM;

	poll_wait(pt, &pty->wq);
	if (READ_ONCE(pty->ohead) != READ_ONCE(pty->otail))
		mask |= POLLIN | POLLRDNORM;
	if (READ_ONCE(pty->other_closed))
		mask |= POLLHUP;
	return mask & (events | POLLERR | POLLHUP);
}

/* TIOCGPTPEER: a new open file of the slave, installed as a descriptor. */
static long open_peer(struct pty *pty, uint64_t arg)
{
	struct process *p = current_process();
	struct inode *ino = pty->slave->inode;
	unsigned flags = (unsigned)arg;
	struct file *f;
	int err;

	if (!p)
		return -ENXIO;
	err = vfs_open(ino, flags);
	if (err)
		return err;
	f = file_new(ino, flags & (O_ACCMODE | O_NONBLOCK));
	if (!f) {
		pts_release(pty->slave);
		return -ENOMEM;
	}
	inode_get(ino); /* the file's own reference */
	err = fdtable_install(current_thread()->files, f, 0, flags & O_CLOEXEC);
	file_put(f);
	return err;
}

unsigned pty_master_index(const struct pty *pty)
{
	return pty->index;
}

long pty_master_ioctl(struct pty *pty, unsigned cmd, uint64_t arg)
{
	void __user *up = uptr(arg);
	irqflags_t f;
	int v;

	switch (cmd) {
	case TIOCGPTN:
		return put_user(pty->index, (unsigned __user *)up) ? -EFAULT : 0;
	case TIOCSPTLCK:
		if (get_user(v, (int __user *)up))
			return -EFAULT;
		f = spin_lock_irqsave(&pty->lock);
		pty->locked = v != 0;
		spin_unlock_irqrestore(&pty->lock, f);
		return 0;
	case TIOCGPTLCK:
		return put_user((int)READ_ONCE(pty->locked), (int __user *)up) ? -EFAULT : 0;
	case TIOCGPTPEER:
		return open_peer(pty, arg);
	case TIOCSTI: {
		uint8_t c;

		/* the master is no one's controlling terminal: CAP_SYS_ADMIN
		 * only; the byte is read back from the master as if typed */
		if (!capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (get_user(c, (uint8_t __user *)up))
			return -EFAULT;
		f = spin_lock_irqsave(&pty->slave->lock);
		pts_write(pty->slave, (const char *)&c, 1);
		spin_unlock_irqrestore(&pty->slave->lock, f);
		pts_written(pty->slave);
		return 0;
	}
	case FIONREAD:
		f = spin_lock_irqsave(&pty->slave->lock);
		v = (int)(pty->ohead - pty->otail);
		spin_unlock_irqrestore(&pty->slave->lock, f);
		return put_user(v, (int __user *)up) ? -EFAULT : 0;
	case TCGETS:
	case TCGETS2:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2:
	case TIOCGWINSZ:
	case TIOCSWINSZ:
	case TCFLSH:
		/* the pair shares the slave's termios and window size */
		return vfs_ioctl(pty->slave->inode, cmd, arg);
	default:
		return -ENOTTY;
	}
}

void pty_master_close(struct pty *pty)
{
	irqflags_t f = spin_lock_irqsave(&table_lock);
	bool last;

	table[pty->index] = NULL; /* /dev/pts/N goes */
	spin_unlock_irqrestore(&table_lock, f);
	f = spin_lock_irqsave(&pty->lock);
	pty->master_closed = true;
	last = pty->slave_opens == 0;
	spin_unlock_irqrestore(&pty->lock, f);
	tty_hangup(pty->slave);
	wq_wake_all(&pty->wq); /* slave writers waiting for room */
	if (last)
		release_pair(pty);
}
