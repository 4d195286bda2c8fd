/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* getgroups/setgroups errors: a short or negative size, a bad pointer, too many groups, no CAP_SETGID. */
/* abi: glibc */
#include "abi.h"

static int unprivileged(void *arg)
{
	gid_t g = 5;

	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_setgroups, 1, &g));
	SHOW(syscall(SYS_setgroups, 70000, &g));
	SHOW(syscall(SYS_getgroups, 0, NULL));
	return 0;
}

int main(void)
{
	gid_t set[3] = {3, 1, 2}, out[3];

	SHOW(syscall(SYS_setgroups, 3, set));
	SHOW(syscall(SYS_getgroups, 2, out));
	SHOW(syscall(SYS_getgroups, -1, out));
	SHOW(syscall(SYS_getgroups, 3, ABI_BADPTR));
	SHOW(syscall(SYS_getgroups, 3, out));
	SHOW(syscall(SYS_setgroups, 65537, set));
	SHOW(syscall(SYS_setgroups, -1, set));
	SHOW(syscall(SYS_setgroups, 2, ABI_BADPTR));
	SHOW(syscall(SYS_setgroups, 65536, ABI_BADPTR));
	SHOW(syscall(SYS_getgroups, 0, NULL));
	abi_run_child("setuid 1000", unprivileged, NULL);
	return 0;
}
