/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_PEEK_OFF on a stream socket: peeks start at the offset and move it, reads pull it back; -1 turns it off. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

int main(void)
{
	char buf[16];
	int sv[2], off = 0;
	socklen_t len = sizeof(off);

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW(getsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, &len));
	printf("default %d\n", off);
	SHOW(write(sv[0], "abcdef", 6));
	SHOW(write(sv[0], "ghij", 4));
	off = 2;
	SHOW(setsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof(off)));
	SHOW(recv(sv[1], buf, 3, MSG_PEEK));
	printf("peeked '%.3s'\n", buf);
	SHOW(recv(sv[1], buf, 3, MSG_PEEK));
	printf("peeked '%.3s'\n", buf);
	SHOW(getsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, &len));
	printf("offset %d\n", off);
	SHOW(read(sv[1], buf, 4));
	SHOW(getsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, &len));
	printf("offset %d\n", off);
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_PEEK));
	printf("peeked '%.4s'\n", buf);
	off = -1;
	SHOW(setsockopt(sv[1], SOL_SOCKET, SO_PEEK_OFF, &off, sizeof(off)));
	SHOW(recv(sv[1], buf, sizeof(buf), MSG_PEEK));
	printf("peeked '%.6s'\n", buf);
	return 0;
}
