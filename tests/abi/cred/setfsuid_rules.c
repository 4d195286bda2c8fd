/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setfsuid/setfsgid return the old value whether or not they succeed; without the capability only own ids are taken. */
/* abi: glibc */
#include "abi.h"

static int child(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setfsuid, 1234));
	SHOW(syscall(SYS_setfsuid, -1));
	SHOW(syscall(SYS_setfsgid, 4321));
	SHOW(syscall(SYS_setfsgid, -1));
	SHOW(syscall(SYS_setresgid, 1000, 2000, 3000));
	SHOW(syscall(SYS_setfsgid, -1)); /* follows egid */
	SHOW(syscall(SYS_setresuid, 1000, 2000, 3000));
	SHOW(syscall(SYS_setfsuid, -1));
	SHOW(syscall(SYS_setfsuid, 4000)); /* refused: returns the old one */
	SHOW(syscall(SYS_setfsuid, -1));
	SHOW(syscall(SYS_setfsuid, 3000));
	SHOW(syscall(SYS_setfsuid, 1000));
	SHOW(syscall(SYS_setfsuid, 0));
	SHOW(syscall(SYS_setfsuid, -1));
	SHOW(syscall(SYS_setfsgid, 4000));
	SHOW(syscall(SYS_setfsgid, 3000));
	SHOW(syscall(SYS_setfsgid, -1));
	SHOW(syscall(SYS_setresuid, -1, 1000, -1)); /* fsuid follows euid */
	SHOW(syscall(SYS_setfsuid, -1));
	return 0;
}

int main(void)
{
	abi_run_child("fsids", child, NULL);
	return 0;
}
