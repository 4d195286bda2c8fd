/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* waitid WNOWAIT reports a zombie without reaping it, so a second wait still finds it. */
#include "abi.h"

int main(void)
{
	siginfo_t si;
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(17);
	memset(&si, 0, sizeof(si));
	SHOW(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	printf("first: %s status %d\n", abi_sicode(SIGCHLD, si.si_code), si.si_status);
	memset(&si, 0, sizeof(si));
	SHOW(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	printf("second: %s status %d\n", abi_sicode(SIGCHLD, si.si_code), si.si_status);
	FACT("wait4 reaps it", wait4(pid, &status, 0, NULL) == pid);
	printf("WEXITSTATUS = %d\n", WEXITSTATUS(status));
	SHOW(waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
	return 0;
}
