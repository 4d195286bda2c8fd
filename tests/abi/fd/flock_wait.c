/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A blocking flock waits until the holder unlocks, then gets the lock. */
/* abi: glibc */
#include "abi.h"

#include <sys/file.h>

int main(void)
{
	int a = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int p[2];
	pid_t pid;
	char c;
	int r;

	SHOW(pipe(p));
	SHOW(flock(a, LOCK_EX));
	pid = fork();
	if (pid == 0) {
		int b = open("f", O_RDONLY);
		char buf[16] = "";

		close(p[0]);
		SHOW(write(p[1], "r", 1));
		SHOW(flock(b, LOCK_SH)); /* blocks until the parent unlocks */
		SHOW(read(b, buf, sizeof(buf) - 1));
		printf("child read after the lock: %s\n", buf);
		_exit(0);
	}
	close(p[1]);
	read(p[0], &c, 1); /* the child is about to block */
	usleep(100000);
	SHOW(write(a, "unlocked", 8));
	r = flock(a, LOCK_UN); /* printed after the child, which runs at once */
	abi_wait_child("child", pid);
	printf("parent: unlock = %d\n", r);
	close(p[0]);
	close(a);
	unlink("f");
	return 0;
}
