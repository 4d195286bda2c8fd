/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The TTY device (kernel/tty.h): a FileLike over the line discipline
 * (n_tty.c), its ioctls, and the job-control rules of a controlling
 * terminal, as Linux's drivers/tty/tty_io.c and tty_jobctrl.c define them.
 *
 * Input path: the serial driver hands each received byte to serial_rx()
 * in IRQ context, which only queues it (rx ring, leaf lock) and wakes the
 * "tty" worker thread; the worker runs the line discipline under
 * tty->lock, then, with no tty lock held, wakes readers and signals the
 * foreground process group under the proctree lock.  Output: writes go
 * through output processing to the driver, one writer at a time.
 *
 * Job control: a process whose controlling terminal this is, and whose
 * group is not the foreground group, gets SIGTTIN for a read and SIGTTOU
 * for a write under TOSTOP or a termios change (the call returns
 * -ERESTARTSYS: it runs again once the group is continued).  A read from
 * a group that ignores or blocks SIGTTIN, or from an orphaned group,
 * fails with EIO; an ignored or blocked SIGTTOU lets the call proceed.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/signal.h>
#include <linux/stat.h>
#include <platform/console.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <platform/panic.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/vfs.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include "tty_internal.h"

#define SIG_IGN_HANDLER 1 /* k_sigaction.handler for SIG_IGN */
#define CHUNK		256
#define OUT_CHUNK	64 /* output runs with interrupts off: keep it short */

static const struct file_ops tty_ops;

struct tty *tty_create(const struct tty_driver *driver, void *priv)
{
	static uint64_t next_ino = 1;
	struct tty *tty = kzalloc(sizeof(*tty));

	if (!tty)
		return NULL;
	spin_lock_init(&tty->lock, "tty", LOCK_RANK_NONE);
	spin_lock_init(&tty->rx_lock, "tty_rx", LOCK_RANK_NONE);
	n_tty_init_termios(&tty->termios);
	wq_init(&tty->read_wq);
	wq_init(&tty->rx_wq);
	mutex_init(&tty->write_lock, "tty_write");
	tty->driver = driver;
	tty->driver_priv = priv;
	tty->inode = inode_alloc(NULL, INODE_FILE, &tty_ops,
				 __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED));
	if (!tty->inode) {
		kfree(tty);
		return NULL;
	}
	tty->inode->priv = tty;
	return tty;
}

void tty_destroy(struct tty *tty)
{
	if (tty->rx_thread) {
		irqflags_t f = spin_lock_irqsave(&tty->rx_lock);

		tty->rx_stop = true;
		spin_unlock_irqrestore(&tty->rx_lock, f);
		wq_wake_all(&tty->rx_wq);
		thread_join(tty->rx_thread);
		thread_put(tty->rx_thread);
	}
	inode_put(tty->inode);
	kfree(tty);
}

/* ---- process groups and job control (proctree lock) ---- */

int tty_signal_pgrp_locked(int pgrp, int sig)
{
	struct process *q;
	int n = 0;

	if (pgrp <= 0)
		return 0;
	for_each_process(q)
	{
		if (q->pgid == pgrp && q->state == PROC_ALIVE) {
			signal_send(q, sig, NULL);
			n++;
		}
	}
	return n;
}

/* Does the calling thread ignore or block `sig`? */
static bool ignored_or_blocked(struct process *p, int sig)
{
	irqflags_t f = spin_lock_irqsave(&p->siglock);
	bool r = p->sigact[sig - 1].handler == SIG_IGN_HANDLER ||
		 (current_thread()->sigmask & SIGBIT(sig));

	spin_unlock_irqrestore(&p->siglock, f);
	return r;
}

/* POSIX: a group is orphaned when no member has a parent in another group
 * of the same session (proctree lock held).  Unlike Linux, a parent that
 * is init counts: here the interactive shell often is init. */
static bool pgrp_orphaned(int pgrp)
{
	struct process *q;

	for_each_process(q)
	{
		struct process *par = q->parent;

		if (q->pgid != pgrp || q->state != PROC_ALIVE || !par)
			continue;
		if (par->pgid != pgrp && par->sid == q->sid)
			return false;
	}
	return true;
}

/* Linux's __tty_check_change: may the caller read (SIGTTIN) or change or
 * write to (SIGTTOU) the terminal?  0, -EIO or -ERESTARTSYS. */
