/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The overcommit policy (vm.overcommit_memory and vm.overcommit_ratio, in
 * /proc/sys/vm): whether a mapping that may need fresh pages of its own
 * (private writable, shared anonymous, the heap) may be made at all.
 *
 *   0 (Linux's default heuristic): one request for more than RAM + swap
 *     fails with ENOMEM; MAP_NORESERVE skips the check.
 *   1: every request succeeds; the OOM killer settles the bill.
 *   2: a request beyond the commit limit (RAM * overcommit_ratio / 100 +
 *     swap) fails, MAP_NORESERVE included.  Linux charges the sum of all
 *     committed mappings against that limit; here each request is checked
 *     alone (the kernel keeps no global commit count yet).
 */
#include <klib/errno.h>
#include <platform/page.h>
#include <kernel/oom.h>

/* Pages fewer than any machine Kevlar boots on has (the boot refuses to
 * start with less than 24 MiB free): the heuristic never refuses them. */
#define SMALL_REQUEST 4096

static int overcommit_mode = OVERCOMMIT_GUESS; /* plain word stores */
static int overcommit_ratio = 50;

bool vm_enough_memory(size_t pages, bool noreserve)
{
	int mode = __atomic_load_n(&overcommit_mode, __ATOMIC_RELAXED);
	struct pmm_stats st;

	if (mode == OVERCOMMIT_ALWAYS || (noreserve && mode == OVERCOMMIT_GUESS))
		return true;
	if (mode == OVERCOMMIT_GUESS && pages <= SMALL_REQUEST)
		return true; /* the fast path: no look at the allocator */
	pmm_stats(&st);
	if (mode == OVERCOMMIT_NEVER) {
		int ratio = __atomic_load_n(&overcommit_ratio, __ATOMIC_RELAXED);

		return pages <= st.total_pages / 100 * (size_t)(ratio > 0 ? ratio : 0);
	}
	return pages <= st.total_pages;
}

int vm_overcommit_mode(void)
{
	return __atomic_load_n(&overcommit_mode, __ATOMIC_RELAXED);
}

int vm_overcommit_ratio(void)
{
	return __atomic_load_n(&overcommit_ratio, __ATOMIC_RELAXED);
}

int vm_set_overcommit_mode(int mode)
{
	if (mode < OVERCOMMIT_GUESS || mode > OVERCOMMIT_NEVER)
		return -EINVAL;
	__atomic_store_n(&overcommit_mode, mode, __ATOMIC_RELAXED);
	return 0;
}

int vm_set_overcommit_ratio(int ratio)
{
	/* any int, as Linux's proc_dointvec (a negative ratio limits to 0 here) */
	__atomic_store_n(&overcommit_ratio, ratio, __ATOMIC_RELAXED);
	return 0;
}
