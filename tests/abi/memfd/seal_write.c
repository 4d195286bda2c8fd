/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SEAL_WRITE: write and shared writable mmap EPERM, mprotect to writable EACCES; private maps and resizing still work. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char *m, buf[4] = {0};
	int fd;

	fd = syscall(SYS_memfd_create, "w", MFD_ALLOW_SEALING);
	SHOW(write(fd, "abc", 3));
	SHOW(ftruncate(fd, 4096));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	SHOW(fcntl(fd, F_GET_SEALS));
	SHOW(write(fd, "x", 1));
	SHOW(pwrite(fd, "x", 1, 0));
	SHOW(write(fd, "", 0));
	SHOW_OK(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	printf("shared reads %c%c%c\n", m[0], m[1], m[2]);
	SHOW(mprotect(m, 4096, PROT_READ | PROT_WRITE));
	munmap(m, 4096);
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED);
	m[0] = 'Z';
	munmap(m, 4096);
	SHOW(pread(fd, buf, 3, 0));
	printf("file %s\n", buf);
	SHOW(ftruncate(fd, 100));
	SHOW(ftruncate(fd, 8192));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	close(fd);
	return 0;
}