static int job_control(struct tty *tty, int sig)
{
	struct process *p = current_process();
	irqflags_t f;
	int ret = 0;

	if (!p)
		return 0; /* a kernel thread (self-tests) */
	f = process_lock_tree();
	if (p->ctty == tty && tty->pgrp && p->pgid != tty->pgrp) {
		if (ignored_or_blocked(p, sig)) {
			ret = sig == SIGTTIN ? -EIO : 0;
		} else if (pgrp_orphaned(p->pgid)) {
			ret = -EIO;
		} else {
			tty_signal_pgrp_locked(p->pgid, sig);
			ret = -ERESTARTSYS;
		}
	}
	process_unlock_tree(f);
	return ret;
}

/* The terminal leaves session `sid`: its foreground group is hung up
 * (SIGHUP, then SIGCONT so a stopped job sees it) and no process of the
 * session keeps it as controlling terminal (proctree lock held). */
static void disassociate_locked(struct tty *tty, int sid)
{
	struct process *q;

	if (tty->pgrp) {
		tty_signal_pgrp_locked(tty->pgrp, SIGHUP);
		tty_signal_pgrp_locked(tty->pgrp, SIGCONT);
	}
	tty->session = tty->pgrp = 0;
	for_each_process(q)
	{
		if (q->sid == sid && q->ctty == tty)
			q->ctty = NULL;
	}
}

void tty_session_leader_exit(struct process *leader)
{
	irqflags_t f = process_lock_tree();
	struct tty *tty = leader->ctty;

	if (tty && tty->session == leader->sid)
		disassociate_locked(tty, leader->sid);
	leader->ctty = NULL;
	process_unlock_tree(f);
}

/* ---- input ---- */

void tty_receive(struct tty *tty, const uint8_t *s, size_t n)
{
	bool wake = false;
	irqflags_t f = spin_lock_irqsave(&tty->lock);
	uint64_t sigs = n_tty_receive(tty, s, n, &wake);

	spin_unlock_irqrestore(&tty->lock, f);
	if (sigs) {
		f = process_lock_tree();
		for (int sig = 1; sig <= NSIG_K; sig++) {
			if (sigs & SIGBIT(sig))
				tty_signal_pgrp_locked(tty->pgrp, sig);
		}
		process_unlock_tree(f);
	}
	if (wake)
		poll_wake(&tty->read_wq, POLLIN | POLLRDNORM);
	if (tty->driver->written) /* echoes */
		tty->driver->written(tty);
}

void tty_hangup(struct tty *tty)
{
	irqflags_t f = spin_lock_irqsave(&tty->lock);
	struct process *q;

	tty->hungup = true;
	spin_unlock_irqrestore(&tty->lock, f);
	f = process_lock_tree();
	for_each_process(q)
	{
		if (q->ctty != tty)
			continue;
		q->ctty = NULL;
		if (q->pid == q->sid && q->state == PROC_ALIVE) {
			signal_send(q, SIGHUP, NULL);
			signal_send(q, SIGCONT, NULL);
		}
	}
	tty->session = tty->pgrp = 0;
	process_unlock_tree(f);
	poll_wake(&tty->read_wq, 0);
}

static long input_ready(void *arg)
{
	const struct tty *tty = arg;

	return n_tty_readable(tty) > 0 || READ_ONCE(tty->hungup);
}

