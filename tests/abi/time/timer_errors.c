/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* POSIX timer errors: bad clock, signal, notify and thread id; bad timer ids; bad times; bad pointers. */
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
	struct itimerspec its = {{0, 0}, {100, 0}};
	int id = -1, id2 = -1;

	SHOW(syscall(SYS_timer_create, 99, &ev, &id));
	SHOW(syscall(SYS_timer_create, -1, &ev, &id));
	for (int clk = CLOCK_MONOTONIC_RAW; clk <= 12; clk++) {
		if (clk != CLOCK_TAI && syscall(SYS_timer_create, clk, &ev, &id) == 0)
			printf("clock %d: created\n", clk);
		else if (clk != CLOCK_TAI)
			printf("clock %d: %s\n", clk, abi_errname(errno));
	}
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, ABI_BADPTR, &id));
	SHOW(syscall(SYS_timer_create, 99, ABI_BADPTR, &id));
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, ABI_BADPTR));
	ev.signo = 0;
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	ev.signo = 65;
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	ev.signo = SIGUSR1;
	ev.notify = 7;
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	ev.notify = 4; /* SIGEV_THREAD_ID */
	ev.tid = getppid();
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	ev.tid = getpid();
	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id2));
	ev.notify = SIGEV_NONE;
	ev.signo = 0;
	SHOW(syscall(SYS_timer_create, CLOCK_PROCESS_CPUTIME_ID, &ev, &id));
	SHOW(syscall(SYS_timer_settime, id, 0, NULL, NULL));
	SHOW(syscall(SYS_timer_settime, id, 0, ABI_BADPTR, NULL));
	SHOW(syscall(SYS_timer_settime, 12345, 0, &its, NULL));
	SHOW(syscall(SYS_timer_settime, -1, 0, &its, NULL));
	its.it_value.tv_nsec = 1000000000;
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	its.it_value.tv_nsec = 0;
	its.it_interval.tv_sec = -1;
	SHOW(syscall(SYS_timer_settime, id, 0, &its, NULL));
	SHOW(syscall(SYS_timer_gettime, 12345, &its));
	SHOW(syscall(SYS_timer_getoverrun, 12345));
	SHOW(syscall(SYS_timer_delete, 12345));
	SHOW(syscall(SYS_timer_delete, id));
	SHOW(syscall(SYS_timer_delete, id2));
	SHOW(syscall(SYS_timer_gettime, id, &its));
	return 0;
}
