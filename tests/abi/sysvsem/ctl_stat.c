/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* semctl IPC_STAT/IPC_SET/SEM_STAT/IPC_INFO/SEM_INFO: owner, mode, nsems, times, limits. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/sem.h>

int main(void)
{
	struct semid_ds ds;
	struct seminfo si;
	int id = semget(IPC_PRIVATE, 4, 0640), idx;

	SHOW(semctl(id, 0, IPC_STAT, &ds));
	printf("mode %o nsems %lu uid %d cuid %d otime %ld ctime-set %d\n",
	       (unsigned)ds.sem_perm.mode, (unsigned long)ds.sem_nsems,
	       ds.sem_perm.uid == geteuid(), ds.sem_perm.cuid == geteuid(), (long)ds.sem_otime,
	       ds.sem_ctime != 0);
	ds.sem_perm.mode = 0604;
	SHOW(semctl(id, 0, IPC_SET, &ds));
	SHOW(semctl(id, 0, IPC_STAT, &ds));
	printf("mode %o\n", (unsigned)ds.sem_perm.mode);
	SHOW(semctl(id, 0, IPC_STAT, ABI_BADPTR));
	SHOW(semctl(id, 0, IPC_SET, ABI_BADPTR));
	idx = semctl(0, 0, IPC_INFO, &si);
	CHECK(idx >= 0);
	printf("semmni %d semmsl %d semopm %d semvmx %d semmns %d\n", si.semmni, si.semmsl,
	       si.semopm, si.semvmx, si.semmns);
	CHECK(semctl(0, 0, SEM_INFO, &si) >= 0);
	CHECK(si.semusz >= 1 && si.semaem >= 4);
	SHOW(semctl(0, 0, IPC_INFO, ABI_BADPTR));
	/* SEM_STAT takes a slot index and answers the identifier */
	FACT("SEM_STAT finds it", semctl(id % 32768, 0, SEM_STAT, &ds) == id);
	SHOW(semctl(id, 0, IPC_RMID));
	return 0;
}
