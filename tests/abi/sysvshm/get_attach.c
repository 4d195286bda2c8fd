/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* shmget/shmat/shmdt: a zeroed segment shared by two attaches, nattch counted, sizes checked, EEXIST/ENOENT. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
	key_t key = 0x5ab4e000 + (getpid() & 0xfff);
	struct shmid_ds ds;
	char *a, *b;
	int id;

	SHOW(shmget(key, 4096, 0600));
	id = SHOW_OK(shmget(key, 5000, IPC_CREAT | 0600));
	SHOW(shmget(key, 5000, IPC_CREAT | IPC_EXCL | 0600));
	FACT("smaller is fine", shmget(key, 100, 0) == id);
	SHOW(shmget(key, 5001, 0));
	SHOW(shmget(IPC_PRIVATE, 0, 0600));
	a = shmat(id, NULL, 0);
	b = shmat(id, NULL, 0);
	CHECK(a != (void *)-1 && b != (void *)-1 && a != b);
	printf("zeroed %d %d\n", a[0], a[4999]);
	strcpy(a + 4500, "shared");
	printf("b sees %s\n", b + 4500);
	SHOW(shmctl(id, IPC_STAT, &ds));
	printf("segsz %lu nattch %lu mode %o cpid-mine %d lpid-mine %d\n",
	       (unsigned long)ds.shm_segsz, (unsigned long)ds.shm_nattch,
	       (unsigned)ds.shm_perm.mode, ds.shm_cpid == getpid(), ds.shm_lpid == getpid());
	SHOW(shmdt(a));
	SHOW(shmdt(a));
	SHOW(shmdt(b + 1));
	SHOW(shmdt(b + 4096));
	shmctl(id, IPC_STAT, &ds);
	printf("nattch %lu\n", (unsigned long)ds.shm_nattch);
	SHOW(shmdt(b));
	SHOW(shmat(-1, NULL, 0));
	SHOW(shmat(id + 1, NULL, 0));
	SHOW(shmctl(id, IPC_RMID, NULL));
	SHOW(shmat(id, NULL, 0));
	return 0;
}
