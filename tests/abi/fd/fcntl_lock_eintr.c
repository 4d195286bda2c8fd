/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A blocked F_SETLKW ends with EINTR when a handler (without SA_RESTART) runs. */
/* abi: glibc */
#include "abi.h"

static volatile sig_atomic_t hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	struct flock wr = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	struct sigaction sa = {.sa_handler = on_usr1};
	pid_t pid;

	SHOW(sigaction(SIGUSR1, &sa, NULL));
	SHOW(fcntl(fd, F_SETLK, &wr));
	pid = fork();
	if (pid == 0) {
		int r = fcntl(fd, F_SETLKW, &wr); /* a signal before it blocks is harmless */

		while (r == -1 && errno == EINTR && hits == 0)
			r = fcntl(fd, F_SETLKW, &wr);
		printf("child: F_SETLKW = %d %s\n", r, r ? abi_errname(errno) : "");
		_exit(0);
	}
	while (waitpid(pid, NULL, WNOHANG) == 0) {
		kill(pid, SIGUSR1);
		usleep(50000);
	}
	close(fd);
	unlink("f");
	return 0;
}
