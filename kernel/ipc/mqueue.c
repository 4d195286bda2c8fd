/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * POSIX message queues (kernel/mqueue.h).  A queue is a FileLike inode of
 * the internal mqueuefs: messages kept in priority order (FIFO within a
 * priority), the attributes fixed at creation, one notification
 * registration (mq_notify).  The namespace is one list of named queues:
 * mq_open finds or creates a name there, mq_unlink takes it out (the queue
 * lives on while open), and every mount of the "mqueue" filesystem shows
 * it as a directory of files whose read gives Linux's status line.
 *
 * Limits as Linux: /proc/sys/fs/mqueue (msg_max, msgsize_max for callers
 * without CAP_SYS_RESOURCE; queues_max), RLIMIT_MSGQUEUE charged to the
 * creator's real uid for each queue's worst-case size until the queue goes.
 *
 * Locking: ns_lock (a spinlock, LOCK_RANK_FS) guards the name list and
 * the per-uid charges; each queue's lock (LOCK_RANK_FS, never nested with
 * ns_lock) guards its messages, counters and registration.  Messages are
 * copied from and to user memory outside the locks; waiters sleep on the
 * queue's waitqueue, which poll_wake() also signals to pollers.
 *
 * SIGEV_THREAD (what glibc and musl build mq_notify's threads on): the
 * registration holds a netlink socket and a NOTIFY_COOKIE_LEN-byte
 * cookie already charged to it; the cookie is sent, its last byte
 * NOTIFY_WOKENUP, when a message arrives on the empty queue, or
 * NOTIFY_REMOVED when the registration is dropped (mq_notify(NULL), the
 * owner's close), as on Linux.  Sending happens after q->lock is let go.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/fcntl.h>
#include <linux/limits.h>
#include <linux/magic.h>
#include <linux/mqueue.h>
#include <linux/poll.h>
#include <linux/signal.h>
#include <linux/stat.h>
#include <asm-generic/siginfo.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kevlar_vfs/service.h>
#include <kernel/clock.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/mqueue.h>
#include <kernel/netlink.h>
#include <kernel/poll.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include <kernel/signal.h>
#include <kernel/vfs.h>
#include <kernel/waitqueue.h>

#define MQUEUE_DEV   14
#define FILENT_SIZE  80 /* st_size of a queue, as Linux */
#define HARD_MSGMAX  65536
#define HARD_MSGSIZE (16 * 1024 * 1024)
#define MSG_OVERHEAD 48
#define MQUEUE_MAGIC \
	0x19800202 /* statfs f_type, as Linux (not in its UAPI) */ /* Linux's per-message and per-priority charges */
#define NOTIFY_COOKIE_LEN 32 /* Linux's include/linux/mqueue.h ABI: the cookie's size ... */
#define NOTIFY_WOKENUP	  1  /* ... and its last byte's values */
#define NOTIFY_REMOVED	  2

int mq_msg_default = 10;
int mq_msg_max = 10;
int mq_msgsize_default = 8192;
int mq_msgsize_max = 8192;
int mq_queues_max = 256;

struct mq_msg {
	struct list_head link;
	unsigned prio;
	size_t len;
	char data[];
};

struct mqueue {
	struct list_head link; /* in names (ns_lock), while named */
	char name[NAME_MAX + 1];
	bool named;	   /* ns_lock */
	struct inode *ino; /* its own inode: the queue lives as long as it */
	uint32_t mode, uid, gid;
	uint32_t charged_uid; /* RLIMIT_MSGQUEUE charge */
	uint64_t charge;
	struct vfs_time atime, mtime, ctime;

	struct spinlock lock;  /* guards the rest */
	struct list_head msgs; /* highest priority first */
	long maxmsg, msgsize, curmsgs;
	uint64_t qsize; /* bytes queued */
	int notify_pid; /* 0: no registration */
	int notify_how, notify_sig;
	int receivers; /* waiting in mq_receive: a message goes to them, unnotified */
	uint64_t notify_value;
	struct netlink_sock *notify_sock; /* SIGEV_THREAD: a reference ... */
	struct nl_skb *notify_cookie;	  /* ... and the cookie attached to it */
	struct waitqueue wq;		  /* senders and receivers */
};

/* A SIGEV_THREAD registration taken off a queue, to send once unlocked. */
struct mq_thread_note {
	struct netlink_sock *sock;
	struct nl_skb *cookie;
};

struct mq_user {
	struct list_head link;
	uint32_t uid;
	uint64_t bytes;
};

static struct spinlock ns_lock = SPINLOCK_INIT("mqueue-ns", LOCK_RANK_FS);
static LIST_HEAD(names);
static LIST_HEAD(users);
static int nqueues; /* ns_lock: queues that exist, named or not */

/* ---- the FileLike ---- */

/* Drop the registration (q->lock held): a SIGEV_THREAD one's socket and
 * cookie go to *note, for note_send() after unlocking. */
static void drop_locked(struct mqueue *q, struct mq_thread_note *note)
{
	q->notify_pid = 0;
	if (q->notify_how == SIGEV_THREAD && q->notify_sock) {
		note->sock = q->notify_sock;
		note->cookie = q->notify_cookie;
		q->notify_sock = NULL;
		q->notify_cookie = NULL;
	}
}

/* Send a dropped SIGEV_THREAD registration's cookie, its last byte
 * `code` (no lock held). */
static void note_send(struct mq_thread_note *note, uint8_t code)
{
	if (!note->sock)
		return;
	note->cookie->data[NOTIFY_COOKIE_LEN - 1] = code;
	netlink_queue(note->sock, note->cookie);
	netlink_sock_put(note->sock);
	note->sock = NULL;
}

/* Linux drops a registration when its owner closes the descriptor (the
 * owner's exit closes it too): here it also lapses when the owner is
 * gone by any other way (q->lock held). */
static void lapse_locked(struct mqueue *q, struct mq_thread_note *note)
{
	irqflags_t fl;
	struct process *p;
	bool gone;

	if (!q->notify_pid)
		return;
	fl = process_lock_tree();
	p = process_find(q->notify_pid);
	gone = !p || p->state != PROC_ALIVE;
	process_unlock_tree(fl);
	if (gone)
		drop_locked(q, note);
}

static int mq_status(struct mqueue *q, char *buf, size_t size)
{
	struct mq_thread_note note = {NULL, NULL};
	irqflags_t fl = spin_lock_irqsave(&q->lock);
	int n;

	lapse_locked(q, &note);
	n = snprintf(buf, size, "QSIZE:%-10llu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
		     (unsigned long long)q->qsize, q->notify_pid ? q->notify_how : 0,
		     q->notify_pid && q->notify_how == SIGEV_SIGNAL ? q->notify_sig : 0,
		     q->notify_pid);

	spin_unlock_irqrestore(&q->lock, fl);
	note_send(&note, NOTIFY_REMOVED);
	return n;
}

static ssize_t mq_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	char buf[128];
	int n = mq_status(ino->priv, buf, sizeof(buf));
	size_t len;

	if (off >= (uint64_t)n)
		return 0;
	len = MIN(b->len, (size_t)n - (size_t)off);
	return vfs_iobuf_put(b, 0, buf + off, len) ? -EFAULT : (ssize_t)len;
}

static unsigned mq_poll(struct inode *ino, unsigned events, unsigned flags, struct poll_table *pt)
{
	struct mqueue *q = ino->priv;
	unsigned mask = 0;
	long cur;

	poll_wait(pt, &q->wq);
	cur = READ_ONCE(q->curmsgs);
	if (cur)
		mask |= POLLIN | POLLRDNORM;
	if (cur < q->maxmsg)
		mask |= POLLOUT | POLLWRNORM;
	return mask & events;
}

static int mq_stat(struct inode *ino, struct vfs_stat *st)
{
	struct mqueue *q = ino->priv;

	st->mode = S_IFREG | q->mode;
	st->uid = q->uid;
	st->gid = q->gid;
	st->nlink = 1;
	st->size = FILENT_SIZE;
	st->blksize = 4096;
	st->atime = q->atime;
	st->mtime = q->mtime;
	st->ctime = q->ctime;
	return 0;
}

void mq_flush(struct file *f)
{
	struct mqueue *q = f->inode->priv;
	struct mq_thread_note note = {NULL, NULL};
	irqflags_t fl = spin_lock_irqsave(&q->lock);

	if (q->notify_pid && q->notify_pid == current_process()->pid)
		drop_locked(q, &note);
	spin_unlock_irqrestore(&q->lock, fl);
	note_send(&note, NOTIFY_REMOVED);
}

static const struct file_ops mq_ops = {
	.read = mq_read,
	.poll = mq_poll,
	.stat = mq_stat,
};

static void mqueuefs_evict(struct inode *ino)
{
	struct mqueue *q = ino->priv;
	struct list_head *pos, *tmp;
	struct mq_user *u;
	irqflags_t fl;

	if (!q)
		return;
	list_for_each_safe (pos, tmp, &q->msgs)
		kfree(list_entry(pos, struct mq_msg, link));
	if (q->notify_sock) {
		netlink_detach(q->notify_sock, q->notify_cookie);
		netlink_sock_put(q->notify_sock);
	}
	fl = spin_lock_irqsave(&ns_lock);
	nqueues--;
	list_for_each_entry (u, &users, link) {
		if (u->uid == q->charged_uid) {
			u->bytes -= q->charge;
			break;
		}
	}
	spin_unlock_irqrestore(&ns_lock, fl);
	kfree(q);
}

static int mqueuefs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	*st = (struct vfs_statfs){.magic = MQUEUE_MAGIC, .bsize = st->bsize};
	return 0;
}