static ssize_t tty_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct tty *tty = ino->priv;
	uint64_t deadline = 0;
	uint8_t chunk[CHUNK];
	size_t done = 0;
	long err = job_control(tty, SIGTTIN);

	if (err)
		return err;
	/* Linux: a read that starts after a hangup sees end of file; one
	 * asleep when it came fails with EIO. */
	if (READ_ONCE(tty->hungup))
		return 0;
	for (;;) {
		if (READ_ONCE(tty->hungup))
			return done ? (ssize_t)done : -EIO;
		irqflags_t f = spin_lock_irqsave(&tty->lock);
		bool canon = tty->termios.c_lflag & ICANON, line_end, eof;
		unsigned vmin = tty->termios.c_cc[VMIN], vtime = tty->termios.c_cc[VTIME];
		size_t want = MIN(sizeof(chunk), b->len - done);
		size_t got = n_tty_take(tty, chunk, want, &line_end, &eof);

		spin_unlock_irqrestore(&tty->lock, f);
		size_t put = vfs_iobuf_put_upto(b, done, chunk, got);

		done += put;
		if (put < got) /* the rest of the chunk is lost, as on Linux */
			return done ? (ssize_t)done : -EFAULT;
		if (done == b->len || (canon && line_end))
			return (ssize_t)done;
		if (got == want)
			continue; /* the chunk was full: there may be more */
		if (canon && done)
			return (ssize_t)done; /* (a line pushed without a delimiter) */
		if (!canon) {
			if (vmin == 0 && vtime == 0)
				return (ssize_t)done;
			if (vmin ? done >= vmin : done > 0)
				return (ssize_t)done;
		}
		if (flags & O_NONBLOCK)
			return done ? (ssize_t)done : -EAGAIN;
		if (!canon && vtime && (vmin == 0 || done)) {
			/* VMIN 0: one timer for the read; else between bytes */
			if (!deadline || vmin)
				deadline = time_ns() + vtime * 100000000ull;
			err = wq_sleep_signalable_deadline(&tty->read_wq, input_ready, tty,
							   deadline);
			if (err == -ETIMEDOUT)
				return (ssize_t)done;
		} else {
			err = wq_sleep_signalable_until(&tty->read_wq, input_ready, tty);
		}
		if (err < 0)
			return done ? (ssize_t)done : err;
	}
}

/* ---- output ---- */

static ssize_t tty_write(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct tty *tty = ino->priv;
	size_t done = 0;
	int err = 0;

	if (READ_ONCE(tty->hungup))
		return -EIO;
	if (READ_ONCE(tty->termios.c_lflag) & TOSTOP) {
		err = job_control(tty, SIGTTOU);
		if (err)
			return err;
	}
	/* a writer ahead may sleep for room holding the lock: as Linux, the
	 * ones behind it wait interruptibly (O_NONBLOCK: EAGAIN) */
	if (!mutex_trylock(&tty->write_lock)) {
		if (flags & O_NONBLOCK)
			return -EAGAIN;
		err = mutex_lock_interruptible(&tty->write_lock);
		if (err)
			return err;
	}
	while (done < b->len && !err) {
		size_t n = MIN(b->len - done, sizeof(tty->wbuf)), at;

		if (vfs_iobuf_get(b, done, tty->wbuf, n)) {
			err = -EFAULT;
			break;
		}
		for (at = 0; at < n; at += OUT_CHUNK) {
			irqflags_t f;

			/* a pty's master may have to read first */
			if (tty->driver->wait_room) {
				err = tty->driver->wait_room(tty, flags & O_NONBLOCK);
				if (err)
					break;
			}
			f = spin_lock_irqsave(&tty->lock);
			n_tty_output(tty, tty->wbuf + at, MIN(n - at, (size_t)OUT_CHUNK));
			spin_unlock_irqrestore(&tty->lock, f);
		}
		done += MIN(at, n);
	}
	mutex_unlock(&tty->write_lock);
	if (tty->driver->written)
		tty->driver->written(tty);
	return done || !err ? (ssize_t)done : err;
}

static unsigned tty_poll(struct inode *ino, unsigned events, unsigned flags, struct poll_table *pt)
{
	struct tty *tty = ino->priv;
	const struct termios2 *t = &tty->termios;
	unsigned need = 1, mask = POLLOUT | POLLWRNORM;

	poll_wait(pt, &tty->read_wq);
	if (READ_ONCE(tty->hungup))
		return (POLLIN | POLLRDNORM | mask | POLLERR | POLLHUP) &
		       (events | POLLERR | POLLHUP);
	/* Linux's input_available_p(tty, poll): VMIN bytes without VTIME */
	if (!(t->c_lflag & ICANON) && !t->c_cc[VTIME] && t->c_cc[VMIN])
		need = t->c_cc[VMIN];
	if (n_tty_readable(tty) >= need)
		mask |= POLLIN | POLLRDNORM;
	return mask & (events | POLLERR | POLLHUP);
}

/* ---- ioctl ---- */

/* The speed a CBAUD code stands for (Linux's baud_table), 0 if unknown. */
static unsigned baud_of(unsigned cflag)
{
	static const unsigned low[16] = {0,   50,   75,	  110,	134,  150,  200,   300,
					 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400};
	static const unsigned high[] = {57600,	 115200,  230400,  460800,  500000,
					576000,	 921600,  1000000, 1152000, 1500000,
					2000000, 2500000, 3000000, 3500000, 4000000};
	unsigned code = cflag & CBAUD;

	if (!(code & CBAUDEX))
		return low[code];
	code &= ~CBAUDEX;
	return code >= 1 && code <= ARRAY_SIZE(high) ? high[code - 1] : 0;
}

