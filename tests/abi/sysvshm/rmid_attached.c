/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* IPC_RMID of an attached segment: SHM_DEST, key gone, memory usable until the last detach, then the id is gone. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
	key_t key = 0x5ab5e000 + (getpid() & 0xfff);
	struct shmid_ds ds;
	char *a;
	int id = shmget(key, 4096, IPC_CREAT | 0600);

	a = shmat(id, NULL, 0);
	CHECK(a != (void *)-1);
	SHOW(shmctl(id, IPC_RMID, NULL));
	SHOW(shmctl(id, IPC_STAT, &ds));
	printf("mode %o key-private %d nattch %lu\n", (unsigned)ds.shm_perm.mode,
	       ds.shm_perm.__key == IPC_PRIVATE, (unsigned long)ds.shm_nattch);
	SHOW(shmget(key, 4096, 0600));
	strcpy(a, "still here");
	printf("%s\n", a);
	/* a removed segment may still be attached by id */
	char *b = shmat(id, NULL, SHM_RDONLY);
	CHECK(b != (void *)-1);
	printf("b %s\n", b);
	SHOW(shmdt(a));
	SHOW(shmctl(id, IPC_STAT, &ds));
	SHOW(shmdt(b));
	SHOW(shmctl(id, IPC_STAT, &ds));
	SHOW(shmctl(id, IPC_RMID, NULL));
	return 0;
}
