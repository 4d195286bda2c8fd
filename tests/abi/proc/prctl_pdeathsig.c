/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* PR_SET_PDEATHSIG: a child gets its signal when its parent dies; not inherited by fork. */
/* abi: glibc */
#include "abi.h"

#include <sys/prctl.h>

int main(void)
{
	int fds[2], v = -1;
	pid_t mid, grand = 0;
	char c;

	SHOW(prctl(PR_SET_CHILD_SUBREAPER, 1));
	SHOW(prctl(PR_SET_PDEATHSIG, SIGUSR1));
	if (fork() == 0) {
		prctl(PR_GET_PDEATHSIG, &v);
		printf("forked child's pdeathsig: %d\n", v);
		_exit(0);
	}
	wait(NULL);
	SHOW(pipe(fds));
	mid = fork();
	if (mid == 0) {
		pid_t g = fork();

		if (g == 0) {
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			write(fds[1], "r", 1);
			for (;;)
				pause();
		}
		read(fds[0], &c, 1); /* the grandchild has set its signal */
		write(fds[1], &g, sizeof(g));
		_exit(0);
	}
	abi_wait_child("middle", mid);
	read(fds[0], &grand, sizeof(grand));
	abi_wait_child("grandchild", grand);
	close(fds[0]);
	close(fds[1]);
	return 0;
}