static long set_termios(struct tty *tty, unsigned cmd, void __user *up, bool t2)
{
	struct termios2 nt, old;
	irqflags_t f;
	long err = job_control(tty, SIGTTOU);

	if (err)
		return err;
	memset(&nt, 0, sizeof(nt));
	if (copy_from_user(&nt, up, t2 ? sizeof(struct termios2) : sizeof(struct termios)))
		return -EFAULT;
	if (!t2 || (nt.c_cflag & CBAUD) != BOTHER)
		nt.c_ispeed = nt.c_ospeed = baud_of(nt.c_cflag);
	f = spin_lock_irqsave(&tty->lock);
	old = tty->termios;
	tty->termios = nt;
	if (cmd == TCSETSF || cmd == TCSETSF2)
		n_tty_flush_input(tty);
	n_tty_set_termios(tty, &old);
	spin_unlock_irqrestore(&tty->lock, f);
	poll_wake(&tty->read_wq, 0); /* the mode may have made input readable */
	return 0;
}

static long get_termios(struct tty *tty, void __user *up, bool t2)
{
	struct termios2 t;
	irqflags_t f = spin_lock_irqsave(&tty->lock);

	t = tty->termios;
	spin_unlock_irqrestore(&tty->lock, f);
	if (copy_to_user(up, &t, t2 ? sizeof(struct termios2) : sizeof(struct termios)))
		return -EFAULT;
	return 0;
}

static long set_winsize(struct tty *tty, void __user *up)
{
	struct winsize ws;
	irqflags_t f;
	bool changed;

	if (copy_from_user(&ws, up, sizeof(ws)))
		return -EFAULT;
	f = spin_lock_irqsave(&tty->lock);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws)) != 0;
	tty->winsize = ws;
	spin_unlock_irqrestore(&tty->lock, f);
	if (changed) {
		f = process_lock_tree();
		tty_signal_pgrp_locked(tty->pgrp, SIGWINCH);
		process_unlock_tree(f);
	}
	return 0;
}

/* A process group of the caller's session?  Zombies not yet reaped
 * still belong to their group, as on Linux. */
static bool pgrp_in_session(int pgrp, int sid, bool *exists)
{
	struct process *q;

	*exists = false;
	for_each_process(q)
	{
		if (q->pgid == pgrp) {
			*exists = true;
			if (q->sid == sid)
				return true;
		}
	}
	return false;
}

static long set_pgrp(struct tty *tty, int __user *up)
{
	struct process *p = current_process();
	long err = job_control(tty, SIGTTOU);
	irqflags_t f;
	bool exists;
	int pgrp;

	if (err == -EIO)
		return -ENOTTY;
	if (err)
		return err;
	if (get_user(pgrp, up))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	f = process_lock_tree();
	if (!p || p->ctty != tty || tty->session != p->sid)
		err = -ENOTTY;
	else if (!pgrp_in_session(pgrp, p->sid, &exists))
		err = exists ? -EPERM : -ESRCH;
	else
		tty->pgrp = pgrp;
	process_unlock_tree(f);
	return err;
}

/* TIOCGPGRP and TIOCGSID: only on the caller's controlling terminal. */
static long get_id(struct tty *tty, int __user *up, bool sid)
{
	struct process *p = current_process();
	irqflags_t f = process_lock_tree();
	int v = -ENOTTY;

	if (p && p->ctty == tty) {
		v = sid ? tty->session : tty->pgrp;
		if (sid && !v)
			v = -ENOTTY;
	}
	process_unlock_tree(f);
	if (v < 0)
		return v;
	return put_user(v, up) ? -EFAULT : 0;
}

static long set_ctty(struct tty *tty, uint64_t arg)
{
	struct process *p = current_process(), *q;
	irqflags_t f = process_lock_tree();
	long err = 0;

	if (!p || (p->pid == p->sid && tty->session == p->sid))
		goto out; /* already ours */
	if (p->pid != p->sid || p->ctty) {
		err = -EPERM;
		goto out;
	}
	if (tty->session) {
		if (arg != 1 || !capable(CAP_SYS_ADMIN)) { /* arg 1 steals it */
			err = -EPERM;
			goto out;
		}
		for_each_process(q)
		{
			if (q->ctty == tty)
				q->ctty = NULL;
		}
	}
	tty->session = p->sid;
	tty->pgrp = p->pgid;
	p->ctty = tty;
out:
	process_unlock_tree(f);
	return err;
}

