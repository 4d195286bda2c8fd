/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Semaphore permissions: another uid gets EACCES from a 0600 set's reads and writes, EPERM from IPC_RMID; 0644 lets it read. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/sem.h>

int main(void)
{
	key_t key = 0x5ab2e000 + (getpid() & 0xfff);
	int id = semget(key, 1, IPC_CREAT | 0600);
	pid_t pid = fork();

	if (pid == 0) {
		struct sembuf up = {0, 1, IPC_NOWAIT};

		if (setuid(1000) != 0)
			_exit(9);
		FACT("get without access bits", semget(key, 1, 0) == id);
		SHOW(semget(key, 1, 0400));
		SHOW(semctl(id, 0, GETVAL));
		SHOW(semop(id, &up, 1));
		SHOW(semctl(id, 0, SETVAL, 1));
		SHOW(semctl(id, 0, IPC_RMID));
		_exit(0);
	}
	abi_wait_child("child", pid);
	struct semid_ds ds;
	semctl(id, 0, IPC_STAT, &ds);
	ds.sem_perm.mode = 0644;
	semctl(id, 0, IPC_SET, &ds);
	pid = fork();
	if (pid == 0) {
		if (setuid(1000) != 0)
			_exit(9);
		FACT("read ok", semget(key, 1, 0444) == id);
		SHOW(semctl(id, 0, GETVAL));
		SHOW(semctl(id, 0, SETVAL, 1));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(semctl(id, 0, IPC_RMID));
	return 0;
}
