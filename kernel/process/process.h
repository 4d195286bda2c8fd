/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Internal interfaces of kernel/process. */
#pragma once

#include <platform/context.h>
#include <platform/upcall.h>

struct vm;
struct process;
struct fs_context;
struct thread;

/* The last fault a user thread died of (self-tests read it). */
extern struct fault_info last_user_fault;

/* How a new user thread starts (process.c): handed to thread_new() with
 * user_thread_start, which frees it. */
struct user_start {
	struct vm *vm; /* one reference, the thread's */
	struct process *proc;
	bool resume; /* resume `regs` (fork) or enter at pc/sp */
	struct arch_regs regs;
	uintptr_t pc, sp;
	uintptr_t tls;		   /* the user TLS base to start with */
	uint64_t sigmask;	   /* the blocked mask, inherited over fork */
	uintptr_t set_child_tid;   /* CLONE_CHILD_SETTID: where the child writes its tid */
	uintptr_t clear_child_tid; /* CLONE_CHILD_CLEARTID, set before the thread can run */
};
void user_thread_start(void *arg);

/* thread.c: the first thread of `p` joins its (empty) group (proctree
 * lock held); the calling thread leaves its group as it exits (before it
 * drops its address space: CLONE_CHILD_CLEARTID writes to it). */
void thread_group_first(struct process *p, struct thread *t);
void thread_group_leave(struct thread *t, struct process *p, int status);
/* Thread `tid` of `p` left, `heir` lives on: its children go to the heir
 * and get their PR_SET_PDEATHSIG (process.c). */
void process_thread_orphans(struct process *p, int tid, int heir);
/* process_alloc(): the group's empty state. */
void thread_group_init(struct process *p);
/* thread_context.c: an fs context, a copy of `from` (NULL: the root,
 * umask 022; NULL when out of memory), a reference more or less, and the
 * process's release of its own (a zombie's, under the tree lock). */
struct fs_context *fs_context_new(struct fs_context *from);
struct fs_context *fs_context_get(struct fs_context *fs);
void fs_context_put(struct fs_context *fs);
void fs_context_release(struct process *p);
void process_leader_detach(struct process *p);
/* thread_context.c: `t` took the leader's place (exec from another thread): the
 * process's credential and fs context for /proc are now its. */
void process_became_leader(struct process *p, struct thread *t);