static const struct vfs_sb_ops mqueuefs_ops = {.evict = mqueuefs_evict, .statfs = mqueuefs_statfs};
static struct vfs_sb mqueuefs = {.ops = &mqueuefs_ops, .dev_id = MQUEUE_DEV};

bool mq_is(const struct file *f)
{
	return f->inode->kind == INODE_FILE && f->inode->ops.file == &mq_ops;
}

int mq_link_name(const struct file *f, char *buf, size_t size)
{
	struct mqueue *q = f->inode->priv;
	irqflags_t fl = spin_lock_irqsave(&ns_lock);
	int len = snprintf(buf, size, "/%s%s", q->name, q->named ? "" : " (deleted)");

	spin_unlock_irqrestore(&ns_lock, fl);
	return len;
}

/* ---- the namespace ---- */

static struct mqueue *find_locked(const char *name)
{
	struct mqueue *q;

	list_for_each_entry (q, &names, link) {
		if (!strcmp(q->name, name))
			return q;
	}
	return NULL;
}

static bool may(const struct mqueue *q, int want)
{
	const struct cred *c = current_cred();
	uint32_t bits;

	if (cred_capable(c, CAP_DAC_OVERRIDE))
		return true;
	bits = c->fsuid == q->uid ? q->mode >> 6 : c->fsgid == q->gid ? q->mode >> 3 : q->mode;
	return (bits & (uint32_t)want) == (uint32_t)want;
}

