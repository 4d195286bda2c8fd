/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo of a pty master: tty-index is its pair's number (TIOCGPTN); the slave has no such line. */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/ioctl.h>

int main(void)
{
	unsigned n = 99, idx = 98;
	char name[32];
	int m, s;

	SHOW(m = open("/dev/ptmx", O_RDWR | O_NOCTTY));
	SHOW(ioctl(m, TIOCGPTN, &n));
	SHOW(ioctl(m, TIOCSPTLCK, &(int){0}));
	fdinfo_print(m, "tty-index:|mnt_id:|ino:");
	SHOW(fdinfo_get(m) > 0);
	SHOW(sscanf(fdinfo_line("tty-index:") ? fdinfo_line("tty-index:") : "", "tty-index:\t%u",
		    &idx));
	FACT("tty-index is TIOCGPTN's", idx == n);
	snprintf(name, sizeof(name), "/dev/pts/%u", n);
	SHOW(s = open(name, O_RDWR | O_NOCTTY));
	fdinfo_print(s, "mnt_id:|ino:");
	return 0;
}
