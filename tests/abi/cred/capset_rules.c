/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* capset: permitted only shrinks, effective within permitted, inheritable within permitted without CAP_SETPCAP; other pids EPERM. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>

static struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
static struct __user_cap_data_struct d[2];

static int child(void *arg)
{
	(void)arg;
	syscall(SYS_capget, &h, d);
	d[0].effective &= ~CAP_TO_MASK(CAP_SETPCAP);
	d[0].permitted &= ~CAP_TO_MASK(CAP_SETPCAP) & ~CAP_TO_MASK(CAP_NET_RAW);
	d[0].effective &= ~CAP_TO_MASK(CAP_NET_RAW);
	SHOW(syscall(SYS_capset, &h, d));
	d[0].permitted |= CAP_TO_MASK(CAP_NET_RAW); /* regain: no */
	SHOW(syscall(SYS_capset, &h, d));
	d[0].permitted &= ~CAP_TO_MASK(CAP_NET_RAW);
	d[0].effective |= CAP_TO_MASK(CAP_NET_RAW); /* effective beyond permitted */
	SHOW(syscall(SYS_capset, &h, d));
	d[0].effective &= ~CAP_TO_MASK(CAP_NET_RAW);
	d[0].inheritable = CAP_TO_MASK(CAP_NET_RAW); /* not permitted, no SETPCAP */
	SHOW(syscall(SYS_capset, &h, d));
	d[0].inheritable = CAP_TO_MASK(CAP_CHOWN);
	SHOW(syscall(SYS_capset, &h, d));
	d[0].effective = d[0].permitted = 0;
	SHOW(syscall(SYS_capset, &h, d)); /* drop everything */
	SHOW(syscall(SYS_capget, &h, d));
	printf("eff %x prm %x inh %x\n", d[0].effective, d[0].permitted, d[0].inheritable);
	SHOW(syscall(SYS_setuid, 1000)); /* no CAP_SETUID left */
	return 0;
}

int main(void)
{
	syscall(SYS_capget, &h, d);
	h.pid = getppid();
	SHOW(syscall(SYS_capset, &h, d));
	h.pid = 0;
	SHOW(syscall(SYS_capset, &h, ABI_BADPTR));
	h.version = 0x12345;
	SHOW(syscall(SYS_capset, &h, d));
	printf("version %#x\n", h.version);
	abi_run_child("capset", child, NULL);
	return 0;
}
