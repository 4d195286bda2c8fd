/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* With SECBIT_NOROOT, root's execve grants no capabilities; keepcaps is cleared by execve, other securebits stay. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/prctl.h>

int main(int argc, char **argv)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	char *args[] = {argv[0], "after", NULL};
	pid_t pid;

	if (argc > 1) {
		syscall(SYS_capget, &h, d);
		printf("after exec: uid %d, permitted %s, effective %s, securebits %#x\n", getuid(),
		       d[0].permitted ? "some" : "none", d[0].effective ? "some" : "none",
		       prctl(PR_GET_SECUREBITS));
		SHOW(syscall(SYS_setuid, 1000)); /* no CAP_SETUID */
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		SHOW(prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_KEEP_CAPS));
		execv(argv[0], args);
		_exit(127);
	}
	abi_wait_child("noroot", pid);
	pid = fork();
	if (pid == 0) {
		SHOW(prctl(PR_SET_KEEPCAPS, 1));
		execv(argv[0], args);
		_exit(127);
	}
	abi_wait_child("keepcaps", pid);
	return 0;
}
