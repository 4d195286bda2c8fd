/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /dev/tty in a process whose controlling terminal is a pty slave is that slave: its writes reach the master. */
/* abi: glibc */
#include "abi.h"

#include <poll.h>
#include <pty.h>
#include <termios.h>

int main(void)
{
	char buf[256], out[1024];
	size_t got = 0;
	int m;

	fflush(stdout);
	pid_t pid = forkpty(&m, NULL, NULL, NULL);

	if (pid == 0) {
		int t = open("/dev/tty", O_RDWR);
		struct stat st0, st1;

		printf("child: open /dev/tty %s\n", t >= 0 ? "ok" : abi_errname(errno));
		fstat(0, &st0);
		fstat(t, &st1);
		printf("child: isatty %d, same rdev as stdin %s\n", isatty(t),
		       st0.st_rdev == st1.st_rdev ? "yes" : "no");
		fflush(stdout);
		if (write(t, "via /dev/tty\n", 13) != 13)
			_exit(1);
		fflush(stdout);
		_exit(7);
	}
	FACT("forked", pid > 0);
	for (;;) {
		struct pollfd p = {.fd = m, .events = POLLIN};
		int r = poll(&p, 1, 10000);
		ssize_t n;

		if (r != 1)
			break;
		n = read(m, buf, sizeof(buf));
		if (n <= 0) {
			printf("read ends: %s\n", n ? abi_errname(errno) : "0");
			break;
		}
		for (ssize_t i = 0; i < n && got < sizeof(out) - 1; i++)
			if (buf[i] != '\r')
				out[got++] = buf[i];
	}
	out[got] = 0;
	printf("%s", out);
	abi_wait_child("child", pid);
	return 0;
}
