/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Processes (thread groups).  A process owns a pid (its leader thread's
 * tid), its threads, a share of a Vm, and its place in the process tree:
 * parent, children, and the zombie state its parent collects with wait4.
 * Files, signals, credentials, process groups and sessions join this
 * structure with the rest of step 2.
 */
#pragma once

#include <klib/list.h>
#include <linux/resource.h>
#include <klib/types.h>
#include <platform/spinlock.h>
#include <kernel/ptimer.h>
#include <kernel/signal.h>
#include <kernel/waitqueue.h>

struct thread;
struct vm;
struct arch_regs;
struct opened_file_table;
struct path_component;
struct tty;
struct vfork_done;
struct cred;

/* Where a thread resolves paths from: its root and working directory
 * (chroot, chdir) and its umask.  Copied by fork, shared under CLONE_FS
 * (what pthread_create asks) by threads and processes (refcounted),
 * made private again by unshare(CLONE_FS). */
struct fs_context {
	int refs;			   /* atomic */
	struct spinlock lock;		   /* guards the two pointers and umask */
	struct path_component *root, *cwd; /* one reference each */
	unsigned umask;
};

#define COMM_LEN 16 /* TASK_COMM_LEN: the name ps shows, from the last exec */

/* argv then envp of the last exec, each string NUL-terminated, for
 * /proc/<pid>/cmdline (data[0..len)) and environ (the env_len bytes after).
 * A kernel copy taken at exec (Linux reads the process's memory, so a
 * program rewriting its argv shows there; here it does not).  Shared by
 * fork, freed with the last reference. */
struct proc_cmdline {
	int refs; /* atomic */
	size_t len, env_len;
	char data[];
};
void process_cmdline_put(struct proc_cmdline *c);

/* Attributes user space sets and reads back (kernel/syscalls/sched.c,
 * cred.c, misc.c), inherited by fork.  Written by the process itself or,
 * for nice/policy, by another through its pid: plain stores of
 * independent words, read without a lock.  The scheduler does not act on
 * nice or policy yet (affinity is per thread: struct thread). */
struct process_attrs {
	int nice;		   /* -20..19 */
	int policy;		   /* SCHED_OTHER, SCHED_FIFO, ... */
	int rt_priority;	   /* 1..99 for SCHED_FIFO/RR, else 0 */
	uint16_t ioprio;	   /* ioprio_set's value (class NONE: none set) */
	bool reset_on_fork;	   /* SCHED_RESET_ON_FORK */
	unsigned personality;	   /* personality(2) */
	int pdeath_signal;	   /* PR_SET_PDEATHSIG (not inherited) */
	bool dumpable;		   /* PR_SET_DUMPABLE */
	bool child_subreaper;	   /* PR_SET_CHILD_SUBREAPER (not inherited) */
	int16_t oom_score_adj;	   /* -1000..1000 (kernel/mm/oom.c) */
	int16_t oom_score_adj_min; /* floor without CAP_SYS_RESOURCE */
};

/* The first process's attributes; what fork gives a child of `parent`. */
void process_attrs_init(struct process_attrs *a);
void process_attrs_fork(struct process_attrs *child, const struct process_attrs *parent);
/* A successful execve: READ_IMPLIES_EXEC leaves the personality (the
 * credentials change in cred_exec(), kernel/cred.h). */
void process_attrs_exec(struct process_attrs *a);

enum process_state {
	PROC_ALIVE,
	PROC_ZOMBIE, /* exited, waiting for its parent to collect the status */
};

