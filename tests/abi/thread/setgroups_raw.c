/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A raw setgroups in one thread changes that thread's supplementary groups only. */
/* abi: glibc */
#include <grp.h>
#include <pthread.h>
#include "abi.h"

static pthread_barrier_t changed, done;
static pid_t tid;

static void groups_line(const char *who, const char *path)
{
	char buf[4096], *l;
	int fd = open(path, O_RDONLY);
	ssize_t n = abi_read_all(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	l = strstr(buf, "\nGroups:");
	printf("%s %.*s\n", who, l ? (int)(strchr(l + 1, '\n') - l - 1) : 0, l ? l + 1 : "");
}

static void *other(void *arg)
{
	gid_t g[] = {30, 10, 20};

	tid = syscall(SYS_gettid);
	SHOW(syscall(SYS_setgroups, 3, g));
	SHOW(syscall(SYS_getgroups, 0, NULL));
	pthread_barrier_wait(&changed);
	pthread_barrier_wait(&done);
	return arg;
}

int main(void)
{
	gid_t none[1];
	char path[64];
	pthread_t t;

	alarm(8);
	SHOW(syscall(SYS_setgroups, 0, none));
	pthread_barrier_init(&changed, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	pthread_barrier_wait(&changed);
	SHOW(syscall(SYS_getgroups, 0, NULL));
	groups_line("main:", "/proc/self/status");
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	groups_line("thread:", path);
	pthread_barrier_wait(&done);
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
