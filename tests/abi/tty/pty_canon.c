/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Canonical mode on a pty slave: input is read a line at a time, after the master writes its newline; ERASE edits it. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>

int main(void)
{
	int zero = 0, m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	char buf[32];
	ssize_t n;
	int s;

	SHOW_OK(m);
	SHOW(ioctl(m, TIOCSPTLCK, &zero));
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_NONBLOCK);
	FACT("peer opened", s >= 0);
	SHOW(write(m, "abx", 3));
	SHOW(read(s, buf, sizeof(buf)));
	SHOW(ioctl(s, FIONREAD, &n));
	SHOW(write(m,
		   "\x7f"
		   "c\nnext\n",
		   8));
	n = read(s, buf, sizeof(buf));
	printf("first line: %zd \"%.*s\"\n", n, (int)(n > 0 ? n - 1 : 0), buf);
	n = read(s, buf, 2);
	printf("partial: %zd \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);
	n = read(s, buf, sizeof(buf));
	printf("rest: %zd \"%.*s\"\n", n, (int)(n > 0 ? n - 1 : 0), buf);
	SHOW(read(s, buf, sizeof(buf)));
	return 0;
}
