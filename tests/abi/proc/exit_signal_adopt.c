/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An orphan made by clone(SIGKILL) gets SIGCHLD as its exit signal when the subreaper adopts it. */
/* abi: glibc */
#include "abi.h"

#include <sys/prctl.h>

int main(void)
{
	int go[2], status;
	sigset_t chld;
	pid_t mid, got;
	char c;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pipe(go);
	mid = fork();
	if (mid == 0) {
		/* a child that would SIGKILL its parent when it exits */
		if (syscall(SYS_clone, SIGKILL, NULL, NULL, NULL, 0) == 0) {
			close(go[1]);
			read(go[0], &c, 1); /* until it is an orphan */
			_exit(4);
		}
		_exit(0);
	}
	abi_wait_child("middle", mid);
	sigtimedwait(&chld, NULL, &(struct timespec){0, 0}); /* the middle's SIGCHLD */
	close(go[1]);
	got = waitpid(-1, &status, 0); /* no __WALL: only SIGCHLD children are seen */
	printf("orphan reaped: %s, exit %d\n", got > 0 ? "yes" : "no", WEXITSTATUS(status));
	SHOW(sigtimedwait(&chld, NULL, &(struct timespec){0, 0}));
	printf("the subreaper survived\n");
	return 0;
}
