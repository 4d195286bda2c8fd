/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* After unshare(CLONE_FILES) a thread has its own descriptor table: closes and opens elsewhere are not seen. */
/* abi: glibc */
#include <pthread.h>
#include <sched.h>
#include "abi.h"

static pthread_barrier_t step;
static int fd_a, fd_b, fd_t;

static void *other(void *arg)
{
	SHOW(unshare(CLONE_FILES));
	fd_t = open("/dev/null", O_RDONLY);
	pthread_barrier_wait(&step); /* the main thread closes fd_a */
	pthread_barrier_wait(&step);
	printf("thread: fd_a %s, fd_b %s\n", fcntl(fd_a, F_GETFD) < 0 ? "closed" : "open",
	       fcntl(fd_b, F_GETFD) < 0 ? "closed" : "open");
	SHOW(close(fd_b));
	pthread_barrier_wait(&step);
	pthread_barrier_wait(&step);
	return arg;
}

int main(void)
{
	pthread_t t;

	alarm(8);
	fd_a = open("/dev/null", O_RDONLY);
	fd_b = open("/dev/null", O_RDONLY);
	pthread_barrier_init(&step, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	pthread_barrier_wait(&step);
	FACT("thread's new fd seen by main", fcntl(fd_t, F_GETFD) >= 0 && fd_t != fd_a);
	SHOW(close(fd_a));
	pthread_barrier_wait(&step);
	pthread_barrier_wait(&step);
	printf("main: fd_b %s\n", fcntl(fd_b, F_GETFD) < 0 ? "closed" : "open");
	pthread_barrier_wait(&step);
	SHOW_ERR(pthread_join(t, NULL));
	SHOW(close(fd_b));
	return 0;
}
