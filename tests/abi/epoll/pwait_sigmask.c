/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* epoll_pwait/epoll_pwait2: a blocked signal let through only during the wait, then blocked again. */
/* abi: glibc */
#include "abi.h"

#include <signal.h>
#include <sys/epoll.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

int main(void)
{
	struct epoll_event out;
	sigset_t block, empty, now;
	int ep = epoll_create1(0);
	struct timespec ts = {5, 0};

	signal(SIGUSR1, on_usr1);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	SHOW(sigprocmask(SIG_BLOCK, &block, NULL));
	SHOW(kill(getpid(), SIGUSR1)); /* pending while blocked */
	SHOW(epoll_wait(ep, &out, 1, 10));
	printf("handled %d\n", (int)got);
	SHOW(epoll_pwait(ep, &out, 1, 5000, &empty)); /* delivered at once: EINTR */
	printf("handled %d\n", (int)got);
	sigprocmask(SIG_BLOCK, NULL, &now);
	FACT("SIGUSR1 blocked again", sigismember(&now, SIGUSR1));
	SHOW(kill(getpid(), SIGUSR1));
	SHOW(syscall(SYS_epoll_pwait2, ep, &out, 1, &ts, &empty, 8));
	printf("handled %d\n", (int)got);
	SHOW(epoll_pwait(ep, &out, 1, 0, &block)); /* a mask that blocks: no wait, 0 */
	return 0;
}
