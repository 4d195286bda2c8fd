/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A shared mapping of a memfd is shared across fork: the child's writes reach the parent's mapping and the file. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char *m, buf[6] = {0};
	pid_t pid;
	int fd;

	fd = syscall(SYS_memfd_create, "shared", MFD_CLOEXEC);
	SHOW(ftruncate(fd, 8192));
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	memcpy(m, "par", 3);
	pid = fork();
	if (pid == 0) {
		memcpy(m + 4096, "child", 5);
		m[0] = 'P';
		_exit(0);
	}
	abi_wait_child("child", pid);
	printf("parent sees %.3s %.5s\n", m, m + 4096);
	SHOW(pread(fd, buf, 5, 4096));
	printf("file %s\n", buf);
	munmap(m, 8192);
	/* a second mapping of the same fd sees the same bytes */
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	printf("remap %.3s\n", m);
	munmap(m, 4096);
	close(fd);
	return 0;
}
