/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex_waitv: EINVAL for flags, counts, clocks and entries; EFAULT; EAGAIN; ETIMEDOUT. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <time.h>

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif

static long waitv(void *v, unsigned n, unsigned flags, void *ts, int clk)
{
	return syscall(SYS_futex_waitv, v, n, flags, ts, clk);
}

int main(void)
{
	static uint32_t w[2] = {1, 2};
	static struct futex_waitv v[2], many[128];
	struct timespec past = {0, 0}, bad = {0, 1000000000};

	v[0] = (struct futex_waitv){.val = 1, .uaddr = (uintptr_t)&w[0], .flags = FUTEX_32};
	v[1] = (struct futex_waitv){
		.val = 2, .uaddr = (uintptr_t)&w[1], .flags = FUTEX_32 | FUTEX_PRIVATE_FLAG};
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	SHOW(waitv(v, 2, 0, &past, CLOCK_REALTIME));
	SHOW(waitv(v, 2, 0, &past, CLOCK_BOOTTIME));
	SHOW(waitv(v, 2, 0, &bad, CLOCK_MONOTONIC));
	SHOW(waitv(v, 2, 0, ABI_BADPTR, CLOCK_MONOTONIC));
	SHOW(waitv(v, 2, 0, ABI_BADPTR, 99));
	SHOW(waitv(v, 2, 1, &past, CLOCK_MONOTONIC));
	SHOW(waitv(v, 0, 0, &past, CLOCK_MONOTONIC));
	SHOW(waitv(v, 129, 0, &past, CLOCK_MONOTONIC));
	SHOW(waitv(NULL, 2, 0, &past, CLOCK_MONOTONIC));
	SHOW(waitv(ABI_BADPTR, 2, 0, &past, CLOCK_MONOTONIC));
	/* the entries: size, unknown flags, reserved, a value wider than the word */
	v[1].flags = 3;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	v[1].flags = 0;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	v[1].flags = FUTEX_32 | 16;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	v[1].flags = FUTEX_32;
	v[1].__reserved = 1;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	v[1].__reserved = 0;
	v[1].val = 1ull << 32 | 2;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	/* a value that differs; a misaligned or unmapped word */
	v[1].val = 3;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	v[1].val = 2;
	v[1].uaddr++;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	v[1].uaddr = (uintptr_t)ABI_BADPTR;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	v[1].flags = FUTEX_32 | FUTEX_PRIVATE_FLAG;
	SHOW(waitv(v, 2, 0, &past, CLOCK_MONOTONIC));
	/* the most there may be: all queued, then the deadline */
	for (int i = 0; i < 128; i++)
		many[i] = (struct futex_waitv){.val = 1,
					       .uaddr = (uintptr_t)&w[0],
					       .flags = FUTEX_32 | FUTEX_PRIVATE_FLAG};
	SHOW(waitv(many, 128, 0, &past, CLOCK_MONOTONIC));
	return 0;
}
