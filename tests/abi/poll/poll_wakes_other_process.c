/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* poll and select sleeping on a pipe wake at once when another process writes to it. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>
#include <sys/select.h>
#include <time.h>

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int main(void)
{
	int data[2], go[2];
	struct pollfd p;
	struct timespec t0;
	fd_set rd;
	pid_t pid;
	char c;

	SHOW(pipe(data));
	SHOW(pipe(go));
	pid = fork();
	if (pid == 0) { /* writes whenever the parent says, twice */
		for (int i = 0; i < 2; i++) {
			read(go[0], &c, 1);
			usleep(10000);
			write(data[1], "x", 1);
		}
		_exit(0);
	}
	p = (struct pollfd){.fd = data[0], .events = POLLIN};
	write(go[1], "g", 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	SHOW(poll(&p, 1, 10000));
	printf("revents %#x\n", (unsigned)p.revents);
	FACT("woke within 2 s", ms_since(&t0) < 2000);
	SHOW(read(data[0], &c, 1));
	FD_ZERO(&rd);
	FD_SET(data[0], &rd);
	write(go[1], "g", 1);
	SHOW(select(data[0] + 1, &rd, NULL, NULL, NULL));
	FACT("data[0] set", FD_ISSET(data[0], &rd));
	abi_wait_child("child", pid);
	return 0;
}
