/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* clone: Linux's checks of flag combinations (THREAD needs SIGHAND, SIGHAND needs VM, FS excludes NEWNS/NEWUSER) and a bad TLS. */
/* abi: glibc */
#include "abi.h"
#include <sched.h>

static char stack[4096] __attribute__((aligned(16)));

static long raw_clone(unsigned long flags, void *sp, unsigned long tls)
{
	/* every call here fails, so no child ever runs on `sp` */
	return syscall(SYS_clone, flags, sp, NULL, NULL, tls);
}

int main(void)
{
	void *sp = stack + sizeof(stack);

	SHOW(raw_clone(CLONE_THREAD, sp, 0));
	SHOW(raw_clone(CLONE_THREAD | CLONE_VM, sp, 0));
	SHOW(raw_clone(CLONE_SIGHAND, sp, 0));
	SHOW(raw_clone(CLONE_SIGHAND | CLONE_THREAD, sp, 0));
	SHOW(raw_clone(CLONE_FS | CLONE_NEWNS | SIGCHLD, sp, 0));
	SHOW(raw_clone(CLONE_FS | CLONE_NEWUSER | SIGCHLD, sp, 0));
	SHOW(raw_clone(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_NEWPID, sp, 0));
	SHOW(raw_clone(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | CLONE_NEWUSER, sp, 0));
	SHOW(raw_clone(CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, sp, 0));
	/* a TLS base outside user space: EPERM, as arch_prctl(ARCH_SET_FS) */
	SHOW(raw_clone(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_SETTLS, sp,
		       0xffff800000000000ul));
	SHOW(raw_clone(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_SETTLS, sp,
		       0x00007ffffffff000ul));
	return 0;
}
