/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* ioctl FIOASYNC: O_ASYNC on sockets and pipes as F_SETFL sets it; ENOTTY on a regular file, EFAULT. */
#include "abi.h"
#include <sys/ioctl.h>
#include <sys/socket.h>

static void show_async(const char *what, int fd)
{
	printf("%s O_ASYNC: %s\n", what, (fcntl(fd, F_GETFL) & O_ASYNC) ? "set" : "clear");
}

int main(void)
{
	int sv[2], p[2], on = 1, off = 0;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(ioctl(sv[0], FIOASYNC, &on));
	show_async("socket", sv[0]);
	show_async("its peer", sv[1]);
	SHOW(ioctl(sv[0], FIOASYNC, &off));
	show_async("socket", sv[0]);
	SHOW(pipe(p));
	SHOW(ioctl(p[1], FIOASYNC, &on));
	show_async("pipe", p[1]);
	SHOW(fcntl(p[1], F_SETFL, 0));
	show_async("pipe after F_SETFL 0", p[1]);
	int fd = open("f", O_CREAT | O_RDWR, 0600);
	SHOW(ioctl(fd, FIOASYNC, &on));
	SHOW(ioctl(fd, FIOASYNC, &off));
	show_async("file", fd);
	SHOW(ioctl(sv[1], FIOASYNC, ABI_BADPTR));
	SHOW(ioctl(-1, FIOASYNC, &on));
	close(fd);
	unlink("f");
	return 0;
}
