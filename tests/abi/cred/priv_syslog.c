/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* With dmesg_restrict 1 every syslog action needs CAP_SYSLOG (EPERM before EINVAL), and so does reading /dev/kmsg. */
/* abi: glibc */
#include "abi.h"

static int child(void *arg)
{
	char buf[64];

	(void)arg;
	SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
	SHOW(syscall(SYS_syslog, 10, NULL, 0));		/* SIZE_BUFFER */
	SHOW(syscall(SYS_syslog, 3, buf, sizeof(buf))); /* READ_ALL */
	SHOW(syscall(SYS_syslog, 0, NULL, 0));		/* CLOSE */
	SHOW(syscall(SYS_syslog, 99, NULL, 0));
	SHOW(open("/dev/kmsg", O_RDONLY));
	return 0;
}

int main(void)
{
	SHOW_OK(syscall(SYS_syslog, 10, NULL, 0));
	SHOW(syscall(SYS_syslog, 99, NULL, 0));
	abi_run_child("uid 1000", child, NULL);
	return 0;
}
