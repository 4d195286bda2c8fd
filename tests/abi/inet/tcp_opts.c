/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IPPROTO_TCP options: get/set and Linux's value rules (keepalive times, cork, quickack, user timeout, congestion, maxseg). */
#include "inet_util.h"

static void geti(int fd, int name, const char *label)
{
	get_int_opt(fd, IPPROTO_TCP, name, label);
}

static long seti(int fd, int name, int v)
{
	return set_int_opt(fd, IPPROTO_TCP, name, v);
}

int main(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0), v = 1;
	char cc[16] = "";
	socklen_t len = sizeof(cc);

	geti(fd, TCP_KEEPIDLE, "keepidle");
	geti(fd, TCP_KEEPINTVL, "keepintvl");
	geti(fd, TCP_KEEPCNT, "keepcnt");
	SHOW(seti(fd, TCP_KEEPIDLE, 0));
	SHOW(seti(fd, TCP_KEEPIDLE, 32768));
	SHOW(seti(fd, TCP_KEEPIDLE, 30));
	SHOW(seti(fd, TCP_KEEPINTVL, 0));
	SHOW(seti(fd, TCP_KEEPINTVL, 5));
	SHOW(seti(fd, TCP_KEEPCNT, 128));
	SHOW(seti(fd, TCP_KEEPCNT, 3));
	geti(fd, TCP_KEEPIDLE, "keepidle");
	geti(fd, TCP_KEEPINTVL, "keepintvl");
	geti(fd, TCP_KEEPCNT, "keepcnt");
	geti(fd, TCP_CORK, "cork");
	SHOW(seti(fd, TCP_CORK, 5));
	geti(fd, TCP_CORK, "cork");
	geti(fd, TCP_QUICKACK, "quickack");
	SHOW(seti(fd, TCP_QUICKACK, 0));
	geti(fd, TCP_QUICKACK, "quickack");
	geti(fd, TCP_USER_TIMEOUT, "user_timeout");
	SHOW(seti(fd, TCP_USER_TIMEOUT, -1));
	SHOW(seti(fd, TCP_USER_TIMEOUT, 2500));
	geti(fd, TCP_USER_TIMEOUT, "user_timeout");
	geti(fd, TCP_MAXSEG, "maxseg");
	SHOW(seti(fd, TCP_MAXSEG, 1));
	SHOW(seti(fd, TCP_MAXSEG, 1000));
	geti(fd, TCP_MAXSEG, "maxseg");
	SHOW(setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "reno", 4));
	SHOW(getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, cc, &len));
	printf("congestion '%s' len %d\n", cc, (int)len);
	SHOW(setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "nosuch", 6));
	SHOW(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, 2));
	SHOW(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, ABI_BADPTR, 4));
	SHOW(setsockopt(fd, IPPROTO_TCP, 9999, &v, 4));
	SHOW(setsockopt(u, IPPROTO_TCP, TCP_NODELAY, &v, 4));
	len = sizeof(v);
	SHOW(getsockopt(u, IPPROTO_TCP, TCP_NODELAY, &v, &len));
	SHOW(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, ABI_BADPTR, &len));
	len = 0;
	SHOW(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, &len));
	printf("len %d\n", (int)len);
	return 0;
}
