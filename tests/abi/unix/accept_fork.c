/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A server and a forked client on a path: accept, both names, SO_PEERCRED both ways, data both ways, EOF. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>
#include <sys/un.h>

static struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = "srv"};

static int client(void *arg)
{
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	struct ucred cr;
	socklen_t len = sizeof(cr);
	char buf[8];

	(void)arg;
	if (connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
		return 1;
	if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0 || cr.pid != getppid())
		return 2;
	if (write(c, "ping", 4) != 4 || read(c, buf, sizeof(buf)) != 4)
		return 3;
	return memcmp(buf, "pong", 4) ? 4 : 0;
}

int main(void)
{
	int l = socket(AF_UNIX, SOCK_STREAM, 0), s;
	struct sockaddr_un got;
	socklen_t len = sizeof(got);
	struct ucred cr;
	char buf[8] = "";
	pid_t pid;

	SHOW(bind(l, (struct sockaddr *)&a, sizeof(a)));
	SHOW(listen(l, 1));
	pid = fork();
	if (pid == 0)
		_exit(client(NULL));
	s = SHOW_OK(accept(l, (struct sockaddr *)&got, &len));
	printf("accept addr len %d family %d\n", (int)len, got.sun_family);
	len = sizeof(cr);
	SHOW(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &len));
	printf("peer is the child: %d uid %d len %d\n", cr.pid == pid, cr.uid, (int)len);
	len = sizeof(got);
	SHOW(getsockname(s, (struct sockaddr *)&got, &len));
	printf("accepted name len %d '%s'\n", (int)len, got.sun_path);
	SHOW(read(s, buf, 4));
	SHOW(write(s, "pong", 4));
	abi_wait_child("client", pid);
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(unlink("srv"));
	return 0;
}
