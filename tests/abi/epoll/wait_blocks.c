/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* epoll_wait sleeps until another process writes, times out, and a signal ends it with EINTR. */
/* abi: glibc */
#include "abi.h"

#include <signal.h>
#include <sys/epoll.h>
#include <time.h>

static void on_alarm(int sig)
{
	(void)sig;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int main(void)
{
	struct epoll_event ev = {.events = EPOLLIN}, out;
	struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = SA_RESTART};
	struct timespec t0, ts = {0, 30000000};
	int ep = epoll_create1(0), fds[2];
	pid_t pid;

	SHOW(pipe(fds));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	pid = fork();
	if (pid == 0) {
		usleep(30000);
		write(fds[1], "x", 1);
		_exit(0);
	}
	SHOW(epoll_wait(ep, &out, 1, 5000));
	abi_wait_child("child", pid);
	SHOW(read(fds[0], &out, 1));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	SHOW(epoll_wait(ep, &out, 1, 50));
	FACT("waited at least 40 ms", ms_since(&t0) >= 40);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	SHOW(syscall(SYS_epoll_pwait2, ep, &out, 1, &ts, NULL, 8));
	FACT("pwait2 waited at least 20 ms", ms_since(&t0) >= 20);
	SHOW(sigaction(SIGALRM, &sa, NULL));
	alarm(1);
	SHOW(epoll_wait(ep, &out, 1, -1)); /* EINTR even with SA_RESTART */
	return 0;
}
