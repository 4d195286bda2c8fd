/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* dup2: same fd is a validity check, replaces an open target, clears FD_CLOEXEC, EBADF. */
#include "abi.h"

int main(void)
{
	int a = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int b = open("/dev/zero", O_RDONLY);
	char c = 'x';

	SHOW(dup2(a, a));
	SHOW(fcntl(a, F_GETFD));
	SHOW(dup2(b, a));
	SHOW(fcntl(a, F_GETFD));
	SHOW(read(a, &c, 1));
	printf("read from the replaced fd gives %d (it is /dev/zero now)\n", c);
	SHOW(dup2(b, 20));
	SHOW(dup2(b, 1023));
	SHOW(dup2(b, 1024));
	SHOW(dup2(b, -1));
	SHOW(dup2(99, 21));
	SHOW(dup2(99, 99));
	SHOW(fcntl(21, F_GETFD));
	return 0;
}
