/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* PR_CAPBSET_DROP needs CAP_SETPCAP; a dropped capability is not regained by root's execve. */
/* abi: glibc */
#include "abi.h"

#include <linux/capability.h>
#include <sys/prctl.h>

static int has(int cap)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	syscall(SYS_capget, &h, d);
	return !!(d[0].permitted & CAP_TO_MASK(cap)) + 2 * !!(d[0].effective & CAP_TO_MASK(cap));
}

int main(int argc, char **argv)
{
	char *args[] = {argv[0], "after", NULL};
	pid_t pid;

	if (argc > 1) {
		printf("after exec: bset %d caps %d\n", prctl(PR_CAPBSET_READ, CAP_NET_RAW),
		       has(CAP_NET_RAW));
		return 0;
	}
	SHOW(prctl(PR_CAPBSET_READ, CAP_NET_RAW));
	SHOW(prctl(PR_CAPBSET_READ, -1));
	SHOW(prctl(PR_CAPBSET_READ, 64));
	pid = fork();
	if (pid == 0) {
		SHOW(prctl(PR_CAPBSET_DROP, 64));
		SHOW(prctl(PR_CAPBSET_DROP, CAP_NET_RAW));
		SHOW(prctl(PR_CAPBSET_READ, CAP_NET_RAW));
		printf("caps %d\n", has(CAP_NET_RAW)); /* still held */
		execv(argv[0], args);
		_exit(127);
	}
	abi_wait_child("drop", pid);
	pid = fork();
	if (pid == 0) {
		SHOW(syscall(SYS_setresuid, 1000, 1000, 1000));
		SHOW(prctl(PR_CAPBSET_DROP, CAP_NET_RAW));
		SHOW(prctl(PR_CAPBSET_DROP, 64));
		SHOW(prctl(PR_CAPBSET_READ, CAP_NET_RAW));
		_exit(0);
	}
	abi_wait_child("unprivileged", pid);
	return 0;
}
