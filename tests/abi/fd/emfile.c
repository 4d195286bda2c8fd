/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_NOFILE: open, dup, pipe and F_DUPFD fail with EMFILE; dup2 beyond it is EBADF. */
#include "abi.h"

#include <sys/resource.h>

int main(void)
{
	struct rlimit rl = {8, 8};
	int fd, last = -1, p[2];

	SHOW(setrlimit(RLIMIT_NOFILE, &rl));
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		last = fd;
	printf("last fd = %d, then %s\n", last, abi_errname(errno));
	SHOW(dup(0));
	SHOW(fcntl(0, F_DUPFD, 0));
	SHOW(pipe(p));
	SHOW(dup2(0, 8));
	SHOW(dup2(0, 7));
	SHOW(close(7));
	SHOW(close(6));
	SHOW(pipe(p));
	printf("pipe fds: %d %d\n", p[0], p[1]);
	return 0;
}
