/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork: 0 in the child, the child's pid in the parent; the exit status reaches wait4. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	pid_t parent = getpid();
	int status = 0;
	pid_t pid, w;

	pid = fork();
	if (pid == 0) {
		printf("child: getppid() == parent: %s\n", getppid() == parent ? "yes" : "no");
		printf("child: getpid() != parent: %s\n", getpid() != parent ? "yes" : "no");
		_exit(7);
	}
	w = wait4(pid, &status, 0, NULL);
	CHECK(pid > 0);
	CHECK(w == pid);
	CHECK(WIFEXITED(status));
	printf("WEXITSTATUS(status) = %d\n", WEXITSTATUS(status));
	SHOW(wait4(-1, &status, 0, NULL));
	return 0;
}
