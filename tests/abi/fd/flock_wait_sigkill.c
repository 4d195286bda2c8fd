/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGKILL ends a blocked flock; the killed waiter leaves the lock usable. */
/* abi: glibc */
#include "abi.h"

#include <sys/file.h>

int main(void)
{
	int a = open("f", O_RDWR | O_CREAT, 0644);
	int p[2];
	pid_t pid;
	char c;

	SHOW(pipe(p));
	SHOW(flock(a, LOCK_EX));
	pid = fork();
	if (pid == 0) {
		int b = open("f", O_RDONLY);

		write(p[1], "r", 1);
		flock(b, LOCK_EX);
		printf("child: FAIL: got the lock\n");
		_exit(1);
	}
	read(p[0], &c, 1);
	usleep(100000);
	SHOW(kill(pid, SIGKILL));
	abi_wait_child("child", pid);
	SHOW(flock(a, LOCK_UN));
	SHOW(flock(a, LOCK_EX | LOCK_NB));
	close(p[0]);
	close(p[1]);
	close(a);
	unlink("f");
	return 0;
}
