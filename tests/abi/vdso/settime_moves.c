/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* clock_settime and clock_adjtime(ADJ_SETOFFSET) move CLOCK_REALTIME as the vDSO reads it. */
/* abi: glibc */
/* abi: serial: steps the host's wall clock by one second and back */
#include <sys/timex.h>
#include <time.h>
#include "abi.h"
#include "vdso_sym.h"

typedef int (*gettime_fn)(clockid_t, struct timespec *);

static gettime_fn vdso;

static long long real_ns(void)
{
	struct timespec ts;

	vdso(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Step the wall clock by `sec` seconds relative to where it is. */
static int step(long sec)
{
	struct timex tx = {.modes = ADJ_SETOFFSET | ADJ_NANO};

	tx.time.tv_sec = sec;
	return syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx) < 0 ? -1 : 0;
}

int main(void)
{
	long long before, after, back;
	struct timespec ts;

	vdso = (gettime_fn)vdso_sym("__vdso_clock_gettime", "LINUX_2.6");
	CHECK(vdso != NULL);
	if (!vdso)
		return 1;
	before = real_ns();
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 1;
	SHOW(syscall(SYS_clock_settime, CLOCK_REALTIME, &ts));
	after = real_ns();
	SHOW(step(-1));
	back = real_ns();
	FACT("clock_settime +1 s: vDSO moved 1 s",
	     after - before >= 1000000000LL && after - before < 1500000000LL);
	FACT("ADJ_SETOFFSET -1 s: vDSO moved back",
	     back - before >= 0 && back - before < 500000000LL);
	SHOW(step(1));
	after = real_ns();
	SHOW(step(-1));
	FACT("ADJ_SETOFFSET +1 s: vDSO moved 1 s",
	     after - before >= 1000000000LL && after - before < 1500000000LL);
	return 0;
}