static int want_of(unsigned oflag)
{
	switch (oflag & O_ACCMODE) {
	case O_RDONLY:
		return 4;
	case O_WRONLY:
		return 2;
	default:
		return 6;
	}
}

/* The attributes a new queue gets: checked as Linux's mq_attr_ok. */
static int check_attr(const struct mq_attr *a, long *maxmsg, long *msgsize)
{
	bool privileged = capable(CAP_SYS_RESOURCE);

	if (!a) {
		*maxmsg = MIN(READ_ONCE(mq_msg_max), READ_ONCE(mq_msg_default));
		*msgsize = MIN(READ_ONCE(mq_msgsize_max), READ_ONCE(mq_msgsize_default));
		return 0;
	}
	if (a->mq_maxmsg <= 0 || a->mq_msgsize <= 0)
		return -EINVAL;
	if (privileged ? a->mq_maxmsg > HARD_MSGMAX || a->mq_msgsize > HARD_MSGSIZE
		       : a->mq_maxmsg > READ_ONCE(mq_msg_max) ||
				 a->mq_msgsize > READ_ONCE(mq_msgsize_max))
		return -EINVAL;
	*maxmsg = a->mq_maxmsg;
	*msgsize = a->mq_msgsize;
	return 0;
}

static struct mqueue *new_queue(const char *name, uint32_t mode, long maxmsg, long msgsize)
{
	static uint64_t next_ino = 1;
	const struct cred *c = current_cred();
	struct mqueue *q = kzalloc(sizeof(*q));

