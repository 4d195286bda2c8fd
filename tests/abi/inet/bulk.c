/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* 1 MiB over TCP on 127.0.0.1 from a child process, every byte checked, in odd-sized writes and reads. */
#include "inet_util.h"

#define TOTAL (1 << 20)

static unsigned char pat(unsigned i)
{
	return (unsigned char)(i * 7 + (i >> 11));
}

int main(void)
{
	static unsigned char buf[70000];
	int l = lo_server(AF_INET, SOCK_STREAM), s, bad = 0;
	unsigned got = 0;
	pid_t pid = fork();

	if (pid == 0) {
		int c = lo_connect(AF_INET, SOCK_STREAM, l);
		unsigned off = 0;

		while (off < TOTAL) {
			unsigned n = TOTAL - off < 65521 ? TOTAL - off : 65521;

			for (unsigned i = 0; i < n; i++)
				buf[i] = pat(off + i);
			ssize_t w = write(c, buf, n);
			if (w <= 0)
				_exit(2);
			off += (unsigned)w;
		}
		_exit(close(c) ? 3 : 0);
	}
	s = accept(l, NULL, NULL);
	for (;;) {
		ssize_t r = read(s, buf, 4093 + (got % 3) * 30000);

		if (r <= 0) {
			SHOW(r);
			break;
		}
		for (ssize_t i = 0; i < r; i++)
			bad += buf[i] != pat(got + (unsigned)i);
		got += (unsigned)r;
	}
	printf("received %u bytes, %d wrong\n", got, bad);
	abi_wait_child("child", pid);
	return 0;
}
