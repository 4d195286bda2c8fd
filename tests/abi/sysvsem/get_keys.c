/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* semget: IPC_PRIVATE always new, a key found or made, EEXIST/ENOENT, nsems limits EINVAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/sem.h>

int main(void)
{
	key_t key = 0x5ab1e000 + (getpid() & 0xfff);
	int a, b, id;

	a = semget(IPC_PRIVATE, 2, 0600);
	b = semget(IPC_PRIVATE, 2, 0600);
	CHECK(a >= 0 && b >= 0 && a != b);
	SHOW(semget(key, 1, 0600));
	id = SHOW_OK(semget(key, 3, IPC_CREAT | 0600));
	FACT("same again", semget(key, 3, 0600) == id);
	FACT("fewer is fine", semget(key, 1, 0) == id);
	FACT("zero is fine", semget(key, 0, 0) == id);
	SHOW(semget(key, 4, 0600));
	SHOW(semget(key, 3, IPC_CREAT | IPC_EXCL | 0600));
	SHOW(semget(key, 4, IPC_CREAT | IPC_EXCL | 0600));
	SHOW(semget(IPC_PRIVATE, 0, 0600));
	SHOW(semget(IPC_PRIVATE, -1, 0600));
	SHOW(semget(IPC_PRIVATE, 32001, 0600));
	SHOW(semget(key + 1, 0, IPC_CREAT | 0600));
	SHOW(semctl(id, 0, IPC_RMID));
	SHOW(semctl(id, 0, IPC_RMID));
	SHOW(semget(key, 1, 0600));
	semctl(a, 0, IPC_RMID);
	semctl(b, 0, IPC_RMID);
	return 0;
}
