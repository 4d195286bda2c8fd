/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* New descriptors always take the lowest free number, whatever call creates them. */
#include "abi.h"

int main(void)
{
	int p[2];

	SHOW(open("/dev/null", O_RDONLY));
	SHOW(open("/dev/null", O_RDONLY));
	SHOW(open("/dev/null", O_RDONLY));
	SHOW(open("/dev/null", O_RDONLY));
	SHOW(close(3));
	SHOW(close(5));
	SHOW(dup(6));
	SHOW(open("/dev/null", O_RDONLY));
	SHOW(pipe(p));
	printf("pipe fds: %d %d\n", p[0], p[1]);
	SHOW(close(4));
	SHOW(fcntl(6, F_DUPFD, 0));
	SHOW(fcntl(6, F_DUPFD, 4));
	return 0;
}
