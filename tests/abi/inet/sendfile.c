/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendfile(2) from a file into a TCP socket, splice(2) from a pipe into it and from it into a pipe: every byte arrives. */
#include "inet_util.h"
#include <sys/sendfile.h>

#define SIZE (300 * 1024)

static unsigned char pat(long i)
{
	return (unsigned char)(i * 7 + (i >> 9));
}

/* Read n bytes from fd and check them against the pattern from `from`;
 * the result line goes to `out` (the reader child's pipe, so the parent
 * prints it in a fixed place) or stdout (-1). */
static void drain(int fd, long n, long from, const char *label, int out)
{
	static unsigned char buf[65536];
	long got = 0, bad = 0;

	while (got < n) {
		ssize_t r = read(fd, buf,
				 (size_t)(n - got) < sizeof(buf) ? (size_t)(n - got) : sizeof(buf));

		if (r <= 0)
			break;
		for (ssize_t i = 0; i < r; i++)
			bad += buf[i] != pat(from + got + i);
		got += r;
	}
	if (out < 0)
		printf("%s: got %ld bad %ld\n", label, got, bad);
	else
		dprintf(out, "%s: got %ld bad %ld\n", label, got, bad);
}

int main(void)
{
	int l = lo_server(AF_INET, SOCK_STREAM), c = lo_connect(AF_INET, SOCK_STREAM, l);
	int s = accept(l, NULL, NULL), fd = open("sendfile.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int p[2], rp[2];
	char res[128] = "";
	off_t off = 1000;
	static unsigned char data[SIZE];
	pid_t pid;

	for (long i = 0; i < SIZE; i++)
		data[i] = pat(i);
	SHOW(write(fd, data, SIZE));
	if (pipe(rp))
		return 1;
	pid = fork();
	if (pid == 0) {
		drain(s, SIZE - 1000, 1000, "sendfile", rp[1]);
		drain(s, 5000, 0, "splice in", rp[1]);
		_exit(0);
	}
	close(rp[1]);
	SHOW(sendfile(c, fd, &off, SIZE));
	printf("off %ld\n", (long)off);
	SHOW(pipe(p));
	SHOW(write(p[1], data, 5000));
	SHOW(splice(p[0], NULL, c, NULL, 5000, 0));
	abi_wait_child("reader", pid);
	if (read(rp[0], res, sizeof(res) - 1) > 0)
		printf("%s", res);
	SHOW(write(c, data, 4000));
	SHOW(splice(s, NULL, p[1], NULL, 4000, 0));
	drain(p[0], 4000, 0, "splice out", -1);
	SHOW(sendfile(c, fd, NULL, 0));
	SHOW(sendfile(c, -1, NULL, 10));
	SHOW(unlink("sendfile.tmp"));
	return 0;
}
