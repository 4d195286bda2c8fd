/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A slave writer waits while the master's queue is full (nonblocking: a short write, then EAGAIN); nothing is lost. */
/* abi: glibc */
#include "abi.h"

#include <sys/ioctl.h>

#define TOTAL 200000

static char big[TOTAL];

int main(void)
{
	int zero = 0, m = open("/dev/ptmx", O_RDWR | O_NOCTTY), s;
	size_t got = 0, bad = 0;
	char buf[4096];
	ssize_t n;

	SHOW_OK(m);
	SHOW(ioctl(m, TIOCSPTLCK, &zero));
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_NONBLOCK);
	memset(big, 'a', sizeof(big));
	n = write(s, big, sizeof(big));
	FACT("nonblocking write is short", n > 0 && n < TOTAL);
	/* Linux moves pty data to the master in deferred work, so room may
	 * have appeared since: a second short write or EAGAIN, both fine */
	errno = 0;
	n = write(s, big, sizeof(big));
	FACT("second nonblocking write is short or EAGAIN",
	     (n > 0 && n < TOTAL) || (n < 0 && errno == EAGAIN));
	fcntl(m, F_SETFL, O_NONBLOCK);
	while (read(m, buf, sizeof(buf)) > 0)
		;
	fcntl(m, F_SETFL, 0);
	fflush(stdout);
	pid_t pid = fork();

	if (pid == 0) {
		fcntl(s, F_SETFL, 0);
		_exit(write(s, big, sizeof(big)) == TOTAL ? 0 : 1);
	}
	got = 0;
	while (got < TOTAL && (n = read(m, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			bad += buf[i] != 'a';
		got += (size_t)n;
	}
	printf("read %zu bytes, %zu not 'a'\n", got, bad);
	abi_wait_child("writer", pid);
	return 0;
}
