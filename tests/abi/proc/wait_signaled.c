/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A child killed by a signal: WIFSIGNALED/WTERMSIG from wait4, CLD_KILLED from waitid. */
#include "abi.h"

static pid_t spawn_paused(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

int main(void)
{
	siginfo_t si;
	int status;
	pid_t pid;

	pid = spawn_paused();
	SHOW(kill(pid, SIGKILL));
	FACT("wait4 got it", wait4(pid, &status, 0, NULL) == pid);
	printf("WIFSIGNALED = %d, WTERMSIG = %s, WIFEXITED = %d\n", WIFSIGNALED(status),
	       abi_signame(WTERMSIG(status)), WIFEXITED(status));
	pid = spawn_paused();
	SHOW(kill(pid, SIGTERM));
	memset(&si, 0, sizeof(si));
	SHOW(waitid(P_PID, pid, &si, WEXITED));
	printf("si_code = %s, si_status = %s\n", abi_sicode(SIGCHLD, si.si_code),
	       abi_signame(si.si_status));
	pid = spawn_paused();
	SHOW(kill(pid, SIGUSR1));
	abi_wait_child("SIGUSR1 child", pid);
	return 0;
}
