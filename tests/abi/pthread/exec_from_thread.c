/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve from a non-main thread: the other threads die and the new image runs single-threaded under the same pid. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static char **args;

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

static void *execer(void *arg)
{
	char pid[32];
	char *argv[] = {args[0], "new-image", pid, NULL};

	(void)arg;
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	printf("thread calls execve, %d threads alive\n", count_threads());
	execv(args[0], argv);
	printf("FAIL: execv = -1 %s\n", abi_errname(errno));
	exit(1);
}

static void *sleeper(void *arg)
{
	pause();
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t t;

	alarm(8);
	if (argc == 3) {
		printf("new image: same pid %s, tid is pid %s, threads %d\n",
		       atoi(argv[2]) == getpid() ? "yes" : "no",
		       syscall(SYS_gettid) == getpid() ? "yes" : "no", count_threads());
		return 0;
	}
	args = argv;
	if (QUIET_ERR(pthread_create(&t, NULL, sleeper, NULL)))
		return 1;
	if (QUIET_ERR(pthread_create(&t, NULL, execer, NULL)))
		return 1;
	for (;;)
		pause();
}