	if (!q)
		return NULL;
	memcpy(q->name, name, MIN(strlen(name), (size_t)NAME_MAX));
	q->mode = mode & 0777 & ~process_fs_umask();
	q->uid = c->fsuid;
	q->gid = c->fsgid;
	q->charged_uid = c->uid;
	q->maxmsg = maxmsg;
	q->msgsize = msgsize;
	q->charge = (uint64_t)maxmsg * MSG_OVERHEAD +
		    (uint64_t)MIN(maxmsg, (long)MQ_PRIO_MAX) * MSG_OVERHEAD +
		    (uint64_t)maxmsg * (uint64_t)msgsize;
	q->atime = q->mtime = q->ctime = vfs_now();
	spin_lock_init(&q->lock, "mqueue", LOCK_RANK_FS);
	list_init(&q->msgs);
	wq_init(&q->wq);
	q->ino = inode_alloc(&mqueuefs, INODE_FILE, &mq_ops,
			     __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED));
	if (!q->ino) {
		kfree(q);
		return NULL;
	}
	return q;
}

/* Charge `q` to its creator and name it (ns_lock held): 0, -ENOSPC
 * (queues_max), -EMFILE (RLIMIT_MSGQUEUE), -ENOMEM. */
static int admit_locked(struct mqueue *q, struct mq_user **spare)
{
	struct mq_user *u;
	uint64_t limit = rlimit_cur(RLIMIT_MSGQUEUE);

	if (nqueues >= READ_ONCE(mq_queues_max) && !capable(CAP_SYS_RESOURCE))
		return -ENOSPC;
	list_for_each_entry (u, &users, link) {
		if (u->uid == q->charged_uid)
			goto found;
	}
	u = *spare;
	*spare = NULL;
	u->uid = q->charged_uid;
	list_add_tail(&u->link, &users);
found:
	if (u->bytes + q->charge < u->bytes || u->bytes + q->charge > limit)
		return -EMFILE;
	u->bytes += q->charge;
	nqueues++;
	q->ino->priv = q;
	q->named = true;
	list_add_tail(&q->link, &names);
	return 0;
}

int mq_open_name(const char *name, unsigned oflag, uint32_t mode, const struct mq_attr *attr,
		 struct file **out)
{
	struct mq_user *spare = NULL;
	struct mqueue *q, *created = NULL;
	long maxmsg = 0, msgsize = 0;
	struct inode *ino = NULL;
	irqflags_t fl;
	int err = 0;

	if (oflag & O_CREAT) {
		spare = kzalloc(sizeof(*spare));
		if (!spare)
			return -ENOMEM;
	}
	fl = spin_lock_irqsave(&ns_lock);
	q = find_locked(name);
	if (q && (oflag & O_CREAT) && (oflag & O_EXCL))
		err = -EEXIST;
	else if (q && (oflag & O_ACCMODE) == O_ACCMODE)
		err = -EINVAL; /* (a new queue is made and opened for neither) */
	else if (q && !may(q, want_of(oflag)))
		err = -EACCES;
	else if (!q && !(oflag & O_CREAT))
		err = -ENOENT;
	if (q && !err) {
		ino = q->ino;
		inode_get(ino);
	}
	spin_unlock_irqrestore(&ns_lock, fl);
	if (!q && !err) {
		err = check_attr(attr, &maxmsg, &msgsize);
		if (!err) {
			created = new_queue(name, mode, maxmsg, msgsize);
			err = created ? 0 : -ENOMEM;
		}
		if (!err) {
			fl = spin_lock_irqsave(&ns_lock);
			q = find_locked(name); /* another creator may have won */
			if (q && (oflag & O_EXCL)) {
				err = -EEXIST;
			} else if (q) {
				ino = q->ino;
				inode_get(ino);
			} else {
				err = admit_locked(created, &spare);
				if (!err) { /* the name keeps the first reference */
					ino = created->ino;
					inode_get(ino);
					created = NULL;
				}
			}
			spin_unlock_irqrestore(&ns_lock, fl);
		}
	}
	if (created) {
		inode_put(created->ino); /* no priv yet: evict leaves it to us */
		kfree(created);
	}
	kfree(spare);
	if (err)
		return err;
	*out = file_new(ino, oflag & (O_ACCMODE | O_NONBLOCK)); /* no O_LARGEFILE, as Linux */
	if (!*out) {
		inode_put(ino);
		return -ENOMEM;
	}
	return 0;
}

