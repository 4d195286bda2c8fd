/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGSTOP stops every thread of a process and is reported once; SIGCONT resumes them all and is reported once. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>

static volatile unsigned long ticks[3];

static void *spinner(void *arg)
{
	long i = (long)arg;

	for (;;)
		ticks[i]++;
	return NULL;
}

int main(void)
{
	int pfd[2];
	pid_t child;
	int st;

	CHECK(pipe(pfd) == 0);
	child = fork();
	if (child == 0) {
		pthread_t th;

		for (long i = 0; i < 2; i++)
			pthread_create(&th, NULL, spinner, (void *)i);
		close(pfd[0]);
		write(pfd[1], "x", 1);
		for (;;)
			pause();
	}
	close(pfd[1]);
	char c;
	CHECK(read(pfd[0], &c, 1) == 1);
	SHOW(kill(child, SIGSTOP));
	SHOW(waitpid(child, &st, WUNTRACED) == child);
	FACT("stopped by SIGSTOP", WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	SHOW(waitpid(child, &st, WUNTRACED | WNOHANG));
	SHOW(kill(child, SIGCONT));
	SHOW(waitpid(child, &st, WCONTINUED) == child);
	FACT("continued", WIFCONTINUED(st));
	SHOW(waitpid(child, &st, WCONTINUED | WNOHANG));
	SHOW(kill(child, SIGSTOP));
	SHOW(waitpid(child, &st, WUNTRACED) == child);
	SHOW(kill(child, SIGKILL));
	abi_wait_child("child", child);
	return 0;
}
