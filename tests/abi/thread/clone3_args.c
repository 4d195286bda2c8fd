/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* clone3: size rules (EINVAL, E2BIG, EFAULT), exit_signal, stack and set_tid checks; a plain fork through clone3. */
/* abi: glibc */
#include "abi.h"
#include <linux/sched.h>
#include <stdint.h>

static long clone3(void *args, size_t size)
{
	return syscall(SYS_clone3, args, size);
}

int main(void)
{
	struct {
		struct clone_args a;
		uint64_t extra[2];
	} big;
	struct clone_args a;
	pid_t tid = 0;
	long r;

	memset(&big, 0, sizeof(big));
	SHOW(clone3(&big, 63));
	SHOW(clone3(&big, 4097));
	big.extra[1] = 1;
	SHOW(clone3(&big, sizeof(big)));
	SHOW(clone3(ABI_BADPTR, 64));
	memset(&a, 0, sizeof(a));
	a.exit_signal = 65;
	SHOW(clone3(&a, sizeof(a)));
	a.exit_signal = 1ull << 32;
	SHOW(clone3(&a, sizeof(a)));
	a.exit_signal = SIGCHLD;
	a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
	SHOW(clone3(&a, sizeof(a)));
	a.flags = CLONE_PARENT;
	SHOW(clone3(&a, sizeof(a)));
	a.flags = SIGCHLD;
	a.exit_signal = 0;
	SHOW(clone3(&a, sizeof(a)));
	a.flags = CLONE_DETACHED;
	SHOW(clone3(&a, sizeof(a)));
	a.flags = CLONE_SIGHAND | CLONE_VM | CLONE_CLEAR_SIGHAND;
	SHOW(clone3(&a, sizeof(a)));
	a.flags = 1ull << 40;
	SHOW(clone3(&a, sizeof(a)));
	a.flags = 0;
	a.exit_signal = SIGCHLD;
	a.stack = (uint64_t)(uintptr_t)&big;
	SHOW(clone3(&a, sizeof(a)));
	a.stack = 0;
	a.stack_size = 4096;
	SHOW(clone3(&a, sizeof(a)));
	a.stack_size = 0;
	a.set_tid_size = 1;
	SHOW(clone3(&a, sizeof(a)));
	a.set_tid_size = 0;
	a.set_tid = (uint64_t)(uintptr_t)&tid;
	SHOW(clone3(&a, sizeof(a)));
	a.set_tid_size = 33;
	SHOW(clone3(&a, sizeof(a)));
	a.set_tid = 0;
	a.set_tid_size = 0;
	a.flags = CLONE_PARENT_SETTID;
	a.parent_tid = (uint64_t)(uintptr_t)&tid;
	r = clone3(&a, CLONE_ARGS_SIZE_VER0);
	if (r == 0)
		_exit(9);
	FACT("clone3 fork: parent_tid written", r > 0 && tid == r);
	abi_wait_child("clone3 child", (pid_t)r);
	return 0;
}
