/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TCFLSH, TCSBRK, FIONREAD on a terminal; EINVAL queue; TIOCGPGRP ENOTTY without a ctty. */
#include "abi.h"

#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	int n = -1;
	pid_t pg;

	SHOW(ioctl(0, TCFLSH, TCIFLUSH));
	SHOW(ioctl(0, TCFLSH, TCOFLUSH));
	SHOW(ioctl(0, TCFLSH, TCIOFLUSH));
	SHOW(ioctl(0, TCFLSH, 99));
	SHOW(ioctl(0, FIONREAD, &n));
	printf("FIONREAD after flushing input = %d\n", n);
	SHOW(ioctl(0, TCSBRK, 1));
	SHOW(tcdrain(0));
	SHOW(ioctl(0, TIOCGPGRP, &pg));
	SHOW(tcgetsid(0));
	return 0;
}
