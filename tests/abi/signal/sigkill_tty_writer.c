/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* SIGKILL ends a terminal writer queued behind another writer that waits for room (a pty nobody reads). */
/* abi: glibc */
#include "abi.h"

#include <termios.h>

static pid_t writer(int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		static char buf[4096];

		memset(buf, 'x', sizeof(buf));
		for (;;)
			write(fd, buf, sizeof(buf));
	}
	return pid;
}

int main(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), slave;
	struct termios t;
	pid_t first, second;

	grantpt(master);
	unlockpt(master);
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	tcgetattr(slave, &t);
	cfmakeraw(&t);
	tcsetattr(slave, TCSANOW, &t);
	first = writer(slave);
	usleep(50000); /* the first fills the pty and waits for room */
	second = writer(slave);
	usleep(50000); /* the second waits behind it */
	kill(second, SIGKILL);
	abi_wait_child("second writer", second);
	kill(first, SIGKILL);
	abi_wait_child("first writer", first);
	close(slave);
	close(master);
	return 0;
}
