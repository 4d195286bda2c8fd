/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mprotect errors (raw syscall): EINVAL (alignment, prot), ENOMEM (unmapped), EACCES. */
#include "abi.h"

#include <sys/mman.h>

static long sys_mprotect(void *p, long len, long prot)
{
	return syscall(SYS_mprotect, p, len, prot);
}

int main(void)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *f;
	int fd;

	CHECK(p != MAP_FAILED);
	SHOW(munmap(p + 2 * 4096, 4096)); /* a known hole after two pages */
	SHOW(sys_mprotect(p + 1, 4096, PROT_READ));
	SHOW(sys_mprotect(p, 4096, 0x1000));
	SHOW(sys_mprotect(p, 0, PROT_READ));
	SHOW(sys_mprotect(p, 4097, PROT_READ | PROT_WRITE));
	SHOW(sys_mprotect(p, 3 * 4096, PROT_READ));
	SHOW(sys_mprotect(p + 2 * 4096, 4096, PROT_READ));
	SHOW(sys_mprotect(p, -4096L, PROT_READ));
	abi_make_file("f", "data");
	fd = open("f", O_RDONLY);
	f = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(f != MAP_FAILED);
	SHOW(sys_mprotect(f, 4096, PROT_READ | PROT_WRITE));
	f = mmap(f, 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
	SHOW(sys_mprotect(f, 4096, PROT_READ | PROT_WRITE));
	munmap(f, 4096);
	munmap(p, 2 * 4096);
	close(fd);
	unlink("f");
	return 0;
}
