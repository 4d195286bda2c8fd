/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A blocked flock ends with EINTR when a handler (without SA_RESTART) runs. */
/* abi: glibc */
#include "abi.h"

#include <sys/file.h>

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	int a = open("f", O_RDWR | O_CREAT, 0644);
	struct sigaction sa = {.sa_handler = on_usr1};
	pid_t pid;

	SHOW(sigaction(SIGUSR1, &sa, NULL));
	SHOW(flock(a, LOCK_EX));
	pid = fork();
	if (pid == 0) {
		int b = open("f", O_RDONLY);
		int r = flock(b, LOCK_EX); /* a signal before it blocks is harmless */

		while (r == -1 && errno == EINTR && hits == 0)
			r = flock(b, LOCK_EX);
		printf("child: flock = %d %s\n", r, r ? abi_errname(errno) : "");
		_exit(0);
	}
	/* keep signalling until the child's flock gives up */
	while (waitpid(pid, NULL, WNOHANG) == 0) {
		kill(pid, SIGUSR1);
		usleep(50000);
	}
	SHOW(flock(a, LOCK_UN));
	close(a);
	unlink("f");
	return 0;
}
