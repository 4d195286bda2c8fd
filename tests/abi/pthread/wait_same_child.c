/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Two threads block in waitpid() on one child: one reaps it, the other gets ECHILD at once. */
/* abi: glibc */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "abi.h"

static pid_t child;
static volatile pid_t waiter_tid;
static int done[2];
static long waiter_ret;
static int waiter_errno;

static void *waiter(void *arg)
{
	int st;

	waiter_tid = syscall(SYS_gettid);
	waiter_ret = waitpid(child, &st, 0);
	waiter_errno = errno;
	if (write(done[1], "x", 1) != 1)
		return NULL;
	return arg;
}

/* the thread's state letter in /proc/self/task/<tid>/stat */
static char task_state(pid_t tid)
{
	char path[64], buf[256], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	f = fopen(path, "r");
	if (!f)
		return '?';
	p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	return p && p[1] ? p[2] : '?';
}

int main(void)
{
	struct pollfd pfd;
	pthread_t t;
	long r;
	int st, i, e;

	SHOW(pipe(done));
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	QUIET_ERR(pthread_create(&t, NULL, waiter, NULL));
	for (i = 0; i < 500 && (!waiter_tid || task_state(waiter_tid) != 'S'); i++)
		usleep(10000);
	FACT("waiter asleep", task_state(waiter_tid) == 'S');
	SHOW(kill(child, SIGKILL));
	r = waitpid(child, &st, 0);
	e = errno;
	pfd = (struct pollfd){.fd = done[0], .events = POLLIN};
	FACT("waiter returned within 5 s", poll(&pfd, 1, 5000) == 1);
	SHOW_ERR(pthread_join(t, NULL));
	FACT("exactly one reaped", (r == child) != (waiter_ret == child));
	printf("the other: %s\n", abi_errname(r == child ? waiter_errno : e));
	return 0;
}
