/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IPC_RMID wakes a process sleeping in semop with EIDRM (its exit 3); GETZCNT counts a wait-for-zero. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/sem.h>

int main(void)
{
	int id = semget(IPC_PRIVATE, 1, 0600), i;
	pid_t pid;

	semctl(id, 0, SETVAL, 1);
	pid = fork();
	if (pid == 0) {
		struct sembuf z = {0, 0, 0};
		int r = semop(id, &z, 1);

		/* no output here: it would race with the parent's */
		_exit(r == -1 && errno == EIDRM ? 3 : 1);
	}
	for (i = 0; i < 1000 && semctl(id, 0, GETZCNT) != 1; i++)
		usleep(1000);
	SHOW(semctl(id, 0, GETZCNT));
	SHOW(semctl(id, 0, IPC_RMID));
	abi_wait_child("child", pid);
	return 0;
}
