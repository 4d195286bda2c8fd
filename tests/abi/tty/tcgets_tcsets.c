/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* TCGETS/TCSETS/TCSETSW/TCSETSF: changes read back and the original restores exactly. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	struct termios orig, t, back;

	/* libc's struct termios is larger than the kernel's: zero the tail */
	memset(&orig, 0, sizeof(orig));
	memset(&back, 0, sizeof(back));
	SHOW(ioctl(0, TCGETS, &orig));
	t = orig;
	t.c_lflag ^= ECHO;
	SHOW(ioctl(0, TCSETS, &t));
	SHOW(ioctl(0, TCGETS, &back));
	FACT("ECHO flipped", (back.c_lflag & ECHO) != (orig.c_lflag & ECHO));
	t.c_cc[VINTR] = 7;
	t.c_cc[VMIN] = 3;
	t.c_lflag &= ~ICANON;
	SHOW(ioctl(0, TCSETSW, &t));
	SHOW(ioctl(0, TCGETS, &back));
	printf("VINTR=%d VMIN=%d ICANON=%d\n", back.c_cc[VINTR], back.c_cc[VMIN],
	       !!(back.c_lflag & ICANON));
	t.c_oflag ^= OPOST;
	SHOW(ioctl(0, TCSETSF, &t));
	SHOW(ioctl(0, TCGETS, &back));
	FACT("OPOST flipped", (back.c_oflag & OPOST) != (orig.c_oflag & OPOST));
	SHOW(ioctl(0, TCSETS, &orig));
	SHOW(ioctl(0, TCGETS, &back));
	FACT("restored exactly", back.c_iflag == orig.c_iflag && back.c_oflag == orig.c_oflag &&
					 back.c_cflag == orig.c_cflag &&
					 back.c_lflag == orig.c_lflag &&
					 memcmp(back.c_cc, orig.c_cc, sizeof(orig.c_cc)) == 0);
	SHOW(tcgetattr(0, &t));
	FACT("tcgetattr agrees", t.c_lflag == orig.c_lflag);
	return 0;
}
