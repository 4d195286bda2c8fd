/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendfile into a pipe fills only its free slots, then EAGAIN (nonblocking) or waits for room. */
/* abi: glibc */
#include "abi.h"

static char page[4096];

int main(void)
{
	int in = open("in", O_RDWR | O_CREAT | O_TRUNC, 0644), p[2], i;
	off_t off = 0;
	pid_t pid;

	for (i = 0; i < 16; i++)
		if (write(in, page, sizeof(page)) != sizeof(page))
			printf("FAIL: write\n");
	SHOW(pipe(p));
	SHOW(fcntl(p[1], F_SETFL, O_NONBLOCK));
	for (i = 0; i < 14; i++)
		if (write(p[1], page, sizeof(page)) != sizeof(page))
			printf("FAIL: fill\n");
	SHOW(syscall(SYS_sendfile, p[1], in, &off, 65536));
	printf("off = %ld\n", (long)off);
	SHOW(syscall(SYS_sendfile, p[1], in, &off, 65536));
	SHOW(fcntl(p[1], F_SETFL, 0));
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		_exit(read(p[0], page, sizeof(page)) == sizeof(page) ? 0 : 1);
	}
	SHOW(syscall(SYS_sendfile, p[1], in, &off, 65536));
	abi_wait_child("reader", pid);
	printf("off = %ld\n", (long)off);
	close(in);
	unlink("in");
	return 0;
}
