/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_GET_SEALS: F_SEAL_SEAL without MFD_ALLOW_SEALING, none with it, F_SEAL_EXEC (mode 0666) with MFD_NOEXEC_SEAL; EINVAL on other files. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif

int main(void)
{
	struct stat st;
	int fd, p[2];

	fd = syscall(SYS_memfd_create, "a", 0);
	SHOW(fcntl(fd, F_GET_SEALS));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	SHOW(fcntl(fd, F_ADD_SEALS, 0));
	close(fd);
	fd = syscall(SYS_memfd_create, "b", MFD_ALLOW_SEALING);
	SHOW(fcntl(fd, F_GET_SEALS));
	SHOW(fcntl(fd, F_ADD_SEALS, 0));
	SHOW(fcntl(fd, F_GET_SEALS));
	close(fd);
	fd = syscall(SYS_memfd_create, "c", MFD_NOEXEC_SEAL);
	SHOW(fcntl(fd, F_GET_SEALS));
	fstat(fd, &st);
	printf("mode %o\n", (unsigned)st.st_mode);
	close(fd);
	pipe(p);
	SHOW(fcntl(p[0], F_GET_SEALS));
	SHOW(fcntl(p[1], F_ADD_SEALS, F_SEAL_SEAL));
	close(p[0]);
	close(p[1]);
	fd = open("/dev/null", O_RDWR);
	SHOW(fcntl(fd, F_GET_SEALS));
	close(fd);
	SHOW(fcntl(-1, F_GET_SEALS));
	return 0;
}
