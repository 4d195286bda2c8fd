/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* tee duplicates pipe data without consuming it; EINVAL unless two different pipes. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int p[2], q[2], f = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[32] = "";

	SHOW(pipe(p));
	SHOW(pipe(q));
	SHOW(write(p[1], "abc", 3));
	SHOW(write(p[1], "defg", 4));
	SHOW(tee(p[0], q[1], 5, 0));
	SHOW(read(q[0], buf, sizeof(buf)));
	printf("q: \"%.5s\"\n", buf);
	SHOW(tee(p[0], q[1], 100, 0));
	SHOW(read(q[0], buf, sizeof(buf)));
	printf("q: \"%.7s\"\n", buf);
	SHOW(read(p[0], buf, sizeof(buf)));
	printf("p: \"%.7s\"\n", buf);
	SHOW(tee(p[0], q[1], 1, SPLICE_F_NONBLOCK));
	SHOW(tee(p[0], q[1], 0, 0));
	SHOW(tee(p[0], p[1], 1, 0));
	SHOW(tee(f, q[1], 1, 0));
	SHOW(tee(p[0], f, 1, 0));
	SHOW(tee(q[1], p[1], 1, 0));
	SHOW(tee(p[0], q[0], 1, 0));
	SHOW(tee(99, q[1], 1, 0));
	SHOW(tee(p[0], 99, 1, 0));
	SHOW(tee(p[0], q[1], 1, 0x10));
	close(p[1]);
	SHOW(tee(p[0], q[1], 1, 0));
	close(f);
	unlink("f");
	return 0;
}
