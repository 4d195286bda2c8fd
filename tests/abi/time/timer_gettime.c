/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timer_gettime shows the time left and the interval; timer_settime returns the old setting and disarms with zero. */
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
	struct itimerspec its = {{2, 500}, {10, 0}}, cur, old;
	int id = -1;

	SHOW(syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id));
	SHOW(syscall(SYS_timer_gettime, id, &cur));
	FACT("new timer disarmed", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
	SHOW(syscall(SYS_timer_settime, id, 0, &its, &old));
	FACT("old setting zero", old.it_value.tv_sec == 0 && old.it_interval.tv_sec == 0);
	SHOW(syscall(SYS_timer_gettime, id, &cur));
	FACT("value between 9 and 10 s",
	     cur.it_value.tv_sec == 9 || (cur.it_value.tv_sec == 10 && cur.it_value.tv_nsec == 0));
	printf("interval %ld.%09ld\n", (long)cur.it_interval.tv_sec, cur.it_interval.tv_nsec);
	memset(&its, 0, sizeof(its));
	SHOW(syscall(SYS_timer_settime, id, 0, &its, &old));
	FACT("old value between 9 and 10 s",
	     old.it_value.tv_sec == 9 || (old.it_value.tv_sec == 10 && old.it_value.tv_nsec == 0));
	printf("old interval %ld.%09ld\n", (long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
	SHOW(syscall(SYS_timer_gettime, id, &cur));
	FACT("disarmed",
	     cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0 && cur.it_interval.tv_sec == 0);
	SHOW(syscall(SYS_timer_gettime, id, ABI_BADPTR));
	SHOW(syscall(SYS_timer_delete, id));
	return 0;
}
