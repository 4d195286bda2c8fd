/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Writing to a pipe without readers raises SIGPIPE, whose default action kills the writer. */
#include "abi.h"

static int writer(void *arg)
{
	int *p = arg;

	write(p[1], "x", 1);
	printf("not reached\n");
	return 0;
}

int main(void)
{
	int p[2];

	SHOW(pipe(p));
	SHOW(close(p[0]));
	abi_run_child("writer with the read end closed", writer, p);
	return 0;
}
