/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* semop blocks until another process raises the value; GETNCNT counts the sleeper; semtimedop times out with EAGAIN. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/sem.h>
#include <time.h>

int main(void)
{
	struct sembuf down = {0, -1, 0}, up = {0, 1, 0};
	struct timespec ts = {0, 50000000}, bad = {0, 2000000000};
	int id = semget(IPC_PRIVATE, 1, 0600), i;
	pid_t pid;

	SHOW(semtimedop(id, &down, 1, &ts));
	SHOW(semtimedop(id, &down, 1, &bad));
	pid = fork();
	if (pid == 0) {
		struct sembuf d = {0, -1, 0};

		_exit(semop(id, &d, 1) == 0 ? 0 : 1);
	}
	/* wait until the child sleeps on the semaphore */
	for (i = 0; i < 1000 && semctl(id, 0, GETNCNT) != 1; i++)
		usleep(1000);
	SHOW(semctl(id, 0, GETNCNT));
	SHOW(semop(id, &up, 1));
	abi_wait_child("child", pid);
	SHOW(semctl(id, 0, GETVAL));
	SHOW(semctl(id, 0, GETNCNT));
	SHOW(semctl(id, 0, IPC_RMID));
	return 0;
}
