/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/<pid>/task/<tid>/status and stat: Threads, Tgid (the pid), Pid and the first stat field (the tid). */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static volatile int go;
static volatile pid_t tid;
static char buf[4096];

static void *worker(void *arg)
{
	(void)arg;
	tid = (pid_t)syscall(SYS_gettid);
	while (!go)
		usleep(1000);
	return NULL;
}

static void slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	buf[n] = 0;
	if (f)
		fclose(f);
}

static void show_line(const char *label, const char *key)
{
	char *line = strstr(buf, key);

	if (line)
		printf("%s: %.*s\n", label, (int)strcspn(line, "\n"), line);
}

int main(void)
{
	pthread_t th;
	char path[64], key[64];

	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!tid)
		usleep(1000);
	slurp("/proc/self/status");
	show_line("process", "Threads:");
	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", getpid(), tid);
	slurp(path);
	show_line("thread", "Threads:");
	snprintf(key, sizeof(key), "Tgid:\t%d\n", getpid());
	FACT("thread status: Tgid is the pid", strstr(buf, key) != NULL);
	snprintf(key, sizeof(key), "\nPid:\t%d\n", tid);
	FACT("thread status: Pid is the tid", strstr(buf, key) != NULL);
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	slurp(path);
	FACT("task stat: first field is the tid", atoi(buf) == tid);
	go = 1;
	CHECK(pthread_join(th, NULL) == 0);
	/* a joined thread may linger a moment (Linux wakes the joiner first) */
	for (int n = 0; n < 1000; n++, usleep(1000)) {
		slurp("/proc/self/status");
		if (strstr(buf, "Threads:\t1\n"))
			break;
	}
	show_line("after join", "Threads:");
	return 0;
}
