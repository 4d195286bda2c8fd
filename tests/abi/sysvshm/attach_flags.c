/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* shmat flags: SHM_RDONLY faults on write, SHM_RND rounds, an unaligned address EINVAL, SHM_REMAP replaces, an overlap EINVAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

int main(void)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	char *r, *w, *at, *hole;

	w = shmat(id, NULL, 0);
	r = shmat(id, NULL, SHM_RDONLY);
	CHECK(w != (void *)-1 && r != (void *)-1);
	w[0] = 'W';
	printf("read-only sees %c\n", r[0]);
	abi_probe("write to SHM_RDONLY", r, 1);
	SHOW(mprotect(r, 4096, PROT_READ | PROT_WRITE));
	hole = mmap(NULL, 3 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(hole + 4096, 4096);
	at = shmat(id, hole + 4096 + 10, SHM_RND);
	FACT("SHM_RND rounded down", at == hole + 4096);
	SHOW(shmdt(at));
	SHOW(shmat(id, hole + 4096 + 10, 0));
	SHOW(shmat(id, hole, 0));
	FACT("SHM_REMAP replaces", shmat(id, hole, SHM_REMAP) == hole);
	printf("remapped sees %c\n", hole[0]);
	SHOW(shmat(id, NULL, SHM_REMAP));
	SHOW(shmdt(hole));
	SHOW(shmdt(w));
	SHOW(shmdt(r));
	SHOW(shmctl(id, IPC_RMID, NULL));
	munmap(hole, 3 * 4096);
	return 0;
}
