/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TCP over the IPv6 loopback: listen, connect, accept, bytes both ways, EOF after close. */
#include "inet_util.h"

int main(void)
{
	char buf[64] = "";
	int l = lo_server(AF_INET6, SOCK_STREAM), c = lo_connect(AF_INET6, SOCK_STREAM, l), s;

	SHOW_OK(s = accept(l, NULL, NULL));
	SHOW(write(c, "hello", 5));
	SHOW(send(c, " world", 6, 0));
	SHOW(recv(s, buf, 5, MSG_WAITALL));
	SHOW(read(s, buf + 5, sizeof(buf) - 6));
	printf("server got '%s'\n", buf);
	SHOW(write(s, buf, 11));
	memset(buf, 0, sizeof(buf));
	SHOW(recv(c, buf, 11, MSG_WAITALL));
	printf("client got '%s'\n", buf);
	SHOW(close(c));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(close(s));
	SHOW(close(l));
	return 0;
}
