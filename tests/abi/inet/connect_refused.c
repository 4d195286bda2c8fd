/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* connect() to a closed loopback port: ECONNREFUSED (v4 and v6); bad lengths and families; connecting a listener. */
#include "inet_util.h"

int main(void)
{
	int fams[2] = {AF_INET, AF_INET6};

	for (int i = 0; i < 2; i++) {
		int dead = lo_server(fams[i], SOCK_STREAM), port = port_of(dead), c;
		socklen_t len;
		struct sockaddr_storage a = lo_addr(fams[i], port, &len);

		SHOW(close(dead));
		c = socket(fams[i], SOCK_STREAM, 0);
		SHOW(connect(c, (struct sockaddr *)&a, len));
		SHOW(connect(c, (struct sockaddr *)&a, len - 1));
		SHOW(connect(c, (struct sockaddr *)&a, 1));
		SHOW(connect(c, ABI_BADPTR, len));
		a.ss_family = fams[1 - i];
		SHOW(connect(c, (struct sockaddr *)&a, sizeof(a)));
		SHOW(close(c));
	}
	int l = lo_server(AF_INET, SOCK_STREAM);
	socklen_t len;
	struct sockaddr_storage a = lo_addr(AF_INET, port_of(l), &len);

	SHOW(connect(l, (struct sockaddr *)&a, len));
	SHOW(listen(socket(AF_INET, SOCK_DGRAM, 0), 1));
	SHOW(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
	SHOW(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP));
	SHOW(socket(AF_INET, SOCK_SEQPACKET, 0));
	return 0;
}
