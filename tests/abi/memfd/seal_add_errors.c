/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_ADD_SEALS: unknown bits EINVAL, a read-only descriptor EPERM, an O_PATH one EBADF, nothing more after F_SEAL_SEAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/mman.h>

int main(void)
{
	char path[64];
	int fd, ro;

	fd = syscall(SYS_memfd_create, "s", MFD_ALLOW_SEALING);
	SHOW(fcntl(fd, F_ADD_SEALS, 0x1000));
	SHOW(fcntl(fd, F_ADD_SEALS, -1));
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ro = open(path, O_RDONLY);
	SHOW(fcntl(ro, F_ADD_SEALS, F_SEAL_GROW));
	SHOW(fcntl(ro, F_ADD_SEALS, 0x1000));
	SHOW(fcntl(ro, F_GET_SEALS));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
	SHOW(fcntl(ro, F_GET_SEALS));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_GROW));
	SHOW(fcntl(fd, F_GET_SEALS));
	SHOW(fcntl(fd, F_ADD_SEALS, 0));
	SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	SHOW(fcntl(fd, F_GET_SEALS));
	close(ro);
	/* an O_PATH descriptor takes neither */
	ro = open(path, O_PATH);
	SHOW(fcntl(ro, F_GET_SEALS));
	SHOW(fcntl(ro, F_ADD_SEALS, 0));
	close(ro);
	close(fd);
	return 0;
}