struct process {
	int pid;
	int refs;			 /* atomic: the tree's until reaped, + process_get()s */
	enum process_state state;	 /* proctree lock */
	int exit_status;		 /* wait4 status word once a zombie */
	struct process *parent;		 /* proctree lock; NULL for orphans and the first process */
	int parent_tid;			 /* proctree lock: the thread of `parent` that created or
					  * adopted it, whose exit PR_SET_PDEATHSIG reports */
	struct list_head children;	 /* proctree lock */
	struct list_head sibling;	 /* in parent->children */
	struct waitqueue child_wq;	 /* wait4 sleeps here until a child changes state */
	struct vm *vm;			 /* one reference while alive; replaced under proctree */
	struct opened_file_table *files; /* the leader's (each thread has one), for /proc:
					  * one reference while alive; replaced under proctree */
	int live_threads;		 /* atomic */
	int nr_threads;			 /* on `threads`: changed under threads_lock and siglock */
	/* The thread group (kernel/process/thread.c).  threads_lock (rank
	 * THREADS, above the tree lock, below the run queues: threads are
	 * woken under it) guards the list, main_thread and the group exit
	 * state; a thread on the list is alive, so its memory stays valid
	 * while the lock is held.  The siglock nests inside it. */
	struct spinlock threads_lock;
	struct list_head threads;	 /* struct thread.group_link */
	bool group_exit;		 /* exit_group, a fatal signal or exec: all die */
	int group_exit_status;		 /* the wait status the process ends with */
	struct thread *execer;		 /* an exec waiting for the others to die */
	struct waitqueue threads_wq;	 /* woken when a thread leaves the group */
	uint64_t dead_utime, dead_stime; /* CPU ns of threads already gone */
	struct fs_context *fs;		 /* the leader's (each thread has one), for /proc:
					  * NULL once a zombie; replaced under proctree */
	char comm[COMM_LEN];
	int pgid, sid; /* process group and session (proctree lock) */
	/* the leader's credential (kernel/cred.h: each thread has its own),
	 * what the process shows to others; replaced under the proctree lock */
	const struct cred *cred;
	struct rlimit64 rlim[RLIM_NLIMITS]; /* getrlimit/setrlimit/prlimit64 */
	bool nproc_exceeded; /* a set*uid went over RLIMIT_NPROC: execve refuses (rlimit.h) */
	/* getrusage's ru_maxrss in KiB (proctree lock): the peak of the
	 * address spaces exec and exit left, and of the children waited for */
	uint64_t maxrss_kb, child_maxrss_kb;

	/* signals (siglock) */
	struct spinlock siglock;
	/* the handler table, NSIG_K entries (struct sighand in sighand.c),
	 * shared with the processes cloned with CLONE_SIGHAND: written and
	 * read whole under siglock and the table's lock (signal.h) */
	struct k_sigaction *sigact;
	uint64_t sig_pending;		  /* process-directed */
	struct ksiginfo sig_info[NSIG_K]; /* for each pending signal */
	struct list_head sig_queue;	  /* struct sigq: further real-time instances */
	unsigned sig_queued;		  /* entries on sig_queue */
	bool stopped;			  /* by a job-control stop signal */
	int stop_sig;
	bool stop_unreported, cont_unreported; /* for wait4 WUNTRACED / WCONTINUED */
	bool stop_done;			       /* every thread has parked: the stop is reported */
	int stop_parked;		       /* threads parked in the current stop */
	bool cont_notify; /* SIGCONT ended a stop: the first thread to run tells the parent */
	struct thread *main_thread; /* the leader, or (once it left) a live thread
				     * to direct signals and ticks at (threads_lock) */
	struct tty *ctty;	    /* the session's controlling terminal (proctree lock) */
	int exit_signal;	    /* to the parent at exit: SIGCHLD, or clone\'s choice */
	struct vfork_done *vfork;   /* the vfork parent waiting for us, or NULL */
	struct list_head all_link;  /* in the list of all processes (proctree lock) */
	uint64_t start_ns;	    /* time_ns() when it was created */
	/* What the last exec ran, for /proc (set and dropped under the proctree
	 * lock, like vm and files, so /proc may take references under it). */
	struct proc_cmdline *cmdline;
	struct path_component *exe;
	struct process_attrs attrs; /* nice, policy, personality, caps... */
	struct proc_timers timers;  /* itimers, POSIX timers, CPU times (kernel/ptimer.h) */
};

/* Supplementary groups (groups.c): a reference more or less on a list
 * (NULL is the empty list); getgroups(size, list) and setgroups(size,
 * list) for the calling thread, with Linux's errnos (EINVAL, EFAULT,
 * EPERM without CAP_SETGID, ENOMEM). */
struct group_list *groups_get(struct group_list *g);
void groups_put(struct group_list *g);
long groups_read(uint32_t __user *list, int size);
long groups_write(const uint32_t __user *list, int size);
/* The list's length and its i-th gid (ascending), for /proc. */
unsigned groups_count(const struct group_list *g);
uint32_t groups_nth(const struct group_list *g, unsigned i);
/* Whether `gid` is on the list (a binary search). */
bool groups_contain(const struct group_list *g, uint32_t gid);

