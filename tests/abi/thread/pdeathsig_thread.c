/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* PR_SET_PDEATHSIG fires when the creating thread exits, though its process lives on; a child of another thread is untouched. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <sys/prctl.h>

static int ready[2], report[2];

/* A child that reports the first signal it gets (or none within 2 s). */
static void child(void)
{
	sigset_t all;
	siginfo_t si;
	struct timespec ts = {2, 0};
	int sig;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	prctl(PR_SET_PDEATHSIG, SIGUSR1);
	write(ready[1], "r", 1);
	sig = sigtimedwait(&all, &si, &ts);
	write(report[1], &sig, sizeof(sig));
	_exit(0);
}

static void *spawner(void *arg)
{
	char c;
	pid_t pid = fork();

	if (pid == 0)
		child();
	*(pid_t *)arg = pid;
	read(ready[0], &c, 1); /* the child has set its signal */
	return NULL;	       /* this thread exits: the child's "parent" is gone */
}

int main(void)
{
	pthread_t t;
	pid_t a = 0, b;
	int sig = 0;
	char c;

	CHECK(pipe(ready) == 0 && pipe(report) == 0);
	CHECK(pthread_create(&t, NULL, spawner, &a) == 0);
	CHECK(pthread_join(t, NULL) == 0);
	read(report[0], &sig, sizeof(sig));
	printf("child of an exited thread got: %s\n", sig > 0 ? strsignal(sig) : "nothing");
	abi_wait_child("first child", a);
	/* the main thread's own child: no thread of ours exits */
	b = fork();
	if (b == 0)
		child();
	read(ready[0], &c, 1);
	read(report[0], &sig, sizeof(sig));
	printf("child of the living main thread got: %s\n", sig > 0 ? strsignal(sig) : "nothing");
	abi_wait_child("second child", b);
	return 0;
}