int mq_unlink_name(const char *name)
{
	struct mqueue *q;
	irqflags_t fl = spin_lock_irqsave(&ns_lock);

	q = find_locked(name);
	if (q) {
		list_del(&q->link);
		q->named = false;
	}
	spin_unlock_irqrestore(&ns_lock, fl);
	if (!q)
		return -ENOENT;
	inode_put(q->ino); /* the name's reference */
	return 0;
}

/* ---- messages ---- */

struct wait_ctx {
	struct mqueue *q;
	bool send;
};

static long can_go(void *arg)
{
	const struct wait_ctx *w = arg;
	long cur = READ_ONCE(w->q->curmsgs);

	return w->send ? cur < w->q->maxmsg : cur > 0;
}

/* Sleep until the queue has room (send) or a message, or `deadline`
 * (monotonic ns; 0: none; -1: already past): 0, -ETIMEDOUT, -ERESTARTSYS. */
static long wait_for(struct mqueue *q, bool send, int64_t deadline)
{
	struct wait_ctx w = {q, send};
	long r;

	if (deadline < 0)
		return -ETIMEDOUT;
	/* -ERESTARTSYS: SA_RESTART restarts it (signal(7)); the deadline is
	 * absolute, so a restart keeps it */
	r = wq_sleep_signalable_deadline(&q->wq, can_go, &w, (uint64_t)deadline);
	return r < 0 ? r : 0;
}

/* The registration fires (q->lock held): the owner to signal, if any; a
 * SIGEV_THREAD one's cookie goes to *note. */
static int take_notification_locked(struct mqueue *q, struct ksiginfo *si,
				    struct mq_thread_note *note)
{
	int pid = q->notify_pid;

	if (!pid)
		return 0;
	drop_locked(q, note);
	if (q->notify_how != SIGEV_SIGNAL)
		return 0;
	*si = (struct ksiginfo){.signo = q->notify_sig,
				.code = SI_MESGQ,
				.pid = current_process()->pid,
				.uid = current_cred()->uid,
				.value = q->notify_value};
	return pid;
}

static void send_notification(int pid, const struct ksiginfo *si)
{
	irqflags_t fl = process_lock_tree();
	struct process *p = process_find(pid);

	if (p && p->state == PROC_ALIVE)
		(void)signal_send(p, si->signo, si);
	process_unlock_tree(fl);
}

long mq_send(struct file *f, const void __user *ubuf, size_t len, unsigned prio, int64_t deadline)
{
	struct mqueue *q = f->inode->priv;
	struct mq_thread_note note = {NULL, NULL};
	struct mq_msg *m, *pos;
	struct ksiginfo si;
	irqflags_t fl;
	int notify = 0;
	long err;

	if ((f->flags & O_ACCMODE) != O_WRONLY && (f->flags & O_ACCMODE) != O_RDWR)
		return -EBADF;
	if ((long)len > q->msgsize)
		return -EMSGSIZE;
	m = kmalloc(offsetof(struct mq_msg, data) + len);
	if (!m)
		return -ENOMEM;
	m->prio = prio;
	m->len = len;
	if (copy_from_user(m->data, ubuf, len)) {
		kfree(m);
		return -EFAULT;
	}
	for (;;) {
		fl = spin_lock_irqsave(&q->lock);
		if (q->curmsgs < q->maxmsg)
			break;
		spin_unlock_irqrestore(&q->lock, fl);
		if (f->flags & O_NONBLOCK) {
			kfree(m);
			return -EAGAIN;
		}
		err = wait_for(q, true, deadline);
		if (err) {
			kfree(m);
			return err;
		}
	}
	/* after the last message of a higher or equal priority */
	list_for_each_entry (pos, &q->msgs, link) {
		if (pos->prio < prio)
			break;
	}
	list_add_tail(&m->link, &pos->link);
	if (!q->curmsgs && !q->receivers) /* else a waiting receiver takes it */
		notify = take_notification_locked(q, &si, &note);
	q->curmsgs++;
	q->qsize += len;
	q->atime = q->mtime = q->ctime = vfs_now();
	spin_unlock_irqrestore(&q->lock, fl);
	poll_wake(&q->wq, POLLIN | POLLRDNORM);
	if (notify)
		send_notification(notify, &si);
	note_send(&note, NOTIFY_WOKENUP);
	return 0;
}

