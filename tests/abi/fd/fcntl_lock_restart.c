/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A blocked F_SETLKW interrupted by an SA_RESTART handler restarts and gets the lock later. */
/* abi: glibc */
#include "abi.h"

static int note[2];

static void on_usr1(int sig)
{
	(void)sig;
	write(note[1], "h", 1);
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	struct flock wr = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	struct flock un = {.l_type = F_UNLCK, .l_whence = SEEK_SET};
	struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = SA_RESTART};
	pid_t pid;
	char c;
	int r;

	SHOW(pipe(note));
	SHOW(sigaction(SIGUSR1, &sa, NULL));
	SHOW(fcntl(fd, F_SETLK, &wr));
	pid = fork();
	if (pid == 0) {
		int got = fcntl(fd, F_SETLKW, &wr);

		printf("child: F_SETLKW = %d\n", got);
		_exit(0);
	}
	usleep(100000);
	SHOW(kill(pid, SIGUSR1));
	SHOW(read(note[0], &c, 1)); /* the handler ran */
	usleep(100000);
	SHOW(waitpid(pid, NULL, WNOHANG)); /* still waiting: restarted */
	r = fcntl(fd, F_SETLK, &un);	   /* printed after the child, which runs at once */
	abi_wait_child("child", pid);
	printf("parent: unlock = %d\n", r);
	close(note[0]);
	close(note[1]);
	close(fd);
	unlink("f");
	return 0;
}
