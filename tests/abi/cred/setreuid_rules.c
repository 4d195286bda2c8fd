/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setreuid without CAP_SETUID: real from real/effective, effective from real/effective/saved; when the saved uid follows. */
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
	SHOW(syscall(SYS_setreuid, 3000, -1)); /* real may not take the saved uid */
	SHOW(syscall(SYS_setreuid, 4000, -1));
	SHOW(syscall(SYS_setreuid, -1, 4000));
	SHOW(syscall(SYS_setreuid, 0, -1));
	show_ids();
	SHOW(syscall(SYS_setreuid, -1, 3000)); /* effective moves off real: saved follows */
	show_ids();
	SHOW(syscall(SYS_setreuid, -1, 1000)); /* effective = real: saved stays */
	show_ids();
	SHOW(syscall(SYS_setreuid, -1, -1));
	show_ids();
	SHOW(syscall(SYS_setreuid, 3000, 1000)); /* swap: real set, saved follows */
	show_ids();
	SHOW(syscall(SYS_setreuid, 1000, -1));
	show_ids();
	return 0;
}

int main(void)
{
	abi_run_child("unprivileged", child, NULL);
	return 0;
}
