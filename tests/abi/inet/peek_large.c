/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TCP MSG_PEEK and recv over many segments and more than 64 KiB: each returns all that is queued, in order. */
#include "inet_util.h"
#include <sys/ioctl.h>

#define TOTAL 100000

static char pat(int i)
{
	return (char)('a' + (i * 7 + i / 1000) % 26);
}

static int wrong(const char *b, int n, int from)
{
	int bad = 0;

	for (int i = 0; i < n; i++)
		bad += b[i] != pat(from + i);
	return bad;
}

int main(void)
{
	static char out[TOTAL], in[TOTAL + 16];
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL), v = -1, one = 1;

	for (int i = 0; i < TOTAL; i++)
		out[i] = pat(i);
	SHOW(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)));
	/* three small segments, then the rest */
	SHOW(send(c, out, 1000, 0));
	SHOW(send(c, out + 1000, 1000, 0));
	SHOW(send(c, out + 2000, 1000, 0));
	for (int i = 0; i < 500 && !ioctl(s, FIONREAD, &v) && v < 3000; i++)
		usleep(10000);
	SHOW(recv(s, in, 3000, MSG_PEEK));
	printf("wrong %d\n", wrong(in, 3000, 0));
	SHOW(send(c, out + 3000, TOTAL - 3000, 0));
	for (int i = 0; i < 500 && !ioctl(s, FIONREAD, &v) && v < TOTAL; i++)
		usleep(10000);
	printf("queued %d\n", v);
	SHOW(recv(s, in, sizeof(in), MSG_PEEK));
	printf("wrong %d\n", wrong(in, TOTAL, 0));
	SHOW(recv(s, in, 70000, MSG_PEEK | MSG_DONTWAIT));
	printf("wrong %d\n", wrong(in, 70000, 0));
	SHOW(recv(s, in, 10, 0));
	SHOW(recv(s, in, sizeof(in), MSG_PEEK));
	printf("wrong %d\n", wrong(in, TOTAL - 10, 10));
	SHOW(recv(s, in, sizeof(in), 0));
	printf("wrong %d\n", wrong(in, TOTAL - 10, 10));
	SHOW(recv(s, in, sizeof(in), MSG_DONTWAIT));
	SHOW(close(c));
	SHOW(close(s));
	SHOW(close(l));
	return 0;
}
