/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* cfmakeraw + tcsetattr: the raw flags, CS8, VMIN 1, VTIME 0 read back; then restored. */
#include "abi.h"

#include <termios.h>

int main(void)
{
	struct termios orig, t, back;

	SHOW(tcgetattr(0, &orig));
	t = orig;
	cfmakeraw(&t);
	SHOW(tcsetattr(0, TCSANOW, &t));
	SHOW(tcgetattr(0, &back));
	printf("ICANON=%d ECHO=%d ISIG=%d OPOST=%d ICRNL=%d CS8=%d VMIN=%d VTIME=%d\n",
	       !!(back.c_lflag & ICANON), !!(back.c_lflag & ECHO), !!(back.c_lflag & ISIG),
	       !!(back.c_oflag & OPOST), !!(back.c_iflag & ICRNL), (back.c_cflag & CSIZE) == CS8,
	       back.c_cc[VMIN], back.c_cc[VTIME]);
	SHOW(tcsetattr(0, TCSANOW, &orig));
	SHOW(tcgetattr(0, &back));
	FACT("restored", back.c_lflag == orig.c_lflag && back.c_oflag == orig.c_oflag);
	SHOW(tcsetattr(0, 99, &orig));
	return 0;
}
