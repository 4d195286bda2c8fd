/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* alarm(1) sends SIGALRM (si_code SI_KERNEL) about a second later and ends pause() with EINTR. */
/* abi: glibc */
#include <time.h>
#include "abi.h"

static volatile int fired;
static volatile int code;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fired++;
	code = si->si_code;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct sigaction sa;
	double start, took;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGALRM, &sa, NULL);
	start = now();
	SHOW(alarm(1));
	SHOW(pause());
	took = now() - start;
	printf("handler ran %d time(s), si_code=%s\n", fired, abi_sicode(SIGALRM, code));
	FACT("took at least 0.9 s", took >= 0.9);
	FACT("took less than 5 s", took < 5);
	SHOW(alarm(0));
	return 0;
}
