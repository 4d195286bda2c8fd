/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* PR_SET_CHILD_SUBREAPER: an orphaned grandchild is reparented to the subreaper, which reaps it. */
/* abi: glibc */
#include "abi.h"

#include <sys/prctl.h>

int main(void)
{
	int fds[2], go[2], status = 0;
	pid_t self = getpid(), mid, grand = 0, got;
	char c;

	SHOW(prctl(PR_SET_CHILD_SUBREAPER, 1));
	SHOW(pipe(fds));
	SHOW(pipe(go));
	mid = fork();
	if (mid == 0) {
		pid_t g = fork();

		if (g == 0) {
			read(go[0], &c, 1); /* until the middle process is gone */
			_exit(getppid() == self ? 7 : 8);
		}
		write(fds[1], &g, sizeof(g));
		_exit(3);
	}
	read(fds[0], &grand, sizeof(grand));
	abi_wait_child("middle", mid);
	write(go[1], "x", 1);
	close(go[0]);
	close(go[1]);
	close(fds[1]);
	got = waitpid(-1, &status, 0);
	FACT("reaped the grandchild", got == grand);
	printf("status: exit %d (7: its parent was the subreaper)\n", WEXITSTATUS(status));
	SHOW(waitpid(-1, &status, WNOHANG));
	close(fds[0]);
	return 0;
}
