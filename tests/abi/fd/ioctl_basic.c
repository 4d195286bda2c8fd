/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* File ioctls: FIOCLEX/FIONCLEX, FIONBIO, FIONREAD; ENOTTY for tty/unknown requests; EBADF. */
#include "abi.h"

#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), on = 1, off = 0, n = -1;
	struct termios t;

	SHOW(write(fd, "0123456789", 10));
	SHOW(lseek(fd, 3, SEEK_SET));
	SHOW(ioctl(fd, FIONREAD, &n));
	printf("FIONREAD = %d\n", n);
	SHOW(ioctl(fd, FIOCLEX));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(ioctl(fd, FIONCLEX));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(ioctl(fd, FIONBIO, &on));
	FACT("O_NONBLOCK set", fcntl(fd, F_GETFL) & O_NONBLOCK);
	SHOW(ioctl(fd, FIONBIO, &off));
	FACT("O_NONBLOCK set", fcntl(fd, F_GETFL) & O_NONBLOCK);
	SHOW(ioctl(fd, TCGETS, &t));
	SHOW(ioctl(fd, 0x1234, 0));
	SHOW(ioctl(fd, FIONREAD, ABI_BADPTR));
	SHOW(ioctl(99, FIONREAD, &n));
	SHOW(ioctl(99, FIOCLEX));
	close(fd);
	unlink("f");
	return 0;
}
