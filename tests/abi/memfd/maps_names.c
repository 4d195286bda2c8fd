/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/self/maps names a memfd mapping "/memfd:NAME (deleted)" and a System V segment "/SYSV00000000 (deleted)". */
/* abi: glibc */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

static void name_of(void *addr)
{
	char line[512], want[32];
	FILE *f = fopen("/proc/self/maps", "r");

	snprintf(want, sizeof(want), "%lx-", (unsigned long)addr);
	while (f && fgets(line, sizeof(line), f)) {
		char *name = line;

		if (strncmp(line, want, strlen(want)))
			continue;
		for (int field = 0; field < 5 && name; field++) /* skip range perms off dev inode */
			name = strchr(name + 1, ' ');
		while (name && *name == ' ')
			name++;
		printf("perms %.4s name %s", strchr(line, ' ') + 1, name ? name : "?\n");
	}
	if (f)
		fclose(f);
}

int main(void)
{
	int fd = syscall(SYS_memfd_create, "mapped", 0);
	int id = shmget(IPC_PRIVATE, 4096, 0600);
	void *m, *s;

	ftruncate(fd, 4096);
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	name_of(m);
	s = shmat(id, NULL, SHM_RDONLY);
	name_of(s);
	shmdt(s);
	shmctl(id, IPC_RMID, NULL);
	munmap(m, 4096);
	close(fd);
	return 0;
}
