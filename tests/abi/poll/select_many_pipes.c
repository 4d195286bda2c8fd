/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* select and poll over 100 pipes: only the one written is reported, also when the write comes later. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>
#include <sys/select.h>

#define N 100

int main(void)
{
	static int r[N], w[N];
	static struct pollfd p[N];
	struct timeval tv = {0, 0};
	int maxfd = 0, hits = 0;
	fd_set rd;
	pid_t pid;

	for (int i = 0; i < N; i++) {
		int fds[2];

		if (pipe(fds))
			return 1;
		r[i] = fds[0];
		w[i] = fds[1];
		maxfd = r[i] > maxfd ? r[i] : maxfd;
		p[i] = (struct pollfd){.fd = r[i], .events = POLLIN};
	}
	FD_ZERO(&rd);
	for (int i = 0; i < N; i++)
		FD_SET(r[i], &rd);
	SHOW(select(maxfd + 1, &rd, NULL, NULL, &tv));
	SHOW(write(w[57], "x", 1));
	SHOW(poll(p, N, 0));
	for (int i = 0; i < N; i++)
		if (p[i].revents)
			printf("pipe %d revents %#x\n", i, (unsigned)p[i].revents);
	pid = fork();
	if (pid == 0) {
		usleep(20000);
		write(w[93], "y", 1);
		_exit(0);
	}
	for (int i = 0; i < N; i++)
		FD_SET(r[i], &rd);
	FD_CLR(r[57], &rd);
	SHOW(select(maxfd + 1, &rd, NULL, NULL, NULL)); /* sleeps until the child writes */
	for (int i = 0; i < N; i++)
		if (FD_ISSET(r[i], &rd))
			printf("pipe %d set\n", i), hits++;
	SHOW(hits);
	abi_wait_child("child", pid);
	return 0;
}
