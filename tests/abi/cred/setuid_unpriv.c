/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Without CAP_SETUID, setuid may only set the effective uid to the real or saved uid (EPERM otherwise). */
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
	SHOW(syscall(SYS_setuid, 4000));
	SHOW(syscall(SYS_setuid, 0));
	SHOW(syscall(SYS_setuid, 3000));
	show_ids();
	SHOW(syscall(SYS_setuid, 2000));
	SHOW(syscall(SYS_setuid, 1000));
	show_ids();
	SHOW(syscall(SYS_setuid, 3000));
	show_ids();
	return 0;
}

int main(void)
{
	abi_run_child("unprivileged", child, NULL);
	return 0;
}