long mq_receive(struct file *f, void __user *ubuf, size_t len, unsigned __user *uprio,
		int64_t deadline)
{
	struct mqueue *q = f->inode->priv;
	struct mq_msg *m;
	irqflags_t fl;
	long err;

	if ((f->flags & O_ACCMODE) != O_RDONLY && (f->flags & O_ACCMODE) != O_RDWR)
		return -EBADF;
	if ((long)len < q->msgsize)
		return -EMSGSIZE;
	for (;;) {
		fl = spin_lock_irqsave(&q->lock);
		if (q->curmsgs)
			break;
		spin_unlock_irqrestore(&q->lock, fl);
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		fl = spin_lock_irqsave(&q->lock);
		q->receivers++;
		spin_unlock_irqrestore(&q->lock, fl);
		err = wait_for(q, false, deadline);
		fl = spin_lock_irqsave(&q->lock);
		q->receivers--;
		spin_unlock_irqrestore(&q->lock, fl);
		if (err)
			return err;
	}
	m = list_first_entry(&q->msgs, struct mq_msg, link);
	list_del(&m->link);
	q->curmsgs--;
	q->qsize -= m->len;
	q->atime = q->ctime = vfs_now();
	spin_unlock_irqrestore(&q->lock, fl);
	poll_wake(&q->wq, POLLOUT | POLLWRNORM);
	err = (long)m->len;
	if (copy_to_user(ubuf, m->data, m->len) ||
	    (uprio && copy_to_user(uprio, &m->prio, sizeof(m->prio))))
		err = -EFAULT; /* the message is gone, as on Linux */
	kfree(m);
	return err;
}

long mq_set_notify(struct file *f, struct mq_notify_req *req)
{
	struct mqueue *q = f->inode->priv;
	struct mq_thread_note lapsed = {NULL, NULL}, removed = {NULL, NULL};
	int me = current_process()->pid;
	irqflags_t fl = spin_lock_irqsave(&q->lock);
	long err = 0;

	lapse_locked(q, &lapsed);
	if (!req) {
		if (q->notify_pid == me)
			drop_locked(q, &removed);
	} else if (q->notify_pid) {
		err = -EBUSY;
	} else {
		q->notify_pid = me;
		q->notify_how = req->how;
		q->notify_sig = req->signo;
		q->notify_value = req->value;
		if (req->how == SIGEV_THREAD) {
			q->notify_sock = req->sock;
			q->notify_cookie = req->cookie;
			req->sock = NULL;
			req->cookie = NULL;
		}
	}
	spin_unlock_irqrestore(&q->lock, fl);
	note_send(&lapsed, NOTIFY_REMOVED);
	note_send(&removed, NOTIFY_REMOVED);
	return err;
}

void mq_get_attr(struct file *f, struct mq_attr *a)
{
	struct mqueue *q = f->inode->priv;
	irqflags_t fl = spin_lock_irqsave(&q->lock);

	*a = (struct mq_attr){.mq_flags = f->flags & O_NONBLOCK,
			      .mq_maxmsg = q->maxmsg,
			      .mq_msgsize = q->msgsize,
			      .mq_curmsgs = q->curmsgs};
	spin_unlock_irqrestore(&q->lock, fl);
}

/* ---- the mqueue filesystem: a directory of the named queues ---- */

#define MQFS_ROOT_INO 1

static int mqfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	char buf[NAME_MAX + 1];
	struct mqueue *q;
	irqflags_t fl;

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(buf, name, len);
	buf[len] = '\0';
	fl = spin_lock_irqsave(&ns_lock);
	q = find_locked(buf);
	if (q)
		inode_get(q->ino);
	spin_unlock_irqrestore(&ns_lock, fl);
	if (!q)
		return -ENOENT;
	*out = q->ino;
	return 0;
}

