/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A TCP recv into a bad buffer gives EFAULT and loses no data: the next recv reads it all. */
#include "inet_util.h"

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL);
	char buf[16] = "";

	SHOW(send(c, "precious", 8, 0));
	usleep(50000);
	SHOW(recv(s, ABI_BADPTR, 8, 0));
	SHOW(read(s, ABI_BADPTR, 4));
	SHOW(recv(s, buf, sizeof(buf), 0));
	printf("got '%s'\n", buf);
	SHOW(close(c));
	SHOW(recv(s, ABI_BADPTR, 8, 0));
	return 0;
}
