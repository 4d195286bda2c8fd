/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* clone and clone3 with CLONE_VM and no stack: allowed; the child runs on the caller's stack pointer (posix_spawn-style). */
/* abi: glibc */
#include "abi.h"
#include <linux/sched.h>
#include <stdint.h>

/*
 * The system call `nr` (clone or clone3) with two arguments, and in the
 * child an immediate exit(code) that touches no memory: the child shares
 * the stack the caller is still using.
 */
static long spawn_exit(long nr, unsigned long a0, unsigned long a1, int code)
{
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov %[code], %%edi\n\t"
			 "mov %[exit], %%eax\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(ret)
			 : "0"(nr), "D"(a0), "S"(a1), "d"(0L), "r"(r10),
			   "r"(r8), [code] "r"(code), [exit] "i"(SYS_exit)
			 : "rcx", "r11", "memory");
	return ret;
}

static void run(const char *label, long pid)
{
	if (pid < 0) {
		printf("%s: -1 %s\n", label, abi_errname((int)-pid));
		return;
	}
	abi_wait_child(label, (pid_t)pid);
}

int main(void)
{
	struct clone_args ca;

	run("clone VM|VFORK, stack 0",
	    spawn_exit(SYS_clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 7));
	run("clone VM, stack 0", spawn_exit(SYS_clone, CLONE_VM | SIGCHLD, 0, 8));
	run("clone VFORK, stack 0", spawn_exit(SYS_clone, CLONE_VFORK | SIGCHLD, 0, 9));
	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_VM | CLONE_VFORK;
	ca.exit_signal = SIGCHLD;
	run("clone3 VM|VFORK, stack 0", spawn_exit(SYS_clone3, (uintptr_t)&ca, sizeof(ca), 10));
	ca.flags = CLONE_VM;
	run("clone3 VM, stack 0", spawn_exit(SYS_clone3, (uintptr_t)&ca, sizeof(ca), 11));
	ca.stack_size = 4096;
	run("clone3 VM, no stack but a size",
	    spawn_exit(SYS_clone3, (uintptr_t)&ca, sizeof(ca), 12));
	return 0;
}
