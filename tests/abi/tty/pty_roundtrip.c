/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A pty pair: master writes are the slave's input (echoed back), slave output reaches the master after ONLCR. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>
#include <sys/sysmacros.h>

#include <poll.h>
#include <termios.h>

/* Linux moves pty data to the other side from a work item, so the master
 * waits (up to `ms`) for what the slave side has just produced. */
static void drain(int m, const char *label, int ms)
{
	struct pollfd p = {.fd = m, .events = POLLIN};
	char buf[64];
	ssize_t n;

	poll(&p, 1, ms);
	n = read(m, buf, sizeof(buf) - 1);

	if (n < 0) {
		printf("%s: %s\n", label, abi_errname(errno));
		return;
	}
	buf[n] = 0;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\r' || buf[i] == '\n')
			buf[i] = buf[i] == '\r' ? 'R' : 'N';
	printf("%s: %zd \"%s\"\n", label, n, buf);
}

int main(void)
{
	int unlock = 0, m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_NONBLOCK);
	struct termios t;
	char buf[64];
	int s;

	SHOW_OK(m);
	SHOW(ioctl(m, TIOCSPTLCK, &unlock));
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	FACT("peer opened", s >= 0);
	FACT("slave is a tty", isatty(s));
	SHOW(write(m, "hi\n", 3));
	SHOW(read(s, buf, sizeof(buf)));
	drain(m, "echo", 2000);
	SHOW(write(s, "out\n", 4));
	drain(m, "output", 2000);
	drain(m, "empty", 50);
	SHOW(tcgetattr(s, &t));
	t.c_lflag &= ~ECHO;
	SHOW(tcsetattr(s, TCSANOW, &t));
	SHOW(write(m, "quiet\n", 6));
	SHOW(read(s, buf, sizeof(buf)));
	drain(m, "no echo", 50);
	return 0;
}
