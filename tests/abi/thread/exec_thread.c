/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve from a non-leader thread: the other threads die, the new program runs with the old pid as its only thread. */
/* abi: glibc */
#include "abi.h"
#include <dirent.h>
#include <pthread.h>

static char pidbuf[32];
static char *self_path;

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *execer(void *arg)
{
	char *argv[] = {self_path, "after", pidbuf, NULL};
	char *envp[] = {NULL};

	(void)arg;
	usleep(5000);
	execve(self_path, argv, envp);
	printf("execve failed: %s\n", strerror(errno));
	exit(1);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th;

	if (argc == 3 && strcmp(argv[1], "after") == 0) {
		int threads = 0;
		DIR *d = opendir("/proc/self/task");
		struct dirent *e;

		while (d && (e = readdir(d)))
			threads += e->d_name[0] != '.';
		if (d)
			closedir(d);
		FACT("same pid after exec", atoi(argv[2]) == getpid());
		FACT("tid is the pid", (pid_t)syscall(SYS_gettid) == getpid());
		printf("threads: %d\n", threads);
		return 5;
	}
	self_path = argv[0];
	pid_t child = fork();

	if (child == 0) {
		snprintf(pidbuf, sizeof(pidbuf), "%d", getpid());
		pthread_create(&th, NULL, sleeper, NULL);
		pthread_create(&th, NULL, execer, NULL);
		for (;;)
			pause();
	}
	abi_wait_child("child", child);
	return 0;
}
