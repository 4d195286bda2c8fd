/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_PEERGROUPS: the peer's supplementary groups as of connect/listen/socketpair; ERANGE with the size needed, ENODATA unconnected. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/socket.h>
#include <sys/un.h>

static void groups(const char *label, int fd, int len)
{
	gid_t g[8] = {0};
	socklen_t l = (socklen_t)len;
	long r = getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, g, &l);

	printf("%s: r %ld %s len %d:", label, r, r ? abi_errname(errno) : "", (int)l);
	for (int i = 0; !r && i < (int)(l / sizeof(gid_t)); i++)
		printf(" %d", (int)g[i]);
	printf("\n");
}

int main(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX, .sun_path = "\0kevlar-peergroups"};
	gid_t none[1] = {0}, three[] = {7, 1, 5}, two[] = {2, 3}, one[] = {9};
	int sv[2], l, c, s, d;
	socklen_t len = 32;

	SHOW(setgroups(0, none));
	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	groups("no groups", sv[0], 0);
	SHOW(setgroups(3, three));
	groups("still none", sv[0], 32);
	SHOW(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	groups("len 0", sv[0], 0);
	groups("len 8", sv[0], 8);
	groups("len 12", sv[1], 12);
	groups("len 32", sv[1], 32);
	groups("len -1", sv[1], -1);
	SHOW(getsockopt(sv[0], SOL_SOCKET, SO_PEERGROUPS, ABI_BADPTR, &len));
	SHOW(setsockopt(sv[0], SOL_SOCKET, SO_PEERGROUPS, three, sizeof(three)));

	l = socket(AF_UNIX, SOCK_STREAM, 0);
	groups("unbound", l, 32);
	SHOW(bind(l, (struct sockaddr *)&a, sizeof(a)));
	SHOW(setgroups(2, two));
	SHOW(listen(l, 1));
	groups("listener", l, 32);
	SHOW(setgroups(1, one));
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	SHOW(connect(c, (struct sockaddr *)&a, sizeof(a)));
	SHOW(setgroups(0, none));
	groups("connector", c, 32);
	s = accept(l, NULL, NULL);
	groups("accepted", s, 32);
	d = socket(AF_UNIX, SOCK_DGRAM, 0);
	groups("dgram unconnected", d, 32);
	return 0;
}
