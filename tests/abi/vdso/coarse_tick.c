/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The coarse clocks step by the tick (vDSO and syscall): back-to-back reads repeat, never go back, never lead the precise clock; time(2) is their second. */
#include <time.h>
#include "abi.h"

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void reads(const char *name, clockid_t id, clockid_t precise, int sys)
{
	int distinct = 0, back = 0, ahead = 0;
	long long prev = -1, step = -1;

	for (int i = 0; i < 1000; i++) {
		struct timespec c, p;

		if (sys)
			syscall(SYS_clock_gettime, id, &c);
		else
			clock_gettime(id, &c);
		clock_gettime(precise, &p);
		ahead += ns(&c) > ns(&p);
		if (prev >= 0 && ns(&c) < prev)
			back++;
		if (ns(&c) != prev) {
			if (prev >= 0 && (step < 0 || ns(&c) - prev < step))
				step = ns(&c) - prev;
			distinct++;
		}
		prev = ns(&c);
	}
	printf("%s (%s): repeats %s, backwards %s, ahead of the precise clock %s, "
	       "steps of 0.5 ms or more %s\n",
	       name, sys ? "syscall" : "libc", distinct < 500 ? "yes" : "no", back ? "yes" : "no",
	       ahead ? "yes" : "no", step < 0 || step >= 500000 ? "yes" : "no");
}

int main(void)
{
	int bad = 0;

	for (int sys = 0; sys < 2; sys++) {
		reads("CLOCK_REALTIME_COARSE", CLOCK_REALTIME_COARSE, CLOCK_REALTIME, sys);
		reads("CLOCK_MONOTONIC_COARSE", CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC, sys);
	}
	for (int i = 0; i < 1000; i++) {
		struct timespec a, b;
		long t;

		syscall(SYS_clock_gettime, CLOCK_REALTIME_COARSE, &a);
		t = syscall(SYS_time, NULL);
		syscall(SYS_clock_gettime, CLOCK_REALTIME_COARSE, &b);
		bad += t < a.tv_sec || t > b.tv_sec;
	}
	FACT("time(2) is the coarse clock's second", !bad);
	return 0;
}
