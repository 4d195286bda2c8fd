/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* splice errors: no pipe, offsets on a pipe, modes, flags, O_APPEND, bad pointers, nonblock. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int f = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), app = open("f", O_WRONLY | O_APPEND);
	int ro = open("f", O_RDONLY), dir = open(".", O_RDONLY | O_DIRECTORY), p[2], q[2];
	loff_t off = 0, neg = -1;

	SHOW(write(f, "abc", 3));
	SHOW(pipe(p));
	SHOW(pipe(q));
	SHOW(splice(f, NULL, f, NULL, 1, 0));
	SHOW(splice(99, NULL, p[1], NULL, 1, 0));
	SHOW(splice(f, NULL, 99, NULL, 1, 0));
	SHOW(splice(p[0], &off, f, NULL, 1, 0));
	SHOW(splice(f, &off, p[1], &off, 1, 0));
	SHOW(splice(p[1], NULL, f, NULL, 1, 0));
	SHOW(splice(f, NULL, p[0], NULL, 1, 0));
	SHOW(splice(p[0], NULL, ro, NULL, 1, 0));
	SHOW(splice(p[0], NULL, app, NULL, 1, 0));
	SHOW(splice(dir, NULL, p[1], NULL, 1, 0));
	SHOW(splice(f, &neg, p[1], NULL, 1, 0));
	SHOW(splice(f, ABI_BADPTR, p[1], NULL, 1, 0));
	SHOW(splice(p[0], NULL, f, ABI_BADPTR, 1, 0));
	SHOW(splice(f, NULL, p[1], NULL, 1, 0x10));
	SHOW(splice(f, NULL, p[1], NULL, 0, 0));
	SHOW(splice(p[0], NULL, q[1], NULL, 1, SPLICE_F_NONBLOCK));
	SHOW(splice(p[0], NULL, f, NULL, 1, SPLICE_F_NONBLOCK));
	SHOW(splice(p[0], NULL, p[1], NULL, 1, 0));
	close(q[0]);
	SHOW(write(p[1], "x", 1));
	signal(SIGPIPE, SIG_IGN);
	SHOW(splice(p[0], NULL, q[1], NULL, 1, 0));
	SHOW(splice(f, &off, q[1], NULL, 1, 0));
	close(f);
	close(app);
	close(ro);
	close(dir);
	unlink("f");
	return 0;
}
