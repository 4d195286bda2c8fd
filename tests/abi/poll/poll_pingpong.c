/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* 200 ping-pongs between two processes, each side sleeping in poll: no timed re-check latency. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>
#include <time.h>

#define ROUNDS 200

static void pong(int in, int out, int rounds)
{
	struct pollfd p = {.fd = in, .events = POLLIN};
	char c;

	for (int i = 0; i < rounds; i++) {
		if (poll(&p, 1, 5000) != 1 || read(in, &c, 1) != 1 || write(out, &c, 1) != 1)
			_exit(1);
	}
}

int main(void)
{
	int a[2], b[2];
	struct timespec t0, t1;
	struct pollfd p;
	int ok = 1;
	pid_t pid;
	char c = 'x';

	SHOW(pipe(a));
	SHOW(pipe(b));
	pid = fork();
	if (pid == 0) {
		pong(a[0], b[1], ROUNDS);
		_exit(0);
	}
	p = (struct pollfd){.fd = b[0], .events = POLLIN};
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < ROUNDS && ok; i++)
		ok = write(a[1], &c, 1) == 1 && poll(&p, 1, 5000) == 1 && read(b[0], &c, 1) == 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	FACT("all rounds", ok);
	FACT("under a second",
	     (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 1000);
	abi_wait_child("child", pid);
	return 0;
}
