/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* capget: versions 1/2/3, unknown version written back with EINVAL, NULL data, EFAULT, ESRCH. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>

int main(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	SHOW(syscall(SYS_capget, &h, d));
	FACT("effective == permitted",
	     d[0].effective == d[0].permitted && d[1].effective == d[1].permitted);
	FACT("inheritable empty", d[0].inheritable == 0 && d[1].inheritable == 0);
	FACT("CAP_SYS_ADMIN", d[CAP_SYS_ADMIN / 32].effective & CAP_TO_MASK(CAP_SYS_ADMIN));
	FACT("CAP_CHOWN", d[0].effective & CAP_TO_MASK(CAP_CHOWN));
	FACT("nothing past CAP_LAST_CAP", (d[1].permitted >> (CAP_LAST_CAP - 31)) == 0);
	h.version = _LINUX_CAPABILITY_VERSION_1;
	SHOW(syscall(SYS_capget, &h, d));
	h.version = _LINUX_CAPABILITY_VERSION_2;
	SHOW(syscall(SYS_capget, &h, d));
	h.version = 0x12345678;
	SHOW(syscall(SYS_capget, &h, d));
	printf("version written back: %#x\n", h.version);
	h.version = 0;
	SHOW(syscall(SYS_capget, &h, NULL));
	printf("version written back: %#x\n", h.version);
	SHOW(syscall(SYS_capget, &h, NULL)); /* a known version, no data: 0 */
	SHOW(syscall(SYS_capget, ABI_BADPTR, d));
	SHOW(syscall(SYS_capget, &h, ABI_BADPTR));
	h.pid = 0x3fffffff;
	SHOW(syscall(SYS_capget, &h, d));
	h.pid = -1;
	SHOW(syscall(SYS_capget, &h, d));
	h.pid = getpid();
	SHOW(syscall(SYS_capget, &h, d));
	return 0;
}
