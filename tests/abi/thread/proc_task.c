/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/task lists every thread; /proc/<tid> resolves but is not listed; status Threads, Tgid and Pid. */
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

static char buf[4096];

static void grep(const char *path, const char *key)
{
	char *line;
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	buf[n] = 0;
	if (f)
		fclose(f);
	line = strstr(buf, key);
	if (line)
		printf("%s: %.*s\n", path[6] == 's' ? "self" : "tid", (int)strcspn(line, "\n"),
		       line);
}

int main(void)
{
	pthread_t th[3];
	char path[64], key[64];
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
	grep("/proc/self/status", "Threads:");
	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", getpid(), tids[1]);
	snprintf(key, sizeof(key), "Tgid:\t%d\n", getpid());
	grep(path, "Threads:");
	FACT("thread status: Tgid is the pid", strstr(buf, key) != NULL);
	snprintf(key, sizeof(key), "\nPid:\t%d\n", tids[1]);
	FACT("thread status: Pid is the tid", strstr(buf, key) != NULL);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tids[2]);
	FILE *f = fopen(path, "r");
	int first = 0;
	FACT("task stat opens", f != NULL);
	if (f && fscanf(f, "%d", &first) == 1)
		FACT("task stat: first field is the tid", first == tids[2]);
	if (f)
		fclose(f);
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
	grep("/proc/self/status", "Threads:");
	return 0;
}
