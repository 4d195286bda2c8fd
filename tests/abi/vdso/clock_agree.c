/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The vDSO's clock_gettime reads every clock it serves between two clock_gettime system calls. */
/* abi: glibc */
#include <time.h>
#include "abi.h"
#include "vdso_sym.h"

typedef int (*gettime_fn)(clockid_t, struct timespec *);

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static const struct {
	clockid_t id;
	const char *name;
} clocks[] = {
	{CLOCK_REALTIME, "CLOCK_REALTIME"},
	{CLOCK_MONOTONIC, "CLOCK_MONOTONIC"},
	{CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW"},
	{CLOCK_REALTIME_COARSE, "CLOCK_REALTIME_COARSE"},
	{CLOCK_MONOTONIC_COARSE, "CLOCK_MONOTONIC_COARSE"},
	{CLOCK_BOOTTIME, "CLOCK_BOOTTIME"},
	{CLOCK_TAI, "CLOCK_TAI"},
};

int main(void)
{
	gettime_fn vdso = (gettime_fn)vdso_sym("__vdso_clock_gettime", "LINUX_2.6");

	CHECK(vdso != NULL);
	if (!vdso)
		return 1;
	for (unsigned i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		int bad = 0, rets = 0;

		for (int n = 0; n < 1000; n++) {
			struct timespec a, b, c;

			syscall(SYS_clock_gettime, clocks[i].id, &a);
			rets |= vdso(clocks[i].id, &b);
			syscall(SYS_clock_gettime, clocks[i].id, &c);
			bad += ns(&a) > ns(&b) || ns(&b) > ns(&c) || b.tv_nsec >= 1000000000L;
		}
		printf("%s: returns %d, between the syscalls: %s\n", clocks[i].name, rets,
		       bad ? "no" : "yes");
	}
	return 0;
}
