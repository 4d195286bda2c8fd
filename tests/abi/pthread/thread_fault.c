/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A fatal signal in one thread (a fault, or abort) ends the whole process, other threads included. */
/* abi: glibc */
#include <pthread.h>
#include "abi.h"

static void *fault(void *arg)
{
	volatile char *p = ABI_BADPTR;

	(void)arg;
	*p = 1;
	return NULL;
}

static void *aborter(void *arg)
{
	(void)arg;
	abort();
}

static int run(void *(*fn)(void *))
{
	pthread_t t;

	if (pthread_create(&t, NULL, fn, NULL) != 0)
		return 1;
	/* The main thread waits forever: only the signal can end it. */
	for (;;)
		pause();
}

static int run_fault(void *arg)
{
	(void)arg;
	return run(fault);
}

static int run_abort(void *arg)
{
	(void)arg;
	return run(aborter);
}

int main(void)
{
	alarm(8);
	abi_run_child("segfaulting thread", run_fault, NULL);
	abi_run_child("aborting thread", run_abort, NULL);
	return 0;
}
