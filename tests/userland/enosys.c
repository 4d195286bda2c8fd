/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Calls a syscall no kernel implements (nfsservctl, 180) twice: ENOSYS both times. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	for (int i = 0; i < 2; i++) {
		long r = syscall(180, 0, 0, 0);

		printf("nfsservctl: %ld %s\n", r, r == -1 && errno == ENOSYS ? "ENOSYS" : "?");
	}
	return 0;
}
