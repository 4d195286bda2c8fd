/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGSTOP/SIGCONT: wait sees stop and continue; a fatal signal to a stopped task waits. */
#include "abi.h"

int main(void)
{
	siginfo_t si;
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	SHOW(kill(pid, SIGSTOP));
	FACT("wait4 WUNTRACED", wait4(pid, &status, WUNTRACED, NULL) == pid);
	printf("WIFSTOPPED=%d WSTOPSIG=%s\n", WIFSTOPPED(status), abi_signame(WSTOPSIG(status)));
	SHOW(wait4(pid, &status, WUNTRACED | WNOHANG, NULL));
	SHOW(kill(pid, SIGCONT));
	memset(&si, 0, sizeof(si));
	SHOW(waitid(P_PID, pid, &si, WCONTINUED));
	printf("si_code=%s si_status=%s\n", abi_sicode(SIGCHLD, si.si_code),
	       abi_signame(si.si_status));
	SHOW(kill(pid, SIGSTOP));
	memset(&si, 0, sizeof(si));
	SHOW(waitid(P_PID, pid, &si, WSTOPPED));
	printf("si_code=%s si_status=%s\n", abi_sicode(SIGCHLD, si.si_code),
	       abi_signame(si.si_status));
	SHOW(kill(pid, SIGTERM)); /* stays pending while the child is stopped */
	SHOW(wait4(pid, &status, WNOHANG, NULL));
	SHOW(kill(pid, SIGCONT));
	abi_wait_child("child", pid);
	return 0;
}
