/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* splice, tee and sendfile into a pipe without readers raise SIGPIPE (EPIPE when ignored). */
/* abi: glibc */
#include "abi.h"

static int in, p[2], q[2];

static int do_sendfile(void *arg __attribute__((unused)))
{
	return (int)syscall(SYS_sendfile, p[1], in, NULL, 1);
}

static int do_splice(void *arg __attribute__((unused)))
{
	return (int)splice(in, NULL, p[1], NULL, 1, 0);
}

static int do_tee(void *arg __attribute__((unused)))
{
	return (int)tee(q[0], p[1], 1, 0);
}

int main(void)
{
	abi_make_file("in", "data");
	in = open("in", O_RDONLY);
	SHOW(pipe(p));
	SHOW(pipe(q));
	SHOW(write(q[1], "x", 1));
	close(p[0]);
	abi_run_child("sendfile", do_sendfile, NULL);
	abi_run_child("splice", do_splice, NULL);
	abi_run_child("tee", do_tee, NULL);
	signal(SIGPIPE, SIG_IGN);
	SHOW(syscall(SYS_sendfile, p[1], in, NULL, 1));
	SHOW(tee(q[0], p[1], 1, 0));
	SHOW(lseek(in, 0, SEEK_CUR));
	close(in);
	unlink("in");
	return 0;
}
