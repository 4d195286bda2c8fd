/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_SIGPENDING charges signals queued to one thread: past it a real-time one is EAGAIN; the charge goes when the thread exits. */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <pthread.h>
#include <sys/resource.h>

#define RT 40

static volatile pid_t worker_tid;
static volatile int done;

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!__atomic_load_n(&done, __ATOMIC_SEQ_CST))
		usleep(1000);
	return NULL; /* dies with its signals pending */
}

static void sigq(char *out, size_t n)
{
	char buf[4096], *q;
	int fd = open("/proc/self/status", O_RDONLY);

	abi_read_all(fd, buf, sizeof(buf));
	close(fd);
	q = strstr(buf, "SigQ:");
	snprintf(out, n, "%.*s", q ? (int)strcspn(q, "\n") : 0, q ? q : "");
}

static long tgsigqueue(pid_t tid, int sig)
{
	siginfo_t si = {.si_signo = sig, .si_code = SI_QUEUE};

	return syscall(SYS_rt_tgsigqueueinfo, getpid(), tid, sig, &si);
}

static int user(void *arg)
{
	unsigned id = 100000 + (unsigned)getpid(); /* its own user: nothing else pending */
	struct rlimit r = {3, 3};
	char line[64];
	pthread_t th;
	sigset_t set;

	(void)arg;
	sigfillset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (setrlimit(RLIMIT_SIGPENDING, &r) || setresgid(id, id, id) || setgroups(0, NULL) ||
	    setresuid(id, id, id) || pthread_create(&th, NULL, worker, NULL))
		return 1;
	while (!worker_tid)
		usleep(1000);
	for (int i = 0; i < 4; i++)
		SHOW(tgsigqueue(worker_tid, RT));
	SHOW(syscall(SYS_tgkill, getpid(), worker_tid, RT));
	SHOW(syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1)); /* arrives, without siginfo */
	SHOW(tgsigqueue(worker_tid, SIGUSR2));
	sigq(line, sizeof(line));
	printf("queued: %s\n", line);
	__atomic_store_n(&done, 1, __ATOMIC_SEQ_CST);
	pthread_join(th, NULL);
	for (int n = 0; n < 2000; n++) { /* released a moment after the join */
		sigq(line, sizeof(line));
		if (strcmp(line, "SigQ:\t0/3") == 0)
			break;
		usleep(1000);
	}
	printf("after exit: %s\n", line);
	return 0;
}

int main(void)
{
	abi_run_child("user", user, NULL);
	return 0;
}
