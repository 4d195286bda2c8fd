/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Full duplex: a non-blocking client streams 1 MB while reading the echo a blocking server writes back in 64 KiB pieces (asyncio's huge_content test). */
#include "inet_util.h"
#include <poll.h>

#define SIZE 1000000

static unsigned char out[SIZE], in[SIZE];

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL);
	long sent = 0, got = 0, bad = 0;
	pid_t pid = fork();

	if (pid == 0) {
		static unsigned char buf[65536];
		long left = SIZE;

		close(c);
		while (left) {
			ssize_t r = read(s, buf, left < 65536 ? left : 65536);

			if (r <= 0)
				_exit(1);
			for (ssize_t o = 0; o < r;) {
				ssize_t w = write(s, buf + o, r - o);

				if (w <= 0)
					_exit(2);
				o += w;
			}
			left -= r;
		}
		_exit(0);
	}
	close(s);
	for (long i = 0; i < SIZE; i++)
		out[i] = (unsigned char)(i * 13 + (i >> 11));
	fcntl(c, F_SETFL, O_NONBLOCK);
	while (got < SIZE) {
		struct pollfd p = {c, POLLIN | (sent < SIZE ? POLLOUT : 0), 0};

		if (poll(&p, 1, 10000) <= 0) {
			printf("FAIL: poll timed out: sent %ld got %ld\n", sent, got);
			break;
		}
		if ((p.revents & POLLOUT) && sent < SIZE) {
			ssize_t w = send(c, out + sent, SIZE - sent, 0);

			if (w > 0)
				sent += w;
		}
		if (p.revents & POLLIN) {
			ssize_t r = recv(c, in + got, SIZE - got, 0);

			if (r <= 0)
				break;
			got += r;
		}
	}
	for (long i = 0; i < got; i++)
		bad += in[i] != out[i];
	printf("sent %ld got %ld bad %ld\n", sent, got, bad);
	abi_wait_child("server", pid);
	return 0;
}
