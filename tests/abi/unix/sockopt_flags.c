/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_DEBUG, SO_DONTROUTE, SO_OOBINLINE, SO_PRIORITY, SO_RCVLOWAT stored and read back; SO_SNDLOWAT read-only; SO_PRIORITY's and SO_DEBUG's limits. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

static int fd;

static void set_get(const char *name, int opt, int v)
{
	socklen_t len = sizeof(v);
	long r = setsockopt(fd, SOL_SOCKET, opt, &v, sizeof(v));

	printf("set %s %d: %ld %s", name, v, r, r ? abi_errname(errno) : "");
	v = -7;
	r = getsockopt(fd, SOL_SOCKET, opt, &v, &len);
	printf(" -> get %ld v %d len %d\n", r, v, (int)len);
}

int main(void)
{
	pid_t pid;

	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	set_get("SO_DEBUG", SO_DEBUG, 5);
	set_get("SO_DEBUG", SO_DEBUG, 0);
	set_get("SO_DONTROUTE", SO_DONTROUTE, 3);
	set_get("SO_OOBINLINE", SO_OOBINLINE, 1);
	set_get("SO_OOBINLINE", SO_OOBINLINE, 0);
	set_get("SO_PRIORITY", SO_PRIORITY, 6);
	set_get("SO_PRIORITY", SO_PRIORITY, 7);
	set_get("SO_PRIORITY", SO_PRIORITY, 0);
	set_get("SO_RCVLOWAT", SO_RCVLOWAT, 100);
	set_get("SO_RCVLOWAT", SO_RCVLOWAT, 0);
	set_get("SO_RCVLOWAT", SO_RCVLOWAT, -5);
	set_get("SO_SNDLOWAT", SO_SNDLOWAT, 10);
	/* without CAP_NET_ADMIN and CAP_NET_RAW: priorities 0..6 only, no SO_DEBUG */
	pid = fork();
	if (pid == 0) {
		SHOW(setresuid(65534, 65534, 65534));
		set_get("SO_PRIORITY", SO_PRIORITY, 7);
		set_get("SO_PRIORITY", SO_PRIORITY, -1);
		set_get("SO_PRIORITY", SO_PRIORITY, 3);
		set_get("SO_DEBUG", SO_DEBUG, 1);
		set_get("SO_DEBUG", SO_DEBUG, 0);
		_exit(0);
	}
	abi_wait_child("unprivileged", pid);
	return 0;
}
