/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* 4 MiB through a stream socket to a forked reader, in odd-sized writes and reads: every byte arrives, in order. */
/* abi: glibc */
#include "abi.h"
#include <sys/socket.h>

#define TOTAL (4 << 20)

static int reader(int fd)
{
	static unsigned char buf[7777];
	long got = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++, got++)
			if (buf[i] != (unsigned char)(got * 7 + got / 251))
				return 2;
	return got == TOTAL ? 0 : 1;
}

int main(void)
{
	static unsigned char buf[100003];
	int sv[2];
	long sent = 0;
	pid_t pid;

	SHOW(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		_exit(reader(sv[1]));
	}
	close(sv[1]);
	while (sent < TOTAL) {
		long n = TOTAL - sent < (long)sizeof(buf) ? TOTAL - sent : (long)sizeof(buf);
		ssize_t w;

		for (long i = 0; i < n; i++)
			buf[i] = (unsigned char)((sent + i) * 7 + (sent + i) / 251);
		w = write(sv[0], buf, n);
		if (w <= 0)
			break;
		sent += w;
	}
	printf("sent all: %d\n", sent == TOTAL);
	close(sv[0]);
	abi_wait_child("reader", pid);
	return 0;
}
