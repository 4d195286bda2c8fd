/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setgid/setregid/setresgid without CAP_SETGID: only among the real, effective and saved gids (EPERM); fsgid follows egid. */
/* abi: glibc */
#include "abi.h"

static void show_ids(void)
{
	gid_t r, e, s;

	syscall(SYS_getresgid, &r, &e, &s);
	printf("gids %u %u %u fsgid %ld\n", r, e, s, syscall(SYS_setfsgid, -1));
}

static int child(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresgid, 1000, 2000, 3000));
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000)); /* drops CAP_SETGID */
	SHOW(syscall(SYS_setgid, -1));
	SHOW(syscall(SYS_setgid, 4000));
	SHOW(syscall(SYS_setgid, 3000));
	show_ids();
	SHOW(syscall(SYS_setregid, 3000, -1));
	SHOW(syscall(SYS_setregid, -1, 4000));
	SHOW(syscall(SYS_setregid, 2000, 1000));
	show_ids();
	SHOW(syscall(SYS_setresgid, 0, -1, -1));
	SHOW(syscall(SYS_setresgid, -1, -1, 4000));
	SHOW(syscall(SYS_setresgid, 1000, 1000, 1000));
	show_ids();
	SHOW(syscall(SYS_setgid, 2000));
	return 0;
}

static int root(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setgid, 1234));
	show_ids();
	SHOW(syscall(SYS_setregid, 5, 6));
	show_ids();
	SHOW(syscall(SYS_setresgid, 7, 8, 9));
	show_ids();
	return 0;
}

int main(void)
{
	abi_run_child("root", root, NULL);
	abi_run_child("unprivileged", child, NULL);
	return 0;
}
