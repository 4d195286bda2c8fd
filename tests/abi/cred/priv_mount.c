/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mount and umount2 need CAP_SYS_ADMIN: EPERM for uid 1000, after the path lookup (ENOENT first). */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

static int child(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(mount("none", "/tmp", "tmpfs", 0, NULL));
	SHOW(mount("/tmp", "/tmp", NULL, MS_BIND, NULL));
	SHOW(mount("none", "/tmp", NULL, MS_REMOUNT, NULL));
	SHOW(mount("none", "/nonexistent-abi", "tmpfs", 0, NULL));
	SHOW(umount2("/tmp", 0));
	SHOW(umount2("/", MNT_DETACH));
	SHOW(umount2("/nonexistent-abi", 0));
	SHOW(umount2("/tmp", 0x100));
	return 0;
}

int main(void)
{
	abi_run_child("uid 1000", child, NULL);
	return 0;
}
