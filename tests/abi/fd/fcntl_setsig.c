/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SETSIG/F_GETSIG store the I/O signal (0..64); F_GETLEASE reports F_UNLCK with no lease. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	int path = open("f", O_PATH);
	int p[2];

	SHOW(fcntl(fd, F_GETSIG));
	SHOW(fcntl(fd, F_SETSIG, SIGUSR1));
	SHOW(fcntl(fd, F_GETSIG));
	SHOW(fcntl(fd, F_SETSIG, 64));
	SHOW(fcntl(fd, F_GETSIG));
	SHOW(fcntl(fd, F_SETSIG, 65));
	SHOW(fcntl(fd, F_SETSIG, -1));
	SHOW(fcntl(fd, F_SETSIG, 0));
	SHOW(fcntl(fd, F_GETSIG));
	SHOW(fcntl(path, F_GETSIG));
	SHOW(fcntl(path, F_GETOWN));
	SHOW(fcntl(fd, F_GETLEASE));
	SHOW(pipe(p));
	SHOW(fcntl(p[0], F_GETLEASE));
	SHOW(fcntl(99, F_GETLEASE));
	close(p[0]);
	close(p[1]);
	close(fd);
	close(path);
	unlink("f");
	return 0;
}
