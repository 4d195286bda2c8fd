/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Named semaphores (files in /dev/shm): O_CREAT|O_EXCL EEXIST, shared across fork, sem_unlink ENOENT after. */
/* abi: glibc */
#include <semaphore.h>
#include "abi.h"

int main(void)
{
	char name[64];
	sem_t *a, *b;
	int value = -1;
	pid_t pid;

	alarm(8);
	/* The three builds run in parallel natively: a name per process. */
	snprintf(name, sizeof(name), "/abi-sem-open-%d", (int)getpid());
	SHOW(sem_unlink(name));
	a = sem_open(name, O_RDWR);
	printf("open missing: %s\n", a == SEM_FAILED ? abi_errname(errno) : "opened");
	a = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
	printf("create: %s\n", a == SEM_FAILED ? abi_errname(errno) : "ok");
	if (a == SEM_FAILED)
		return 1;
	b = sem_open(name, O_CREAT | O_EXCL, 0600, 1);
	printf("create again: %s\n", b == SEM_FAILED ? abi_errname(errno) : "ok");
	b = sem_open(name, 0);
	printf("reopen: %s\n", b == SEM_FAILED ? abi_errname(errno) : "ok");
	SHOW(sem_wait(a));
	pid = fork();
	if (pid == 0) {
		sem_t *c = sem_open(name, 0);

		_exit(c != SEM_FAILED && sem_post(c) == 0 ? 0 : 1);
	}
	abi_wait_child("child posting by name", pid);
	if (b != SEM_FAILED) {
		SHOW(sem_getvalue(b, &value));
		printf("value = %d\n", value);
		SHOW(sem_close(b));
	}
	SHOW(sem_close(a));
	SHOW(sem_unlink(name));
	SHOW(sem_unlink(name));
	return 0;
}
