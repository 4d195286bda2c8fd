/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* capset: a capability dropped is gone, raising it again is EPERM; effective within permitted; pid rules. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>

static int child(void *arg __attribute__((unused)))
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2], saved[2];
	unsigned bit = CAP_TO_MASK(CAP_NET_RAW);

	SHOW(syscall(SYS_capget, &h, d));
	memcpy(saved, d, sizeof(d));
	SHOW(syscall(SYS_capset, &h, d)); /* the same sets: allowed */
	d[0].effective &= ~bit;
	SHOW(syscall(SYS_capset, &h, d)); /* drop from effective only */
	d[0].effective |= bit;
	SHOW(syscall(SYS_capset, &h, d)); /* back: still permitted */
	d[0].effective &= ~bit;
	d[0].permitted &= ~bit;
	SHOW(syscall(SYS_capset, &h, d));
	SHOW(syscall(SYS_capget, &h, d));
	FACT("CAP_NET_RAW permitted", d[0].permitted & bit);
	SHOW(syscall(SYS_capset, &h, saved)); /* raise beyond permitted */
	d[0].effective |= bit;
	SHOW(syscall(SYS_capset, &h, d)); /* effective beyond permitted */
	d[0].effective &= ~bit;
	h.pid = getppid();
	SHOW(syscall(SYS_capset, &h, d));
	h.pid = getpid();
	SHOW(syscall(SYS_capset, &h, d));
	SHOW(syscall(SYS_capset, &h, ABI_BADPTR));
	h.version = 1;
	SHOW(syscall(SYS_capset, &h, d));
	printf("version written back: %#x\n", h.version);
	return 0;
}

int main(void)
{
	return abi_run_child("capset", child, NULL) ? 1 : 0;
}