static long drop_ctty(struct tty *tty)
{
	struct process *p = current_process();
	irqflags_t f = process_lock_tree();
	long err = 0;

	if (!p || p->ctty != tty)
		err = -ENOTTY;
	else if (p->pid == p->sid && tty->session == p->sid)
		disassociate_locked(tty, p->sid);
	else
		p->ctty = NULL;
	process_unlock_tree(f);
	return err;
}

static long flush(struct tty *tty, uint64_t arg)
{
	long err = job_control(tty, SIGTTOU);
	irqflags_t f;

	if (err)
		return err;
	if (arg > TCIOFLUSH)
		return -EINVAL;
	if (arg == TCIFLUSH || arg == TCIOFLUSH) {
		f = spin_lock_irqsave(&tty->lock);
		n_tty_flush_input(tty);
		spin_unlock_irqrestore(&tty->lock, f);
	}
	return 0;
}

static long tty_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	struct tty *tty = ino->priv;
	void __user *up = uptr(arg);
	irqflags_t f;
	long err;
	int v;

	if (READ_ONCE(tty->hungup))
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	switch (cmd) {
	case TCGETS:
		return get_termios(tty, up, false);
	case TCGETS2:
		return get_termios(tty, up, true);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, up, false);
	case TCSETS2:
	case TCSETSW2:
	case TCSETSF2:
		return set_termios(tty, cmd, up, true);
	case TIOCGWINSZ:
		f = spin_lock_irqsave(&tty->lock);
		struct winsize ws = tty->winsize;

		spin_unlock_irqrestore(&tty->lock, f);
		return copy_to_user(up, &ws, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return set_winsize(tty, up);
	case TIOCGPGRP:
		return get_id(tty, up, false);
	case TIOCGSID:
		return get_id(tty, up, true);
	case TIOCSPGRP:
		return set_pgrp(tty, up);
	case TIOCSCTTY:
		return set_ctty(tty, arg);
	case TIOCNOTTY:
		return drop_ctty(tty);
	case FIONREAD:
		f = spin_lock_irqsave(&tty->lock);
		v = (int)n_tty_inq(tty);
		spin_unlock_irqrestore(&tty->lock, f);
		return put_user(v, (int __user *)up) ? -EFAULT : 0;
	case TIOCOUTQ:
		return put_user(0, (int __user *)up) ? -EFAULT : 0; /* written synchronously */
	case TCFLSH:
		return flush(tty, arg);
	case TCXONC:
	case TCSBRK:
	case TCSBRKP:
		err = job_control(tty, SIGTTOU);
		if (err)
			return err;
		return cmd == TCXONC && arg > TCION ? -EINVAL : 0; /* nothing queued to drain */
	case TIOCSBRK:
	case TIOCCBRK:
	case TIOCEXCL:
	case TIOCNXCL:
		return 0;
	case TIOCGETD:
		return put_user(0, (int __user *)up) ? -EFAULT : 0; /* N_TTY */
	case TIOCSETD:
		if (get_user(v, (int __user *)up))
			return -EFAULT;
		return v == 0 ? 0 : -EINVAL;
	case TIOCSTI: {
		uint8_t c;

		/* typing into a terminal: only one's own controlling terminal
		 * (dev.tty.legacy_tiocsti is 1, as on Debian) */
		if (current_process()->ctty != tty && !capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (get_user(c, (uint8_t __user *)up))
			return -EFAULT;
		tty_receive(tty, &c, 1);
		return 0;
	}
	default:
		return -ENOTTY;
	}
}

/* open(2) of a terminal: a session leader without one, opening without
 * O_NOCTTY, acquires it as its controlling terminal (Linux's
 * tty_open_proc_set_tty). */
static int tty_open(struct inode *ino, unsigned flags)
{
	struct tty *tty = ino->priv;
	struct process *p = current_process();
	irqflags_t f;

	if (tty->driver->open) {
		int err = tty->driver->open(tty);

		if (err)
			return err;
	}
	if ((flags & O_NOCTTY) || !p)
		return 0;
	f = process_lock_tree();
	if (p->pid == p->sid && !p->ctty && !tty->session) {
		tty->session = p->sid;
		tty->pgrp = p->pgid;
		p->ctty = tty;
	}
	process_unlock_tree(f);
	return 0;
}

