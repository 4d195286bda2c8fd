/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fork inherits attachments (nattch 2, writes shared), the child's exit detaches; a removed segment goes at the last exit. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/shm.h>

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds) == 0 ? (unsigned long)ds.shm_nattch : 999;
}

int main(void)
{
	int id = shmget(IPC_PRIVATE, 8192, 0600), up[2], down[2];
	char *a = shmat(id, NULL, 0), c;
	pid_t pid;

	CHECK(a != (void *)-1);
	pipe(up);
	pipe(down);
	pid = fork();
	if (pid == 0) {
		strcpy(a + 4096, "from child");
		write(up[1], "x", 1);
		read(down[0], &c, 1); /* the parent's go */
		_exit(0);
	}
	read(up[0], &c, 1);
	printf("nattch with child %lu\n", nattch(id));
	printf("parent reads %s\n", a + 4096);
	write(down[1], "x", 1);
	abi_wait_child("child", pid);
	printf("nattch after exit %lu\n", nattch(id));
	pid = fork();
	if (pid == 0) {
		shmdt(a);
		printf("child detached: nattch %lu\n", nattch(id));
		_exit(0);
	}
	abi_wait_child("child", pid);
	SHOW(shmctl(id, IPC_RMID, NULL));
	printf("nattch %lu\n", nattch(id));
	pid = fork();
	if (pid == 0)
		_exit(0);
	abi_wait_child("child", pid);
	SHOW(shmdt(a));
	SHOW(shmctl(id, IPC_STAT, NULL));
	return 0;
}
