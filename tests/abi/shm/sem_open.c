/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* POSIX named semaphores (a file in /dev/shm, mapped shared): sem_open, O_EXCL, sem_post/sem_wait across fork, sem_unlink. */
/* abi: glibc */
#include "abi.h"

#include <semaphore.h>

int main(void)
{
	char name[32];
	sem_t *s, *again;
	pid_t pid;
	int v = -1;

	/* one name per process: the libc builds of this test run in parallel */
	snprintf(name, sizeof(name), "/abi-shm-%d", (int)getpid());

	sem_unlink(name);
	s = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
	CHECK(s != SEM_FAILED);
	again = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
	printf("O_EXCL again: %s\n", again == SEM_FAILED && errno == EEXIST ? "EEXIST" : "other");
	pid = fork();
	if (pid == 0) {
		sem_t *c = sem_open(name, 0);

		_exit(c != SEM_FAILED && sem_post(c) == 0 && sem_post(c) == 0 ? 0 : 1);
	}
	SHOW(sem_wait(s));
	abi_wait_child("child", pid);
	sem_getvalue(s, &v);
	printf("value %d\n", v);
	SHOW(sem_trywait(s));
	SHOW(sem_trywait(s));
	SHOW(sem_close(s));
	SHOW(sem_unlink(name));
	SHOW(sem_unlink(name));
	return 0;
}
