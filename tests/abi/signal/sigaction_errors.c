/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rt_sigaction: EINVAL for SIGKILL/SIGSTOP, 0, 65, bad sigsetsize; EFAULT for pointers. */
#include "abi.h"

static void handler(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa;
	char kact[64];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	SHOW(sigaction(SIGKILL, &sa, NULL));
	SHOW(sigaction(SIGSTOP, &sa, NULL));
	sa.sa_handler = SIG_IGN;
	SHOW(sigaction(SIGKILL, &sa, NULL));
	sa.sa_handler = SIG_DFL;
	SHOW(sigaction(SIGSTOP, &sa, NULL));
	SHOW(syscall(SYS_rt_sigaction, 0, NULL, kact, 8));
	SHOW(syscall(SYS_rt_sigaction, 65, NULL, kact, 8));
	SHOW(syscall(SYS_rt_sigaction, 64, NULL, kact, 8));
	SHOW(syscall(SYS_rt_sigaction, SIGUSR1, NULL, kact, 4));
	SHOW(syscall(SYS_rt_sigaction, SIGUSR1, NULL, kact, 16));
	SHOW(syscall(SYS_rt_sigaction, SIGUSR1, ABI_BADPTR, NULL, 8));
	SHOW(syscall(SYS_rt_sigaction, SIGUSR1, NULL, ABI_BADPTR, 8));
	SHOW(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 8));
	return 0;
}
