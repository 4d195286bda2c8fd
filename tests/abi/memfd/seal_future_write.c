/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SEAL_FUTURE_WRITE: new writes and writable shared maps EPERM, but existing writable maps keep writing. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char *w, *r, buf[2] = {0};
	int fd;

	fd = syscall(SYS_memfd_create, "f", MFD_ALLOW_SEALING);
	ftruncate(fd, 4096);
	w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(w != MAP_FAILED);
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE));
	SHOW(fcntl(fd, F_GET_SEALS));
	SHOW(write(fd, "x", 1));
	SHOW_OK(mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, fd, 0));
	r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(r != MAP_FAILED);
	SHOW(mprotect(r, 4096, PROT_READ | PROT_WRITE));
	w[0] = 'Q';
	printf("new map sees %c\n", r[0]);
	SHOW(pread(fd, buf, 1, 0));
	printf("file %s\n", buf);
	SHOW(ftruncate(fd, 8192));
	munmap(w, 4096);
	munmap(r, 4096);
	close(fd);
	return 0;
}
