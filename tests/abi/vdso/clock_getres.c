/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The vDSO's clock_getres answers as the system call does, a NULL result pointer included. */
/* abi: glibc */
#include <time.h>
#include "abi.h"
#include "vdso_sym.h"

typedef int (*clock_fn)(clockid_t, struct timespec *);

int main(void)
{
	clock_fn getres = (clock_fn)vdso_sym("__vdso_clock_getres", "LINUX_2.6");
	static const clockid_t ids[] = {CLOCK_REALTIME,
					CLOCK_MONOTONIC,
					CLOCK_MONOTONIC_RAW,
					CLOCK_REALTIME_COARSE,
					CLOCK_MONOTONIC_COARSE,
					CLOCK_BOOTTIME,
					CLOCK_TAI};

	CHECK(getres != NULL);
	if (!getres)
		return 1;
	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct timespec v = {-1, -1}, s = {-2, -2};
		int r = getres(ids[i], &v);

		syscall(SYS_clock_getres, ids[i], &s);
		printf("clock %d: returns %d, res %lld.%09ld, as the syscall: %s, NULL: %d\n",
		       (int)ids[i], r, (long long)v.tv_sec, v.tv_nsec,
		       v.tv_sec == s.tv_sec && v.tv_nsec == s.tv_nsec ? "yes" : "no",
		       getres(ids[i], NULL));
	}
	return 0;
}
