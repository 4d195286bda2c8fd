/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGKILL ends a process waiting, all signals blocked: wait4, waitid, pause, nanosleep, clock_nanosleep, futex, sigsuspend, sigtimedwait. */
/* abi: glibc */
#include "abi.h"

#include <linux/futex.h>
#include <sys/prctl.h>
#include <time.h>

static void sleep_in(int kind)
{
	static int word;
	struct timespec long_time = {1000, 0};
	siginfo_t si;
	sigset_t all;

	sigfillset(&all);
	if (kind < 2 && fork() == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL); /* no straggler */
		pause();
		_exit(0);
	}
	if (kind == 0)
		wait(NULL);
	else if (kind == 1)
		waitid(P_ALL, 0, &si, WEXITED);
	else if (kind == 2)
		pause();
	else if (kind == 3)
		nanosleep(&long_time, NULL);
	else if (kind == 4)
		clock_nanosleep(CLOCK_MONOTONIC, 0, &long_time, NULL);
	else if (kind == 5)
		syscall(SYS_futex, &word, FUTEX_WAIT, 0, NULL, NULL, 0);
	else if (kind == 6)
		sigsuspend(&all);
	else if (kind == 7)
		sigtimedwait(&all, NULL, NULL);
}

int main(void)
{
	static const char *const names[] = {"wait4",	  "waitid",	     "pause",
					    "nanosleep",  "clock_nanosleep", "futex wait",
					    "sigsuspend", "sigtimedwait"};
	sigset_t all;

	for (int k = 0; k < 8; k++) {
		pid_t pid = fork();

		if (pid == 0) {
			sigfillset(&all);
			sigprocmask(SIG_BLOCK, &all, NULL);
			sleep_in(k);
			_exit(1);
		}
		usleep(30000); /* asleep by now (if not, SIGKILL still wins) */
		kill(pid, SIGKILL);
		abi_wait_child(names[k], pid);
	}
	return 0;
}
