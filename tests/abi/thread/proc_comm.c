/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/task/<tid>/comm: per-thread names, writable within the process (newline kept, cut at 15), EINVAL for another's. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <sys/prctl.h>

static volatile int go;
static pid_t tid;
static char seen[16];

static void *worker(void *arg)
{
	(void)arg;
	prctl(PR_SET_NAME, "wrk");
	tid = (pid_t)syscall(SYS_gettid);
	while (!go)
		usleep(1000);
	prctl(PR_GET_NAME, seen);
	return NULL;
}

static void show(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	buf[n > 0 ? n : 0] = 0;
	printf("%s = \"%s\"\n", path[11] == 't' ? "task comm" : "comm", buf);
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	pthread_t th;
	char path[64];
	int fd;

	prctl(PR_SET_NAME, "leader");
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!tid)
		usleep(1000);
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tid);
	show(path);
	show("/proc/self/comm");
	fd = open(path, O_WRONLY);
	SHOW(write(fd, "renamed\n", 8));
	close(fd);
	show(path);
	fd = open(path, O_WRONLY);
	SHOW(write(fd, "0123456789abcdefghij", 20));
	close(fd);
	show(path);
	go = 1;
	CHECK(pthread_join(th, NULL) == 0);
	printf("thread saw: \"%s\"\n", seen);
	show("/proc/self/comm");
	fd = open("/proc/1/comm", O_WRONLY);
	SHOW(write(fd, "x", 1));
	close(fd);
	return 0;
}
