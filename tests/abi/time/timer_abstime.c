/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* timer_settime TIMER_ABSTIME: an absolute expiry on the timer's clock; one in the past fires at once. */
/* abi: glibc */
#include <sys/time.h>
#include <time.h>
#include "abi.h"

struct ksigevent {
	union sigval value;
	int signo, notify, tid, pad[11];
};

static void try_clock(const char *name, clockid_t clk, long ahead_ms)
{
	struct ksigevent ev = {.signo = SIGUSR2, .notify = SIGEV_SIGNAL};
	struct itimerspec its = {{0, 0}, {0, 0}};
	struct timespec wait = {5, 0};
	siginfo_t si;
	sigset_t set;
	int id = -1;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	syscall(SYS_timer_create, clk, &ev, &id);
	clock_gettime(clk, &its.it_value);
	its.it_value.tv_nsec += ahead_ms * 1000000;
	while (its.it_value.tv_nsec >= 1000000000) {
		its.it_value.tv_nsec -= 1000000000;
		its.it_value.tv_sec++;
	}
	if (ahead_ms < 0) /* 1 ns after the clock's zero: past even right after boot */
		its.it_value = (struct timespec){0, 1};
	printf("%s, %s: ", name, ahead_ms < 0 ? "past" : "future");
	SHOW(syscall(SYS_timer_settime, id, TIMER_ABSTIME, &its, NULL));
	SHOW(sigtimedwait(&set, &si, &wait));
	syscall(SYS_timer_delete, id);
}

int main(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	try_clock("CLOCK_REALTIME", CLOCK_REALTIME, 100);
	try_clock("CLOCK_REALTIME", CLOCK_REALTIME, -1);
	try_clock("CLOCK_MONOTONIC", CLOCK_MONOTONIC, 100);
	try_clock("CLOCK_BOOTTIME", CLOCK_BOOTTIME, -1);
	return 0;
}
