/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* After capset drops a capability, root's execve gets it back; PR_SET_KEEPCAPS and dumpable reset. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>
#include <sys/prctl.h>

static int has_net_raw(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	syscall(SYS_capget, &h, d);
	return !!(d[0].permitted & CAP_TO_MASK(CAP_NET_RAW));
}

int main(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	char *args[] = {"capset_exec", "after", NULL};
	pid_t pid;

	if (getenv("ABI_CAPSET_EXEC")) {
		printf("after exec: CAP_NET_RAW %d, keepcaps %d, dumpable %d\n", has_net_raw(),
		       prctl(PR_GET_KEEPCAPS), prctl(PR_GET_DUMPABLE));
		return 0;
	}
	setenv("ABI_CAPSET_EXEC", "1", 1);
	pid = fork();
	if (pid == 0) {
		syscall(SYS_capget, &h, d);
		d[0].effective &= ~CAP_TO_MASK(CAP_NET_RAW);
		d[0].permitted &= ~CAP_TO_MASK(CAP_NET_RAW);
		SHOW(syscall(SYS_capset, &h, d));
		SHOW(prctl(PR_SET_KEEPCAPS, 1));
		SHOW(prctl(PR_SET_DUMPABLE, 0));
		printf("before exec: CAP_NET_RAW %d\n", has_net_raw());
		execve("/proc/self/exe", args, environ);
		_exit(127);
	}
	abi_wait_child("child", pid);
	return 0;
}
