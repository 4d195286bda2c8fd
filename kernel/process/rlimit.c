/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The resource-limit checks other parts of the kernel call
 * (kernel/rlimit.h): the process count per real uid for fork, and the file
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

/* Root and the two capabilities are exempt, as Linux exempts them, before
 * anything is counted: fork of root (the benchmarked path) costs nothing. */
bool rlimit_nproc_exceeded(const struct process *p)
{
	uint64_t lim = READ_ONCE(p->rlim[RLIMIT_NPROC].rlim_cur);
	uint32_t uid = p->uid;
	const struct process *q;
	uint64_t n = 0;
	irqflags_t f;

	if (lim == RLIM64_INFINITY || uid == 0 || process_capable(p, CAP_SYS_RESOURCE) ||
	    process_capable(p, CAP_SYS_ADMIN))
		return false;
	f = process_lock_tree();
	for_each_process(q)
	{
		if (q->uid == uid && ++n >= lim)
			break;
	}
	process_unlock_tree(f);
	return n >= lim;
}

/* SIGXFSZ as Linux sends it (a user signal from the caller to itself):
 * its default action ends the process; ignored, only EFBIG remains. */
static int fsize_exceeded(void)
{
	struct process *p = current_process();
	struct ksiginfo si = {.code = SI_USER, .pid = p->pid, .uid = p->uid};

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
