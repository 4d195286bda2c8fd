/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Process timers and CPU time: the interval timers of alarm/setitimer
 * (ITIMER_REAL sends SIGALRM on the monotonic clock, ITIMER_VIRTUAL
 * SIGVTALRM on user CPU time, ITIMER_PROF SIGPROF on user + system CPU
 * time), POSIX timers (timer_create and friends), and the CPU time of the
 * process and of the children it collected with wait.
 *
 * fork starts a child with none of them; execve keeps the interval timers
 * and deletes the POSIX timers; exit deletes everything.  CPU-clock timers
 * are checked by the scheduler tick of the CPU running the process, so
 * they fire within a tick (4 ms) of their expiry.
 *
 * Locking: the process's siglock guards the timer state (timer signals
 * and their overrun counts change together with the pending set); kernel
 * timers (ktimer) are armed and cancelled after dropping it.
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <kernel/timer.h>

struct process;
struct thread;
struct ksiginfo;

/* An interval timer on a CPU clock: ns of that clock, expires 0 = off. */
struct cpu_itimer {
	uint64_t expires, interval;
};

struct proc_timers {
	struct ktimer real;	/* ITIMER_REAL */
	uint64_t real_expires;	/* time_ns() deadline, 0: disarmed (siglock) */
	uint64_t real_interval; /* (siglock) */
	uint64_t real_anchor;	/* the last expiry, for the re-arm at delivery (siglock) */
	struct cpu_itimer virt; /* ITIMER_VIRTUAL, user time (siglock) */
	struct cpu_itimer prof; /* ITIMER_PROF, user + system time (siglock) */
	struct list_head posix; /* struct posix_timer, by id (siglock) */
	int next_id;		/* (siglock) */
	unsigned nr_posix;	/* (siglock) */
	bool cpu_armed;		/* a CPU-clock timer may be armed: the tick looks */
	uint64_t exit_utime;	/* the process's CPU time, fixed at exit */
	uint64_t exit_stime;
	uint64_t child_utime; /* of the children collected by wait */
	uint64_t child_stime; /* (proctree lock) */
};

/* A new process has no timers (process_alloc). */
void ptimers_init(struct process *p);
/* execve: delete the POSIX timers. */
void ptimers_exec(struct process *p);
/* The last thread is leaving: delete every timer, fix the CPU times. */
void ptimers_exit(struct process *p);
/* The scheduler tick on the CPU running `t` (IRQ context). */
void ptimers_tick(struct thread *t);
/* wait collected `child` (proctree lock held): add its times to parent's. */
void ptimers_reaped(struct process *parent, const struct process *child);
/* CPU time of `p` (a live process's own threads, or fixed at exit). */
void process_cputime(struct process *p, uint64_t *user, uint64_t *sys);
/* A timer setting in ns: value 0 disarms, interval 0 is one-shot. */
struct itimer_val {
	uint64_t value, interval;
};

/* setitimer/alarm: set interval timer `which` (ITIMER_*), returning the
 * old setting in *old (may be NULL).  0 or -EINVAL. */
long itimer_set(int which, const struct itimer_val *nv, struct itimer_val *old);
/* getitimer: 0 or -EINVAL. */
long itimer_get(int which, struct itimer_val *cur);

/* What a POSIX timer does on expiry (a checked struct sigevent). */
struct ptimer_event {
	int notify; /* SIGEV_SIGNAL (SIGEV_THREAD_ID: with tid) or SIGEV_NONE */
	int tid;    /* SIGEV_THREAD_ID: the thread the signal is for; 0: the process */
	int signo;
	uint64_t value;	    /* si_value */
	bool default_value; /* NULL sigevent: the value is the timer id */
};

/* timer_create: 0 with the new id, -EINVAL (clock), -EOPNOTSUPP (a clock
 * without timers) or -EAGAIN (memory). */
long ptimer_create(int clock, const struct ptimer_event *ev, int *id);
/* timer_settime: `abs` for TIMER_ABSTIME.  0 or -EINVAL (no such id). */
long ptimer_settime(int id, bool abs, const struct itimer_val *nv, struct itimer_val *old);
/* timer_gettime, timer_getoverrun, timer_delete: -EINVAL for a bad id. */
long ptimer_gettime(int id, struct itimer_val *cur);
long ptimer_getoverrun(int id);
long ptimer_delete(int id);

/* SIGALRM was taken (no lock held): a periodic ITIMER_REAL that fired
 * runs again from its last expiry, as Linux re-arms it on delivery. */
void ptimer_real_dequeued(struct process *p);
/* A signal of POSIX timer `info->timerid` leaves the pending set
 * (siglock held): fill in its overrun, let the timer queue again. */
void ptimer_signal_dequeued(struct process *p, struct ksiginfo *info);
