/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timer_create SIGEV_SIGNAL: expiry queues the signal with SI_TIMER, the sigev_value and the timer's id. */
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
	struct ksigevent ev = {.value.sival_int = 42, .signo = SIGUSR1, .notify = SIGEV_SIGNAL};
	struct itimerspec its = {{0, 0}, {0, 50000000}};
	struct timespec wait = {5, 0};
	siginfo_t si;
	sigset_t set;
	int id = -1;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	SHOW(sigtimedwait(&set, &si, &wait));
	printf("si_code=%s si_value=%d same timer id: %s si_overrun=%d\n",
	       abi_sicode(si.si_signo, si.si_code), si.si_value.sival_int,
	       si.si_timerid == id ? "yes" : "no", si.si_overrun);
	SHOW(syscall(SYS_timer_getoverrun, id));
	SHOW(syscall(SYS_timer_gettime, id, &its));
	FACT("one-shot: disarmed", its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0);
	SHOW(syscall(SYS_timer_delete, id));
	SHOW(syscall(SYS_timer_delete, id));
	return 0;
}
