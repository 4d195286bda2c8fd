/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Page 0 is below vm.mmap_min_addr: without CAP_SYS_RAWIO mmap/mremap/shmat there give EPERM. */
#include "abi.h"

#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static int prot = PROT_READ | PROT_WRITE, anon = MAP_PRIVATE | MAP_ANONYMOUS;

/* the system call itself: musl turns this EPERM into ENOMEM for MAP_FIXED_NOREPLACE */
static void at_zero(const char *what, int flags, int fd)
{
	void *q = (void *)syscall(SYS_mmap, NULL, 4096, PROT_READ, flags, fd, 0);

	printf("%s at 0: %s\n", what, q == MAP_FAILED ? abi_errname(errno) : "mapped");
	if (q != MAP_FAILED)
		munmap(q, 4096);
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0666);
	char *hint = (char *)4096, *p, *q;
	pid_t pid;

	CHECK(fd >= 0 && ftruncate(fd, 4096) == 0 && shm >= 0);
	at_zero("root: MAP_FIXED anonymous", anon | MAP_FIXED, -1);
	pid = fork();
	if (pid == 0) {
		CHECK(setuid(65534) == 0);
		at_zero("MAP_FIXED anonymous", anon | MAP_FIXED, -1);
		at_zero("MAP_FIXED_NOREPLACE", anon | MAP_FIXED_NOREPLACE, -1);
		at_zero("MAP_FIXED shared file", MAP_SHARED | MAP_FIXED, fd);
		at_zero("MAP_FIXED private file", MAP_PRIVATE | MAP_FIXED, fd);
		q = mmap(hint, 4096, prot, anon, -1, 0);
		FACT("a hint of page 1 maps at or above it", q != MAP_FAILED && q >= hint);
		p = mmap(NULL, 4096, prot, anon, -1, 0);
		CHECK(p != MAP_FAILED);
		q = mremap(p, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, NULL);
		printf("mremap MREMAP_FIXED to 0: %s\n",
		       q == MAP_FAILED ? abi_errname(errno) : "moved");
		p = shmat(shm, (void *)2048, SHM_RND);
		printf("shmat at 2048 rounded to 0: %s\n",
		       p == (void *)-1 ? abi_errname(errno) : "attached");
		abi_probe("read NULL", (volatile char *)NULL, 0);
		_exit(0);
	}
	abi_wait_child("unprivileged child", pid);
	SHOW(shmctl(shm, IPC_RMID, NULL));
	SHOW(unlink("f"));
	return 0;
}
