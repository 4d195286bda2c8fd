/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* wait4 errors: ECHILD, 0 with WNOHANG, EINVAL options, EFAULT status (child reaped). */
#include "abi.h"

int main(void)
{
	int status, p[2];
	pid_t pid;
	char c;

	SHOW(wait4(-1, &status, 0, NULL));
	SHOW(wait4(-1, &status, WNOHANG, NULL));
	SHOW(wait4(getppid(), &status, 0, NULL));
	if (pipe(p) != 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) < 0)
			_exit(2);
		_exit(9);
	}
	close(p[0]);
	SHOW(wait4(pid, &status, WNOHANG, NULL));
	SHOW(wait4(pid, &status, 0x100, NULL));
	SHOW(wait4(pid, &status, WEXITED, NULL));
	SHOW(wait4(pid, &status, -1, NULL));
	close(p[1]);
	SHOW(wait4(pid, ABI_BADPTR, 0, NULL));
	SHOW(wait4(pid, &status, 0, NULL));
	return 0;
}
