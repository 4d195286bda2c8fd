/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Signals: actions per process, a blocked mask per thread, pending sets
 * (process-wide and per thread), delivery on the way back to user mode
 * (default actions: terminate, ignore, stop, continue; or a handler frame
 * with siginfo and ucontext), and job-control stops.
 *
 * Standard signals are not queued: a second one while the first is
 * pending is merged, keeping the first siginfo.  Real-time signals queue,
 * dequeued in the order they came: for the process, the first instance
 * sits in the per-signal slot and later ones in a list; a thread keeps
 * every instance aimed at it on its own list.  Each instance with a siginfo is
 * charged to the receiver's real uid (RLIMIT_SIGPENDING, per user:
 * kernel/sigpending.h).
 */
#pragma once

#include <klib/list.h>
#include <klib/types.h>
#include <linux/signal.h>
#include <platform/regs.h>

#define NSIG_K 64

#define SIGBIT(sig) (1ull << ((sig)-1))
/* Never blocked, caught or ignored. */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* The mask a wait runs under (rt_sigsuspend, ppoll, pselect6,
 * epoll_pwait): the user's sigset at `umask` (`size` bytes) replaces the
 * thread's until it returns to user mode.  0, -EINVAL, -EFAULT. */
long signal_set_wait_mask(uint64_t umask, uint64_t size);
/* The wait is over with `ret`: unless a signal interrupted it (-EINTR,
 * -ERESTART*: the handler's frame gets the old mask), the old mask is
 * back at once, as Linux's restore_saved_sigmask_unless() does: a signal
 * let through only for the wait and arriving after it stays pending. */
long signal_end_wait_mask(long ret);
/* sigtimedwait's window, as Linux's real_blocked: the awaited `set` is
 * unblocked so that it wakes the sleep, yet counts as blocked on arrival,
 * so a signal whose action is to be ignored (SIGCHLD at SIG_DFL) stays
 * pending for the wait instead of being dropped.  Returns the mask that
 * signal_wait_restore() puts back. */
uint64_t signal_wait_unblock(uint64_t set);
void signal_wait_restore(uint64_t saved);

/* struct sigaction as rt_sigaction(2) passes it on x86-64 and arm64. */
struct k_sigaction {
	uint64_t handler; /* SIG_DFL (0), SIG_IGN (1) or a user address */
	uint64_t flags;	  /* SA_* */
	uint64_t restorer;
	uint64_t mask;
};

/* What the kernel records about one pending signal (the siginfo fields
 * user space can see for the sources Kevlar has). */
struct ksiginfo {
	int signo, code, errno_;
	int pid;
	uint32_t uid;
	int status;	/* SIGCHLD: exit code or signal */
	uintptr_t addr; /* faults: si_addr */
	uint64_t value; /* si_value: sigqueue, POSIX timers */
	int timerid;	/* SI_TIMER: si_timerid and si_overrun */
	int overrun;
	long band; /* POLL_* codes (SIGIO, F_SETSIG): si_band and si_fd */
	int fd;
	int charge; /* RLIMIT_SIGPENDING: the user charged for this pending
		     * instance (kernel/sigpending.h), 0 if none */
};

/* One more pending instance of a signal whose slot is taken (process),
 * or any pending instance with a siginfo (thread). */
struct sigq {
	struct list_head link; /* in process->sig_queue or thread->sig_queue (siglock) */
	struct ksiginfo info;
	struct thread *owner; /* the thread whose queue it is on; NULL: the process's */
	bool heap;	      /* kfree'd when dequeued; else a POSIX timer's own */
};

struct process;
struct thread;

/* Send `sig` to a process (kill, SIGCHLD, SIGPIPE...).  `info` may be
 * NULL (SI_KERNEL).  0, -EINVAL for a bad number, or -EAGAIN when a
 * real-time signal's queue is full and the sender (sigqueue, tkill) must
 * not lose its siginfo. */
int signal_send(struct process *p, int sig, const struct ksiginfo *info);
/* The same for a signal user space sent (kill, tkill, sigqueue): init
 * drops it unless it has a handler, SIGKILL included. */
int signal_send_user(struct process *p, int sig, const struct ksiginfo *info);
/* May the caller send `sig` to `target` (Linux's kill permission)?  0 or
 * -EPERM; proctree lock held (the target's ids and session). */
