/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve detaches a process's segments: after the child's exec only the parent's attach is counted. */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/shm.h>

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	return shmctl(id, IPC_STAT, &ds) == 0 ? (unsigned long)ds.shm_nattch : 999;
}

int main(int argc, char **argv)
{
	char arg[16];
	int id;
	pid_t pid;

	if (argc > 1) {
		printf("after exec: nattch %lu\n", nattch(atoi(argv[1])));
		return 0;
	}
	id = shmget(IPC_PRIVATE, 4096, 0600);
	CHECK(shmat(id, NULL, 0) != (void *)-1);
	pid = fork();
	if (pid == 0) {
		char *args[] = {argv[0], arg, NULL};

		printf("child before exec: nattch %lu\n", nattch(id));
		snprintf(arg, sizeof(arg), "%d", id);
		execv("/proc/self/exe", args);
		_exit(1);
	}
	abi_wait_child("child", pid);
	SHOW(shmctl(id, IPC_RMID, NULL));
	return 0;
}
