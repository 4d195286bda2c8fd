/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* futex: WAIT_BITSET's absolute timeout on either clock; FUTEX_WAIT's relative one; realtime only with BITSET. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <stdint.h>
#include <time.h>

static uint32_t word;

static void wait_for(const char *name, int op, clockid_t clk, int absolute)
{
	struct timespec start, end, ts = {0, 80 * 1000000};
	long r, ms;

	clock_gettime(CLOCK_MONOTONIC, &start);
	if (absolute) {
		clock_gettime(clk, &ts);
		ts.tv_nsec += 80 * 1000000;
		ts.tv_sec += ts.tv_nsec / 1000000000;
		ts.tv_nsec %= 1000000000;
	}
	r = syscall(SYS_futex, &word, op, 0, &ts, NULL, FUTEX_BITSET_MATCH_ANY);
	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1000000;
	printf("%s: %ld %s\n", name, r, r < 0 ? abi_errname(errno) : "");
	FACT("  waited >= 80ms", ms >= 80);
}

int main(void)
{
	struct timespec past = {1, 0};

	wait_for("WAIT relative", FUTEX_WAIT_PRIVATE, CLOCK_MONOTONIC, 0);
	wait_for("WAIT_BITSET monotonic", FUTEX_WAIT_BITSET_PRIVATE, CLOCK_MONOTONIC, 1);
	wait_for("WAIT_BITSET realtime", FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME,
		 CLOCK_REALTIME, 1);
	/* an absolute time long past: at once */
	SHOW(syscall(SYS_futex, &word, FUTEX_WAIT_BITSET, 0, &past, NULL, 1));
	SHOW(syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &past, NULL,
		     1));
	/* the value is compared before the clock */
	SHOW(syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &past, NULL,
		     1));
	SHOW(syscall(SYS_futex, &word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 0, &past, NULL, 0));
	SHOW(syscall(SYS_futex, &word, FUTEX_WAKE_BITSET | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 1));
	return 0;
}
