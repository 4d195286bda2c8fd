/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SO_RCVBUF bounds what a slow TCP reader has queued while a sender pushes 1 MiB; every byte arrives in order. */
#include "inet_util.h"
#include <sys/ioctl.h>

#define TOTAL  (1 << 20)
#define RCVBUF 16384

int main(void)
{
	static unsigned char buf[65536];
	int l = lo_server(AF_INET, SOCK_STREAM), s, bad = 0, maxq = 0;
	unsigned got = 0;
	pid_t pid;

	SHOW(set_int_opt(l, SOL_SOCKET, SO_RCVBUF, RCVBUF));
	pid = fork();
	if (pid == 0)
		bulk_send(l, TOTAL, 65536);
	s = accept(l, NULL, NULL);
	get_int_opt(s, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF (accepted)");
	for (;;) {
		int q = 0;
		ssize_t r;

		usleep(2000); /* a slow reader: the sender waits for the window */
		if (!ioctl(s, FIONREAD, &q) && got >= TOTAL / 4 && q > maxq)
			maxq = q;
		r = read(s, buf, 4096);
		if (r <= 0) {
			SHOW(r);
			break;
		}
		for (ssize_t i = 0; i < r; i++)
			bad += buf[i] != bulk_byte(got + (unsigned)i);
		got += (unsigned)r;
	}
	printf("received %u bytes, %d wrong\n", got, bad);
	FACT("queued at most 2 * SO_RCVBUF after the first 256 KiB", maxq <= 2 * RCVBUF);
	FACT("queued more than 1 KiB at some point", maxq > 1024);
	abi_wait_child("sender", pid);
	return 0;
}
