/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Once the last slave file closes, the master reads what was queued, then fails with EIO and polls POLLHUP. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>
#include <sys/ioctl.h>

int main(void)
{
	int zero = 0, m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	struct pollfd p = {.events = POLLIN};
	char buf[16];
	int s;

	SHOW_OK(m);
	SHOW(ioctl(m, TIOCSPTLCK, &zero));
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	FACT("peer opened", s >= 0);
	p.fd = m;
	SHOW(poll(&p, 1, 0));
	SHOW(write(s, "x", 1));
	SHOW(close(s));
	SHOW(read(m, buf, sizeof(buf)));
	SHOW(poll(&p, 1, 0));
	FACT("POLLHUP", p.revents & POLLHUP);
	SHOW(read(m, buf, sizeof(buf)));
	SHOW(write(m, "y", 1));
	return 0;
}
