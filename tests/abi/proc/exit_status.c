/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* exit and exit_group keep the low 8 bits of the status; returning from main is exit. */
/* abi: glibc */
#include "abi.h"

static int do_exit_big(void *arg)
{
	(void)arg;
	exit(256 + 5);
}

static int do_exit_neg(void *arg)
{
	(void)arg;
	exit(-1);
}

static int do_sys_exit(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 33);
	return 99;
}

static int do_sys_exit_group(void *arg)
{
	(void)arg;
	syscall(SYS_exit_group, 300);
	return 99;
}

static int do_return(void *arg)
{
	(void)arg;
	return 12;
}

int main(void)
{
	abi_run_child("exit(256 + 5)", do_exit_big, NULL);
	abi_run_child("exit(-1)", do_exit_neg, NULL);
	abi_run_child("SYS_exit(33)", do_sys_exit, NULL);
	abi_run_child("SYS_exit_group(300)", do_sys_exit_group, NULL);
	abi_run_child("return 12", do_return, NULL);
	return 0;
}
