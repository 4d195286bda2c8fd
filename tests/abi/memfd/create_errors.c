/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* memfd_create's errors: unknown flags, MFD_EXEC with MFD_NOEXEC_SEAL, a name past 249 bytes, a bad pointer. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#define MFD_EXEC	0x0010U
#endif

int main(void)
{
	char name[300];
	int fd;

	SHOW(syscall(SYS_memfd_create, "x", 0x100));
	SHOW(syscall(SYS_memfd_create, "x", 0x80000000u));
	SHOW(syscall(SYS_memfd_create, "x", MFD_EXEC | MFD_NOEXEC_SEAL));
	SHOW(syscall(SYS_memfd_create, ABI_BADPTR, 0));
	SHOW(syscall(SYS_memfd_create, ABI_KERNPTR, 0));
	SHOW(syscall(SYS_memfd_create, NULL, 0));
	/* flags are checked before the name */
	SHOW(syscall(SYS_memfd_create, ABI_BADPTR, 0x100));
	memset(name, 'n', sizeof(name));
	name[249] = 0;
	fd = SHOW(syscall(SYS_memfd_create, name, 0));
	close(fd);
	name[249] = 'n';
	name[250] = 0;
	SHOW(syscall(SYS_memfd_create, name, 0));
	name[299] = 0;
	SHOW(syscall(SYS_memfd_create, name, 0));
	return 0;
}
