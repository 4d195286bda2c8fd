/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendfile to a pipe and /dev/null, a 64 KiB file whole through a pipe; a pipe input is EINVAL. */
/* abi: glibc */
#include "abi.h"

static char big[65536], back[65536];

int main(void)
{
	int in, p[2], q[2], null = open("/dev/null", O_WRONLY);
	char buf[16] = "";
	off_t off = 0;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	in = open("in", O_RDWR | O_CREAT | O_TRUNC, 0644);
	SHOW(write(in, big, sizeof(big)));
	SHOW(pipe(p));
	SHOW(syscall(SYS_sendfile, p[1], in, &off, 10));
	SHOW(read(p[0], buf, sizeof(buf)));
	SHOW(syscall(SYS_sendfile, null, in, &off, 1000000));
	printf("off = %ld\n", (long)off);
	SHOW(fcntl(p[1], F_SETFL, O_NONBLOCK));
	off = 0;
	SHOW(syscall(SYS_sendfile, p[1], in, &off, sizeof(big)));
	SHOW(read(p[0], back, sizeof(back)));
	CHECK(memcmp(back, big, sizeof(back)) == 0);
	/* a pipe as the input, with no offset */
	SHOW(pipe(q));
	SHOW(write(q[1], "hello", 5));
	SHOW(syscall(SYS_sendfile, null, q[0], NULL, 3));
	SHOW(syscall(SYS_sendfile, p[1], q[0], NULL, 10));
	SHOW(syscall(SYS_sendfile, p[1], q[0], &off, 10));
	SHOW(read(q[0], buf, sizeof(buf)));
	close(in);
	unlink("in");
	return 0;
}
