/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A new pty slave is locked (TIOCGPTPEER fails with EIO) until TIOCSPTLCK 0; TIOCGPTN gives its number. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>
#include <sys/sysmacros.h>

int main(void)
{
	int m = open("/dev/ptmx", O_RDWR | O_NOCTTY), lock = -1, n = -1, zero = 0;
	struct stat st;

	SHOW_OK(m);
	SHOW(fstat(m, &st));
	FACT("ptmx is char 5:2", S_ISCHR(st.st_mode) && st.st_rdev == makedev(5, 2));
	SHOW(ioctl(m, TIOCGPTLCK, &lock));
	printf("locked: %d\n", lock);
	SHOW(ioctl(m, TIOCGPTN, &n));
	FACT("a pty number", n >= 0);
	SHOW(ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY));
	SHOW(ioctl(m, TIOCSPTLCK, &zero));
	SHOW(ioctl(m, TIOCGPTLCK, &lock));
	printf("locked: %d\n", lock);
	int s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);

	FACT("peer opened", s >= 0);
	SHOW(fstat(s, &st));
	FACT("slave is char 136:N",
	     S_ISCHR(st.st_mode) && major(st.st_rdev) == 136 && minor(st.st_rdev) == (unsigned)n);
	SHOW(ioctl(m, TIOCGPTN, ABI_BADPTR));
	SHOW(ioctl(s, TIOCGPTN, &n));
	return 0;
}
