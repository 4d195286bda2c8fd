/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Writing to a pipe without readers: EPIPE, with a SIGPIPE handler run or SIGPIPE ignored. */
#include "abi.h"

static siginfo_t got;
static volatile int hits;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got = *si;
	hits++;
}

int main(void)
{
	struct sigaction sa;
	int p[2];

	SHOW(pipe(p));
	SHOW(close(p[0]));
	signal(SIGPIPE, SIG_IGN);
	SHOW(write(p[1], "x", 1));
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGPIPE, &sa, NULL);
	SHOW(write(p[1], "x", 1));
	printf("handler hits %d, si_signo %s, si_code %s\n", hits, abi_signame(got.si_signo),
	       abi_sicode(got.si_signo, got.si_code));
	SHOW(write(p[1], "", 0));
	printf("handler hits %d\n", hits);
	return 0;
}
