/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/task lists every thread (and no more after a join); /proc/<tid> resolves but is not listed in /proc. */
/* abi: glibc */
#include "abi.h"
#include <dirent.h>
#include <pthread.h>

static volatile int go;
static pid_t tids[3];

static void *worker(void *arg)
{
	tids[(long)arg] = (pid_t)syscall(SYS_gettid);
	while (!go)
		usleep(1000);
	return NULL;
}

static int count_dir(const char *path, pid_t want, int *seen)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	*seen = 0;
	while (d && (e = readdir(d))) {
		n += e->d_name[0] != '.';
		*seen |= atoi(e->d_name) == want;
	}
	if (d)
		closedir(d);
	return n;
}

int main(void)
{
	pthread_t th[3];
	char path[64];
	int seen;
	struct stat st;

	for (long i = 0; i < 3; i++)
		CHECK(pthread_create(&th[i], NULL, worker, (void *)i) == 0);
	while (!tids[0] || !tids[1] || !tids[2])
		usleep(1000);
	printf("task entries: %d\n", count_dir("/proc/self/task", tids[1], &seen));
	FACT("a thread is listed in task", seen);
	count_dir("/proc", tids[1], &seen);
	FACT("a thread is listed in /proc", seen);
	snprintf(path, sizeof(path), "/proc/%d", tids[1]);
	FACT("/proc/<tid> resolves", stat(path, &st) == 0);
	snprintf(path, sizeof(path), "/proc/self/task/%d/nonexistent", tids[2]);
	SHOW(open(path, O_RDONLY));
	SHOW(open("/proc/self/task/999999999/stat", O_RDONLY));
	go = 1;
	for (int i = 0; i < 3; i++)
		CHECK(pthread_join(th[i], NULL) == 0);
	/* joined threads may linger a moment (Linux wakes the joiner first) */
	for (int n = 0; n < 1000 && count_dir("/proc/self/task", 0, &seen) > 1; n++)
		usleep(1000);
	printf("task entries after join: %d\n", count_dir("/proc/self/task", 0, &seen));
	return 0;
}
