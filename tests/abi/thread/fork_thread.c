/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork from a non-leader thread: the child is a copy of that thread alone, its tid is its pid. */
/* abi: glibc */
#include "abi.h"
#include <dirent.h>
#include <pthread.h>

static __thread int mine = 1;

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *forker(void *arg)
{
	pid_t child;

	(void)arg;
	mine = 2;
	child = fork();
	if (child == 0) {
		int threads = 0;
		DIR *d = opendir("/proc/self/task");
		struct dirent *e;

		while (d && (e = readdir(d)))
			threads += e->d_name[0] != '.';
		if (d)
			closedir(d);
		printf("child: threads %d, tls %d\n", threads, mine);
		FACT("child: tid is pid", (pid_t)syscall(SYS_gettid) == getpid());
		_exit(4);
	}
	abi_wait_child("child", child);
	return NULL;
}

int main(void)
{
	pthread_t a, b;

	int ra = pthread_create(&a, NULL, sleeper, NULL);
	int rb = pthread_create(&b, NULL, forker, NULL); /* prints from here on */

	CHECK(pthread_join(b, NULL) == 0);
	CHECK(ra == 0 && rb == 0);
	printf("main: tls %d\n", mine);
	return 0;
}
