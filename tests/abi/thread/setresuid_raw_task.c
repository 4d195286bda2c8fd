/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A raw setresuid in one thread changes that thread's ids only: /proc/<pid> shows the leader's, task/<tid> each one's. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static pthread_barrier_t changed, done;
static pid_t tid;

static void uid_line(const char *path)
{
	char buf[4096], *l;
	int fd = open(path, O_RDONLY);
	ssize_t n = abi_read_all(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	l = strstr(buf, "\nUid:");
	printf("%s %.*s\n", strstr(path, "task") ? "thread's" : "process's",
	       l ? (int)(strchr(l + 1, '\n') - l - 1) : 0, l ? l + 1 : "");
}

static void *other(void *arg)
{
	tid = syscall(SYS_gettid);
	SHOW(syscall(SYS_setresuid, 1000, 2000, 0));
	printf("thread: getuid %ld geteuid %ld\n", syscall(SYS_getuid), syscall(SYS_geteuid));
	pthread_barrier_wait(&changed);
	pthread_barrier_wait(&done);
	return arg;
}

int main(void)
{
	char path[64];
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&changed, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	pthread_barrier_wait(&changed);
	printf("main: getuid %ld geteuid %ld\n", syscall(SYS_getuid), syscall(SYS_geteuid));
	uid_line("/proc/self/status");
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	uid_line(path);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid); /* a tid as a pid */
	uid_line(path);
	pthread_barrier_wait(&done);
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
