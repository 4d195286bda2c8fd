/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A process-shared semaphore in MAP_SHARED memory: a parent blocks in sem_wait until its child posts. */
/* abi: glibc */
#include <semaphore.h>
#include <sys/mman.h>
#include "abi.h"

int main(void)
{
	sem_t *sem;
	int value = -1;
	pid_t pid;

	alarm(8);
	sem = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sem == MAP_FAILED)
		return 1;
	SHOW(sem_init(&sem[0], 1, 0));
	SHOW(sem_init(&sem[1], 1, 0));
	pid = fork();
	if (pid == 0) {
		/* Give the parent time to block first. */
		usleep(100000);
		sem_post(&sem[0]);
		sem_wait(&sem[1]);
		_exit(7);
	}
	SHOW(sem_wait(&sem[0]));
	SHOW(sem_post(&sem[1]));
	abi_wait_child("child", pid);
	SHOW(sem_getvalue(&sem[0], &value));
	printf("value = %d\n", value);
	SHOW(sem_post(&sem[0]));
	pid = fork();
	if (pid == 0)
		_exit(sem_trywait(&sem[0]) == 0 ? 0 : 1);
	abi_wait_child("child taking the post", pid);
	SHOW(sem_trywait(&sem[0]));
	SHOW(sem_destroy(&sem[0]));
	return 0;
}
