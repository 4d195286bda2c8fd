/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A FIFO's write end gets EPIPE (and SIGPIPE) once every reader has closed; a reader gets end of file. */
/* abi: glibc */
#include "abi.h"

static int write_alone(void *arg)
{
	int fd = *(int *)arg;

	return write(fd, "x", 1) == -1 ? 0 : 1; /* killed by SIGPIPE before */
}

int main(void)
{
	char buf[8];
	int rd, wr;

	SHOW(mkfifo("fifo", 0600));
	rd = open("fifo", O_RDONLY | O_NONBLOCK);
	wr = open("fifo", O_WRONLY);
	SHOW(rd >= 0 && wr >= 0);
	SHOW(write(wr, "ab", 2));
	close(wr);
	SHOW(read(rd, buf, sizeof(buf)));
	SHOW(read(rd, buf, sizeof(buf)));
	wr = open("fifo", O_WRONLY);
	close(rd);
	abi_run_child("writer without readers", write_alone, &wr);
	signal(SIGPIPE, SIG_IGN);
	SHOW(write(wr, "x", 1));
	close(wr);
	SHOW(unlink("fifo"));
	return 0;
}
