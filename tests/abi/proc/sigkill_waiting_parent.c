/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A parent in wait4 with 8 children is SIGKILLed by one of them: it dies, its children go to the subreaper. */
/* abi: glibc */
#include "abi.h"

#include <sys/prctl.h>

int main(void)
{
	int go[2], status, reaped = 0, exited = 0;
	pid_t parent, got;
	char c;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	pipe(go);
	parent = fork();
	if (parent == 0) {
		for (int i = 0; i < 8; i++) {
			if (fork() == 0) {
				close(go[1]);
				if (i == 7)
					kill(getppid(), SIGKILL);
				read(go[0], &c, 1); /* until the parent is gone */
				_exit(i);
			}
		}
		for (;;)
			wait(NULL);
	}
	abi_wait_child("parent", parent);
	close(go[1]); /* the children see EOF now */
	while ((got = waitpid(-1, &status, 0)) > 0) {
		reaped++;
		exited += WIFEXITED(status);
	}
	printf("reaped %d children, %d exited\n", reaped, exited);
	SHOW(waitpid(-1, &status, WNOHANG));
	return 0;
}
