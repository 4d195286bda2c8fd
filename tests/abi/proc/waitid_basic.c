/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* waitid fills si_signo/si_code/si_status/si_pid; WNOHANG zeroes si_pid; EINVAL args. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	siginfo_t si;
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p) != 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) < 0)
			_exit(1);
		_exit(42);
	}
	close(p[0]);
	memset(&si, 0x55, sizeof(si));
	SHOW(waitid(P_PID, pid, &si, WEXITED | WNOHANG));
	printf("WNOHANG: si_pid = %d, si_signo = %d\n", si.si_pid, si.si_signo);
	SHOW(waitid(P_PID, pid, &si, 0));
	SHOW(waitid(7, pid, &si, WEXITED));
	SHOW(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | 0x100, NULL));
	close(p[1]);
	memset(&si, 0, sizeof(si));
	SHOW(waitid(P_ALL, 0, &si, WEXITED));
	printf("si_signo = %s\n", abi_signame(si.si_signo));
	printf("si_code = %s\n", abi_sicode(SIGCHLD, si.si_code));
	printf("si_status = %d\n", si.si_status);
	FACT("si_pid is the child", si.si_pid == pid);
	SHOW(waitid(P_ALL, 0, &si, WEXITED));
	return 0;
}