/* exec succeeded: record its argv and executable (references taken over;
 * the old ones are dropped). */
void process_set_exec_info(struct process *p, struct proc_cmdline *cmdline,
			   struct path_component *exe);

/* Keep `p`'s memory past the proctree lock (a wake-up, a signal):
 * process_get under the lock, process_put when done (it may free). */
void process_get(struct process *p);
void process_put(struct process *p);

/* The process with this pid, or NULL.  Call with the proctree lock held
 * (process_lock_tree), or accept that it may be freed. */
struct process *process_find(int pid);
irqflags_t process_lock_tree(void) __acquires(proctree);
void process_unlock_tree(irqflags_t f) __releases(proctree);
/* Walk every live process (proctree lock held). */
#define for_each_process(p) list_for_each_entry (p, &all_processes, all_link)
extern struct list_head all_processes;
/* setpgid/setsid/getpgid/getsid. */
long process_setpgid(int pid, int pgid);
long process_setsid(void);
/* Give the calling thread its own copy of a descriptor table it shares
 * (CLONE_FILES; unshare, close_range, exec): 0 or -ENOMEM. */
int process_unshare_files(void);

/* A new process with `vm` (its reference is taken over) whose first thread
 * will start in user mode at pc/sp, with the console on fds 0, 1 and 2.  No parent: it is reaped when it exits.
 * Returns the leader thread (one reference for the caller), or NULL. */
struct thread *process_spawn(struct vm *vm, uintptr_t pc, uintptr_t sp);

/* What clone(2) asked for, beyond a plain fork. */
struct fork_args {
	bool share_vm;		   /* CLONE_VM */
	bool vfork;		   /* CLONE_VFORK: the parent waits for exec or exit */
	bool share_files;	   /* CLONE_FILES: one OpenedFileTable for both */
	bool share_fs;		   /* CLONE_FS: one fs_context for both */
	bool clear_sighand;	   /* CLONE_CLEAR_SIGHAND: handlers back to SIG_DFL */
	bool share_sighand;	   /* CLONE_SIGHAND: one handler table for both */
	int exit_signal;	   /* sent to the parent at exit (CSIGNAL bits) */
	uintptr_t stack;	   /* the child's stack pointer, 0: the parent's */
	uintptr_t parent_tid;	   /* CLONE_PARENT_SETTID */
	uintptr_t set_child_tid;   /* CLONE_CHILD_SETTID */
	uintptr_t clear_child_tid; /* CLONE_CHILD_CLEARTID */
	bool share_parent;	   /* CLONE_PARENT: a sibling of the caller */
	bool thread;		   /* CLONE_THREAD: a thread of the caller's process */
	bool set_tls;		   /* CLONE_SETTLS */
	uintptr_t tls;		   /* the new thread's TLS base under set_tls */
};

/* fork/vfork/clone: a child of the calling process resuming at `regs` with
 * return value 0.  Returns the child's pid or -errno. */
long process_fork(const struct arch_regs *regs, const struct fork_args *fa);
/* clone(CLONE_THREAD): a new thread of the calling process resuming at
 * `regs` with return value 0 (kernel/process/thread.c).  Returns its tid
 * or -errno (-ENOMEM, -EAGAIN past RLIMIT_NPROC, -ERESTARTSYS when the
 * group is dying). */
long process_clone_thread(const struct arch_regs *regs, const struct fork_args *fa);
/* exit_group(2) and fatal signals: every thread of the caller's process
 * dies; the process ends with `status` (the first group exit's wins). */
__attribute__((noreturn)) void process_exit_group(int status);
/* execve from any thread: kill the other threads and wait for them; the
 * caller becomes the leader (takes the pid as its tid).  0, or -EINTR
 * when the caller itself is being killed. */
int process_exec_single(void);
/* tkill/tgkill (proctree lock held): make `sig` pending on the thread
 * `tid` of `p` (sig 0: only look).  0, or -ESRCH when `p` has no live
 * thread `tid`, or -EAGAIN (a full real-time queue). */
int signal_send_tid(struct process *p, int tid, int sig, const struct ksiginfo *info);
/* The CPU time of the live thread `tid` of the caller's process, or of
 * the process `pid` (any process, all its threads): 0 or -EINVAL. */
