/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* syslog(2) argument checks: EINVAL for bad types, NULL buffers, negative lengths, bad levels. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	char buf[64];

	SHOW(syscall(SYS_syslog, 11, buf, sizeof(buf)));
	SHOW(syscall(SYS_syslog, -1, buf, sizeof(buf)));
	SHOW(syscall(SYS_syslog, 0, NULL, 0)); /* CLOSE */
	SHOW(syscall(SYS_syslog, 1, NULL, 0)); /* OPEN */
	for (int type = 2; type <= 4; type++) {
		printf("type %d:\n", type);
		SHOW(syscall(SYS_syslog, type, NULL, 10));
		SHOW(syscall(SYS_syslog, type, buf, -1));
		SHOW(syscall(SYS_syslog, type, NULL, 0));
		SHOW(syscall(SYS_syslog, type, buf, 0));
		SHOW(syscall(SYS_syslog, type, ABI_KERNPTR, 10));
	}
	/* READ_ALL copies whole records only: none fits in 5 bytes */
	SHOW(syscall(SYS_syslog, 3, buf, 5));
	SHOW(syscall(SYS_syslog, 3, ABI_BADPTR, 5));
	SHOW(syscall(SYS_syslog, 8, NULL, 0)); /* CONSOLE_LEVEL */
	SHOW(syscall(SYS_syslog, 8, NULL, 9));
	FACT("buffer size >= 16384", syscall(SYS_syslog, 10, NULL, 0) >= 16384);
	FACT("unread >= 0", syscall(SYS_syslog, 9, NULL, 0) >= 0);
	return 0;
}
