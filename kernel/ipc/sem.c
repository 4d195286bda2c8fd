/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * System V semaphores: semget, semop/semtimedop, semctl, SEM_UNDO.
 *
 * A set's values, its queue of blocked operations and its undo records
 * are guarded by the table's mutex (sem_table.lock, ipc.h).  semop applies
 * all its operations or none; one that cannot proceed queues itself on the
 * set (FIFO) and sleeps on its own queue; whoever changes values afterwards
 * retries the queue under the lock and completes the waiters it can,
 * setting their status, so a waiter never re-checks anything itself.
 * semop wakes the waiters it completed only after it has dropped the
 * lock (a wake-up may send an IPI, slow under a hypervisor), and a waiter
 * woken that way returns without taking the lock again: under contention
 * each hand-over was a wake-up of the waiter, and then a sleep on the
 * lock its waker still held and a second wake-up.
 * Undo records belong to a thread group (tgid); sem_exit() applies them
 * when its last thread exits, clamping to 0..SEMVMX as Linux does.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/sem.h>
#include <platform/kmalloc.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <generated/syscalls.h>
#include <kernel/clock.h>
#include <kernel/ipc.h>
#include <kernel/waitqueue.h>
#include "ipc.h"

struct sem {
	unsigned short val;
	int pid; /* last operator */
};

struct sem_set {
	struct kipc_perm perm; /* first: the table holds &perm */
	int nsems;
	int64_t otime, ctime;
	struct list_head pending; /* struct sem_waiter, FIFO */
	struct list_head undos;	  /* struct sem_undo, by set_link */
	struct sem sems[];
};

struct sem_undo {
	struct list_head set_link; /* in set->undos */
	struct list_head all_link; /* in all_undos */
	int tgid;
	struct sem_set *set;
	short adj[];
};

struct sem_waiter {
	struct list_head link;
	struct sembuf *sops;
	int nsops, pid, blocking;
	struct sem_undo *un;
	long status;	     /* sem_table.lock: 0 waiting, 1 done, or -errno */
	bool woken;	     /* wq.lock: set by the last access of its waker */
	struct waitqueue wq; /* the sleeper's own */
};

static struct ipc_table sem_table = IPC_TABLE_INIT(sem_table, "sysv_sem", SEMMNI);
static LIST_HEAD(all_undos); /* sem_table.lock */
static int nr_undos;	     /* entries in all_undos: written under the lock, read lock-free */
static int sem_total;	     /* semaphores in every set; sem_table.lock */

static struct sem_set *set_of(struct kipc_perm *p)
{
	return (struct sem_set *)p;
}

static struct kipc_perm *sem_create(int key, int flag, void *ctx)
{
	int nsems = *(int *)ctx, err;
	struct sem_set *s;

	if (!nsems)
		return ERR_PTR(-EINVAL);
	if (sem_total + nsems > SEMMNS)
		return ERR_PTR(-ENOSPC);
	s = kzalloc(__builtin_offsetof(struct sem_set, sems) + sizeof(struct sem) * (size_t)nsems);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->perm.key = key;
	s->perm.mode = (unsigned)flag & 0777;
	s->nsems = nsems;
	s->ctime = ipc_now();
	list_init(&s->pending);
	list_init(&s->undos);
	err = ipc_add(&sem_table, &s->perm);
	if (err) {
		kfree(s);
		return ERR_PTR(err);
	}
	sem_total += nsems;
	return &s->perm;
}

static int sem_check(struct kipc_perm *p, void *ctx)
{
	return *(int *)ctx > set_of(p)->nsems ? -EINVAL : 0;
}

/* semget(key, nsems, semflg) */
long sys_semget(const struct syscall_args *a)
{
	int nsems = (int)a->arg[1];

	if (nsems < 0 || nsems > SEMMSL)
		return -EINVAL;
	return ipc_get(&sem_table, (int)a->arg[0], (int)a->arg[2], sem_create, sem_check, &nsems);
}

/* The caller's undo record for `s`, made if missing (lock held). */
static struct sem_undo *undo_for(struct sem_set *s, int tgid)
{
	struct sem_undo *un;

