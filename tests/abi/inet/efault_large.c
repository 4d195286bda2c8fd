/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A TCP recv into a bad buffer with more than 64 KiB queued gives EFAULT and loses no byte. */
#include "inet_util.h"
#include <sys/ioctl.h>

#define TOTAL 100000

int main(void)
{
	static unsigned char out[TOTAL], in[TOTAL];
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL), v = -1, bad = 0;

	for (int i = 0; i < TOTAL; i++)
		out[i] = (unsigned char)(i * 13 + i / 256);
	SHOW(send(c, out, sizeof(out), 0));
	for (int i = 0; i < 500 && !ioctl(s, FIONREAD, &v) && v < TOTAL; i++)
		usleep(10000);
	printf("queued %d\n", v);
	SHOW(recv(s, ABI_BADPTR, TOTAL, 0));
	SHOW(recv(s, ABI_BADPTR, TOTAL, MSG_WAITALL));
	SHOW(read(s, ABI_BADPTR, 70000));
	SHOW(ioctl(s, FIONREAD, &v));
	printf("queued %d\n", v);
	SHOW(recv(s, in, sizeof(in), MSG_WAITALL));
	for (int i = 0; i < TOTAL; i++)
		bad += in[i] != out[i];
	printf("wrong %d\n", bad);
	SHOW(close(c));
	SHOW(close(s));
	SHOW(close(l));
	return 0;
}
