/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Reading fdinfo in pieces and at offsets gives the same text as one read. */
/* abi: glibc */
#include "fdinfo.h"

int main(void)
{
	char whole[256], piece[256];
	int fd, f, n, got = 0;

	abi_make_file("f", "x");
	SHOW(fd = open("f", O_RDONLY | O_CLOEXEC));
	snprintf(piece, sizeof(piece), "/proc/self/fdinfo/%d", fd);
	SHOW(f = open(piece, O_RDONLY));
	n = (int)read(f, whole, sizeof(whole));
	SHOW(lseek(f, 0, SEEK_SET));
	while ((n = (int)read(f, piece + got, 3)) > 0)
		got += n;
	FACT("3-byte reads give the same text", got > 0 && !memcmp(whole, piece, (size_t)got));
	SHOW(lseek(f, 5, SEEK_SET));
	n = (int)read(f, piece, sizeof(piece));
	FACT("a read at 5 gives the rest", n == got - 5 && !memcmp(whole + 5, piece, (size_t)n));
	SHOW(read(f, piece, sizeof(piece)));
	SHOW(write(f, "x", 1));
	SHOW(close(f));
	SHOW(close(fd));
	unlink("f");
	return 0;
}
