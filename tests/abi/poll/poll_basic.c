/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* poll/ppoll on pipes: readiness, POLLHUP/POLLERR/POLLNVAL, skipped fds, timeouts, errors. */
#include "abi.h"

#include <poll.h>
#include <time.h>

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void show_revents(const struct pollfd *p, int n)
{
	for (int i = 0; i < n; i++)
		printf("fd[%d].revents = %#x\n", i, (unsigned)p[i].revents);
}

int main(void)
{
	int fds[2];
	struct pollfd p[3];
	struct timespec t0, ts = {0, 50 * 1000 * 1000}, bad = {0, 1000000000};
	long ms;

	SHOW(pipe(fds));
	p[0] = (struct pollfd){.fd = fds[0], .events = POLLIN};
	p[1] = (struct pollfd){.fd = fds[1], .events = POLLOUT};
	p[2] = (struct pollfd){.fd = -1, .events = POLLIN, .revents = 0x7};
	SHOW(poll(p, 3, 0)); /* empty pipe: only the write end */
	show_revents(p, 3);
	SHOW(write(fds[1], "x", 1));
	SHOW(poll(p, 2, -1));
	show_revents(p, 2);
	p[0].events = 0; /* POLLHUP/POLLERR are reported even unasked */
	SHOW(close(fds[1]));
	p[1].fd = 99; /* closed: POLLNVAL */
	SHOW(poll(p, 2, 0));
	show_revents(p, 2);

	SHOW(pipe(fds));
	p[0] = (struct pollfd){.fd = fds[0], .events = POLLIN};
	clock_gettime(CLOCK_MONOTONIC, &t0);
	SHOW(poll(p, 1, 50)); /* times out */
	ms = ms_since(&t0);
	FACT("waited at least 40 ms", ms >= 40);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	SHOW(ppoll(p, 1, &ts, NULL));
	FACT("ppoll waited at least 40 ms", ms_since(&t0) >= 40);
	SHOW(ppoll(p, 1, &bad, NULL));
	SHOW(close(fds[0])); /* the write end alone: POLLERR */
	p[0] = (struct pollfd){.fd = fds[1], .events = POLLOUT};
	SHOW(poll(p, 1, 0));
	show_revents(p, 1);
	SHOW(close(fds[1]));

	SHOW(poll(NULL, 0, 0));
	SHOW(poll(ABI_BADPTR, 1, 0));
	SHOW(syscall(SYS_poll, p, 1u << 20, 0)); /* above RLIMIT_NOFILE */
	return 0;
}
