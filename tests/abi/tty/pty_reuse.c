/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Closed pty numbers are reused, lowest free first; an open slave keeps its number taken. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>

static int open_pty(int *n)
{
	int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);

	if (m >= 0 && ioctl(m, TIOCGPTN, n) < 0)
		*n = -1;
	return m;
}

int main(void)
{
	int ok = 1, a, b, c, na = -1, nb = -1, nc = -1, zero = 0;

	for (int i = 0; i < 5000 && ok; i++) {
		int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);

		ok = m >= 0 && close(m) == 0;
	}
	FACT("5000 opens and closes of /dev/ptmx succeed", ok);
	a = open_pty(&na);
	b = open_pty(&nb);
	FACT("two ptys", a >= 0 && b >= 0 && na >= 0 && nb > na);
	close(a);
	c = open_pty(&nc);
	printf("reused lowest: %s\n", nc == na ? "yes" : "no");
	close(c);
	close(b);

	/* an open slave keeps the number after the master closes */
	a = open_pty(&na);
	ioctl(a, TIOCSPTLCK, &zero);
	int s = ioctl(a, TIOCGPTPEER, O_RDWR | O_NOCTTY);

	FACT("peer opened", s >= 0);
	close(a);
	c = open_pty(&nc);
	FACT("number kept while the slave is open", nc != na);
	close(c);
	close(s);
	c = open_pty(&nc);
	FACT("number free once the slave closes", nc == na);
	close(c);
	return 0;
}
