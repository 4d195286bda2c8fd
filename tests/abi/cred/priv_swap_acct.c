/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* swapon/swapoff need CAP_SYS_ADMIN, acct CAP_SYS_PACCT, vhangup CAP_SYS_TTY_CONFIG: EPERM for uid 1000; root's errors. */
/* abi: glibc */
#include "abi.h"

static int child(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_swapon, "/nonexistent-abi", 0));
	SHOW(syscall(SYS_swapon, ABI_BADPTR, 0));
	SHOW(syscall(SYS_swapon, "/", 0x80000));
	SHOW(syscall(SYS_swapoff, "/nonexistent-abi"));
	SHOW(syscall(SYS_acct, NULL));
	SHOW(syscall(SYS_acct, "/nonexistent-abi"));
	SHOW(syscall(SYS_vhangup));
	return 0;
}

int main(void)
{
	abi_make_file("f", "not a swap area\n");
	SHOW(syscall(SYS_swapon, "f", 0));
	SHOW(syscall(SYS_swapon, "/", 0));
	SHOW(syscall(SYS_swapon, "/nonexistent-abi", 0));
	SHOW(syscall(SYS_swapon, "f", 0x80000));
	SHOW(syscall(SYS_swapon, ABI_BADPTR, 0));
	SHOW(syscall(SYS_swapoff, "f"));
	SHOW(syscall(SYS_swapoff, "/"));
	SHOW(syscall(SYS_acct, "/nonexistent-abi"));
	SHOW(syscall(SYS_acct, "/"));
	SHOW(syscall(SYS_acct, "/dev/null"));
	SHOW(syscall(SYS_acct, NULL));
	SHOW(syscall(SYS_vhangup)); /* no controlling terminal here */
	abi_run_child("uid 1000", child, NULL);
	SHOW(unlink("f"));
	return 0;
}
