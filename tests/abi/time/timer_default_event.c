/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timer_create with a NULL sigevent: SIGALRM with the timer id as si_value. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"

int main(void)
{
	struct itimerspec its = {{0, 0}, {0, 20000000}};
	struct timespec wait = {5, 0};
	int id1 = -1, id2 = -1;
	siginfo_t si;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(syscall(SYS_timer_create, CLOCK_REALTIME, NULL, &id1));
	SHOW(syscall(SYS_timer_create, CLOCK_REALTIME, NULL, &id2));
	FACT("ids differ", id1 != id2);
	SHOW(syscall(SYS_timer_settime, id2, 0, &its, NULL));
	SHOW(sigtimedwait(&set, &si, &wait));
	printf("si_code=%s\n", abi_sicode(si.si_signo, si.si_code));
	FACT("si_value is the timer id", si.si_value.sival_int == id2);
	FACT("si_timerid is the timer id", si.si_timerid == id2);
	SHOW(syscall(SYS_timer_delete, id1));
	SHOW(syscall(SYS_timer_delete, id2));
	return 0;
}
