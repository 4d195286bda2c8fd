/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* adjtimex/clock_adjtime: anyone reads the clock state; changing it needs CAP_SYS_TIME (EPERM before EINVAL). */
/* abi: glibc */
#include "abi.h"

#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>

static struct timex t;

static long adj(unsigned modes)
{
	memset(&t, 0, sizeof(t));
	t.modes = modes;
	return syscall(SYS_adjtimex, &t);
}

static void common(void)
{
	struct timeval now;

	CHECK(adj(0) >= 0);
	gettimeofday(&now, NULL);
	printf("precision %ld tolerance %ld tick %ld\n", t.precision, t.tolerance, t.tick);
	FACT("time is now", t.time.tv_sec >= now.tv_sec - 2 && t.time.tv_sec <= now.tv_sec);
	CHECK(adj(ADJ_OFFSET_SS_READ) >= 0);
	SHOW(adj(0x8000)); /* ADJ_ADJTIME without ADJ_OFFSET */
	SHOW(syscall(SYS_adjtimex, ABI_BADPTR));
	SHOW(syscall(SYS_clock_adjtime, CLOCK_MONOTONIC, &t));
	SHOW(syscall(SYS_clock_adjtime, CLOCK_TAI, &t));
	SHOW(syscall(SYS_clock_adjtime, 99, &t));
	SHOW(syscall(SYS_clock_adjtime, -1, &t));
	t.modes = 0;
	CHECK(syscall(SYS_clock_adjtime, CLOCK_REALTIME, &t) >= 0);
}

static int child(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	common();
	SHOW(adj(ADJ_STATUS));
	SHOW(adj(ADJ_MAXERROR));
	SHOW(adj(ADJ_TICK)); /* tick 0: EPERM before EINVAL */
	SHOW(adj(ADJ_OFFSET_SINGLESHOT));
	SHOW(adj(ADJ_SETOFFSET));
	t.modes = ADJ_STATUS;
	SHOW(syscall(SYS_clock_adjtime, CLOCK_REALTIME, &t));
	return 0;
}

int main(void)
{
	common();
	/* root: only invalid changes, which change nothing */
	SHOW(adj(ADJ_TICK));
	memset(&t, 0, sizeof(t));
	t.modes = ADJ_SETOFFSET;
	t.time.tv_usec = 1000000;
	SHOW(syscall(SYS_adjtimex, &t));
	t.time.tv_usec = -1;
	SHOW(syscall(SYS_adjtimex, &t));
	memset(&t, 0, sizeof(t));
	t.modes = ADJ_FREQUENCY;
	t.freq = 1LL << 60;
	SHOW(syscall(SYS_adjtimex, &t));
	abi_run_child("uid 1000", child, NULL);
	return 0;
}
