/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SEAL_EXEC: on an executable memfd it brings the write, grow and shrink seals; chmod of the x bits EPERM. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif

int main(void)
{
	int fd;

	fd = syscall(SYS_memfd_create, "e", MFD_ALLOW_SEALING);
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_EXEC));
	SHOW(fcntl(fd, F_GET_SEALS));
	SHOW(fchmod(fd, 0644));
	SHOW(fchmod(fd, 0755));
	SHOW(write(fd, "x", 1));
	close(fd);
	fd = syscall(SYS_memfd_create, "n", MFD_NOEXEC_SEAL);
	SHOW(fcntl(fd, F_GET_SEALS));
	SHOW(fchmod(fd, 0755));
	SHOW(fchmod(fd, 0600));
	SHOW(write(fd, "x", 1));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	SHOW(fcntl(fd, F_GET_SEALS));
	close(fd);
	return 0;
}
