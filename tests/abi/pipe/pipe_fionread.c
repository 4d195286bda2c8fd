/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* FIONREAD on a pipe counts the unread bytes on either end. */
#include "abi.h"

#include <sys/ioctl.h>

int main(void)
{
	char buf[16];
	int p[2], n = -1;

	SHOW(pipe(p));
	SHOW(ioctl(p[0], FIONREAD, &n));
	printf("empty: %d\n", n);
	SHOW(write(p[1], "hello", 5));
	SHOW(write(p[1], "world", 5));
	SHOW(ioctl(p[0], FIONREAD, &n));
	printf("after two writes: %d\n", n);
	SHOW(read(p[0], buf, 3));
	SHOW(ioctl(p[1], FIONREAD, &n));
	printf("write end, after reading 3: %d\n", n);
	SHOW(ioctl(p[0], FIONREAD, ABI_BADPTR));
	return 0;
}
