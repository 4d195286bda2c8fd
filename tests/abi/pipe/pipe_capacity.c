/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Pipe space is 16 page buffers: small writes merge, atomic writes need room (O_NONBLOCK). */
#include "abi.h"

static void fill(int fd, long size)
{
	char buf[4096];
	long done = 0;

	memset(buf, 'c', sizeof(buf));
	while (done < size) {
		ssize_t n = write(fd, buf, size - done < 4096 ? size - done : 4096);

		if (n <= 0)
			break;
		done += n;
	}
}

int main(void)
{
	char buf[8192];
	int p[2];

	SHOW(pipe2(p, O_NONBLOCK));
	fill(p[1], 65536 - 100); /* 15 full pages and one with 100 bytes free */
	SHOW(write(p[1], buf, 200));
	SHOW(write(p[1], buf, 50));
	SHOW(write(p[1], buf, 8192));
	SHOW(write(p[1], buf, 50));
	SHOW(write(p[1], buf, 1));
	SHOW(read(p[0], buf, 1));
	SHOW(write(p[1], buf, 1));
	SHOW(read(p[0], buf, 4095));
	SHOW(write(p[1], buf, 8192));
	SHOW(write(p[1], buf, 1));
	return 0;
}
