/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* semop: all-or-nothing operations, IPC_NOWAIT EAGAIN, ERANGE past SEMVMX, E2BIG past SEMOPM, EFBIG, EINVAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/sem.h>

int main(void)
{
	struct sembuf ops[2], many[501];
	int id = semget(IPC_PRIVATE, 2, 0600);

	ops[0] = (struct sembuf){0, 2, 0};
	ops[1] = (struct sembuf){1, 1, 0};
	SHOW(semop(id, ops, 2));
	printf("vals %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
	ops[0] = (struct sembuf){0, -1, IPC_NOWAIT};
	ops[1] = (struct sembuf){1, -2, IPC_NOWAIT};
	SHOW(semop(id, ops, 2));
	printf("vals %d %d\n", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
	ops[0] = (struct sembuf){1, 0, IPC_NOWAIT};
	SHOW(semop(id, ops, 1));
	ops[0] = (struct sembuf){0, 32767, 0};
	SHOW(semop(id, ops, 1));
	ops[0] = (struct sembuf){0, -2, 0};
	ops[1] = (struct sembuf){1, -1, 0};
	SHOW(semop(id, ops, 2));
	ops[0] = (struct sembuf){0, 0, 0};
	SHOW(semop(id, ops, 1));
	ops[0] = (struct sembuf){2, 1, 0};
	SHOW(semop(id, ops, 1));
	SHOW(semop(id, ops, 0));
	memset(many, 0, sizeof(many));
	SHOW(semop(id, many, 501));
	SHOW(semop(id, many, 500));
	SHOW(semop(id, ABI_BADPTR, 1));
	SHOW(semop(-1, ops, 1));
	SHOW(semop(id + 1, ops, 1));
	ops[0] = (struct sembuf){0, 1, 0};
	SHOW(syscall(SYS_semtimedop, id, ops, 1, ABI_BADPTR));
	semctl(id, 0, IPC_RMID);
	SHOW(semop(id, ops, 1));
	return 0;
}
