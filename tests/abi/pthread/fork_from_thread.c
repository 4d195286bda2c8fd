/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork from a non-main thread: the child holds only the caller, whose tid is the child's pid, and can make threads. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static int count_threads(void)
{
	char line[256];
	int n = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		sscanf(line, "Threads: %d", &n);
	if (f)
		fclose(f);
	return n;
}

static void *noop(void *arg)
{
	return arg;
}

static void *forker(void *arg)
{
	pthread_t t;
	void *ret = NULL;
	pid_t pid;

	(void)arg;
	printf("parent has %d threads\n", count_threads());
	pid = fork();
	if (pid == 0) {
		printf("child: threads %d, tid is pid %s\n", count_threads(),
		       syscall(SYS_gettid) == getpid() ? "yes" : "no");
		if (pthread_create(&t, NULL, noop, (void *)4L) == 0 && pthread_join(t, &ret) == 0)
			printf("child: new thread returned %ld\n", (long)ret);
		_exit(3);
	}
	abi_wait_child("child", pid);
	return NULL;
}

static void *sleeper(void *arg)
{
	pause();
	return arg;
}

int main(void)
{
	pthread_t s, t;

	alarm(8);
	if (QUIET_ERR(pthread_create(&s, NULL, sleeper, NULL)))
		return 1;
	if (QUIET_ERR(pthread_create(&t, NULL, forker, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	printf("parent still has %d threads\n", count_threads());
	return 0;
}
