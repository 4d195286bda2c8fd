/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* unshare(CLONE_FS) gives a thread its own umask and cwd; /proc/self/task/<tid>/status shows each thread's Umask, /proc/<tid>/cwd its cwd. */
/* abi: glibc */
#include <pthread.h>
#include <sched.h>
#include <sys/stat.h>
#include "abi.h"

static pthread_barrier_t step;
static pid_t tid;

static void umask_line(const char *who, const char *path)
{
	char buf[4096], *l;
	int fd = open(path, O_RDONLY);
	ssize_t n = abi_read_all(fd, buf, sizeof(buf) - 1);

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	l = strstr(buf, "\nUmask:");
	printf("%s %.*s\n", who, l ? (int)(strchr(l + 1, '\n') - l - 1) : 0, l ? l + 1 : "");
}

static void *other(void *arg)
{
	tid = syscall(SYS_gettid);
	umask(027); /* shared: main sees it */
	SHOW(unshare(CLONE_FS));
	SHOW(unshare(CLONE_FS)); /* already its own */
	umask(077);
	SHOW(chdir("/"));
	pthread_barrier_wait(&step);
	pthread_barrier_wait(&step);
	return arg;
}

int main(void)
{
	char path[64], cwd[4096], here[4096];
	pthread_t t;

	alarm(8);
	umask(022);
	if (!getcwd(here, sizeof(here)))
		return 1;
	pthread_barrier_init(&step, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, other, NULL)))
		return 1;
	pthread_barrier_wait(&step);
	printf("main's umask %03o\n", (unsigned)umask(022));
	FACT("main's cwd unchanged", getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, here));
	umask_line("main:", "/proc/self/status");
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	umask_line("thread:", path);
	snprintf(path, sizeof(path), "/proc/%d/cwd", (int)tid); /* a tid as a pid */
	FACT("thread's cwd is /", readlink(path, cwd, sizeof(cwd)) == 1 && cwd[0] == '/');
	pthread_barrier_wait(&step);
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
