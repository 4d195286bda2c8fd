/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* shmget sizes: 0 EINVAL, 1 byte fine, more than memory ENOMEM (unless SHM_NORESERVE), SHMMAX's edge, past it EINVAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/shm.h>

#ifndef SHM_NORESERVE
#define SHM_NORESERVE 010000
#endif

static void get(size_t size, int flag)
{
	int id = shmget(IPC_PRIVATE, size, 0600 | flag);

	if (id < 0)
		printf("shmget(%#zx, %#o) = -1 %s\n", size, flag, abi_errname(errno));
	else
		printf("shmget(%#zx, %#o) = ok\n", size, flag);
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
}

int main(void)
{
	get(0, 0);
	get(1, 0);
	get(1ul << 50, 0);
	get(1ul << 50, SHM_NORESERVE);
	get((size_t)-1 - (1ul << 24), 0);
	get((size_t)-1 - (1ul << 24) + 1, 0);
	get((size_t)-1, 0);
	return 0;
}
