/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A timer's pending signal is dropped when the timer is set again or deleted; other instances stay. */
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
	struct ksigevent ev = {.signo = SIGUSR1, .notify = SIGEV_SIGNAL};
	struct itimerspec its = {{0, 0}, {0, 10000000}}, off = {{0, 0}, {0, 0}};
	struct timespec nap = {0, 100000000}, zero = {0, 0};
	siginfo_t si;
	sigset_t set;
	int id = -1;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	nanosleep(&nap, NULL);
	SHOW(syscall(SYS_timer_settime, id, 0, &off, NULL));
	printf("after settime: ");
	SHOW(sigtimedwait(&set, &si, &zero));
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	nanosleep(&nap, NULL);
	SHOW(syscall(SYS_timer_delete, id));
	printf("after delete: ");
	SHOW(sigtimedwait(&set, &si, &zero));
	/* a kill()ed instance is not the timer's: it stays */
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	kill(getpid(), SIGUSR1);
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	nanosleep(&nap, NULL);
	SHOW(syscall(SYS_timer_delete, id));
	printf("kill()ed instance: ");
	SHOW(sigtimedwait(&set, &si, &zero));
	printf("si_code=%s\n", abi_sicode(si.si_signo, si.si_code));
	SHOW(sigtimedwait(&set, &si, &zero));
	return 0;
}
