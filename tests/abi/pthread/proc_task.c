/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/task lists one directory per thread, named by tid, the first being the pid; Threads: agrees. */
/* abi: glibc */
#include <dirent.h>
#include <pthread.h>
#include "abi.h"

#define NTHREADS 3

static pthread_barrier_t alive, done;
static volatile long tids[NTHREADS];

static void *worker(void *arg)
{
	tids[(long)arg] = syscall(SYS_gettid);
	pthread_barrier_wait(&alive);
	pthread_barrier_wait(&done);
	return NULL;
}

int main(void)
{
	int n = 0, found_pid = 0, found_tids = 0, threads = -1;
	pthread_t t[NTHREADS];
	struct dirent *d;
	char line[256];
	FILE *f;
	DIR *dir;

	alarm(8);
	pthread_barrier_init(&alive, NULL, NTHREADS + 1);
	pthread_barrier_init(&done, NULL, NTHREADS + 1);
	for (long i = 0; i < NTHREADS; i++)
		if (QUIET_ERR(pthread_create(&t[i], NULL, worker, (void *)i)))
			return 1;
	pthread_barrier_wait(&alive);
	dir = opendir("/proc/self/task");
	while (dir && (d = readdir(dir))) {
		long id = atol(d->d_name);

		if (d->d_name[0] == '.')
			continue;
		n++;
		found_pid += id == getpid();
		for (int i = 0; i < NTHREADS; i++)
			found_tids += id == tids[i] && id != getpid();
	}
	if (dir)
		closedir(dir);
	f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		sscanf(line, "Threads: %d", &threads);
	if (f)
		fclose(f);
	printf("task entries %d, pid among them %d, thread tids %d, Threads: %d\n", n, found_pid,
	       found_tids, threads);
	pthread_barrier_wait(&done);
	for (int i = 0; i < NTHREADS; i++)
		SHOW_ERR(pthread_join(t[i], NULL));
	return 0;
}
