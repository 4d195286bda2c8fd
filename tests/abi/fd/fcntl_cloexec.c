/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_GETFD/F_SETFD keep only FD_CLOEXEC; unknown commands are EINVAL; closed fds EBADF. */
#include "abi.h"

int main(void)
{
	int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_RDONLY | O_CLOEXEC);

	SHOW(fcntl(a, F_GETFD));
	SHOW(fcntl(b, F_GETFD));
	SHOW(fcntl(a, F_SETFD, FD_CLOEXEC));
	SHOW(fcntl(a, F_GETFD));
	SHOW(fcntl(a, F_SETFD, 0xfe));
	SHOW(fcntl(a, F_GETFD));
	SHOW(fcntl(a, F_SETFD, 0xff));
	SHOW(fcntl(a, F_GETFD));
	SHOW(fcntl(b, F_SETFD, 0));
	SHOW(fcntl(b, F_GETFD));
	SHOW(fcntl(a, 9999));
	SHOW(fcntl(a, -1));
	SHOW(fcntl(99, F_GETFD));
	SHOW(fcntl(99, F_SETFD, 0));
	return 0;
}
