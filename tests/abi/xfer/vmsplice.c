/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* vmsplice: user memory into a pipe's write end, out of its read end; one slot per page piece. */
/* abi: glibc */
#include "abi.h"

#include <sys/uio.h>

#define VMSPLICE(fd, iov, n, fl) syscall(SYS_vmsplice, fd, iov, n, fl)

static char pages[3 * 4096] __attribute__((aligned(4096)));

int main(void)
{
	struct iovec v[2] = {{"hello", 5}, {" world", 6}}, bad = {ABI_BADPTR, 5};
	char a[4], b[20] = "";
	struct iovec w[2] = {{a, 4}, {b, sizeof(b)}};
	struct iovec straddle = {pages + 2048, 4096}, small = {"ab", 2};
	int p[2], q[2], f = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), n = 0;

	signal(SIGPIPE, SIG_IGN);
	SHOW(pipe(p));
	SHOW(VMSPLICE(p[1], v, 2, 0));
	SHOW(VMSPLICE(p[0], w, 2, 0));
	printf("\"%.4s\" \"%s\"\n", a, b);
	SHOW(VMSPLICE(p[0], w, 2, SPLICE_F_NONBLOCK));
	SHOW(VMSPLICE(f, v, 2, 0));
	SHOW(VMSPLICE(f, v, 0, 0));
	SHOW(VMSPLICE(99, v, 2, 0));
	SHOW(VMSPLICE(p[1], v, 2, 0x10));
	SHOW(VMSPLICE(p[1], v, 0, 0));
	SHOW(VMSPLICE(p[1], v, 1025, 0));
	SHOW(VMSPLICE(p[1], ABI_BADPTR, 1, 0));
	SHOW(VMSPLICE(p[1], &bad, 1, 0));
	SHOW(write(p[1], "xyz", 3));
	SHOW(VMSPLICE(p[0], &bad, 1, 0));
	SHOW(read(p[0], a, sizeof(a)));
	/* a 4 KiB piece that straddles two pages takes two slots */
	while (VMSPLICE(p[1], &straddle, 1, SPLICE_F_NONBLOCK) > 0)
		n++;
	printf("straddling vmsplices before full: %d (%s)\n", n, abi_errname(errno));
	SHOW(pipe(q));
	for (n = 0; VMSPLICE(q[1], &small, 1, SPLICE_F_NONBLOCK) > 0;)
		n++;
	printf("2-byte vmsplices before full: %d\n", n);
	close(q[0]);
	SHOW(VMSPLICE(q[1], v, 2, 0));
	close(f);
	unlink("f");
	return 0;
}
