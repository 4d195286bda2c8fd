/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* ptsname names the slave /dev/pts/N (devpts): c 136:N, mode 0620; opening it by name is the slave; ptmx there is mode 0000. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>
#include <sys/sysmacros.h>

int main(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), n = -1, s;
	char want[32], *name;
	struct stat st;

	SHOW_OK(m);
	SHOW(grantpt(m));
	SHOW(unlockpt(m));
	SHOW(ioctl(m, TIOCGPTN, &n));
	snprintf(want, sizeof(want), "/dev/pts/%d", n);
	name = ptsname(m);
	FACT("ptsname is /dev/pts/N", name && !strcmp(name, want));
	SHOW(stat(want, &st));
	FACT("char 136:N",
	     S_ISCHR(st.st_mode) && major(st.st_rdev) == 136 && minor(st.st_rdev) == (unsigned)n);
	printf("mode %o\n", (unsigned)(st.st_mode & 07777));
	s = open(want, O_RDWR | O_NOCTTY);
	FACT("slave opens by name", s >= 0);
	SHOW(write(m, "x\n", 2));
	SHOW(read(s, want, sizeof(want)));
	SHOW(stat("/dev/pts/ptmx", &st));
	FACT("ptmx char 5:2", S_ISCHR(st.st_mode) && st.st_rdev == makedev(5, 2));
	printf("ptmx mode %o\n", (unsigned)(st.st_mode & 07777));
	SHOW(stat("/dev/pts/999999", &st));
	SHOW(close(m));
	return 0;
}
