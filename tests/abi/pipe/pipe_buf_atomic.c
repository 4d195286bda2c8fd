/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Writes of at most PIPE_BUF bytes are atomic: two writers' 4096-byte records never interleave. */
/* abi: glibc */
#include "abi.h"

#include <limits.h>

#define RECORDS 200

static int writer(int fd, char c)
{
	char rec[PIPE_BUF];
	int i;

	memset(rec, c, sizeof(rec));
	for (i = 0; i < RECORDS; i++)
		if (write(fd, rec, sizeof(rec)) != (ssize_t)sizeof(rec))
			return 1;
	return 0;
}

int main(void)
{
	static char rec[PIPE_BUF];
	int p[2], counts[2] = {0, 0}, mixed = 0, i;
	size_t got;
	ssize_t n;
	pid_t a, b;

	printf("PIPE_BUF = %d\n", PIPE_BUF);
	SHOW(pipe(p));
	a = fork();
	if (a == 0)
		_exit(writer(p[1], 'a'));
	b = fork();
	if (b == 0)
		_exit(writer(p[1], 'b'));
	close(p[1]);
	for (;;) {
		for (got = 0; got < sizeof(rec); got += n) {
			n = read(p[0], rec + got, sizeof(rec) - got);
			if (n <= 0)
				break;
		}
		if (got == 0)
			break;
		for (i = 1; i < (int)got; i++)
			if (rec[i] != rec[0])
				break;
		if (got != sizeof(rec) || i != (int)got)
			mixed++;
		else
			counts[rec[0] == 'b']++;
	}
	printf("records: a %d, b %d, mixed or short %d\n", counts[0], counts[1], mixed);
	abi_wait_child("writer a", a);
	abi_wait_child("writer b", b);
	return 0;
}
