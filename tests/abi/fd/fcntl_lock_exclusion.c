/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SETLKW write locks exclude: four processes incrementing a counter under them lose no update. */
/* abi: glibc */
#include "abi.h"

#include <sched.h>

#define PROCS  4
#define ROUNDS 150

static int lockw(int fd, short type)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_len = sizeof(int)};

	return fcntl(fd, F_SETLKW, &fl);
}

static int bump(void)
{
	int fd = open("counter", O_RDWR); /* the process owns its locks */
	int n;

	for (int i = 0; i < ROUNDS; i++) {
		if (lockw(fd, F_WRLCK))
			return 1;
		if (pread(fd, &n, sizeof(n), 0) != sizeof(n))
			return 2;
		sched_yield(); /* invite a lost update */
		n++;
		if (pwrite(fd, &n, sizeof(n), 0) != sizeof(n))
			return 3;
		if (lockw(fd, F_UNLCK))
			return 4;
	}
	return 0;
}

int main(void)
{
	int fd = open("counter", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int n = 0, bad = 0;
	pid_t pid[PROCS];

	SHOW(pwrite(fd, &n, sizeof(n), 0));
	for (int i = 0; i < PROCS; i++) {
		pid[i] = fork();
		if (pid[i] == 0)
			_exit(bump());
	}
	for (int i = 0; i < PROCS; i++) {
		int st;

		waitpid(pid[i], &st, 0);
		bad += !WIFEXITED(st) || WEXITSTATUS(st);
	}
	SHOW(pread(fd, &n, sizeof(n), 0));
	printf("children failed: %d, counter: %d (expected %d)\n", bad, n, PROCS * ROUNDS);
	close(fd);
	unlink("counter");
	return 0;
}
