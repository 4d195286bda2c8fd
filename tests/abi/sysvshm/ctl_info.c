/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* shmctl IPC_SET, SHM_LOCK/SHM_UNLOCK (mode bit), IPC_INFO, SHM_INFO, SHM_STAT, errors and permissions. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/shm.h>

int main(void)
{
	struct shmid_ds ds;
	struct shminfo si;
	struct shm_info used;
	int id = shmget(IPC_PRIVATE, 10000, 0640);

	SHOW(shmctl(id, IPC_STAT, &ds));
	ds.shm_perm.mode = 0600;
	SHOW(shmctl(id, IPC_SET, &ds));
	SHOW(shmctl(id, SHM_LOCK, NULL));
	shmctl(id, IPC_STAT, &ds);
	printf("locked mode %o\n", (unsigned)ds.shm_perm.mode);
	SHOW(shmctl(id, SHM_UNLOCK, NULL));
	shmctl(id, IPC_STAT, &ds);
	printf("unlocked mode %o\n", (unsigned)ds.shm_perm.mode);
	CHECK(shmctl(0, IPC_INFO, (struct shmid_ds *)&si) >= 0);
	printf("shmmax %lu shmmin %lu shmmni %lu shmseg %lu shmall %lu\n", si.shmmax, si.shmmin,
	       si.shmmni, si.shmseg, si.shmall);
	CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&used) >= 0);
	CHECK(used.used_ids >= 1 && used.shm_tot >= 3);
	FACT("SHM_STAT finds it", shmctl(id % 32768, SHM_STAT, &ds) == id);
	SHOW(shmctl(id, IPC_STAT, ABI_BADPTR));
	SHOW(shmctl(id, IPC_SET, ABI_BADPTR));
	SHOW(shmctl(0, IPC_INFO, ABI_BADPTR));
	SHOW(shmctl(id, 99, &ds));
	SHOW(shmctl(-1, IPC_STAT, &ds));
	pid_t pid = fork();
	if (pid == 0) {
		if (setuid(1000) != 0)
			_exit(9);
		SHOW(shmctl(id, IPC_STAT, &ds));
		SHOW(shmat(id, NULL, SHM_RDONLY));
		SHOW(shmctl(id, IPC_RMID, NULL));
		SHOW(shmctl(id, SHM_LOCK, NULL));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(shmctl(id, IPC_RMID, NULL));
	return 0;
}
