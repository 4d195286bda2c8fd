/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A vfork parent waiting for its child is ended by SIGKILL while the child still runs; other signals wait. */
/* abi: glibc */
#include "abi.h"

#include <sys/prctl.h>

static void on_usr1(int sig)
{
	(void)sig;
	_exit(3); /* would mean SIGUSR1 ended the vfork wait */
}

int main(void)
{
	int go[2], status;
	pid_t parent, child;
	char c;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	pipe(go);
	parent = fork();
	if (parent == 0) {
		signal(SIGUSR1, on_usr1);
		child = vfork();
		if (child == 0) {
			pid_t pp = getppid();

			close(go[1]);
			kill(pp, SIGUSR1); /* a handled signal waits for the vfork's end */
			kill(pp, SIGKILL);
			read(go[0], &c, 1); /* until the parent was reaped */
			_exit(5);
		}
		_exit(0);
	}
	abi_wait_child("vfork parent", parent);
	close(go[1]);
	child = waitpid(-1, &status, 0);
	printf("child adopted and reaped: %s, exit %d\n", child > 0 ? "yes" : "no",
	       WEXITSTATUS(status));
	return 0;
}
