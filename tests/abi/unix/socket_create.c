/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* socket(AF_UNIX): the three types, SOCK_RAW as SOCK_DGRAM, flags, and the errors for other families, types and protocols. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static void type_of(int fd)
{
	int v = -1;
	socklen_t len = sizeof(v);

	SHOW(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
	printf("SO_TYPE %d len %d\n", v, (int)len);
	close(fd);
}

int main(void)
{
	int fd;

	type_of(SHOW_OK(socket(AF_UNIX, SOCK_STREAM, 0)));
	type_of(SHOW_OK(socket(AF_UNIX, SOCK_DGRAM, 0)));
	type_of(SHOW_OK(socket(AF_UNIX, SOCK_SEQPACKET, 0)));
	type_of(SHOW_OK(socket(AF_UNIX, SOCK_RAW, 0)));
	type_of(SHOW_OK(socket(AF_UNIX, SOCK_STREAM, AF_UNIX)));
	SHOW(socket(AF_UNIX, SOCK_RDM, 0));
	SHOW(socket(AF_UNIX, SOCK_PACKET, 0));
	SHOW(socket(AF_UNIX, 11, 0));
	SHOW(socket(AF_UNIX, SOCK_STREAM, 2));
	SHOW(socket(AF_UNIX, SOCK_RDM, 2));
	SHOW(socket(AF_UNIX, SOCK_STREAM | 0x100, 0));
	SHOW(socket(46, SOCK_STREAM, 0));
	SHOW(socket(-1, SOCK_STREAM, 0));
	SHOW(socket(AF_UNIX, -1, 0));
	fd = SHOW_OK(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
	printf("FD_CLOEXEC %d O_NONBLOCK %d O_RDWR %d\n", fcntl(fd, F_GETFD),
	       !!(fcntl(fd, F_GETFL) & O_NONBLOCK), (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	close(fd);
	fd = SHOW_OK(socket(AF_UNIX, SOCK_DGRAM, 0));
	printf("FD_CLOEXEC %d O_NONBLOCK %d\n", fcntl(fd, F_GETFD),
	       !!(fcntl(fd, F_GETFL) & O_NONBLOCK));
	close(fd);
	return 0;
}
