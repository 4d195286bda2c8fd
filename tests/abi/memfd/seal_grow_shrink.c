/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SEAL_GROW and F_SEAL_SHRINK: ftruncate and fallocate EPERM, a write stops at the last page boundary within the file. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	int fd;

	fd = syscall(SYS_memfd_create, "g", MFD_ALLOW_SEALING);
	SHOW(ftruncate(fd, 4096));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	SHOW(ftruncate(fd, 4097));
	SHOW(ftruncate(fd, 4096));
	SHOW(fallocate(fd, 0, 0, 8192));
	SHOW(fallocate(fd, 0, 0, 4096));
	SHOW(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 8192));
	SHOW(write(fd, "abc", 3));
	SHOW(pwrite(fd, "ab", 2, 4095));
	SHOW(pwrite(fd, "ab", 2, 4096));
	SHOW(pwrite(fd, "ab", 2, 5000));
	SHOW(ftruncate(fd, 3000));
	SHOW(pwrite(fd, "ab", 2, 2999));
	SHOW(pwrite(fd, "ab", 2, 2998));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
	SHOW(ftruncate(fd, 2999));
	SHOW(ftruncate(fd, 3000));
	SHOW(fcntl(fd, F_GET_SEALS));
	close(fd);
	fd = syscall(SYS_memfd_create, "g2", MFD_ALLOW_SEALING);
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	SHOW(write(fd, "x", 1));
	SHOW(fcntl(fd, F_SETFL, O_APPEND));
	SHOW(write(fd, "x", 1));
	close(fd);
	return 0;
}
