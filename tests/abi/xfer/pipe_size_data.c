/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* F_SETPIPE_SZ keeps the bytes a pipe holds, in order, when its ring has wrapped around. */
/* abi: glibc */
#include "abi.h"

static char page[8192];

static int put(int fd, int first, int count)
{
	for (int i = first; i < first + count; i++) {
		memset(page, 'a' + i % 26, 4096);
		if (write(fd, page, 4096) != 4096)
			return -1;
	}
	return 0;
}

/* read `count` pages, checking each holds its letter */
static int take(int fd, int first, int count)
{
	for (int i = first; i < first + count; i++) {
		if (read(fd, page, 4096) != 4096)
			return -1;
		for (size_t k = 0; k < 4096; k++)
			if (page[k] != 'a' + i % 26)
				return -1;
	}
	return 0;
}

int main(void)
{
	int p[2];

	SHOW(pipe(p));
	SHOW(put(p[1], 0, 10));
	SHOW(take(p[0], 0, 8));
	SHOW(put(p[1], 10, 10));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 32 * 4096));
	SHOW(put(p[1], 20, 16));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 16 * 4096));
	SHOW(take(p[0], 8, 20));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 4 * 4096));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 8 * 4096));
	SHOW(fcntl(p[1], F_SETFL, O_NONBLOCK));
	SHOW(write(p[1], "x", 1));
	SHOW(take(p[0], 28, 8));
	SHOW(fcntl(p[1], F_SETPIPE_SZ, 4096));
	SHOW(write(p[1], page, 5000));
	return 0;
}
