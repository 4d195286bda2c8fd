/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SEM_UNDO: a process's adjustments are reversed at its exit (clamped at 0), and SETVAL clears them. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/sem.h>

static void child_ops(int id, int op0, int op1)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct sembuf ops[2] = {{0, (short)op0, SEM_UNDO}, {1, (short)op1, SEM_UNDO}};

		printf("child semop = %d\n", semop(id, ops, 2));
		printf("child sees %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
		_exit(0);
	}
	abi_wait_child("child", pid);
	printf("after exit %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
}

int main(void)
{
	struct sembuf op = {0, 5, SEM_UNDO};
	int id = semget(IPC_PRIVATE, 2, 0600);

	semctl(id, 1, SETVAL, 3);
	child_ops(id, 4, -2);
	/* the child's undo would take sem 0 below zero: it stops at 0 */
	semctl(id, 0, SETVAL, 0);
	pid_t pid = fork();
	if (pid == 0) {
		struct sembuf up = {0, 3, SEM_UNDO};

		semop(id, &up, 1);
		semctl(id, 0, SETVAL, 1); /* clears every undo of sem 0 */
		_exit(0);
	}
	abi_wait_child("child", pid);
	printf("after setval %d\n", semctl(id, 0, GETVAL));
	SHOW(semop(id, &op, 1));
	op.sem_op = -6;
	SHOW(semop(id, &op, 1));
	printf("own %d\n", semctl(id, 0, GETVAL));
	op = (struct sembuf){0, 32767, SEM_UNDO};
	semctl(id, 0, SETVAL, 0);
	SHOW(semop(id, &op, 1));
	semctl(id, 0, SETVAL, 0);
	op.sem_op = 1;
	SHOW(semop(id, &op, 1));
	SHOW(semctl(id, 0, IPC_RMID));
	return 0;
}
