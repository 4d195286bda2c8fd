/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Real-time signals queue every instance in order; standard signals merge into one. */
/* abi: glibc */
#include <time.h>
#include "abi.h"

int main(void)
{
	struct timespec zero = {0, 0};
	union sigval v;
	sigset_t set;
	siginfo_t si;
	int r;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigaddset(&set, SIGRTMIN + 2);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 1; i <= 3; i++) {
		v.sival_int = i;
		sigqueue(getpid(), SIGRTMIN + 2, v);
		v.sival_int = 10 * i;
		sigqueue(getpid(), SIGRTMIN, v);
		sigqueue(getpid(), SIGUSR1, v);
	}
	kill(getpid(), SIGRTMIN);
	while ((r = sigtimedwait(&set, &si, &zero)) > 0) {
		if (r == SIGUSR1)
			printf("SIGUSR1 value %d\n", si.si_value.sival_int);
		else
			printf("SIGRTMIN+%d %s value %d\n", r - SIGRTMIN,
			       abi_sicode(si.si_signo, si.si_code),
			       si.si_code == SI_QUEUE ? si.si_value.sival_int : 0);
	}
	printf("then: %s\n", abi_errname(errno));
	return 0;
}
