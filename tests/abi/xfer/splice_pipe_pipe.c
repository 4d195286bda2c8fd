/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* splice between two pipes moves bytes in order; a blocked splice wakes when data comes. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int p[2], q[2];
	char buf[32] = "";
	pid_t pid;

	SHOW(pipe(p));
	SHOW(pipe(q));
	SHOW(write(p[1], "hello ", 6));
	SHOW(write(p[1], "world", 5));
	SHOW(splice(p[0], NULL, q[1], NULL, 8, 0));
	SHOW(read(q[0], buf, sizeof(buf)));
	printf("q: \"%.8s\"\n", buf);
	SHOW(splice(p[0], NULL, q[1], NULL, 100, 0));
	SHOW(read(q[0], buf, sizeof(buf)));
	printf("q: \"%.3s\"\n", buf);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		if (write(p[1], "late", 4) != 4)
			_exit(1);
		_exit(0);
	}
	SHOW(splice(p[0], NULL, q[1], NULL, 100, 0));
	abi_wait_child("writer", pid);
	SHOW(read(q[0], buf, sizeof(buf)));
	printf("q: \"%.4s\"\n", buf);
	close(p[1]);
	SHOW(splice(p[0], NULL, q[1], NULL, 100, 0));
	return 0;
}