	list_for_each_entry (un, &s->undos, set_link)
		if (un->tgid == tgid)
			return un;
	un = kzalloc(__builtin_offsetof(struct sem_undo, adj) + sizeof(short) * (size_t)s->nsems);
	if (!un)
		return NULL;
	un->tgid = tgid;
	un->set = s;
	list_add_tail(&un->set_link, &s->undos);
	list_add_tail(&un->all_link, &all_undos);
	__atomic_add_fetch(&nr_undos, 1, __ATOMIC_RELAXED);
	return un;
}

static void undo_free(struct sem_undo *un)
{
	list_del(&un->set_link);
	list_del(&un->all_link);
	__atomic_sub_fetch(&nr_undos, 1, __ATOMIC_RELAXED);
	kfree(un);
}

/*
 * Try the operations at once: 0 (done), 1 (would block: *blocking is the
 * operation), or -EAGAIN (would block with IPC_NOWAIT), -ERANGE.  Nothing
 * changes unless it is 0.
 */
static int try_ops(struct sem_set *s, const struct sembuf *sops, int n, int pid,
		   struct sem_undo *un, int *blocking)
{
	int i, r = 0;

	for (i = 0; i < n; i++) {
		const struct sembuf *op = &sops[i];
		int cur = s->sems[op->sem_num].val, res = cur + op->sem_op;

		if ((op->sem_op == 0 && cur != 0) || res < 0) {
			*blocking = i;
			r = (op->sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
			break;
		}
		if (res > SEMVMX) {
			r = -ERANGE;
			break;
		}
		if (op->sem_flg & SEM_UNDO) {
			int u = un->adj[op->sem_num] - op->sem_op;

			if (u < -SEMAEM - 1 || u > SEMAEM) {
				r = -ERANGE;
				break;
			}
		}
		s->sems[op->sem_num].val = (unsigned short)res;
	}
	if (r) {
		while (i-- > 0)
			s->sems[sops[i].sem_num].val =
				(unsigned short)(s->sems[sops[i].sem_num].val - sops[i].sem_op);
		return r;
	}
	for (i = 0; i < n; i++) {
		if (sops[i].sem_flg & SEM_UNDO)
			un->adj[sops[i].sem_num] =
				(short)(un->adj[sops[i].sem_num] - sops[i].sem_op);
		s->sems[sops[i].sem_num].pid = pid;
	}
	s->otime = ipc_now();
	return 0;
}

/* Wake a completed waiter (its status set): after this, its memory (on
 * its stack) is never touched again.  No lock needed besides its own. */
static void waiter_wake(struct sem_waiter *w)
{
	irqflags_t f = spin_lock_irqsave(&w->wq.lock);

	WRITE_ONCE(w->woken, true);
	wq_wake_all_locked(&w->wq);
	spin_unlock_irqrestore(&w->wq.lock, f);
}

/* Complete a queued operation with `status` (lock held): its waiter is
 * woken at once, or, with `done`, queued there for sem_wake_done() to
 * wake once the lock is dropped. */
static void waiter_complete(struct sem_waiter *w, long status, struct list_head *done)
{
	list_del(&w->link);
	w->status = status;
	if (done)
		list_add_tail(&w->link, done);
	else
		waiter_wake(w);
}

static void wake_done(struct list_head *done)
{
	while (!list_empty(done)) {
		struct sem_waiter *w = list_first_entry(done, struct sem_waiter, link);

		list_del(&w->link);
		waiter_wake(w);
	}
}

/* Values changed: complete every queued operation that can now proceed
 * (lock held), waking each now or, with `done`, later. */
static void retry_queue(struct sem_set *s, struct list_head *done)
{
	struct sem_waiter *w, *tmp;
	bool again;

	do {
		again = false;
		list_for_each_entry_safe(w, tmp, &s->pending, link)
		{
			int r = try_ops(s, w->sops, w->nsops, w->pid, w->un, &w->blocking);

			if (r == 1)
				continue;
			waiter_complete(w, r ? r : 1, done);
			if (!r)
				again = true; /* values moved: earlier waiters may go */
		}
	} while (again);
}

static long waiter_woken(void *arg)
{
	return READ_ONCE(((struct sem_waiter *)arg)->woken);
}

static long semtimedop(int semid, uint64_t usops, unsigned nsops, uint64_t utimeout)
{
	struct sem_waiter w;
	LIST_HEAD(done);
	struct sembuf *sops;
	struct kipc_perm *p;
	struct sem_set *s;
	uint64_t deadline = 0;
	int max = 0, undo = 0, alter = 0;
	long r;

	if ((int)nsops < 1 || semid < 0)
		return -EINVAL;
	/* no memset of `w`: its queue and links are set up before it is
	 * queued, and every semop would clear it (a fifth of its cost) */
	w.un = NULL;
	w.status = 0;
	w.woken = false;
	w.blocking = 0;
	if (nsops > SEMOPM)
		return -E2BIG;
	sops = kmalloc(sizeof(*sops) * nsops);
	if (!sops)
		return -ENOMEM;
	r = -EFAULT;
	if (copy_from_user(sops, uptr(usops), sizeof(*sops) * nsops))
		goto out_free;
	if (utimeout) {
		int64_t ns;

		r = get_user_timespec_ns(utimeout, &ns);
		if (r)
			goto out_free;
		deadline = time_ns() + (uint64_t)ns;
		if (!deadline)
			deadline = 1;
	}
	for (unsigned i = 0; i < nsops; i++) {
		if (sops[i].sem_num >= max)
			max = sops[i].sem_num;
		undo |= sops[i].sem_flg & SEM_UNDO;
		alter |= sops[i].sem_op != 0;
	}
	mutex_lock(&sem_table.lock);
	r = -EINVAL;
	p = ipc_find_id(&sem_table, semid);
	if (!p)
		goto out_unlock;
	s = set_of(p);
	r = -EFBIG;
	if (max >= s->nsems)
		goto out_unlock;
	r = ipc_perms(p, alter ? S_IWUGO : S_IRUGO);
	if (r)
		goto out_unlock;
	w.pid = ipc_pid();
	if (undo) {
		r = -ENOMEM;
		w.un = undo_for(s, w.pid);
		if (!w.un)
			goto out_unlock;
	}
	r = try_ops(s, sops, (int)nsops, w.pid, w.un, &w.blocking);
	if (r == 0 && alter)
		retry_queue(s, &done);
	if (r != 1)
		goto out_unlock;
	w.sops = sops;
	w.nsops = (int)nsops;
	wq_init(&w.wq);
	list_add_tail(&w.link, &s->pending);
	mutex_unlock(&sem_table.lock);

	r = wq_sleep_signalable_deadline(&w.wq, waiter_woken, &w, deadline);
	if (r != 1) {
		/* a signal or the deadline: dequeue, unless a waker completed
		 * the operation meanwhile (then its wake-up is on its way) */
		mutex_lock(&sem_table.lock);
		if (!w.status) {
			list_del(&w.link); /* still queued, so the set is still there */
			mutex_unlock(&sem_table.lock);
			r = r == -ETIMEDOUT ? -EAGAIN : -EINTR;
			goto out_free;
		}
		mutex_unlock(&sem_table.lock);
		wq_sleep_until(&w.wq, waiter_woken, &w);
	}
	r = w.status == 1 ? 0 : w.status;
	goto out_free;
out_unlock:
	mutex_unlock(&sem_table.lock);
	wake_done(&done);
out_free:
	kfree(sops);
	return r;
}

/* semop(semid, sops, nsops) */
long sys_semop(const struct syscall_args *a)
{
	return semtimedop((int)a->arg[0], a->arg[1], (unsigned)a->arg[2], 0);
}

/* semtimedop(semid, sops, nsops, timeout) */
long sys_semtimedop(const struct syscall_args *a)
{
	return semtimedop((int)a->arg[0], a->arg[1], (unsigned)a->arg[2], a->arg[3]);
}

/* IPC_RMID (lock held): waiters fail with EIDRM, undo records go. */
static void sem_destroy(struct sem_set *s)
{
	struct sem_waiter *w, *wt;
	struct sem_undo *un, *ut;

	list_for_each_entry_safe(w, wt, &s->pending, link) waiter_complete(w, -EIDRM, NULL);
	list_for_each_entry_safe(un, ut, &s->undos, set_link) undo_free(un);
	ipc_remove(&sem_table, &s->perm);
	sem_total -= s->nsems;
	kfree(s);
}

/* How many queued operations wait on semaphore `num` for a rise (ncnt)
 * or for zero: the operation each is blocked by, as Linux counts. */
static int count_waiters(struct sem_set *s, int num, bool zero)
{
	struct sem_waiter *w;
	int n = 0;

	list_for_each_entry (w, &s->pending, link) {
		const struct sembuf *op = &w->sops[w->blocking];

		if (op->sem_num == num && (zero ? op->sem_op == 0 : op->sem_op < 0))
			n++;
	}
	return n;
}

static void fill_ds(struct sem_set *s, struct semid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm(&s->perm, &ds->sem_perm);
	ds->sem_otime = s->otime;
	ds->sem_ctime = s->ctime;
	ds->sem_nsems = (unsigned long)s->nsems;
}

static long sem_info(int cmd, void __user *ubuf)
{
	struct seminfo si = {
		.semmni = SEMMNI,
		.semmns = SEMMNS,
		.semmsl = SEMMSL,
		.semopm = SEMOPM,
		.semvmx = SEMVMX,
		.semmnu = SEMMNU,
		.semmap = SEMMAP,
		.semume = SEMUME,
		.semusz = SEMUSZ,
		.semaem = SEMAEM,
	};
	int max;

	mutex_lock(&sem_table.lock);
	if (cmd == SEM_INFO) {
		si.semusz = sem_table.used;
		si.semaem = sem_total;
	}
	max = ipc_max_idx(&sem_table);
	mutex_unlock(&sem_table.lock);
	if (copy_to_user(ubuf, &si, sizeof(si)))
		return -EFAULT;
	return max < 0 ? 0 : max;
}

static void clear_adj(struct sem_set *s, int num)
{
	struct sem_undo *un;

	list_for_each_entry (un, &s->undos, set_link) {
		if (num >= 0)
			un->adj[num] = 0;
		else
			memset(un->adj, 0, sizeof(short) * (size_t)s->nsems);
	}
}

static long setall(struct sem_set *s, const void __user *uarr)
{
	unsigned short *v = kmalloc(sizeof(*v) * (size_t)s->nsems);
	long r = 0;

	if (!v)
		return -ENOMEM;
	if (copy_from_user(v, uarr, sizeof(*v) * (size_t)s->nsems)) {
		r = -EFAULT;
		goto out;
	}
	for (int i = 0; i < s->nsems; i++)
		if (v[i] > SEMVMX) {
			r = -ERANGE;
			goto out;
		}
	for (int i = 0; i < s->nsems; i++) {
		s->sems[i].val = v[i];
		s->sems[i].pid = ipc_pid();
	}
	clear_adj(s, -1);
	s->ctime = ipc_now();
	retry_queue(s, NULL);
out:
	kfree(v);
	return r;
}

static long getall(struct sem_set *s, void __user *uarr)
{
	unsigned short *v = kmalloc(sizeof(*v) * (size_t)s->nsems);
	long r = 0;

	if (!v)
		return -ENOMEM;
	for (int i = 0; i < s->nsems; i++)
		v[i] = s->sems[i].val;
	if (copy_to_user(uarr, v, sizeof(*v) * (size_t)s->nsems))
		r = -EFAULT;
	kfree(v);
	return r;
}

/* The commands on one set (lock held, `s` found). */
static long sem_cmd(struct sem_set *s, int semnum, int cmd, uint64_t arg)
{
	void __user *ubuf = uptr(arg);
	struct semid64_ds ds;
	long r;

	switch (cmd) {
	case IPC_RMID:
		r = ipc_owner(&s->perm);
		if (!r)
			sem_destroy(s);
		return r;
	case IPC_SET:
		if (copy_from_user(&ds, ubuf, sizeof(ds)))
			return -EFAULT;
		r = ipc_owner(&s->perm);
		if (!r) {
			ipc_set_perm(&s->perm, &ds.sem_perm);
			s->ctime = ipc_now();
		}
		return r;
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		if (cmd != SEM_STAT_ANY) {
			r = ipc_perms(&s->perm, S_IRUGO);
			if (r)
				return r;
		}
		fill_ds(s, &ds);
		if (copy_to_user(ubuf, &ds, sizeof(ds)))
			return -EFAULT;
		return cmd == IPC_STAT ? 0 : s->perm.id;
	case GETALL:
		r = ipc_perms(&s->perm, S_IRUGO);
		return r ? r : getall(s, ubuf);
	case SETALL:
		r = ipc_perms(&s->perm, S_IWUGO);
		return r ? r : setall(s, ubuf);
	}
	/* the commands on one semaphore: Linux checks SETVAL's index first */
	if (cmd == SETVAL && (semnum < 0 || semnum >= s->nsems))
		return -EINVAL;
	r = ipc_perms(&s->perm, cmd == SETVAL ? S_IWUGO : S_IRUGO);
	if (r)
		return r;
	if (semnum < 0 || semnum >= s->nsems)
		return -EINVAL;
	switch (cmd) {
	case GETVAL:
		return s->sems[semnum].val;
	case GETPID:
		return s->sems[semnum].pid;
	case GETNCNT:
		return count_waiters(s, semnum, false);
	case GETZCNT:
		return count_waiters(s, semnum, true);
	default: /* SETVAL, its value checked */
		s->sems[semnum].val = (unsigned short)(int)arg;
		s->sems[semnum].pid = ipc_pid();
		clear_adj(s, semnum);
		s->ctime = ipc_now();
		retry_queue(s, NULL);
		return 0;
	}
}

/* semctl(semid, semnum, cmd, arg) */
long sys_semctl(const struct syscall_args *a)
{
	int semid = (int)a->arg[0], cmd = (int)a->arg[2];
	struct kipc_perm *p;
	long r;

	if (semid < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return sem_info(cmd, uptr(a->arg[3]));
	case IPC_RMID:
	case IPC_SET:
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
	case GETALL:
	case SETALL:
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
		break;
	case SETVAL:
		if ((int)a->arg[3] < 0 || (int)a->arg[3] > SEMVMX)
			return -ERANGE;
		break;
	default:
		return -EINVAL;
	}
	mutex_lock(&sem_table.lock);
	p = (cmd == SEM_STAT || cmd == SEM_STAT_ANY) ? ipc_at(&sem_table, semid)
						     : ipc_find_id(&sem_table, semid);
	r = p ? sem_cmd(set_of(p), (int)a->arg[1], cmd, a->arg[3]) : -EINVAL;
	mutex_unlock(&sem_table.lock);
	return r;
}

void sem_exit(int tgid)
{
	struct sem_undo *un, *tmp;

	/* Most processes never use SEM_UNDO: skip the global lock then.  The
	 * group's own records were made by its threads, all gone now (their
	 * exits are ordered before this one by live_threads), so a zero seen
	 * here means it has none; records of others may come and go. */
	if (!__atomic_load_n(&nr_undos, __ATOMIC_ACQUIRE))
		return;
	mutex_lock(&sem_table.lock);
	list_for_each_entry_safe(un, tmp, &all_undos, all_link)
	{
		struct sem_set *s = un->set;

		if (un->tgid != tgid)
			continue;
		for (int i = 0; i < s->nsems; i++) {
			int v;

			if (!un->adj[i])
				continue;
			v = s->sems[i].val + un->adj[i];
			s->sems[i].val = (unsigned short)(v < 0 ? 0 : v > SEMVMX ? SEMVMX : v);
			s->sems[i].pid = tgid;
		}
		undo_free(un);
		retry_queue(s, NULL);
	}
	mutex_unlock(&sem_table.lock);
}

int sem_proc_show(ipc_emit_fn emit, void *ctx)
{
	char line[160];
	int err = 0;

	mutex_lock(&sem_table.lock);
	for (int i = 0; i < sem_table.cap && !err; i++) {
		struct sem_set *s = sem_table.slots[i] ? set_of(sem_table.slots[i]) : NULL;

		if (!s)
			continue;
		snprintf(line, sizeof(line), "%10d %10d  %4o %10u %5u %5u %5u %5u %10lld %10lld\n",
			 s->perm.key, s->perm.id, s->perm.mode, (unsigned)s->nsems, s->perm.uid,
			 s->perm.gid, s->perm.cuid, s->perm.cgid, (long long)s->otime,
			 (long long)s->ctime);
		err = emit(ctx, line);
	}
	mutex_unlock(&sem_table.lock);
	return err;
}
