/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* setuid by root sets the real, effective and saved uids; afterwards setuid(0) is EPERM; setuid(-1) is EINVAL. */
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
	SHOW(syscall(SYS_setuid, -1));
	SHOW(syscall(SYS_setuid, 1000));
	show_ids();
	SHOW(syscall(SYS_setuid, 0));
	SHOW(syscall(SYS_setuid, 1000));
	SHOW(syscall(SYS_setuid, 2000));
	show_ids();
	return 0;
}

int main(void)
{
	show_ids();
	abi_run_child("setuid", child, NULL);
	/* the high bits of the argument are ignored (uid_t is 32 bits) */
	SHOW(syscall(SYS_setuid, 0x100000000L));
	show_ids();
	return 0;
}
