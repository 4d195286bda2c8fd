/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* connect() errors: ENOENT, ECONNREFUSED (no listener, not a socket), EPROTOTYPE, EINVAL, EACCES-free as root, EISCONN; listen and accept errors. */
/* abi: glibc */
#include "abi.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static struct sockaddr_un a = {.sun_family = AF_UNIX};

static int sock(int type)
{
	return socket(AF_UNIX, type, 0);
}

int main(void)
{
	int l = sock(SOCK_STREAM), d = sock(SOCK_DGRAM), c = sock(SOCK_STREAM);
	struct sockaddr *sa = (struct sockaddr *)&a;

	strcpy(a.sun_path, "missing");
	SHOW(connect(c, sa, sizeof(a)));
	SHOW(close(open("plain", O_CREAT | O_WRONLY, 0600)));
	strcpy(a.sun_path, "plain");
	SHOW(connect(c, sa, sizeof(a)));
	SHOW(unlink("plain"));
	strcpy(a.sun_path, "srv");
	SHOW(bind(l, sa, sizeof(a)));
	SHOW(connect(c, sa, sizeof(a)));
	SHOW(connect(sock(SOCK_SEQPACKET), sa, sizeof(a)));
	SHOW(connect(d, sa, sizeof(a)));
	SHOW(accept(l, NULL, NULL));
	SHOW(listen(sock(SOCK_STREAM), 5));
	SHOW(listen(d, 5));
	SHOW(accept(d, NULL, NULL));
	SHOW(listen(l, -1));
	SHOW(connect(c, sa, sizeof(a)));
	SHOW(connect(c, sa, sizeof(a)));
	SHOW(listen(c, 5));
	SHOW(connect(l, sa, sizeof(a)));
	SHOW(connect(sock(SOCK_STREAM), sa, 2));
	SHOW(connect(sock(SOCK_STREAM), sa, sizeof(a) + 1));
	SHOW(connect(sock(SOCK_STREAM), ABI_BADPTR, sizeof(a)));
	SHOW(connect(-1, sa, sizeof(a)));
	SHOW(connect(0, sa, sizeof(a)));
	SHOW(syscall(SYS_accept4, l, NULL, NULL, 0x1234));
	a.sun_family = AF_INET;
	SHOW(connect(sock(SOCK_STREAM), sa, sizeof(a)));
	SHOW(unlink("srv"));
	return 0;
}
