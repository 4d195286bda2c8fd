/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* clone(CLONE_PARENT): the new process is the caller's sibling, waited for by the caller's parent. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>

int main(void)
{
	pid_t self = getpid(), mid, sib = 0;
	int fds[2], status;

	SHOW(pipe(fds));
	mid = fork();
	if (mid == 0) {
		long r = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);

		if (r == 0)
			_exit(getppid() == self ? 5 : 6);
		write(fds[1], &r, sizeof(pid_t));
		SHOW(waitpid((pid_t)r, NULL, 0)); /* not the caller's child */
		_exit(0);
	}
	read(fds[0], &sib, sizeof(sib));
	abi_wait_child("middle", mid);
	FACT("sibling is ours to wait for", waitpid(sib, &status, 0) == sib);
	printf("sibling status: exit %d (5: its parent is the test)\n", WEXITSTATUS(status));
	SHOW(syscall(SYS_clone, CLONE_PARENT | CLONE_THREAD, 0, 0, 0, 0));
	close(fds[0]);
	close(fds[1]);
	return 0;
}
