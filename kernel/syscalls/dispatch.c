/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The system call entry of ring 1: look the number up in the generated
 * table and call the implementation.  An unknown number returns -ENOSYS
 * and is logged once, with its Linux name, so missing syscalls are easy
 * to find from a program's first run.
 */
#include <klib/errno.h>
#include <asm/unistd.h>
#include <platform/log.h>
#include <platform/upcall.h>
#include <generated/syscalls.h>
#include <kernel/rseq.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>

static uint64_t enosys_logged[(NR_SYSCALLS + 63) / 64];
static bool out_of_range_logged;

/*
 * The first call of each missing syscall is logged at warning level, so it
 * reaches the console in every mode (`quiet` included): it is usually why a
 * program fails.  One line per number; numbers past the table (no Linux
 * syscall) are logged once in all.
 */
static long unknown_syscall(long nr)
{
	if (nr >= 0 && nr < NR_SYSCALLS) {
		uint64_t bit = 1ull << (nr % 64);

		if (!(__atomic_fetch_or(&enosys_logged[nr / 64], bit, __ATOMIC_RELAXED) & bit))
			pr_warn("syscall %ld (%s) not implemented\n", nr,
				syscall_names[nr] ? syscall_names[nr] : "?");
	} else if (!__atomic_exchange_n(&out_of_range_logged, true, __ATOMIC_RELAXED)) {
		pr_warn("syscall %ld out of range (further ones not logged)\n", nr);
	}
	return -ENOSYS;
}

void syscall_entry(struct arch_regs *r)
{
	/* the six arguments written out: as a loop the compiler stages them */
	struct syscall_args a = {
		.nr = regs_syscall_nr(r),
		.regs = r,
		.arg = {regs_syscall_arg(r, 0), regs_syscall_arg(r, 1), regs_syscall_arg(r, 2),
			regs_syscall_arg(r, 3), regs_syscall_arg(r, 4), regs_syscall_arg(r, 5)},
	};
	struct thread *self = current_thread();
	bool pending;
	long ret;

	thread_syscall_enter(self);
	if (a.nr >= 0 && a.nr < NR_SYSCALLS && syscall_table[a.nr])
		ret = syscall_table[a.nr](&a);
	else
		ret = unknown_syscall(a.nr);
	if (a.nr != __NR_rt_sigreturn) /* else: the restored registers, rax included */
		regs_set_return(r, ret);
	pending = signal_pending();
	if (rseq_due(self, pending)) {
		rseq_return_to_user(r);
		pending = signal_pending(); /* its SIGSEGV, if any */
	}
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOHAND || ret == -ERESTARTNOINTR || pending ||
	    self->restore_sigmask) /* a wait mask left to restore */
		signal_syscall_exit(r, a.nr == __NR_rt_sigreturn ? -1 : a.nr, ret);
	thread_syscall_exit(self);
}
