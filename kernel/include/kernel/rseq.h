/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Restartable sequences (rseq(2)): a thread registers a struct rseq in its
 * memory; the kernel keeps its cpu_id fields current and, when the thread
 * was preempted, migrated or is about to run a signal handler inside a
 * registered critical section, moves its pc to the section's abort
 * handler.  State lives in struct thread (rseq_area, rseq_len, rseq_sig,
 * rseq_event), touched only by the thread itself, and by the scheduler and
 * membarrier's IPI setting rseq_event.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <kernel/sched.h>

struct arch_regs;

/* Has the current thread `t` rseq work on its way back to user mode: it is
 * registered, and an event happened or a signal handler may be set up
 * next (`signal_next`)?  The common answer, no, costs two loads: every
 * write of rseq_event happens on t's own CPU (the scheduler's before it
 * switches t in, membarrier's IPI interrupting t, t itself), so no atomic
 * is needed; an IPI landing after this test leaves the event set for the
 * next return, as one landing after the work would. */
static inline bool rseq_due(const struct thread *t, bool signal_next)
{
	return t->rseq_area && (signal_next || READ_ONCE(t->rseq_event));
}
/* The work rseq_due() found (interrupts on): abort a critical section the
 * user pc is in, then bring the cpu_id fields up to date.  A bad area or
 * critical section descriptor is SIGSEGV, as on Linux. */
void rseq_return_to_user(struct arch_regs *r);
/* fork without CLONE_VM: the child's thread keeps the registration; with
 * CLONE_VM (threads, vfork) and on exec it is dropped. */
void rseq_fork(struct thread *child, const struct thread *parent, bool share_vm);
void rseq_exec(struct thread *t);
