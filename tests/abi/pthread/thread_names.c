/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Thread names: setname_np of 16+ bytes ERANGE; the name shows in getname_np and /proc/self/task/<tid>/comm. */
/* abi: glibc */
#include <pthread.h>
#include <sys/prctl.h>
#include "abi.h"

static pthread_barrier_t named, done;
static volatile long tid;
static char seen[16];

static void *worker(void *arg)
{
	(void)arg;
	tid = syscall(SYS_gettid);
	pthread_barrier_wait(&named);
	prctl(PR_GET_NAME, seen);
	pthread_barrier_wait(&done);
	return NULL;
}

static void show_comm(const char *path)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		printf("comm: %s\n", abi_errname(errno));
	else
		printf("comm: %s", buf);
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char name[32] = "", path[64];
	pthread_t t;

	alarm(8);
	pthread_barrier_init(&named, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	if (QUIET_ERR(pthread_create(&t, NULL, worker, NULL)))
		return 1;
	SHOW_ERR(pthread_setname_np(t, "sixteen-bytes-xx"));
	SHOW_ERR(pthread_setname_np(t, "worker-1"));
	SHOW_ERR(pthread_getname_np(t, name, sizeof(name)));
	printf("name: %s\n", name);
	SHOW_ERR(pthread_getname_np(t, name, 4));
	pthread_barrier_wait(&named);
	while (!tid)
		usleep(1000);
	snprintf(path, sizeof(path), "/proc/self/task/%ld/comm", tid);
	show_comm(path);
	show_comm("/proc/self/comm");
	pthread_barrier_wait(&done);
	SHOW_ERR(pthread_join(t, NULL));
	printf("PR_GET_NAME in the thread: %s\n", seen);
	return 0;
}
