/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rt_sigqueueinfo/rt_tgsigqueueinfo: only si_code < 0 (not SI_TKILL) may go to another process; errors. */
/* abi: glibc */
#include "abi.h"

static long queue(pid_t pid, int sig, int code)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_code = code;
	return syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
}

int main(void)
{
	sigset_t set;
	siginfo_t si;
	pid_t child;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	SHOW(queue(child, SIGUSR1, SI_USER));
	SHOW(queue(child, SIGUSR1, SI_KERNEL));
	SHOW(queue(child, SIGUSR1, SI_TKILL));
	SHOW(queue(child, 0, SI_QUEUE));
	SHOW(queue(child, 0, SI_USER));
	SHOW(queue(getpid(), SIGUSR1, SI_USER));
	SHOW(sigwaitinfo(&set, &si));
	printf("si_code=%s\n", abi_sicode(si.si_signo, si.si_code));
	SHOW(queue(getpid(), SIGUSR1, SI_KERNEL));
	SHOW(sigwaitinfo(&set, &si));
	printf("si_code=%s\n", abi_sicode(si.si_signo, si.si_code));
	SHOW(queue(getpid(), 65, SI_QUEUE));
	SHOW(queue(getpid(), -1, SI_QUEUE));
	SHOW(queue(0x3fffffff, SIGUSR1, SI_QUEUE));
	SHOW(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, ABI_BADPTR));
	SHOW(syscall(SYS_rt_tgsigqueueinfo, 0, getpid(), SIGUSR1, &si));
	SHOW(syscall(SYS_rt_tgsigqueueinfo, getpid(), 0, SIGUSR1, &si));
	SHOW(syscall(SYS_rt_tgsigqueueinfo, child, child, SIGUSR1, ABI_BADPTR));
	SHOW(syscall(SYS_rt_tgsigqueueinfo, getpid(), child, 0, &si));
	si.si_code = SI_QUEUE;
	SHOW(syscall(SYS_rt_tgsigqueueinfo, getpid(), getpid(), SIGUSR1, &si));
	SHOW(sigwaitinfo(&set, &si));
	SHOW(queue(child, SIGKILL, SI_QUEUE));
	abi_wait_child("child", child);
	return 0;
}
