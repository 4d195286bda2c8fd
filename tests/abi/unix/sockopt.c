/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Socket options: SO_TYPE/DOMAIN/PROTOCOL, SO_SNDBUF/SO_RCVBUF doubled, SO_ACCEPTCONN, SO_ERROR, SO_LINGER, SO_RCVTIMEO, errors. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/time.h>

static int fd;

static void get(const char *name, int opt)
{
	int v = -7;
	socklen_t len = sizeof(v);
	long r = getsockopt(fd, SOL_SOCKET, opt, &v, &len);

	printf("%s: r %ld v %d len %d\n", name, r, v, (int)len);
}

int main(void)
{
	struct timeval tv = {1, 500000}, tv2;
	struct linger lg = {1, 5}, lg2;
	socklen_t len;
	int v;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	get("SO_TYPE", SO_TYPE);
	get("SO_DOMAIN", SO_DOMAIN);
	get("SO_PROTOCOL", SO_PROTOCOL);
	get("SO_ERROR", SO_ERROR);
	get("SO_ACCEPTCONN", SO_ACCEPTCONN);
	get("SO_REUSEADDR", SO_REUSEADDR);
	get("SO_PASSCRED", SO_PASSCRED);
	get("SO_SNDBUF", SO_SNDBUF);
	v = 4096;
	SHOW(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)));
	get("SO_SNDBUF", SO_SNDBUF);
	SHOW(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)));
	get("SO_RCVBUF", SO_RCVBUF);
	v = 1;
	SHOW(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)));
	get("SO_SNDBUF", SO_SNDBUF);
	SHOW(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)));
	get("SO_REUSEADDR", SO_REUSEADDR);
	SHOW(setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	len = sizeof(lg2);
	SHOW(getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg2, &len));
	printf("linger %d %d len %d\n", lg2.l_onoff, lg2.l_linger, (int)len);
	SHOW(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	len = sizeof(tv2);
	SHOW(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv2, &len));
	printf("rcvtimeo %ld.%06ld len %d\n", (long)tv2.tv_sec, (long)tv2.tv_usec, (int)len);
	tv.tv_usec = 1000000;
	SHOW(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, 4));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_TYPE, &v, sizeof(v)));
	SHOW(setsockopt(fd, SOL_SOCKET, 9999, &v, sizeof(v)));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, 2));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, ABI_BADPTR, 4));
	SHOW(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, -1));
	SHOW(setsockopt(fd, 6, 1, &v, sizeof(v)));
	len = sizeof(v);
	SHOW(getsockopt(fd, SOL_SOCKET, 9999, &v, &len));
	SHOW(getsockopt(fd, 6, 1, &v, &len));
	len = 2;
	v = 0;
	SHOW(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
	printf("short: v %d len %d\n", v, (int)len);
	len = -1;
	SHOW(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len));
	SHOW(getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, ABI_BADPTR));
	len = 4;
	SHOW(getsockopt(fd, SOL_SOCKET, SO_TYPE, ABI_BADPTR, &len));
	return 0;
}
