/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Dual stack: an AF_INET6 socket on :: takes IPv4 peers as ::ffff:a.b.c.d, connects to mapped addresses; IPV6_V6ONLY refuses them. */
#include "inet_util.h"

static void name(const char *what, int fd, int peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char txt[64] = "?";
	int r = peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
		     : getsockname(fd, (struct sockaddr *)&ss, &len);

	if (r) {
		printf("%s: %s\n", what, abi_errname(errno));
		return;
	}
	if (ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, txt, sizeof(txt));
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, txt, sizeof(txt));
	printf("%s: len %d family %d %s\n", what, (int)len, ss.ss_family, txt);
}

int main(void)
{
	int l = socket(AF_INET6, SOCK_STREAM, 0), v = -1, c, s, only, u, uc;
	struct sockaddr_in6 any = {.sin6_family = AF_INET6}, m = any;
	socklen_t len = sizeof(v);
	char buf[8];

	SHOW(getsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len));
	printf("v6only %d\n", v);
	SHOW(bind(l, (struct sockaddr *)&any, sizeof(any)));
	SHOW(listen(l, 4));
	c = lo_connect(AF_INET, SOCK_STREAM, l);
	SHOW_OK(s = accept(l, NULL, NULL));
	name("v4 client name", c, 0);
	name("accepted peer", s, 1);
	name("accepted name", s, 0);
	SHOW(write(c, "v4", 2));
	SHOW(read(s, buf, sizeof(buf)));
	m.sin6_port = htons(port_of(l));
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &m.sin6_addr);
	c = socket(AF_INET6, SOCK_STREAM, 0);
	SHOW(connect(c, (struct sockaddr *)&m, sizeof(m)));
	name("mapped client name", c, 0);
	name("mapped client peer", c, 1);
	only = socket(AF_INET6, SOCK_STREAM, 0);
	SHOW(setsockopt(only, IPPROTO_IPV6, IPV6_V6ONLY, &(int){1}, sizeof(int)));
	SHOW(bind(only, (struct sockaddr *)&any, sizeof(any)));
	SHOW(setsockopt(only, IPPROTO_IPV6, IPV6_V6ONLY, &(int){0}, sizeof(int)));
	SHOW(listen(only, 4));
	m.sin6_port = htons(port_of(only));
	SHOW(connect(socket(AF_INET6, SOCK_STREAM, 0), (struct sockaddr *)&m, sizeof(m)));
	u = socket(AF_INET6, SOCK_DGRAM, 0);
	SHOW(bind(u, (struct sockaddr *)&any, sizeof(any)));
	uc = lo_connect(AF_INET, SOCK_DGRAM, u);
	SHOW(send(uc, "dg", 2, 0));
	struct sockaddr_in6 from;
	socklen_t flen = sizeof(from);
	char txt[64];

	SHOW(recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen));
	inet_ntop(AF_INET6, &from.sin6_addr, txt, sizeof(txt));
	printf("from len %d family %d %s\n", (int)flen, from.sin6_family, txt);
	SHOW(getsockopt(socket(AF_INET, SOCK_STREAM, 0), IPPROTO_IPV6, IPV6_V6ONLY, &v, &len));
	return 0;
}
