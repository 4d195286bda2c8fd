/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_GETPIPE_SZ/F_SETPIPE_SZ: power-of-two pages, EBUSY below the data held, EBADF on files. */
/* abi: glibc */
#include "abi.h"
#include <sys/ioctl.h>

static char big[3 * 4096];

int main(void)
{
	int p[2], fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int n = 0;

	SHOW(pipe(p));
	SHOW(fcntl(p[0], F_GETPIPE_SZ));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 0));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 4097));
	SHOW(fcntl(p[0], F_GETPIPE_SZ));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 3 * 4096));
	SHOW(fcntl(p[0], F_SETPIPE_SZ, 1 << 20));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, -1));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, (1u << 31) + 1));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 8192));
	SHOW(fcntl(p[1], F_SETFL, O_NONBLOCK));
	SHOW(write(p[1], big, sizeof(big)));
	SHOW(write(p[1], "x", 1));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 4096));
	SHOW(read(p[0], big, 4096));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 4096));
	SHOW(read(p[0], big, sizeof(big)));
	SHOW(ioctl(p[0], FIONREAD, &n));
	printf("FIONREAD %d\n", n);
	SHOW(fcntl(fd, F_GETPIPE_SZ));
	SHOW(fcntl(fd, F_SETPIPE_SZ, 4096));
	SHOW(fcntl(99, F_GETPIPE_SZ));
	close(fd);
	unlink("f");
	return 0;
}