/* What init's descriptors show on Linux: /dev/console of devtmpfs. */
static int tty_stat(struct inode *ino, struct vfs_stat *st)
{
	struct tty *tty = ino->priv;

	st->mode = S_IFCHR | (tty->mode ? tty->mode : 0600);
	st->nlink = 1;
	/* /dev/console 5:1, as stat's dev_t encodes it */
	st->rdev = tty->rdev ? tty->rdev : (5 << 8) | 1;
	st->blksize = 4096;
	return 0;
}

static void tty_release(struct inode *ino, unsigned flags)
{
	struct tty *tty = ino->priv;

	if (tty->driver->release)
		tty->driver->release(tty);
}

static const struct file_ops tty_ops = {
	.open = tty_open,
	.release = tty_release,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
	.stat = tty_stat,
};

/* ---- the serial console ---- */

static void serial_write(struct tty *tty, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		console_tx_raw(s[i]);
}

static const struct tty_driver serial_driver = {.write = serial_write};
static struct tty *console_tty;

static struct tty *the_console(void)
{
	if (!console_tty) {
		console_tty = tty_create(&serial_driver, NULL);
		if (!console_tty)
			panic("tty: no memory for the console");
	}
	return console_tty;
}

struct inode *console_inode(void)
{
	struct inode *ino = the_console()->inode;

	inode_get(ino);
	return ino;
}

/* IRQ context: queue the byte for the worker. */
void tty_rx_irq(char c, void *ctx)
{
	struct tty *tty = ctx;
	irqflags_t f = spin_lock_irqsave(&tty->rx_lock);

	if (tty->rx_head - tty->rx_tail < TTY_RX) /* else dropped: the line overran */
		tty->rx[tty->rx_head++ % TTY_RX] = (uint8_t)c;
	spin_unlock_irqrestore(&tty->rx_lock, f);
	wq_wake_one(&tty->rx_wq);
}

static long rx_pending(void *arg)
{
	struct tty *tty = arg;

	return READ_ONCE(tty->rx_head) != READ_ONCE(tty->rx_tail) || READ_ONCE(tty->rx_stop);
}

static void rx_worker(void *arg)
{
	struct tty *tty = arg;

	for (;;) {
		uint8_t chunk[64];
		size_t n = 0;
		irqflags_t f;

		wq_sleep_until(&tty->rx_wq, rx_pending, tty);
		if (READ_ONCE(tty->rx_stop))
			return;
		f = spin_lock_irqsave(&tty->rx_lock);
		while (n < sizeof(chunk) && tty->rx_tail != tty->rx_head)
			chunk[n++] = tty->rx[tty->rx_tail++ % TTY_RX];
		spin_unlock_irqrestore(&tty->rx_lock, f);
		tty_receive(tty, chunk, n);
	}
}

int tty_start_rx(struct tty *tty)
{
	tty->rx_thread = thread_create("tty", rx_worker, tty);
	return tty->rx_thread ? 0 : -ENOMEM;
}

void tty_console_start(void)
{
	static bool started;
	struct tty *tty = the_console();

	if (started)
		return;
	started = true;
	if (tty_start_rx(tty)) {
		pr_err("tty: cannot start the input thread\n");
		return;
	}
	if (console_set_rx(tty_rx_irq, tty))
		pr_err("tty: the serial line's interrupt is taken: no console input\n");
}

void tty_attach_init(struct process *p)
{
	struct tty *tty = the_console();
	irqflags_t f;

	tty_console_start();
	f = process_lock_tree();
	p->ctty = tty;
	tty->session = p->sid;
	tty->pgrp = p->pgid;
	process_unlock_tree(f);
}

struct inode *tty_controlling_inode(void)
{
	struct process *p = current_process();
	struct inode *ino = NULL;
	irqflags_t f;

	if (!p)
		return NULL;
	f = process_lock_tree();
	if (p->ctty) {
		ino = p->ctty->inode;
		inode_get(ino);
	}
	process_unlock_tree(f);
	return ino;
}

int tty_open_controlling(void)
{
	struct process *p = current_process();
	irqflags_t f;
	bool has;

	if (!p)
		return -ENXIO;
	f = process_lock_tree();
	has = p->ctty != NULL;
	process_unlock_tree(f);
	return has ? 0 : -ENXIO;
}
