/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* pidfd_open of a live thread that leads no process is ENOENT. */
/* abi: glibc */
#include "abi.h"
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>

static int tid;
static sem_t ready, done;

static void *thread(void *arg)
{
	(void)arg;
	tid = (int)syscall(SYS_gettid);
	sem_post(&ready);
	sem_wait(&done);
	return NULL;
}

int main(void)
{
	pthread_t t;

	sem_init(&ready, 0, 0);
	sem_init(&done, 0, 0);
	pthread_create(&t, NULL, thread, NULL);
	sem_wait(&ready);
	SHOW(syscall(SYS_pidfd_open, tid, 0));
	sem_post(&done);
	pthread_join(t, NULL);
	return 0;
}
