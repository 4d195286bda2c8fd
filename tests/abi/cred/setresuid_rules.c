/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setresuid: root sets any ids; without CAP_SETUID each id must be one of the current three (EPERM), -1 keeps one. */
/* abi: glibc */
#include "abi.h"

static void show_ids(void)
{
	uid_t r, e, s;

	syscall(SYS_getresuid, &r, &e, &s);
	printf("uids %u %u %u fsuid %ld\n", r, e, s, syscall(SYS_setfsuid, -1));
}

static int child(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 2000, 3000));
	show_ids();
	SHOW(syscall(SYS_setresuid, 3000, 1000, 2000));
	show_ids();
	SHOW(syscall(SYS_setresuid, -1, -1, -1));
	SHOW(syscall(SYS_setresuid, 3000, 1000, 2000)); /* no change */
	SHOW(syscall(SYS_setresuid, -1, 4000, -1));
	SHOW(syscall(SYS_setresuid, 0, -1, -1));
	SHOW(syscall(SYS_setresuid, -1, -1, 4000));
	SHOW(syscall(SYS_setresuid, 1000, 1000, 4000)); /* all or nothing */
	show_ids();
	SHOW(syscall(SYS_setresuid, 2000, 2000, 2000));
	show_ids();
	SHOW(syscall(SYS_setresuid, 1000, -1, -1));
	SHOW(syscall(SYS_getresuid, ABI_BADPTR, ABI_BADPTR, ABI_BADPTR));
	return 0;
}

int main(void)
{
	abi_run_child("unprivileged", child, NULL);
	return 0;
}
