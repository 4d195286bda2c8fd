/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGCONT drops a stop signal pending on any thread, and a stop signal drops a thread's pending SIGCONT. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static volatile pid_t worker_tid;
static volatile int done;

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!__atomic_load_n(&done, __ATOMIC_SEQ_CST))
		usleep(1000);
	return NULL;
}

static void show(const char *when, pid_t tid)
{
	char path[64], buf[4096];
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	fd = open(path, O_RDONLY);
	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strncmp(l, "SigPnd:", 7) || !strncmp(l, "ShdPnd:", 7))
			printf("%s: %s\n", when, l);
	}
}

int main(void)
{
	pthread_t th;
	sigset_t set;

	sigfillset(&set);
	CHECK(pthread_sigmask(SIG_BLOCK, &set, NULL) == 0);
	CHECK(pthread_create(&th, NULL, worker, NULL) == 0);
	while (!worker_tid)
		usleep(1000);
	SHOW(syscall(SYS_tgkill, getpid(), worker_tid, SIGTSTP));
	SHOW(syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1));
	show("worker's SIGTSTP", worker_tid);
	SHOW(syscall(SYS_tgkill, getpid(), getpid(), SIGCONT));
	show("after SIGCONT", worker_tid);
	SHOW(syscall(SYS_tgkill, getpid(), worker_tid, SIGCONT));
	show("worker's SIGCONT", worker_tid);
	SHOW(syscall(SYS_tgkill, getpid(), getpid(), SIGTTIN));
	show("after SIGTTIN", worker_tid);
	show("main", getpid());
	__atomic_store_n(&done, 1, __ATOMIC_SEQ_CST);
	CHECK(pthread_join(th, NULL) == 0);
	return 0;
}
