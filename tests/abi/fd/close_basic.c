/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* close: EBADF for -1, closed and out-of-range fds; a closed fd 0 is reused by the next open. */
#include "abi.h"

int main(void)
{
	SHOW(close(-1));
	SHOW(close(3));
	SHOW(open("/dev/null", O_RDONLY));
	SHOW(close(3));
	SHOW(close(3));
	SHOW(close(100000));
	SHOW(close(0x7fffffff));
	SHOW(close(0));
	SHOW(open("/dev/null", O_RDONLY));
	SHOW(fcntl(0, F_GETFD));
	return 0;
}
