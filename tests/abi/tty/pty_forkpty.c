/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* forkpty: the child leads a new session on the slave; the parent polls and reads its output until EIO. */
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
		printf("child: leader %s, ctty %s\n", getsid(0) == getpid() ? "yes" : "no",
		       tcgetsid(0) == getpid() ? "yes" : "no");
		printf("child: foreground %s\n", tcgetpgrp(1) == getpid() ? "yes" : "no");
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
