/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* select/pselect on pipes: readiness bits, the count, timeouts, EBADF and EINVAL. */
/* abi: glibc */
#include "abi.h"

#include <sys/select.h>

static void show_set(const char *name, const fd_set *s, int n)
{
	printf("%s:", name);
	for (int fd = 0; fd < n; fd++) {
		if (FD_ISSET(fd, s))
			printf(" %d", fd);
	}
	printf("\n");
}

int main(void)
{
	int fds[2];
	fd_set rd, wr;
	struct timeval tv = {0, 0}, bad = {0, 1000000};
	struct timespec ts = {0, 20 * 1000 * 1000};
	int n;

	SHOW(pipe(fds));
	n = fds[1] + 1;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fds[0], &rd);
	FD_SET(fds[1], &wr);
	SHOW(select(n, &rd, &wr, NULL, &tv)); /* empty pipe: the write end only */
	FACT("read end not ready", !FD_ISSET(fds[0], &rd));
	FACT("write end ready", FD_ISSET(fds[1], &wr));
	SHOW(write(fds[1], "x", 1));
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	FD_SET(fds[1], &wr);
	SHOW(select(n, &rd, &wr, NULL, NULL));
	FACT("both ready", FD_ISSET(fds[0], &rd) && FD_ISSET(fds[1], &wr));
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	SHOW(close(fds[1])); /* end of file reads as readable */
	SHOW(select(fds[0] + 1, &rd, NULL, NULL, NULL));
	FD_ZERO(&rd);
	FD_SET(fds[1], &rd); /* closed */
	SHOW(select(fds[1] + 1, &rd, NULL, NULL, &tv));
	SHOW(select(-1, NULL, NULL, NULL, &tv));
	SHOW(select(1, NULL, NULL, NULL, &bad));
	SHOW(select(0, NULL, NULL, NULL, &tv));
	SHOW(pselect(0, NULL, NULL, NULL, &ts, NULL));
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	SHOW(syscall(SYS_select, fds[0] + 1, &rd, NULL, NULL, ABI_BADPTR));
	show_set("still set", &rd, fds[0] + 1);
	SHOW(syscall(SYS_select, fds[0] + 1, ABI_BADPTR, NULL, NULL, &tv));
	SHOW(close(fds[0]));
	return 0;
}