static int mqfs_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx)
{
	for (;;) {
		char name[NAME_MAX + 1];
		uint64_t ino = 0, i = 2;
		struct mqueue *q;
		irqflags_t fl;

		if (*pos < 2) {
			if (emit(ctx, "..", (size_t)*pos + 1, MQFS_ROOT_INO, VFS_DTYPE(S_IFDIR)))
				return 0;
			(*pos)++;
			continue;
		}
		fl = spin_lock_irqsave(&ns_lock);
		list_for_each_entry (q, &names, link) {
			if (i++ == *pos) {
				memcpy(name, q->name, sizeof(name));
				ino = q->ino->ino + 1;
				break;
			}
		}
		spin_unlock_irqrestore(&ns_lock, fl);
		if (!ino || emit(ctx, name, strlen(name), ino, VFS_DTYPE(S_IFREG)))
			return 0;
		(*pos)++;
	}
}

/* open(O_CREAT) or mknod in a mounted mqueue directory: a queue with
 * the default attributes, as Linux. */
static int mqfs_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
		       struct inode **out)
{
	struct mq_user *spare = kzalloc(sizeof(*spare));
	char buf[NAME_MAX + 1];
	struct mqueue *q = NULL;
	long maxmsg, msgsize;
	irqflags_t fl;
	int err = len > NAME_MAX ? -ENAMETOOLONG : spare ? 0 : -ENOMEM;

	if (!err) {
		memcpy(buf, name, len);
		buf[len] = '\0';
		err = check_attr(NULL, &maxmsg, &msgsize);
	}
	if (!err) {
		q = new_queue(buf, mode, maxmsg, msgsize);
		err = q ? 0 : -ENOMEM;
	}
	if (!err) {
		fl = spin_lock_irqsave(&ns_lock);
		err = find_locked(buf) ? -EEXIST : admit_locked(q, &spare);
		spin_unlock_irqrestore(&ns_lock, fl);
	}
	kfree(spare);
	if (err && q) {
		inode_put(q->ino);
		kfree(q);
	}
	if (err)
		return err;
	inode_get(q->ino); /* the caller's; the name keeps the first */
	*out = q->ino;
	return 0;
}

static int mqfs_unlink(struct inode *dir, const char *name, size_t len)
{
	char buf[NAME_MAX + 1];

	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(buf, name, len);
	buf[len] = '\0';
	return mq_unlink_name(buf);
}

/* What Linux's mqueue directory has no operation for is EPERM there. */
static int mqfs_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode,
		      struct inode **out)
{
	return -EPERM;
}

static int mqfs_symlink(struct inode *dir, const char *name, size_t len, const char *target,
			size_t tlen, struct inode **out)
{
	return -EPERM;
}

static int mqfs_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
	return -EPERM;
}

static int mqfs_rename(struct inode *olddir, const char *oldname, size_t oldlen,
		       struct inode *newdir, const char *newname, size_t newlen)
{
	return -EPERM;
}

static int mqfs_stat(struct inode *dir, struct vfs_stat *st)
{
	st->mode = S_IFDIR | S_ISVTX | 0777;
	st->nlink = 2;
	st->blksize = 4096;
	st->size = 40;
	return 0;
}

static const struct dir_ops mqfs_root_ops = {
	.lookup = mqfs_lookup,
	.create = mqfs_create,
	.mkdir = mqfs_mkdir,
	.symlink = mqfs_symlink,
	.link = mqfs_link,
	.rename = mqfs_rename,
	.readdir = mqfs_readdir,
	.unlink = mqfs_unlink,
	.stat = mqfs_stat,
};

static const struct vfs_sb_ops mqfs_sb_ops = {.statfs = mqueuefs_statfs};

static int mqfs_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	sb->ops = &mqfs_sb_ops;
	sb->root = inode_alloc(sb, INODE_DIR, &mqfs_root_ops, MQFS_ROOT_INO);
	return sb->root ? 0 : -ENOMEM;
}

const struct fs_type mqueue_fs_type = {.name = "mqueue", .mount = mqfs_mount};
