/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGEV_NONE: the timer runs and timer_gettime shows it, but no signal comes; an expired one-shot reads 0. */
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
	struct ksigevent ev = {.signo = SIGUSR1, .notify = SIGEV_NONE};
	struct itimerspec its = {{0, 0}, {0, 50000000}}, cur;
	struct timespec nap = {0, 200000000}, zero = {0, 0};
	sigset_t set;
	int id = -1;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	SHOW(syscall(SYS_timer_gettime, id, &cur));
	FACT("running", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0);
	nanosleep(&nap, NULL);
	SHOW(syscall(SYS_timer_gettime, id, &cur));
	FACT("expired: reads zero", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
	SHOW(sigtimedwait(&set, NULL, &zero));
	SHOW(syscall(SYS_timer_getoverrun, id));
	SHOW(syscall(SYS_timer_delete, id));
	return 0;
}
