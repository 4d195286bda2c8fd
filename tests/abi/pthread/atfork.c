/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pthread_atfork: prepare handlers run in reverse order, parent and child handlers in order; fork from a thread. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static char trace[32];
static int pos;

static void prepare1(void)
{
	trace[pos++] = 'P';
}
static void prepare2(void)
{
	trace[pos++] = 'p';
}
static void parent1(void)
{
	trace[pos++] = 'A';
}
static void parent2(void)
{
	trace[pos++] = 'a';
}
static void child1(void)
{
	trace[pos++] = 'C';
}
static void child2(void)
{
	trace[pos++] = 'c';
}

static void *forker(void *arg)
{
	pid_t pid;

	(void)arg;
	pid = fork();
	if (pid == 0) {
		printf("child trace: %s\n", trace);
		_exit(0);
	}
	abi_wait_child("child", pid);
	printf("parent trace: %s\n", trace);
	return NULL;
}

int main(void)
{
	pthread_t t;

	alarm(8);
	SHOW_ERR(pthread_atfork(prepare1, parent1, child1));
	SHOW_ERR(pthread_atfork(prepare2, parent2, child2));
	SHOW_ERR(pthread_atfork(NULL, NULL, NULL));
	if (QUIET_ERR(pthread_create(&t, NULL, forker, NULL)))
		return 1;
	SHOW_ERR(pthread_join(t, NULL));
	return 0;
}
