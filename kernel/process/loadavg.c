/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The load average (/proc/loadavg, sysinfo): every 5 s the count of
 * runnable threads (running or queued on any CPU; Kevlar has no separate
 * uninterruptible sleep to add) is folded into three exponentially
 * decaying averages, with Linux's fixed-point arithmetic so the figures
 * move as Linux's do.  The sampling CPU is whichever tick first sees the
 * deadline pass (a compare-and-swap on it); the averages are single words
 * read without a lock.
 */
#include <kernel/loadavg.h>
#include <kernel/sched.h>

static unsigned long avenrun[3]; /* atomic stores by the sampler */
static uint64_t next_sample_ns = LOADAVG_FREQ_NS;

unsigned long loadavg_step(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long n = load * exp + active * (LOADAVG_ONE - exp);

	if (active >= load)
		n += LOADAVG_ONE - 1;
	return n / LOADAVG_ONE;
}

void loadavg_tick(uint64_t now_ns)
{
	uint64_t due = __atomic_load_n(&next_sample_ns, __ATOMIC_RELAXED);
	static const unsigned long exps[3] = {LOADAVG_EXP_1, LOADAVG_EXP_5, LOADAVG_EXP_15};
	struct sched_stats ss;
	unsigned long active;

	if (now_ns < due)
		return;
	/* the winner samples; missed periods (a long stall) count as one */
	if (!__atomic_compare_exchange_n(&next_sample_ns, &due, now_ns + LOADAVG_FREQ_NS, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return;
	sched_stats(&ss);
	active = (unsigned long)ss.running * LOADAVG_ONE;
	for (int i = 0; i < 3; i++) {
		unsigned long v = __atomic_load_n(&avenrun[i], __ATOMIC_RELAXED);

		__atomic_store_n(&avenrun[i], loadavg_step(v, exps[i], active), __ATOMIC_RELAXED);
	}
}

uint64_t loadavg_next_in(uint64_t now_ns)
{
	uint64_t due = __atomic_load_n(&next_sample_ns, __ATOMIC_RELAXED);

	return due > now_ns ? due - now_ns : 0;
}

void loadavg_get(unsigned long loads[3], unsigned long offset, int shift)
{
	for (int i = 0; i < 3; i++)
		loads[i] = (__atomic_load_n(&avenrun[i], __ATOMIC_RELAXED) + offset) << shift;
}
