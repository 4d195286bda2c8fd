/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_RCVLOWAT (0 reads back 1, a negative value INT_MAX) and SO_SNDLOWAT (reads 1, cannot be set) on Unix sockets. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static int fd;

static void get(const char *name, int opt)
{
	int v = -7;
	socklen_t len = sizeof(v);
	long r = getsockopt(fd, SOL_SOCKET, opt, &v, &len);

	printf("%s: r %ld v %d len %d\n", name, r, v, (int)len);
}

static void set(int opt, int v)
{
	printf("set %d: ", v);
	SHOW(setsockopt(fd, SOL_SOCKET, opt, &v, sizeof(v)));
	get(opt == SO_RCVLOWAT ? "SO_RCVLOWAT" : "SO_SNDLOWAT", opt);
}

int main(void)
{
	static const int types[] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET};
	int v = 1;

	for (int i = 0; i < 3; i++) {
		fd = socket(AF_UNIX, types[i], 0);
		printf("type %d\n", types[i]);
		get("SO_RCVLOWAT", SO_RCVLOWAT);
		get("SO_SNDLOWAT", SO_SNDLOWAT);
		set(SO_RCVLOWAT, 100);
		set(SO_RCVLOWAT, 0);
		set(SO_RCVLOWAT, -5);
		set(SO_SNDLOWAT, 100);
		SHOW(setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &v, 3));
		close(fd);
	}
	return 0;
}
