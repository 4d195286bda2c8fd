/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * System V message queues: msgget, msgsnd, msgrcv, msgctl.
 *
 * A queue's messages and its two waiter lists are guarded by the table's
 * mutex (msg_table.lock, ipc.h).  A receiver that finds nothing queues
 * itself; a sender hands a new message straight to the first waiting
 * receiver it suits (or fails that receiver with E2BIG, as Linux does)
 * before queueing it.  A sender without room queues itself and is told
 * to retry whenever a receive or IPC_SET makes room.  Sleepers read only
 * their own status word, written under the lock (sem.c's scheme).
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/capability.h>
#include <linux/msg.h>
#include <platform/kmalloc.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/cred.h>
#include <kernel/ipc.h>
#include <kernel/waitqueue.h>
#include "ipc.h"

struct kmsg {
	struct list_head link;
	long type;
	size_t len;
	char text[];
};

#define MSG_SIZE(len) (__builtin_offsetof(struct kmsg, text) + (len))

struct msg_queue {
	struct kipc_perm perm; /* first: the table holds &perm */
	int64_t stime, rtime, ctime;
	size_t cbytes, qnum, qbytes;
	int lspid, lrpid;
	struct list_head msgs;	    /* struct kmsg, in arrival order */
	struct list_head receivers; /* struct msg_waiter */
	struct list_head senders;   /* struct msg_waiter */
};

enum search { SEARCH_ANY, SEARCH_EQUAL, SEARCH_NOTEQUAL, SEARCH_LESSEQUAL, SEARCH_NUMBER };

struct msg_waiter {
	struct list_head link;
	enum search mode; /* receivers: what they take */
	long type;
	size_t max;
	int pid; /* a receiver's */
	bool noerror;
	struct kmsg *msg;    /* handed over by a sender */
	long status;	     /* 0 waiting, 1 done (or retry, for senders), -errno */
	struct waitqueue wq; /* the sleeper's own (ipc_complete) */
};

static struct ipc_table msg_table = IPC_TABLE_INIT(msg_table, "sysv_msg", MSGMNI);
static size_t msg_total, msg_bytes; /* every queue's messages; msg_table.lock */

static struct msg_queue *queue_of(struct kipc_perm *p)
{
	return (struct msg_queue *)p;
}

static struct kipc_perm *msg_create(int key, int flag, void *ctx)
{
	struct msg_queue *q = kzalloc(sizeof(*q));
	int err;

	(void)ctx;
	if (!q)
		return ERR_PTR(-ENOMEM);
	q->perm.key = key;
	q->perm.mode = (unsigned)flag & 0777;
	q->qbytes = IPC_MSGMNB;
	q->ctime = ipc_now();
	list_init(&q->msgs);
	list_init(&q->receivers);
	list_init(&q->senders);
	err = ipc_add(&msg_table, &q->perm);
	if (err) {
		kfree(q);
		return ERR_PTR(err);
	}
	return &q->perm;
}

/* msgget(key, msgflg) */
long sys_msgget(const struct syscall_args *a)
{
	return ipc_get(&msg_table, (int)a->arg[0], (int)a->arg[1], msg_create, NULL, NULL);
}

static long waiter_done(void *arg)
{
	return READ_ONCE(((struct msg_waiter *)arg)->status);
}

static bool suits(const struct kmsg *m, enum search mode, long type)
{
	switch (mode) {
	case SEARCH_EQUAL:
		return m->type == type;
	case SEARCH_NOTEQUAL:
		return m->type != type;
	default:
		return true;
	}
}

/* The message a receiver in `mode` takes (lock held), or NULL. */
static struct kmsg *find_msg(struct msg_queue *q, enum search mode, long type)
{
	struct kmsg *m, *best = NULL;
	long n = 0;

	list_for_each_entry (m, &q->msgs, link) {
		if (mode == SEARCH_NUMBER) {
			if (n++ == type)
				return m;
		} else if (mode == SEARCH_LESSEQUAL) {
			if (m->type <= type && (!best || m->type < best->type))
				best = m;
		} else if (suits(m, mode, type)) {
			return m;
		}
	}
	return best;
}

/* Room was made: every waiting sender tries again (lock held). */
static void wake_senders(struct msg_queue *q)
{
	struct msg_waiter *w, *t;

	list_for_each_entry_safe(w, t, &q->senders, link)
	{
		list_del(&w->link);
		ipc_complete(&w->wq, &w->status, 1);
	}
}

/* Hand `m` to the first waiting receiver it suits: true if taken. */
static bool give_to_receiver(struct msg_queue *q, struct kmsg *m)
{
	struct msg_waiter *w, *t;

	list_for_each_entry_safe(w, t, &q->receivers, link)
	{
		bool fit;

		if (w->mode == SEARCH_LESSEQUAL ? m->type > w->type : !suits(m, w->mode, w->type))
			continue;
		fit = m->len <= w->max || w->noerror;
		list_del(&w->link);
		if (fit)
			w->msg = m;
		ipc_complete(&w->wq, &w->status, fit ? 1 : -E2BIG);
		if (fit) {
			q->lrpid = w->pid;
			q->rtime = ipc_now();
			return true;
		}
	}
	return false;
}

static long do_msgsnd(int id, uint64_t umsg, size_t size, int flag)
{
	struct msg_waiter w;
	struct msg_queue *q;
	struct kipc_perm *p;
	struct kmsg *m;
	long type, r;

	if (copy_from_user(&type, uptr(umsg), sizeof(type)))
		return -EFAULT;
	if (size > IPC_MSGMAX || (long)size < 0 || id < 0)
		return -EINVAL;
	if (type < 1)
		return -EINVAL;
	m = kmalloc(MSG_SIZE(size));
	if (!m)
		return -ENOMEM;
	m->type = type;
	m->len = size;
	if (copy_from_user(m->text, uptr(umsg + sizeof(long)), size)) {
		kfree(m);
		return -EFAULT;
	}
	mutex_lock(&msg_table.lock);
	for (;;) {
		p = ipc_find_id(&msg_table, id);
		if (!p) {
			r = -EINVAL;
			goto out;
		}
		q = queue_of(p);
		r = ipc_perms(p, S_IWUGO);
		if (r)
			goto out;
		if (size + q->cbytes <= q->qbytes && 1 + q->qnum <= q->qbytes)
			break;
		r = -EAGAIN;
		if (flag & IPC_NOWAIT)
			goto out;
		memset(&w, 0, sizeof(w));
		wq_init(&w.wq);
		list_add_tail(&w.link, &q->senders);
		mutex_unlock(&msg_table.lock);
		r = wq_sleep_signalable_until(&w.wq, waiter_done, &w);
		mutex_lock(&msg_table.lock);
		if (!w.status) {
			list_del(&w.link);
			r = -ERESTARTNOHAND;
			goto out;
		}
		if (w.status < 0) {
			r = w.status;
			goto out;
		}
		/* retry: the queue may be gone (EINVAL, as on Linux after the
		 * EIDRM its waiters saw) */
	}
	q->lspid = ipc_pid();
	q->stime = ipc_now();
	if (!give_to_receiver(q, m)) {
		list_add_tail(&m->link, &q->msgs);
		q->cbytes += size;
		q->qnum++;
		msg_total++;
		msg_bytes += size;
	}
	m = NULL;
	r = 0;
out:
	mutex_unlock(&msg_table.lock);
	kfree(m);
	return r;
}

/* msgsnd(msqid, msgp, msgsz, msgflg) */
long sys_msgsnd(const struct syscall_args *a)
{
	return do_msgsnd((int)a->arg[0], a->arg[1], a->arg[2], (int)a->arg[3]);
}

static void unlink_msg(struct msg_queue *q, struct kmsg *m)
{
	list_del(&m->link);
	q->cbytes -= m->len;
	q->qnum--;
	msg_total--;
	msg_bytes -= m->len;
}

static struct kmsg *copy_msg(const struct kmsg *m)
{
	struct kmsg *c = kmalloc(MSG_SIZE(m->len));

	if (c) {
		memcpy(c, m, MSG_SIZE(m->len));
		list_init(&c->link);
	}
	return c;
}

static long do_msgrcv(int id, uint64_t umsg, size_t size, long type, int flag)
{
	struct msg_waiter w;
	struct msg_queue *q;
	struct kipc_perm *p;
	struct kmsg *m = NULL;
	long r;

	if (id < 0 || (long)size < 0)
		return -EINVAL;
	memset(&w, 0, sizeof(w));
	if ((flag & MSG_COPY) && ((flag & MSG_EXCEPT) || !(flag & IPC_NOWAIT)))
		return -EINVAL;
	if (flag & MSG_COPY) {
		w.mode = SEARCH_NUMBER;
	} else if (type == 0) {
		w.mode = SEARCH_ANY;
	} else if (type < 0) {
		w.mode = SEARCH_LESSEQUAL;
		type = type == (-__LONG_MAX__ - 1) ? __LONG_MAX__ : -type;
	} else {
		w.mode = (flag & MSG_EXCEPT) ? SEARCH_NOTEQUAL : SEARCH_EQUAL;
	}
	w.type = type;
	w.max = size;
	w.pid = ipc_pid();
	w.noerror = flag & MSG_NOERROR;
	mutex_lock(&msg_table.lock);
	p = ipc_find_id(&msg_table, id);
	r = -EINVAL;
	if (!p)
		goto out_unlock;
	q = queue_of(p);
	r = ipc_perms(p, S_IRUGO);
	if (r)
		goto out_unlock;
	m = find_msg(q, w.mode, type);
	if (m) {
		r = -E2BIG;
		if (size < m->len && !w.noerror) {
			m = NULL;
			goto out_unlock;
		}
		if (flag & MSG_COPY) {
			m = copy_msg(m);
			r = -ENOMEM;
			if (!m)
				goto out_unlock;
		} else {
			unlink_msg(q, m);
			q->lrpid = ipc_pid();
			q->rtime = ipc_now();
			wake_senders(q);
		}
	} else {
		r = -ENOMSG;
		if (flag & IPC_NOWAIT)
			goto out_unlock;
		wq_init(&w.wq);
		list_add_tail(&w.link, &q->receivers);
		mutex_unlock(&msg_table.lock);
		r = wq_sleep_signalable_until(&w.wq, waiter_done, &w);
		mutex_lock(&msg_table.lock);
		if (!w.status) {
			list_del(&w.link);
			r = -ERESTARTNOHAND;
			goto out_unlock;
		}
		if (w.status < 0) {
			r = w.status;
			goto out_unlock;
		}
		m = w.msg;
	}
	mutex_unlock(&msg_table.lock);
	/* the message is ours now: copy it out without the lock */
	size = m->len < size ? m->len : size;
	r = (long)size;
	if (copy_to_user(uptr(umsg), &m->type, sizeof(long)) ||
	    copy_to_user(uptr(umsg + sizeof(long)), m->text, size))
		r = -EFAULT;
	kfree(m);
	return r;
out_unlock:
	mutex_unlock(&msg_table.lock);
	return r;
}

/* msgrcv(msqid, msgp, msgsz, msgtyp, msgflg) */
long sys_msgrcv(const struct syscall_args *a)
{
	return do_msgrcv((int)a->arg[0], a->arg[1], a->arg[2], (long)a->arg[3], (int)a->arg[4]);
}

/* IPC_RMID (lock held): every waiter fails with EIDRM. */
static void msg_destroy(struct msg_queue *q)
{
	struct msg_waiter *w, *wt;
	struct kmsg *m, *mt;

	list_for_each_entry_safe(w, wt, &q->receivers, link)
	{
		list_del(&w->link);
		ipc_complete(&w->wq, &w->status, -EIDRM);
	}
	list_for_each_entry_safe(w, wt, &q->senders, link)
	{
		list_del(&w->link);
		ipc_complete(&w->wq, &w->status, -EIDRM);
	}
	list_for_each_entry_safe(m, mt, &q->msgs, link)
	{
		unlink_msg(q, m);
		kfree(m);
	}
	ipc_remove(&msg_table, &q->perm);
	kfree(q);
}

static long msg_info(int cmd, void __user *ubuf)
{
	struct msginfo mi = {
		.msgpool = MSGPOOL,
		.msgmap = MSGMAP,
		.msgmax = IPC_MSGMAX,
		.msgmnb = IPC_MSGMNB,
		.msgmni = IPC_MSGMNI,
		.msgssz = MSGSSZ,
		.msgtql = MSGTQL,
		.msgseg = MSGSEG,
	};
	int max;

	mutex_lock(&msg_table.lock);
	if (cmd == MSG_INFO) {
		mi.msgpool = msg_table.used;
		mi.msgmap = (int)msg_total;
		mi.msgtql = (int)msg_bytes;
	}
	max = ipc_max_idx(&msg_table);
	mutex_unlock(&msg_table.lock);
	if (copy_to_user(ubuf, &mi, sizeof(mi)))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

static long msg_cmd(struct msg_queue *q, int cmd, const struct msqid64_ds *in, void __user *ubuf)
{
	struct msqid64_ds ds;
	long r;

	switch (cmd) {
	case IPC_RMID:
		r = ipc_owner(&q->perm);
		if (!r)
			msg_destroy(q);
		return r;
	case IPC_SET:
		r = ipc_owner(&q->perm);
		if (r)
			return r;
		if (in->msg_qbytes > IPC_MSGMNB && !capable(CAP_SYS_RESOURCE))
			return -EPERM;
		q->qbytes = in->msg_qbytes;
		ipc_set_perm(&q->perm, &in->msg_perm);
		q->ctime = ipc_now();
		wake_senders(q);
		return 0;
	default: /* IPC_STAT, MSG_STAT, MSG_STAT_ANY */
		if (cmd != MSG_STAT_ANY) {
			r = ipc_perms(&q->perm, S_IRUGO);
			if (r)
				return r;
		}
		memset(&ds, 0, sizeof(ds));
		ipc_fill_perm(&q->perm, &ds.msg_perm);
		ds.msg_stime = q->stime;
		ds.msg_rtime = q->rtime;
		ds.msg_ctime = q->ctime;
		ds.msg_cbytes = q->cbytes;
		ds.msg_qnum = q->qnum;
		ds.msg_qbytes = q->qbytes;
		ds.msg_lspid = q->lspid;
		ds.msg_lrpid = q->lrpid;
		if (copy_to_user(ubuf, &ds, sizeof(ds)))
			return -EFAULT;
		return cmd == IPC_STAT ? 0 : q->perm.id;
	}
}

/* msgctl(msqid, cmd, buf) */
long sys_msgctl(const struct syscall_args *a)
{
	int id = (int)a->arg[0], cmd = (int)a->arg[1];
	void __user *ubuf = uptr(a->arg[2]);
	struct msqid64_ds in;
	struct kipc_perm *p;
	long r;

	if (id < 0 || cmd < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO:
		return msg_info(cmd, ubuf);
	case IPC_SET:
		if (copy_from_user(&in, ubuf, sizeof(in)))
			return -EFAULT;
		break;
	case IPC_RMID:
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY:
		break;
	default:
		return -EINVAL;
	}
	mutex_lock(&msg_table.lock);
	p = (cmd == MSG_STAT || cmd == MSG_STAT_ANY) ? ipc_at(&msg_table, id)
						     : ipc_find_id(&msg_table, id);
	r = p ? msg_cmd(queue_of(p), cmd, &in, ubuf) : -EINVAL;
	mutex_unlock(&msg_table.lock);
	return r;
}

int msg_proc_show(ipc_emit_fn emit, void *ctx)
{
	char line[192];
	int err = 0;

	mutex_lock(&msg_table.lock);
	for (int i = 0; i < msg_table.cap && !err; i++) {
		struct msg_queue *q = msg_table.slots[i] ? queue_of(msg_table.slots[i]) : NULL;

		if (!q)
			continue;
		snprintf(line, sizeof(line),
			 "%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10lld %10lld "
			 "%10lld\n",
			 q->perm.key, q->perm.id, q->perm.mode, (unsigned long)q->cbytes,
			 (unsigned long)q->qnum, (unsigned)q->lspid, (unsigned)q->lrpid,
			 q->perm.uid, q->perm.gid, q->perm.cuid, q->perm.cgid, (long long)q->stime,
			 (long long)q->rtime, (long long)q->ctime);
		err = emit(ctx, line);
	}
	mutex_unlock(&msg_table.lock);
	return err;
}
