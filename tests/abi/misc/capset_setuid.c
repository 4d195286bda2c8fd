/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Capabilities follow uid changes: setuid drops them (keepcaps keeps permitted), seteuid 0 restores effective. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>
#include <sys/prctl.h>

static void show_caps(const char *when)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	syscall(SYS_capget, &h, d);
	printf("%s: permitted %s, effective %s\n", when, d[0].permitted ? "some" : "none",
	       !d[0].effective			  ? "none"
	       : d[0].effective == d[0].permitted ? "= permitted"
						  : "other");
}

static int drop(void *keep)
{
	if (keep)
		SHOW(prctl(PR_SET_KEEPCAPS, 1));
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	show_caps("after setresuid(1000)");
	return 0;
}

static int euid_only(void *arg)
{
	(void)arg;
	SHOW(syscall(SYS_setresuid, 0, 1000, 0));
	show_caps("euid 1000");
	SHOW(syscall(SYS_setresuid, -1, 0, -1));
	show_caps("euid 0 again");
	return 0;
}

int main(void)
{
	show_caps("root");
	abi_run_child("drop", drop, NULL);
	abi_run_child("keepcaps", drop, (void *)1);
	abi_run_child("euid", euid_only, NULL);
	return 0;
}
