/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* select with nfds past 1024 (sets as raw bit arrays): a pipe at fd 1500 is seen; bits past the table are ignored. */
/* abi: glibc */
#include "abi.h"

#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>

int main(void)
{
	struct rlimit rl = {4096, 4096};
	unsigned long in[4096 / 64], out[4096 / 64];
	struct timeval tv = {0, 0};
	int p[2];

	SHOW(setrlimit(RLIMIT_NOFILE, &rl));
	SHOW(pipe(p));
	SHOW(dup2(p[0], 1500));
	SHOW(dup2(p[1], 1501));
	memset(in, 0, sizeof(in));
	memset(out, 0, sizeof(out));
	in[1500 / 64] |= 1ul << (1500 % 64);
	out[1501 / 64] |= 1ul << (1501 % 64);
	SHOW(syscall(SYS_select, 1502, in, out, NULL, &tv));
	printf("in 1500: %lu, out 1501: %lu\n", (in[1500 / 64] >> (1500 % 64)) & 1,
	       (out[1501 / 64] >> (1501 % 64)) & 1);
	SHOW(write(1501, "x", 1));
	memset(in, 0, sizeof(in));
	in[1500 / 64] |= 1ul << (1500 % 64);
	SHOW(syscall(SYS_select, 1501, in, NULL, NULL, &tv));
	printf("in 1500: %lu\n", (in[1500 / 64] >> (1500 % 64)) & 1);
	memset(in, 0, sizeof(in));
	in[3000 / 64] |= 1ul << (3000 % 64);
	SHOW(syscall(SYS_select, 3001, in, NULL, NULL, &tv));
	memset(in, 0, sizeof(in));
	in[1400 / 64] |= 1ul << (1400 % 64);
	SHOW(syscall(SYS_select, 1401, in, NULL, NULL, &tv));
	return 0;
}
