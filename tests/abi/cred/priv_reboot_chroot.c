/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* reboot needs CAP_SYS_BOOT (EPERM before the magic check), chroot CAP_SYS_CHROOT (after the lookup). */
/* abi: glibc */
#include "abi.h"

#include <linux/reboot.h>

static int child(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_reboot, 1, 2, LINUX_REBOOT_CMD_CAD_ON, 0));
	SHOW(syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_CAD_ON,
		     0));
	SHOW(chroot("/"));
	SHOW(chroot("/nonexistent-abi"));
	SHOW(chroot(ABI_BADPTR));
	return 0;
}

int main(void)
{
	/* root: the magic is checked */
	SHOW(syscall(SYS_reboot, 1, 2, LINUX_REBOOT_CMD_CAD_ON, 0));
	abi_run_child("uid 1000", child, NULL);
	return 0;
}
