/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* semctl GETVAL/SETVAL/GETALL/SETALL/GETPID/GETNCNT/GETZCNT and their errors (ERANGE, EINVAL). */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/sem.h>

int main(void)
{
	unsigned short vals[3] = {1, 2, 3}, out[3];
	int id = semget(IPC_PRIVATE, 3, 0600);

	SHOW(semctl(id, 0, GETVAL));
	SHOW(semctl(id, 1, SETVAL, 7));
	SHOW(semctl(id, 1, GETVAL));
	FACT("pid is mine", semctl(id, 1, GETPID) == getpid());
	SHOW(semctl(id, 0, GETPID));
	SHOW(semctl(id, 1, SETVAL, 32767));
	SHOW(semctl(id, 1, SETVAL, 32768));
	SHOW(semctl(id, 1, SETVAL, -1));
	SHOW(semctl(id, 3, SETVAL, 1));
	SHOW(semctl(id, -1, GETVAL));
	SHOW(semctl(id, 3, GETVAL));
	SHOW(semctl(id, 0, SETALL, vals));
	SHOW(semctl(id, 0, GETALL, out));
	printf("all %d %d %d\n", out[0], out[1], out[2]);
	vals[2] = 40000;
	SHOW(semctl(id, 0, SETALL, vals));
	SHOW(semctl(id, 0, GETALL, ABI_BADPTR));
	SHOW(semctl(id, 0, SETALL, ABI_BADPTR));
	SHOW(semctl(id, 2, GETNCNT));
	SHOW(semctl(id, 2, GETZCNT));
	SHOW(semctl(id, 5, GETNCNT));
	SHOW(semctl(id, 0, 99));
	SHOW(semctl(-1, 0, GETVAL));
	SHOW(semctl(id + 1, 0, GETVAL));
	SHOW(semctl(-1, 0, SETVAL, 99999));
	SHOW(semctl(id, 0, IPC_RMID));
	SHOW(semctl(id, 0, GETVAL));
	return 0;
}
