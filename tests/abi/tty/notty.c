/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Terminal ioctls: ENOTTY on non-terminals, EBADF on closed fds, EFAULT for bad pointers. */
#include "abi.h"

#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	struct termios t;
	struct winsize ws;
	int f, p[2], n;

	abi_make_file("f", "x");
	f = open("f", O_RDWR);
	pipe(p);
	n = open("/dev/null", O_RDWR);
	SHOW(ioctl(f, TCGETS, &t));
	SHOW(ioctl(p[0], TCGETS, &t));
	SHOW(ioctl(n, TCGETS, &t));
	SHOW(ioctl(n, TIOCGWINSZ, &ws));
	SHOW(ioctl(p[1], TCSETS, &t));
	SHOW(ioctl(99, TCGETS, &t));
	SHOW(ioctl(0, TCGETS, ABI_BADPTR));
	SHOW(ioctl(0, TCSETS, ABI_BADPTR));
	unlink("f");
	return 0;
}
