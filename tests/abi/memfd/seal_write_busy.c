/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SEAL_WRITE is EBUSY while a shared mapping that may write exists (also a PROT_READ one of an O_RDWR fd). */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	void *m, *p;
	int fd;

	fd = syscall(SYS_memfd_create, "b", MFD_ALLOW_SEALING);
	ftruncate(fd, 8192);
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE));
	SHOW(fcntl(fd, F_GET_SEALS));
	munmap(m, 8192);
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	munmap(m, 4096);
	/* private mappings do not count */
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	SHOW(fcntl(fd, F_GET_SEALS));
	munmap(p, 4096);
	close(fd);
	return 0;
}
