/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Growing a full pipe with F_SETPIPE_SZ wakes a writer blocked on it. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>

static char buf[65536 + 4096];

int main(void)
{
	int p[2], n = 0;
	pid_t pid;

	SHOW(pipe(p));
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		_exit(write(p[1], buf, sizeof(buf)) == sizeof(buf) ? 0 : 1);
	}
	close(p[1]);
	/* wait until the writer has filled the pipe and blocks */
	while (ioctl(p[0], FIONREAD, &n) == 0 && n < 65536)
		usleep(10000);
	usleep(100000);
	SHOW(ioctl(p[0], FIONREAD, &n));
	printf("held %d\n", n);
	SHOW(fcntl(p[0], F_SETPIPE_SZ, 131072));
	abi_wait_child("writer", pid);
	SHOW(ioctl(p[0], FIONREAD, &n));
	printf("held %d\n", n);
	return 0;
}
