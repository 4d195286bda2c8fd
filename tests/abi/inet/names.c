/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getsockname/getpeername on IPv4 and IPv6 sockets: layouts, lengths, ENOTCONN, truncation. */
#include "inet_util.h"

static void show(const char *what, int fd, int peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char txt[64] = "";
	int r;

	memset(&ss, 0xaa, sizeof(ss));
	r = peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
		 : getsockname(fd, (struct sockaddr *)&ss, &len);
	if (r) {
		printf("%s: %s\n", what, abi_errname(errno));
		return;
	}
	if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		inet_ntop(AF_INET6, &a->sin6_addr, txt, sizeof(txt));
		printf("%s: len %d family %d addr %s port %s flow %u scope %u\n", what, (int)len,
		       a->sin6_family, txt, a->sin6_port ? "set" : "0", a->sin6_flowinfo,
		       a->sin6_scope_id);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		inet_ntop(AF_INET, &a->sin_addr, txt, sizeof(txt));
		printf("%s: len %d family %d addr %s port %s zero %d\n", what, (int)len,
		       a->sin_family, txt, a->sin_port ? "set" : "0", a->sin_zero[0]);
	}
}

int main(void)
{
	int fams[2] = {AF_INET, AF_INET6};

	for (int i = 0; i < 2; i++) {
		int fresh = socket(fams[i], SOCK_STREAM, 0), l = lo_server(fams[i], SOCK_STREAM);
		int c = lo_connect(fams[i], SOCK_STREAM, l), s = accept(l, NULL, NULL);
		int u = socket(fams[i], SOCK_DGRAM, 0);

		show("fresh name", fresh, 0);
		show("fresh peer", fresh, 1);
		show("listener name", l, 0);
		show("listener peer", l, 1);
		show("client name", c, 0);
		show("client peer", c, 1);
		show("server peer", s, 1);
		FACT("ports match", port_of(s) == port_of(l));
		show("udp name", u, 0);
		show("udp peer", u, 1);
	}
	struct sockaddr_in a;
	socklen_t len = 4;
	int l = lo_server(AF_INET, SOCK_STREAM);

	SHOW(getsockname(l, (struct sockaddr *)&a, &len));
	printf("len %d\n", (int)len);
	SHOW(getsockname(l, ABI_BADPTR, &len));
	return 0;
}
