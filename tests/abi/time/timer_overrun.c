/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A periodic timer whose signal stays pending counts overruns: si_overrun and timer_getoverrun report them. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"

struct ksigevent {
	union sigval value;
	int signo, notify, tid, pad[11];
};

int main(void)
{
	struct ksigevent ev = {.signo = SIGRTMIN, .notify = SIGEV_SIGNAL};
	struct itimerspec its = {{0, 10000000}, {0, 10000000}};
	struct timespec nap = {0, 300000000}, zero = {0, 0};
	siginfo_t si;
	sigset_t set;
	int id = -1;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	SHOW(syscall(SYS_timer_getoverrun, id));
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	nanosleep(&nap, NULL);
	FACT("signal pending", sigtimedwait(&set, &si, &zero) == SIGRTMIN);
	FACT("si_overrun > 5", si.si_overrun > 5);
	FACT("timer_getoverrun == si_overrun", syscall(SYS_timer_getoverrun, id) == si.si_overrun);
	SHOW(syscall(SYS_timer_delete, id));
	return 0;
}
