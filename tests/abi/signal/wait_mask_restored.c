/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* ppoll, pselect6 and epoll_pwait(2) put the caller's mask back when they return normally (timeout or ready), not only after a signal. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

/* After a wait under a mask that blocked SIGUSR1: unblocked again? */
static void check(const char *what, long r)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	got = 0;
	kill(getpid(), SIGUSR1);
	printf("%s = %ld: SIGUSR1 blocked after: %s, handled: %d\n", what, r,
	       sigismember(&now, SIGUSR1) ? "yes" : "no", (int)got);
}

int main(void)
{
	struct timespec zero = {0, 0};
	struct epoll_event ev = {.events = EPOLLOUT}, out;
	sigset_t block;
	struct pollfd pfd;
	fd_set wr;
	int p[2], ep = epoll_create1(0);

	signal(SIGUSR1, on_usr1);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	SHOW(pipe(p));
	check("ppoll, timeout",
	      ppoll(&(struct pollfd){.fd = p[0], .events = POLLIN}, 1, &zero, &block));
	pfd = (struct pollfd){.fd = p[1], .events = POLLOUT};
	check("ppoll, ready", ppoll(&pfd, 1, NULL, &block));
	check("pselect, timeout", pselect(0, NULL, NULL, NULL, &zero, &block));
	FD_ZERO(&wr);
	FD_SET(p[1], &wr);
	check("pselect, ready", pselect(p[1] + 1, NULL, &wr, NULL, NULL, &block));
	check("epoll_pwait, timeout", epoll_pwait(ep, &out, 1, 0, &block));
	SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev));
	check("epoll_pwait, ready", epoll_pwait(ep, &out, 1, -1, &block));
	check("epoll_pwait2, ready", syscall(SYS_epoll_pwait2, ep, &out, 1, NULL, &block, 8));
	return 0;
}
