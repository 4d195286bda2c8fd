/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setitimer/getitimer errors: bad which, tv_usec out of range, bad pointers; a NULL new value disarms. */
/* abi: glibc */
#include <sys/time.h>
#include "abi.h"

int main(void)
{
	struct itimerval it = {{0, 0}, {100, 0}}, cur;

	SHOW(syscall(SYS_setitimer, 3, &it, NULL));
	SHOW(syscall(SYS_setitimer, -1, &it, NULL));
	SHOW(syscall(SYS_getitimer, 3, &cur));
	SHOW(syscall(SYS_getitimer, ITIMER_REAL, ABI_BADPTR));
	SHOW(syscall(SYS_getitimer, 5, ABI_BADPTR));
	SHOW(syscall(SYS_setitimer, ITIMER_REAL, ABI_BADPTR, NULL));
	SHOW(syscall(SYS_setitimer, 7, ABI_BADPTR, NULL));
	it.it_value.tv_usec = 1000000;
	SHOW(syscall(SYS_setitimer, ITIMER_REAL, &it, NULL));
	it.it_value.tv_usec = -1;
	SHOW(syscall(SYS_setitimer, ITIMER_VIRTUAL, &it, NULL));
	it.it_value.tv_usec = 0;
	it.it_interval.tv_usec = 1000000;
	SHOW(syscall(SYS_setitimer, ITIMER_PROF, &it, NULL));
	it.it_interval.tv_usec = 0;
	it.it_value.tv_sec = -1;
	SHOW(syscall(SYS_setitimer, ITIMER_REAL, &it, NULL));
	/* the timer is set even when the old value cannot be stored */
	it.it_value.tv_sec = 100;
	SHOW(syscall(SYS_setitimer, ITIMER_REAL, &it, ABI_BADPTR));
	SHOW(getitimer(ITIMER_REAL, &cur));
	FACT("armed", cur.it_value.tv_sec > 90);
	SHOW(syscall(SYS_setitimer, ITIMER_REAL, NULL, &cur));
	FACT("old value returned", cur.it_value.tv_sec > 90);
	SHOW(getitimer(ITIMER_REAL, &cur));
	FACT("disarmed by NULL", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
	return 0;
}
