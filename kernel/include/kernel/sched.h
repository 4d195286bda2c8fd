/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Threads and the scheduler.  Each CPU has its own run queue (FIFO, round
 * robin with a time slice); an idle CPU steals work from the others.  A
 * thread is created runnable and runs `fn(arg)`; returning from fn ends it.
 * Preemption: the timer tick sets need_resched when the slice is used up
 * and the interrupt exit path switches (platform upcall
 * preempt_schedule_irq), unless preemption is disabled (spinlock held).
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <platform/context.h>
#include <platform/percpu.h>

struct vm;
struct process;
struct cred;
struct fs_context;
struct opened_file_table;

#define THREAD_NAME_MAX 16
#define SCHED_SLICE_NS	4000000ull

enum thread_state {
	THREAD_RUNNING,	 /* running or runnable */
	THREAD_SLEEPING, /* on a wait queue */
	THREAD_DEAD,
};

struct thread {
	struct arch_context ctx; /* saved CPU state (platform) */
	int tid;
	enum thread_state state; /* rq lock of thread's cpu */
	unsigned cpu;		 /* the run queue it belongs to */
	bool on_cpu;		 /* currently executing (rq lock) */
	bool on_rq;		 /* linked on the run queue (rq lock) */
	struct list_head rq_link;
	void *kstack;  /* base of the kernel stack */
	struct vm *vm; /* user address space (shared under CLONE_VM), NULL for kernel threads */
	struct process *proc;	     /* the thread group it belongs to, NULL for kernel threads */
	struct list_head group_link; /* in proc->threads (proc->threads_lock) */
	void (*fn)(void *);
	void *arg;
	int refs;	      /* atomic: handle holders + 1 while alive */
	uint64_t slice_start; /* time_ns() when it last got the CPU */
	uint64_t switches;    /* times it was switched in */
	uint64_t run_ns;      /* CPU time used, up to its last switch out */
	unsigned acct_seq;    /* odd while a switch rewrites run_ns, slice_start, acct_running */
	bool acct_running;    /* the current thread of some CPU (since slice_start) */
	uint64_t sys_ns;      /* the part of run_ns sampled in system calls */
	uint64_t acct_stamp;  /* time_ns() of the last tick or switch-in */
	bool in_syscall;      /* between syscall entry and exit */
	uint64_t shown_user;  /* what thread_cputime last reported */
	uint64_t shown_sys;
	uintptr_t clear_child_tid;   /* set_tid_address: zeroed and woken at exit */
	struct svc_frame *svc_frame; /* the innermost call into a ring-2 service (fs/contain.h) */
	struct drv_frame *drv_frame; /* the innermost call into a driver (driver/gate.h) */
	uintptr_t robust_list;	     /* set_robust_list */
	uint64_t sigmask;	     /* blocked signals */
	uint64_t real_blocked;	     /* sigtimedwait: the mask it left (siglock) */
	uint64_t sig_pending;	     /* thread-directed pending signals (proc siglock) */
	uint64_t saved_sigmask;	     /* sigsuspend/pselect: restored after delivery */
	bool restore_sigmask;
	bool stop_parked; /* counted in its group's stop (proc siglock) */
	/* struct sigq: the siginfos of sig_pending, in order (proc siglock) */
	struct list_head sig_queue;
	uintptr_t altstack_sp; /* sigaltstack */
	size_t altstack_size;
	int altstack_flags;
	char name[THREAD_NAME_MAX];
	/* credentials (kernel/cred.h): what its own checks use, and what
	 * others see (the same but during access(2)); one reference each.
	 * Replaced by the thread itself, under the proctree lock. */
	const struct cred *cred, *real_cred;
	/* cwd, root, umask (kernel/process.h), one reference; NULL for
	 * kernel threads and once it has exited (proctree lock) */
	struct fs_context *fs;
	/* its descriptor table, one reference: shared under CLONE_FILES
	 * (what pthread_create asks), its own after unshare(CLONE_FILES);
	 * NULL for kernel threads and once it has exited (proctree lock) */
	struct opened_file_table *files;
	/* sched_setaffinity: the CPUs it may run on (bit n: CPU n).  Written
	 * under the lock of the run queue of `cpu`; read without it by the
	 * placement code, which rechecks under the lock. */
	uint64_t cpus_allowed;
	/* rseq(2) registration (kernel/process/rseq.c), the thread's own */
	uintptr_t rseq_area; /* user address of its struct rseq, 0: none */
	uint32_t rseq_len, rseq_sig;
	bool rseq_event; /* preempted, migrated or IPI'd since the area was updated */
};