int signal_may_kill(const struct process *target, int sig);
/* The same for tkill/tgkill of the thread `tid` of `target`: its own ids
 * decide (the leader's if it has no such live thread). */
int signal_may_kill_tid(struct process *target, int tid, int sig);
/* SIGKILL is pending for `p` / for the caller: it is on its way out. */
bool signal_kill_pending(const struct process *p);
/* ... or a signal that will end the caller (SIGKILL, or a default action
 * of terminate): what ends a killable wait. */
bool fatal_signal_pending(void);
/* POSIX timers (siglock held): queue `info` for `sig`, using `q` if the
 * signal's slot is taken; for the thread `tid` (SIGEV_THREAD_ID) if it is
 * non-zero.  False if it was discarded (ignored, or the thread is gone).
 * The caller wakes the process
 * after dropping the lock (signal_wake: the main thread, and any thread
 * with a signal of its own to take). */
bool signal_queue_timer_locked(struct process *p, int sig, const struct ksiginfo *info,
			       struct sigq *q, int tid);
void signal_wake(struct process *p);
/* Take `q` off the queue if it is there (siglock held). */
void signal_unqueue_locked(struct process *p, struct sigq *q);
/* A POSIX timer is re-armed or deleted (siglock held): its pending signal
 * (in the slot, or `q` on the queue) is dropped, as Linux does.  Returns
 * a queue entry to kfree after dropping the lock, or NULL. */
struct sigq *signal_cancel_timer_locked(struct process *p, int sig, struct sigq *q, int timerid);
/* Drop every pending signal's queued instances (the process is freed). */
void signal_free_queue(struct process *p);
/* A thread left its group (it is off p->threads): its own pending
 * signals go, their RLIMIT_SIGPENDING charges given back. */
void signal_thread_exit(struct process *p, struct thread *t);
/* Discard the pending instances of `sig` (its action became SIG_IGN). */
void signal_discard(struct process *p, int sig);
/* Take the lowest pending signal in `set` for the current thread,
 * whether blocked or not (sigtimedwait); 0 if none. */
int signal_dequeue_set(uint64_t set, struct ksiginfo *info);
/* The siginfo_t user space sees for `k` (SIGINFO_BYTES bytes at `si`). */
void signal_fill_siginfo(void *si, const struct ksiginfo *k);
/* A synchronous fault signal for the current thread: delivered even if
 * blocked or ignored (then with the default action), as Linux. */
void signal_force(int sig, const struct ksiginfo *info);
/* A signal for the current thread is pending and not blocked. */
bool signal_pending(void);
/* The way back to user mode after a system call returned `ret` (with
 * number nr): restart handling, then deliver pending signals. */
void signal_syscall_exit(struct arch_regs *r, long nr, long ret);
/* A new process's signal state with a handler table of its own, all
 * SIG_DFL; with `parent`, a copy of the parent's.  0 or -ENOMEM. */
int signal_init_process(struct process *p, const struct process *parent);
/* fork/clone: the child (from signal_init_process(child, NULL)) shares
 * the parent's handler table (`share`: CLONE_SIGHAND) or copies it,
 * caught signals back to SIG_DFL under `clear` (CLONE_CLEAR_SIGHAND). */
void signal_fork(struct process *child, struct process *parent, bool share, bool clear);
/* execve, once the caller is the only thread: a handler table shared
 * with another process (CLONE_SIGHAND) is replaced by a copy of its own.
 * 0 or -ENOMEM. */
int signal_unshare_handlers(struct process *p);
/* execve: handlers revert to SIG_DFL (ignored signals stay ignored). */
void signal_exec(struct process *p);
/* rt_sigaction: *old gets the action of `sig`, which is replaced by *act
 * if `act`; in the table every sharer sees.  Takes the table's lock (a
 * leaf: never under the siglock). */
void signal_swap_action(struct process *p, int sig, const struct k_sigaction *act,
			struct k_sigaction *old);

/* wait reporting of stops and continues (proctree lock held): the next
 * unreported change of `p`, as a wait status, or 0; `consume` marks it
 * reported (not under WNOWAIT). */
/* A thread left its group's list (thread_group_leave, siglock held): true
 * if that completed a group stop, which the caller then reports with
 * signal_report_stop() once it holds no lock. */
bool signal_thread_left_locked(struct process *p, struct thread *t);
void signal_report_stop(struct process *p);
int signal_peek_stop_report(struct process *p, bool stopped, bool continued, bool consume);
