/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Clocks the vDSO cannot read are the system call: CPU-time clocks work, bad ids and pointers give -errno. */
/* abi: glibc */
#include <time.h>
#include "abi.h"
#include "vdso_sym.h"

typedef int (*clock_fn)(clockid_t, struct timespec *);

static void show(const char *what, int r)
{
	printf("%s = %s\n", what, r >= 0 ? "0" : abi_errno_names[-r]);
}

int main(void)
{
	clock_fn gettime = (clock_fn)vdso_sym("__vdso_clock_gettime", "LINUX_2.6");
	clock_fn getres = (clock_fn)vdso_sym("__vdso_clock_getres", "LINUX_2.6");
	struct timespec ts;
	clockid_t pcpu;

	CHECK(gettime && getres);
	if (!gettime || !getres)
		return 1;
	/* the vDSO returns the raw system call result: 0 or -errno */
	show("gettime(CLOCK_PROCESS_CPUTIME_ID)", gettime(CLOCK_PROCESS_CPUTIME_ID, &ts));
	show("gettime(CLOCK_THREAD_CPUTIME_ID)", gettime(CLOCK_THREAD_CPUTIME_ID, &ts));
	clock_getcpuclockid(0, &pcpu);
	show("gettime(clock_getcpuclockid(0))", gettime(pcpu, &ts));
	show("gettime(12)", gettime(12, &ts));
	show("gettime(100)", gettime(100, &ts));
	show("gettime(-1)", gettime(-1, &ts));
	show("gettime(CLOCK_PROCESS_CPUTIME_ID, bad)",
	     gettime(CLOCK_PROCESS_CPUTIME_ID, ABI_BADPTR));
	show("getres(CLOCK_PROCESS_CPUTIME_ID)", getres(CLOCK_PROCESS_CPUTIME_ID, &ts));
	show("getres(100)", getres(100, &ts));
	show("getres(CLOCK_THREAD_CPUTIME_ID, bad)", getres(CLOCK_THREAD_CPUTIME_ID, ABI_BADPTR));
	return 0;
}
