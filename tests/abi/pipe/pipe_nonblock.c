/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* O_NONBLOCK pipes: EAGAIN when empty (writers left) or full; EOF once writers are gone. */
#include "abi.h"

int main(void)
{
	char buf[4096];
	int p[2];
	long total = 0;
	ssize_t n;

	SHOW(pipe2(p, O_NONBLOCK));
	SHOW(read(p[0], buf, sizeof(buf)));
	memset(buf, 'n', sizeof(buf));
	while ((n = write(p[1], buf, sizeof(buf))) > 0)
		total += n;
	printf("filled %ld bytes, then %s\n", total, abi_errname(errno));
	SHOW(write(p[1], buf, 1));
	SHOW(read(p[0], buf, 100));
	SHOW(close(p[1]));
	total = 0;
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		total += n;
	printf("drained %ld more bytes, last read %zd\n", total, n);
	SHOW(read(p[0], buf, 1));
	return 0;
}
