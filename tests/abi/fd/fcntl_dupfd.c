/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_DUPFD/F_DUPFD_CLOEXEC: lowest free fd >= arg; EINVAL for arg out of range; EBADF. */
#include "abi.h"

int main(void)
{
	int a = open("/dev/null", O_RDONLY);

	SHOW(fcntl(a, F_DUPFD, 10));
	SHOW(fcntl(a, F_DUPFD, 10));
	SHOW(fcntl(a, F_DUPFD, 0));
	SHOW(fcntl(a, F_DUPFD_CLOEXEC, 10));
	SHOW(fcntl(12, F_GETFD));
	SHOW(fcntl(11, F_GETFD));
	SHOW(fcntl(a, F_DUPFD, 1023));
	SHOW(fcntl(a, F_DUPFD, 1023));
	SHOW(fcntl(a, F_DUPFD, 1024));
	SHOW(fcntl(a, F_DUPFD, -1));
	SHOW(fcntl(99, F_DUPFD, 0));
	return 0;
}
