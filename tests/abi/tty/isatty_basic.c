/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* isatty: 1 for the terminal on stdin; 0 with ENOTTY for files, pipes, /dev/null; EBADF. */
#include "abi.h"

static void check(const char *label, int fd)
{
	int r;

	errno = 0;
	r = isatty(fd);
	printf("isatty(%s) = %d%s%s\n", label, r, r ? "" : " ", r ? "" : abi_errname(errno));
}

int main(void)
{
	int p[2];

	abi_make_file("f", "x");
	pipe(p);
	check("stdin", 0);
	check("file", open("f", O_RDONLY));
	check("pipe", p[0]);
	check("/dev/null", open("/dev/null", O_RDONLY));
	check("closed fd", 99);
	unlink("f");
	return 0;
}
