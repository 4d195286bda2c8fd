/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* 1 MiB over TCP on 127.0.0.1 from a child process, every byte checked, in odd-sized writes and reads. */
#include "inet_util.h"

#define TOTAL (1 << 20)

int main(void)
{
	static unsigned char buf[70000];
	int l = lo_server(AF_INET, SOCK_STREAM), s, bad = 0;
	unsigned got = 0;
	pid_t pid = fork();

	if (pid == 0)
		bulk_send(l, TOTAL, 65521);
	s = accept(l, NULL, NULL);
	for (;;) {
		ssize_t r = read(s, buf, 4093 + (got % 3) * 30000);

		if (r <= 0) {
			SHOW(r);
			break;
		}
		for (ssize_t i = 0; i < r; i++)
			bad += buf[i] != bulk_byte(got + (unsigned)i);
		got += (unsigned)r;
	}
	printf("received %u bytes, %d wrong\n", got, bad);
	abi_wait_child("child", pid);
	return 0;
}
