/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* bind(): port 0 is ephemeral, EADDRINUSE, EINVAL on a second bind, EADDRNOTAVAIL, short lengths, wrong families, SO_REUSEADDR. */
#include "inet_util.h"

int main(void)
{
	int a = socket(AF_INET, SOCK_STREAM, 0), b = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	int u = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
	int v6 = socket(AF_INET6, SOCK_STREAM, 0);
	socklen_t len;
	struct sockaddr_storage s = lo_addr(AF_INET, 0, &len), s6;
	struct sockaddr_in *in = (struct sockaddr_in *)&s;

	SHOW(bind(a, (struct sockaddr *)&s, len));
	FACT("ephemeral port", port_of(a) > 0);
	SHOW(bind(a, (struct sockaddr *)&s, len));
	in->sin_port = htons(port_of(a));
	SHOW(listen(a, 1));
	SHOW(bind(b, (struct sockaddr *)&s, len));
	SHOW(setsockopt(b, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	SHOW(bind(b, (struct sockaddr *)&s, len));
	in->sin_port = 0;
	in->sin_addr.s_addr = htonl(0xc0000201); /* 192.0.2.1, TEST-NET-1 */
	SHOW(bind(b, (struct sockaddr *)&s, len));
	in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	SHOW(bind(b, (struct sockaddr *)&s, len - 1));
	SHOW(bind(b, ABI_BADPTR, len));
	in->sin_family = AF_INET6;
	SHOW(bind(b, (struct sockaddr *)&s, len));
	in->sin_family = AF_UNSPEC;
	SHOW(bind(b, (struct sockaddr *)&s, len));
	in->sin_family = AF_INET;
	SHOW(bind(u, (struct sockaddr *)&s, len));
	in->sin_port = htons(port_of(u));
	SHOW(bind(u2, (struct sockaddr *)&s, len));
	s6 = lo_addr(AF_INET6, 0, &len);
	SHOW(bind(v6, (struct sockaddr *)&s6, 23));
	SHOW(bind(v6, (struct sockaddr *)&s6, len));
	FACT("v6 ephemeral port", port_of(v6) > 0);
	SHOW(bind(v6, (struct sockaddr *)&s6, len));
	return 0;
}
