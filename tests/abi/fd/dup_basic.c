/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* dup: lowest free fd, shared offset and status flags, FD_CLOEXEC not copied, EBADF. */
#include "abi.h"

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	SHOW(write(fd, "0123456789", 10));
	SHOW(dup(fd));
	SHOW(fcntl(fd, F_GETFD));
	SHOW(fcntl(4, F_GETFD));
	SHOW(lseek(4, 2, SEEK_SET));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(fcntl(4, F_SETFL, O_APPEND));
	FACT("O_APPEND on the original", fcntl(fd, F_GETFL) & O_APPEND);
	SHOW(close(fd));
	SHOW(lseek(4, 0, SEEK_CUR));
	SHOW(dup(fd));
	SHOW(dup(-1));
	SHOW(close(3));
	SHOW(close(4));
	SHOW(unlink("f"));
	return 0;
}
