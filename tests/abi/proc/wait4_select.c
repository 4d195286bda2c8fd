/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* wait4 selects children by pid, by own process group (0), by group (-pgid) or any (-1). */
#include "abi.h"

static pid_t spawn(int code, int own_group)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		_exit(code);
	}
	if (own_group)
		setpgid(pid, pid);
	return pid;
}

int main(void)
{
	pid_t a, b, c, w;
	int status;

	a = spawn(1, 0);
	b = spawn(2, 1);
	c = spawn(3, 0);
	w = wait4(-b, &status, 0, NULL);
	printf("wait4(-pgid of b): got b: %s, status %d\n", w == b ? "yes" : "no",
	       WEXITSTATUS(status));
	w = wait4(c, &status, 0, NULL);
	printf("wait4(c): got c: %s, status %d\n", w == c ? "yes" : "no", WEXITSTATUS(status));
	w = wait4(0, &status, 0, NULL);
	printf("wait4(0): got a: %s, status %d\n", w == a ? "yes" : "no", WEXITSTATUS(status));
	SHOW(wait4(0, &status, 0, NULL));
	b = spawn(4, 1);
	SHOW(wait4(0, &status, 0, NULL));
	w = wait4(-1, &status, 0, NULL);
	printf("wait4(-1): got b: %s, status %d\n", w == b ? "yes" : "no", WEXITSTATUS(status));
	return 0;
}
