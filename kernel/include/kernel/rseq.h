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

#include <klib/types.h>

struct thread;
struct arch_regs;

/* On the way back to user mode (interrupts on): abort a critical section
 * if an event happened, then bring the cpu_id fields up to date.  A bad
 * area or critical section descriptor is SIGSEGV, as on Linux.
 * `signal_next` says a signal handler may be set up right after. */
void rseq_return_to_user(struct arch_regs *r, bool signal_next);
/* fork without CLONE_VM: the child's thread keeps the registration; with
 * CLONE_VM (threads, vfork) and on exec it is dropped. */
void rseq_fork(struct thread *child, const struct thread *parent, bool share_vm);
void rseq_exec(struct thread *t);
