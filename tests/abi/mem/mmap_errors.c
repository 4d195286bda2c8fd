/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mmap errors (raw syscall): EINVAL (length, flags, alignment), EBADF, EACCES, ENODEV, ENOMEM. */
#include "abi.h"

#include <sys/mman.h>

#define RW  (PROT_READ | PROT_WRITE)
#define ANO (MAP_PRIVATE | MAP_ANONYMOUS)

static long sys_mmap(long addr, long len, long prot, long flags, long fd, long off)
{
	return syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

int main(void)
{
	int rd, wr, dir, p[2];

	abi_make_file("f", "0123456789");
	rd = open("f", O_RDONLY);
	wr = open("f", O_WRONLY);
	dir = open(".", O_RDONLY | O_DIRECTORY);
	if (pipe(p) != 0)
		return 1;
	SHOW(sys_mmap(0, 0, RW, ANO, -1, 0));
	SHOW(sys_mmap(0, 4096, RW, MAP_ANONYMOUS, -1, 0));
	SHOW(sys_mmap(0x10001, 4096, RW, ANO | MAP_FIXED, -1, 0));
	SHOW(sys_mmap(0, 4096, RW, MAP_PRIVATE, -1, 0));
	SHOW(sys_mmap(0, 4096, RW, MAP_PRIVATE, 99, 0));
	SHOW(sys_mmap(0, 4096, PROT_READ, MAP_PRIVATE, rd, 100));
	SHOW(sys_mmap(0, 4096, PROT_READ, MAP_PRIVATE, wr, 0));
	SHOW(sys_mmap(0, 4096, RW, MAP_SHARED, rd, 0));
	SHOW_OK(sys_mmap(0, 4096, RW, MAP_PRIVATE, rd, 0));
	SHOW(sys_mmap(0, 4096, PROT_READ, MAP_PRIVATE, dir, 0));
	SHOW(sys_mmap(0, 4096, PROT_READ, MAP_PRIVATE, p[0], 0));
	SHOW(sys_mmap(0, 1L << 62, RW, ANO, -1, 0));
	SHOW(sys_mmap(0, -4096L, RW, ANO, -1, 0));
	SHOW(sys_mmap(0, 4096, RW, 0x7f, -1, 0));
	close(rd);
	close(wr);
	close(dir);
	unlink("f");
	return 0;
}
