/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex WAIT times out (relative, absolute monotonic and realtime); bad timespecs are EINVAL/EFAULT. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <time.h>

static long futex(void *uaddr, int op, uint32_t val, void *timeout, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, timeout, NULL, val3);
}

int main(void)
{
	static uint32_t word;
	struct timespec rel = {0, 20 * 1000 * 1000}, zero = {0, 0}, t0, t1, abs;
	struct timespec bad_ns = {0, 1000000000}, neg = {-1, 0};

	clock_gettime(CLOCK_MONOTONIC, &t0);
	SHOW(futex(&word, FUTEX_WAIT_PRIVATE, 0, &rel, 0));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	FACT("waited at least 20 ms",
	     (t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec >= 20000000L);
	SHOW(futex(&word, FUTEX_WAIT, 0, &zero, 0));
	/* absolute deadlines, one just ahead, one in the past */
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 10 * 1000 * 1000;
	if (abs.tv_nsec >= 1000000000L)
		abs.tv_sec++, abs.tv_nsec -= 1000000000L;
	SHOW(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs, FUTEX_BITSET_MATCH_ANY));
	SHOW(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &zero, FUTEX_BITSET_MATCH_ANY));
	clock_gettime(CLOCK_REALTIME, &abs);
	SHOW(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &abs,
		   FUTEX_BITSET_MATCH_ANY));
	SHOW(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &zero, 0));
	/* the timespec is checked before the word */
	SHOW(futex(&word, FUTEX_WAIT, 1, &bad_ns, 0));
	SHOW(futex(&word, FUTEX_WAIT, 1, &neg, 0));
	SHOW(futex(&word, FUTEX_WAIT, 1, ABI_BADPTR, 0));
	SHOW(futex(&word, FUTEX_WAKE, 1, ABI_BADPTR, 0));
	return 0;
}
