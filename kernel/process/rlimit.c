/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The resource-limit checks other parts of the kernel call
 * (kernel/rlimit.h): the task count per real uid for fork and clone, and the file
 * size limit for writes and growth.  The other limits are read where they
 * apply (the header lists where).
 */
#include <klib/errno.h>
#include <linux/capability.h>
#include <kernel/cred.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include <kernel/sched.h>

uint64_t rlimit_cur(unsigned res)
{
	const struct process *p = current_process();

	return p ? READ_ONCE(p->rlim[res].rlim_cur) : RLIM64_INFINITY;
}

/* How many tasks the real uid `uid` owns, counting up to `stop`: each
 * thread by its own credentials, as Linux counts RLIMIT_NPROC (a thread
 * bomb is stopped like a fork bomb), and a zombie as one until reaped. */
static uint64_t count_uid(uint32_t uid, uint64_t stop)
{
	struct process *q;
	uint64_t n = 0;
	irqflags_t f = process_lock_tree();

	for_each_process(q)
	{
		const struct thread *t;
		unsigned k = 0;
		bool any = false;

		spin_lock(&q->threads_lock);
		list_for_each_entry (t, &q->threads, group_link) {
			any = true;
			k += t->cred && t->cred->uid == uid;
		}
		spin_unlock(&q->threads_lock);
		if (!any)
			k = q->cred && q->cred->uid == uid;
		n += k;
		if (n >= stop)
			break;
	}
	process_unlock_tree(f);
	return n;
}

/* Root and the two capabilities are exempt, as Linux exempts them, before
 * anything is counted: fork of root (the benchmarked path) costs nothing. */
bool rlimit_nproc_exceeded(const struct process *p)
{
	uint64_t lim = READ_ONCE(p->rlim[RLIMIT_NPROC].rlim_cur);
	const struct cred *c = current_cred(); /* the caller forks or clones */

	if (lim == RLIM64_INFINITY || c->uid == 0 || capable(CAP_SYS_RESOURCE) ||
	    capable(CAP_SYS_ADMIN))
		return false;
	return count_uid(c->uid, lim) >= lim;
}

void rlimit_nproc_setuid(struct process *p, uint32_t old_uid)
{
	uint64_t lim = READ_ONCE(p->rlim[RLIMIT_NPROC].rlim_cur);
	uint32_t uid = current_cred()->uid; /* the caller's new one */

	if (uid == old_uid)
		return;
	/* more than the limit besides `p` (counted under its new uid) */
	p->nproc_exceeded = uid != 0 && lim != RLIM64_INFINITY && count_uid(uid, lim + 2) > lim + 1;
}

int rlimit_nproc_exec(struct process *p)
{
	uint64_t lim = READ_ONCE(p->rlim[RLIMIT_NPROC].rlim_cur);

	if (!p->nproc_exceeded)
		return 0;
	if (lim != RLIM64_INFINITY && count_uid(current_cred()->uid, lim + 1) > lim)
		return -EAGAIN;
	p->nproc_exceeded = false;
	return 0;
}

/* SIGXFSZ as Linux sends it (a user signal from the caller to itself):
 * its default action ends the process; ignored, only EFBIG remains. */
static int fsize_exceeded(void)
{
	struct process *p = current_process();
	struct ksiginfo si = {.code = SI_USER, .pid = p->pid, .uid = current_cred()->uid};

	signal_send(p, SIGXFSZ, &si);
	return -EFBIG;
}

int rlimit_fsize_write(uint64_t pos, size_t *len)
{
	uint64_t lim = rlimit_cur(RLIMIT_FSIZE);

	if (lim == RLIM64_INFINITY)
		return 0;
	if (pos >= lim)
		return fsize_exceeded();
	if (*len > lim - pos)
		*len = (size_t)(lim - pos);
	return 0;
}

int rlimit_fsize_grow(uint64_t old_size, uint64_t new_size)
{
	uint64_t lim = rlimit_cur(RLIMIT_FSIZE);

	if (lim == RLIM64_INFINITY || new_size <= old_size || new_size <= lim)
		return 0;
	return fsize_exceeded();
}
