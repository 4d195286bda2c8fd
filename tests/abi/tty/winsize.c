/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TIOCGWINSZ/TIOCSWINSZ: a window size set on the terminal reads back and can be restored. */
#include "abi.h"

#include <sys/ioctl.h>

int main(void)
{
	struct winsize orig, ws = {33, 99, 0, 0}, back;

	SHOW(ioctl(0, TIOCGWINSZ, &orig));
	SHOW(ioctl(0, TIOCSWINSZ, &ws));
	SHOW(ioctl(0, TIOCGWINSZ, &back));
	printf("rows=%d cols=%d\n", back.ws_row, back.ws_col);
	SHOW(ioctl(0, TIOCSWINSZ, &orig));
	SHOW(ioctl(0, TIOCGWINSZ, &back));
	FACT("restored", back.ws_row == orig.ws_row && back.ws_col == orig.ws_col);
	SHOW(ioctl(0, TIOCGWINSZ, ABI_BADPTR));
	SHOW(ioctl(0, TIOCSWINSZ, ABI_BADPTR));
	return 0;
}
