/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rt_sigtimedwait errors: sigsetsize, bad set, bad timeout values and pointers, unwritable siginfo. */
/* abi: glibc */
#include <time.h>
#include "abi.h"

int main(void)
{
	struct timespec zero = {0, 0}, bad = {0, 1000000000}, neg = {-1, 0};
	sigset_t set, pending;
	siginfo_t si;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	SHOW(syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 4));
	SHOW(syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 16));
	SHOW(syscall(SYS_rt_sigtimedwait, ABI_BADPTR, &si, &zero, 8));
	SHOW(syscall(SYS_rt_sigtimedwait, &set, &si, &bad, 8));
	SHOW(syscall(SYS_rt_sigtimedwait, &set, &si, &neg, 8));
	SHOW(syscall(SYS_rt_sigtimedwait, &set, &si, ABI_BADPTR, 8));
	raise(SIGUSR1);
	SHOW(syscall(SYS_rt_sigtimedwait, &set, ABI_BADPTR, &zero, 8));
	sigpending(&pending);
	FACT("signal consumed anyway", !sigismember(&pending, SIGUSR1));
	/* SIGKILL and SIGSTOP in the set are ignored, not an error */
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	SHOW(syscall(SYS_rt_sigtimedwait, &set, &si, &zero, 8));
	return 0;
}