void sched_init(void);
/* Create a runnable kernel thread; returns it with one reference for the
 * caller (thread_put when done), or NULL when out of memory. */
struct thread *thread_create(const char *name, void (*fn)(void *), void *arg);
/* A kernel thread started on first use, not at boot (each takes a number
 * from the processes' space, and init must be pid 1): the first caller to
 * flip *started (an atomic flag, 0 at first) creates it; without memory
 * the flag goes back to 0 for the next caller. */
void thread_start_once(int *started, const char *name, void (*fn)(void *), void *arg);
/* The same in two steps: a thread that does not run until
 * thread_start_new(), so the creator can finish setting up what the new
 * thread (which may run, and exit, at once) will rely on. */
struct thread *thread_new(const char *name, void (*fn)(void *), void *arg);
void thread_start_new(struct thread *t);
void thread_put(struct thread *t);
/* Sleep until `t` has exited. */
void thread_join(struct thread *t);
__attribute__((noreturn)) void thread_exit(void);
/* The thread running on this CPU (inline: asked on every syscall). */
static inline struct thread *current_thread(void)
{
	return this_cpu_current();
}

void schedule(void); /* give up the CPU; returns when picked again */
/* Restrict `t` to the online CPUs in `mask` (not empty), moving it off a
 * CPU it may no longer use: at once for the caller itself, at its next
 * switch (forced by a reschedule) for a thread running elsewhere. */
void sched_set_affinity(struct thread *t, uint64_t mask);
void sched_yield_cpu(void);
/* Make a sleeping `t` runnable; a `t` running on another CPU is
 * interrupted, so it sees a signal sent to it at once. */
void thread_wake(struct thread *t);

/* CPU time accounting: run time is exact; its split into user and system
 * time is sampled at each tick and context switch by whether the thread is
 * in a system call (as Linux's tick accounting).  The system call entry
 * only flips the flag, on the calling thread: reading the clock there
 * would cost every system call. */
static inline void thread_syscall_enter(struct thread *t)
{
	t->in_syscall = true;
}

static inline void thread_syscall_exit(struct thread *t)
{
	t->in_syscall = false;
}
/* CPU time of `t` up to now, split into user and system ns, neither less
 * than the last report (`t` is the caller or not running). */
void thread_cputime(struct thread *t, uint64_t *user, uint64_t *sys);

/* Scheduler counters for /proc/stat, /proc/loadavg and /proc/uptime. */
struct sched_stats {
	uint64_t switches; /* context switches since boot, all CPUs */
	uint64_t now_ns;   /* when the counters were read (time_ns()) */
	uint64_t idle_ns;  /* time the CPUs spent idle, summed, up to now_ns */
	unsigned running;  /* threads running or runnable, idle threads excluded */
	int last_tid;	   /* the most recently allocated tid (pid) */
};
/* A racy but consistent-enough snapshot; takes no lock. */
void sched_stats(struct sched_stats *st);

/* One CPU's time since boot, for /proc/stat's cpuN lines: user mode,
 * kernel mode (system calls and kernel threads) and idle, in ns; each
 * never goes down between two reads. */
struct sched_cpu_times {
	uint64_t user_ns, sys_ns, idle_ns;
};
void sched_cpu_times(unsigned cpu, struct sched_cpu_times *ct);