int thread_clock_ns(int tid, uint64_t *ns);
/* process_cputime (kernel/ptimer.h) with p->siglock already held. */
void process_cputime_locked(struct process *p, uint64_t *user, uint64_t *sys);
int process_clock_ns(int pid, uint64_t *ns);

/* The process with pid `id`, else the one with a live thread `id` (for
 * /proc/<tid>), or NULL.  Proctree lock held. */
struct process *process_find_any(int id);
/* The smallest tid >= from among the live threads of process `pid`, or -1. */
int process_next_tid(int pid, int from);
/* Is `tid` a live thread of `p`? */
bool process_has_thread(struct process *p, int tid);
/* The live thread `tid` of `p`, or NULL (threads_lock or siglock held:
 * the list changes under both). */
struct thread *process_thread_locked(struct process *p, int tid);

/* Name thread `t` of `p` (prctl PR_SET_NAME, /proc/.../comm, exec): the
 * leader's name is also the process's comm. */
void process_set_comm(struct process *p, struct thread *t, const char *name);
/* The same for the thread `tid` of `p`: 0 or -ESRCH. */
int process_rename_thread(struct process *p, int tid, const char *name);

/* A vfork child execs or exits: its parent may run again. */
void process_vfork_release(struct process *p);

/* End the calling thread with a wait4 status word (exit code << 8, or
 * the signal number); the last thread out makes the process a zombie. */
__attribute__((noreturn)) void process_exit(int status);

/* wait4(pid, &status, options): -1 any child, >0 that child.  Returns the
 * pid collected, 0 (WNOHANG and none ready) or -ECHILD / -EINVAL.  `cpu`
 * (may be NULL) receives the child's user and system CPU ns (a collected
 * child's include its own collected children's). */
struct vm;
/* `p` is leaving `vm` (exec, exit; proctree lock): keep its peak size for
 * ru_maxrss. */
void process_note_maxrss(struct process *p, struct vm *vm);
/* ru_maxrss of `p` in KiB: the peak of its address spaces, and with
 * !self_only of the children it waited for too (what wait4 reports). */
uint64_t process_maxrss(const struct process *p, bool self_only);
long process_wait(int pid, int *status, int options, uint64_t *cpu);

/* waitid(idtype, id, options): 0 with the child's pid and wait status
 * (0/0 under WNOHANG when none is ready), or -ECHILD / -EINVAL. */
long process_waitid(int idtype, int id, int options, int *pid, int *status, uint64_t *cpu);

struct process *current_process(void);

/* The calling thread's root and working directory, new references
 * (path_put both). */
void process_fs_get(struct path_component **root, struct path_component **cwd);
/* Replace the working directory (or root) with `pc`, whose reference it
 * takes over. */
void process_fs_set_cwd(struct path_component *pc);
void process_fs_set_root(struct path_component *pc);
/* pivot_root: every process (its leader's context, and the caller's own)
 * whose root or working directory is the place `old` (path_same) gets a
 * reference to `pc` instead.  May sleep; 0 or -ENOMEM. */
int process_fs_repoint(const struct path_component *old, struct path_component *pc);
/* The calling thread's umask, and umask(2)'s swap: the old one. */
unsigned process_fs_umask(void);
unsigned process_fs_set_umask(unsigned mask);
/* unshare(CLONE_FS): the calling thread gets its own copy of the context
 * it shares (0 or -ENOMEM). */
int process_unshare_fs(void);
/* The context a new thread created by the caller starts with: shared
 * under CLONE_FS, else a copy (NULL: out of memory); the same for the
 * descriptor table (CLONE_FILES). */
struct fs_context *process_fs_for_child(bool share);
struct opened_file_table *process_files_for_child(bool share);
/* A dying (or never started) thread lets go of its fs context and
 * descriptor table. */
void process_thread_drop_context(struct thread *t);

/* Start the first user process: execute `path` with argv/envp (NULL
 * terminated) in a new process at the root of the mounted filesystem.
 * Returns its pid, or -errno when it cannot be created; failures of the
 * exec itself show as the process exiting with status 127 << 8. */
long process_start_init(const char *path, const char *const *argv, const char *const *envp);
/* The pid of the process process_start_init() made, or 0. */
int init_pid(void);
