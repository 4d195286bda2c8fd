/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* unshare(CLONE_VM) fails while another process shares the memory (a vfork child), succeeds in a plain fork child. */
/* abi: glibc */
#include <sched.h>
#include <sys/wait.h>
#include "abi.h"

static long result;

int main(void)
{
	pid_t pid;

	alarm(8);
	pid = vfork();
	if (pid == 0) {
		result = syscall(SYS_unshare, CLONE_VM) < 0 ? -errno : 0;
		_exit(0);
	}
	abi_wait_child("vfork child", pid);
	printf("in the vfork child: %s\n", result ? abi_errname((int)-result) : "0");
	pid = fork();
	if (pid == 0) {
		SHOW(syscall(SYS_unshare, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD));
		_exit(0);
	}
	abi_wait_child("fork child", pid);
	return 0;
}
