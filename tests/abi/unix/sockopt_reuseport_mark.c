/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* The SOL_SOCKET options every family shares: SO_REUSEPORT, SO_DONTROUTE, SO_PRIORITY, SO_MARK, SO_BINDTODEVICE. */
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

static void set(const char *name, int opt, int v)
{
	printf("set %s %d: ", name, v);
	SHOW(setsockopt(fd, SOL_SOCKET, opt, &v, sizeof(v)));
	get(name, opt);
}

int main(void)
{
	static const int types[] = {SOCK_STREAM, SOCK_DGRAM};
	char dev[16] = "xx";
	socklen_t len;
	int v = 1;

	for (int i = 0; i < 2; i++) {
		fd = socket(AF_UNIX, types[i], 0);
		printf("type %d\n", types[i]);
		get("SO_REUSEPORT", SO_REUSEPORT);
		get("SO_DONTROUTE", SO_DONTROUTE);
		get("SO_PRIORITY", SO_PRIORITY);
		get("SO_MARK", SO_MARK);
		set("SO_REUSEPORT", SO_REUSEPORT, 2);
		set("SO_DONTROUTE", SO_DONTROUTE, -1);
		set("SO_PRIORITY", SO_PRIORITY, 6);
		set("SO_MARK", SO_MARK, 77);
		set("SO_DONTROUTE", SO_DONTROUTE, 0);
		len = sizeof(dev);
		SHOW(getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev, &len));
		printf("SO_BINDTODEVICE len %d\n", (int)len);
		SHOW(setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &v, 3));
		SHOW(setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &v, 2));
		close(fd);
	}
	return 0;
}
