/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * /proc/<pid>/...: what one process looks like from outside, in Linux's
 * formats (fs/proc/array.c and task_mmu.c are the reference for field
 * order and layout; the host's /proc was compared field by field).
 *
 * Each read takes a snapshot under the proctree lock: the plain fields are
 * copied and references are taken to the vm, the descriptor table, the
 * root and cwd, the executable and the argv copy (process.c and exec.c
 * replace those under the same lock, so a reference taken here is always
 * to a live object).  The text is built afterwards, with no process lock
 * held; the vm's VMAs are read under vm->lock.
 *
 * Approximations, until the kernel tracks more:
 *   - CPU time is per thread run time with no user/system split: all of it
 *     shows as utime; children's times (cutime, cstime) and fault counts
 *     are 0;
 *   - VmRSS counts the frames mapped in the page table (shared
 *     copy-on-write frames count in every sharer, as Linux's RSS does);
 *     VmHWM is the peak of that count, VmPeak equals VmSize;
 *   - program segments are anonymous private memory here (exec copies
 *     them), so maps names only [heap], [stack], [vvar] and [vdso], and
 *     RssFile, VmLib and the device/inode columns are 0;
 *   - cmdline and environ are the argv and envp copies exec kept, not the
 *     process's memory.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <platform/vdso.h>
#include <linux/limits.h>
#include <linux/mman.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/percpu.h>
#include <kernel/exec.h>
#include <kernel/anon.h>
#include <kernel/file.h>
#include <kernel/lock.h>
#include <kernel/mqueue.h>
#include <kernel/path.h>
#include <kernel/cred.h>
#include <kernel/memfd.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/sigpending.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include "procfs.h"

#define USER_HZ	      100 /* clock ticks of /proc times (sysconf(_SC_CLK_TCK)) */
#define NS_PER_TICK   (1000000000ull / USER_HZ)
#define MAP_NAME_COL  73 /* maps: the name starts in this column */
#define PROC_LINK_MAX 4096

#define SNAP_VM	     0x01u
#define SNAP_FILES   0x02u
#define SNAP_FS	     0x04u
#define SNAP_EXE     0x08u
#define SNAP_CMDLINE 0x10u
#define SNAP_THREAD  0x20u /* the thread's own times (task/<tid>) */

/* One process, copied out under the proctree lock. */
struct snap {
	int pid, tgid, ppid, pgid, sid; /* pid: the id asked for (a tid for a thread) */
	char state;			/* R S T Z */
	char comm[COMM_LEN];
	struct cred cred; /* a copy (its groups referenced): the thread's, or the leader's */
	unsigned umask;
	int threads, exit_signal, exit_code;
	unsigned cpu;
	uint64_t cpus_allowed; /* the thread's affinity (the leader's for the process) */
	uint64_t start_ns, run_ns, switches;
	uint64_t utime, stime, cutime, cstime; /* ns */
	uint64_t pending, shared_pending, blocked, ignored, caught;
	uint64_t sigq_count, sigq_max; /* the real uid's pending signals, the limit */
	struct vm *vm;
	struct opened_file_table *files;
	struct path_component *root, *cwd, *exe;
	struct proc_cmdline *cmdline;
	struct process_attrs attrs;
	struct rlimit64 rlim[RLIM_NLIMITS];
};

static char state_of(const struct process *p, const struct thread *t)
{
	if (p->state == PROC_ZOMBIE)
		return 'Z';
	if (p->stopped)
		return 'T';
	return t && t->state == THREAD_SLEEPING ? 'S' : 'R';
}

/* The thread `id` of `p`, else its main thread (threads_lock held). */
static struct thread *thread_of(struct process *p, int id)
{
	struct thread *t;

	list_for_each_entry (t, &p->threads, group_link) {
		if (t->tid == id)
			return t;
	}
	return p->main_thread;
}

bool proc_tid_of(int pid, int tid)
{
	irqflags_t f = process_lock_tree();
	struct process *p = process_find(pid);
	bool found = false;

	if (p) {
		spin_lock(&p->threads_lock);
		found = thread_of(p, tid) && thread_of(p, tid)->tid == tid;
		spin_unlock(&p->threads_lock);
	}
	process_unlock_tree(f);
	return found;
}

static int snap_take(int pid, unsigned want, struct snap *s)
{
	irqflags_t f = process_lock_tree();
	struct process *p = process_find_any(pid);
	struct fs_context *fs = p ? p->fs : NULL;
	struct opened_file_table *files = p ? p->files : NULL;
	const struct cred *c;
	struct thread *t;

	memset(s, 0, sizeof(*s));
	if (!p) {
		process_unlock_tree(f);
		return -ESRCH;
	}
	s->pid = pid;
	s->tgid = p->pid;
	s->ppid = p->parent ? p->parent->pid : 0;
	s->pgid = p->pgid;
	s->sid = p->sid;
	memcpy(s->comm, p->comm, sizeof(s->comm));
	s->comm[COMM_LEN - 1] = '\0';
	s->threads = p->state == PROC_ZOMBIE
			     ? 1
			     : READ_ONCE(p->nr_threads); /* exited ones leave the list first */
	s->exit_signal = p->exit_signal;
	s->attrs = p->attrs;
	s->exit_code = p->state == PROC_ZOMBIE ? p->exit_status : 0;
	s->start_ns = p->start_ns;
	s->sigq_count = sigpending_count(p->cred->uid);
	s->sigq_max = p->rlim[RLIMIT_SIGPENDING].rlim_cur;
	memcpy(s->rlim, p->rlim, sizeof(s->rlim));
	s->cutime = p->timers.child_utime;
	s->cstime = p->timers.child_stime;
	if (!(want & SNAP_THREAD))
		process_cputime(p, &s->utime, &s->stime);
	/* the thread asked for, or the leader's view (threads_lock keeps it) */
	spin_lock(&p->threads_lock);
	t = thread_of(p, pid);
	s->state = state_of(p, t);
	s->cpus_allowed = ~0ull;
	/* a thread's own credential, fs context and descriptor table, else
	 * the leader's (all replaced under the tree lock) */
	c = t && t->tid == pid && t->real_cred ? t->real_cred : p->cred;
	s->cred = *c;
	groups_get(s->cred.groups);
	if (t && t->tid == pid && t->fs)
		fs = t->fs;
	if (t && t->tid == pid && t->files)
		files = t->files;
	if (t) {
		s->run_ns = t->run_ns;
		s->switches = t->switches;
		s->cpu = t->cpu;
		s->blocked = t->sigmask;
		s->pending = t->sig_pending;
		s->cpus_allowed = READ_ONCE(t->cpus_allowed);
		if (t->tid == pid && t->proc == p) {
			memcpy(s->comm, t->name, sizeof(s->comm));
			s->comm[COMM_LEN - 1] = '\0';
		}
		if (want & SNAP_THREAD)
			thread_cputime(t, &s->utime, &s->stime);
	}
	spin_unlock(&p->threads_lock);
	if ((want & SNAP_VM) && p->vm) {
		s->vm = p->vm;
		vm_get(s->vm);
	}
	if ((want & SNAP_FILES) && files)
		s->files = fdtable_ref(files);
	if ((want & SNAP_EXE) && p->exe)
		s->exe = path_get(p->exe);
	if ((want & SNAP_CMDLINE) && p->cmdline) {
		s->cmdline = p->cmdline;
		__atomic_add_fetch(&s->cmdline->refs, 1, __ATOMIC_RELAXED);
	}
	if (fs) { /* NULL once a zombie */
		spin_lock(&fs->lock);
		s->umask = fs->umask;
		if ((want & SNAP_FS) && fs->root && fs->cwd) {
			s->root = path_get(fs->root);
			s->cwd = path_get(fs->cwd);
		}
		spin_unlock(&fs->lock);
	}
	spin_lock(&p->siglock);
	s->shared_pending = p->sig_pending;
	for (int i = 0; i < NSIG_K; i++) {
		if (p->sigact[i].handler == 1)
			s->ignored |= 1ull << i;
		else if (p->sigact[i].handler > 1)
			s->caught |= 1ull << i;
	}
	spin_unlock(&p->siglock);
	process_unlock_tree(f);
	return 0;
}

static void snap_drop(struct snap *s)
{
	if (s->vm)
		vm_put(s->vm);
	if (s->files)
		fdtable_put(s->files);
	path_put(s->root);
	path_put(s->cwd);
	path_put(s->exe);
	process_cmdline_put(s->cmdline);
	groups_put(s->cred.groups);
}

bool proc_pid_alive(int pid)
{
	irqflags_t f = process_lock_tree();
	bool found = process_find_any(pid) != NULL;

	process_unlock_tree(f);
	return found;
}

int proc_next_pid(int from)
{
	irqflags_t f = process_lock_tree();
	struct process *p;
	int best = -1;

	for_each_process(p)
	{
		if (p->pid >= from && (best < 0 || p->pid < best))
			best = p->pid;
	}
	process_unlock_tree(f);
	return best;
}

int proc_count_processes(void)
{
	irqflags_t f = process_lock_tree();
	struct process *p;
	int n = 0;

	for_each_process(p) n++;
	process_unlock_tree(f);
	return n;
}

int proc_pid_owner(int pid, uint32_t *uid, uint32_t *gid, uint64_t *start_ns)
{
	struct snap s;
	int err = snap_take(pid, 0, &s);

	if (err)
		return err;
	/* a process that is not dumpable is root's, as Linux */
	*uid = s.attrs.dumpable ? s.cred.euid : 0;
	*gid = s.attrs.dumpable ? s.cred.egid : 0;
	*start_ns = s.start_ns;
	return 0;
}

int proc_next_fd(int pid, int from, unsigned *flags)
{
	struct snap s;
	int fd = -1;

	if (from < 0 || snap_take(pid, SNAP_FILES, &s))
		return -1;
	if (s.files)
		fd = fdtable_next(s.files, from, flags);
	snap_drop(&s);
	return fd;
}

/* ---- memory ---- */

struct vm_usage {
	size_t size, rss, data, stack, exec; /* bytes (rss: pages) */
	uintptr_t start_code, end_code, brk_start, brk;
};

static size_t resident_pages(struct vm *vm, const struct vma *v)
{
	size_t n = 0;

	/* table by table: a thread's 64 MiB malloc arena, mostly untouched,
	 * costs a few absent tables, not 16384 lookups under the vm lock */
	for (uintptr_t a = v->start; aspace_next(vm->as, &a, v->end); a += PAGE_SIZE)
		n++;
	return n;
}

static void vm_usage(struct vm *vm, struct vm_usage *u)
{
	irqflags_t f = spin_lock_irqsave(&vm->lock);
	struct vma *v;

	memset(u, 0, sizeof(*u));
	u->brk_start = vm->brk_start;
	u->brk = vm->brk;
	list_for_each_entry (v, &vm->vmas, link) {
		size_t len = v->end - v->start;

		u->size += len;
		u->rss += resident_pages(vm, v);
		if (v->end == EXEC_STACK_TOP) {
			u->stack += len;
		} else if (v->prot & PROT_EXEC) {
			u->exec += len;
			if (!u->start_code) {
				u->start_code = v->start;
				u->end_code = v->end;
			}
		} else if ((v->prot & PROT_WRITE) && !(v->flags & MAP_SHARED)) {
			u->data += len;
		}
	}
	spin_unlock_irqrestore(&vm->lock, f);
}

/* ---- stat, statm, status ---- */

/* "Cpus_allowed:\t3\nCpus_allowed_list:\t0-1\n" for an affinity mask */
static void cpus_allowed(struct pbuf *b, uint64_t mask)
{
	pbuf_printf(b, "Cpus_allowed:\t%llx\nCpus_allowed_list:\t", (unsigned long long)mask);
	pbuf_cpulist(b, mask);
	pbuf_printf(b, "\n");
}

int proc_show_pid_stat(struct pbuf *b, const struct proc_node *n)
{
	struct vm_usage u = {0};
	struct snap s;
	/* without ptrace access the addresses read 1 (code) or 0, as Linux */
	bool permitted = proc_may_inspect(n->pid) == 0;
	int err = snap_take(n->pid, SNAP_VM | (n->id == PE_TID_STAT ? SNAP_THREAD : 0), &s);

	if (err)
		return err;
	if (s.vm)
		vm_usage(s.vm, &u);
	if (s.vm && !permitted)
		u = (struct vm_usage){.size = u.size, .rss = u.rss, .start_code = 1, .end_code = 1};
	/* fields 1-13: pid (comm) state ppid pgrp session tty_nr tpgid flags
	 * minflt cminflt majflt cmajflt */
	pbuf_printf(b, "%d (%s) %c %d %d %d 0 -1 %u 0 0 0 0 ", s.pid, s.comm, s.state, s.ppid,
		    s.pgid, s.sid, s.vm ? 0u : 0x4u /* PF_EXITING */);
	/* 14-22: utime stime cutime cstime priority nice num_threads
	 * itrealvalue starttime */
	pbuf_printf(b, "%llu %llu %llu %llu %d %d %d 0 %llu ",
		    (unsigned long long)(s.utime / NS_PER_TICK),
		    (unsigned long long)(s.stime / NS_PER_TICK),
		    (unsigned long long)(s.cutime / NS_PER_TICK),
		    (unsigned long long)(s.cstime / NS_PER_TICK),
		    s.attrs.rt_priority ? -1 - s.attrs.rt_priority : 20 + s.attrs.nice,
		    s.attrs.nice, s.threads, (unsigned long long)(s.start_ns / NS_PER_TICK));
	/* 23-30: vsize rss rsslim startcode endcode startstack kstkesp kstkeip */
	pbuf_printf(b, "%zu %zu %llu %lu %lu %lu 0 0 ", u.size, u.rss, (unsigned long long)-1,
		    (unsigned long)u.start_code, (unsigned long)u.end_code,
		    s.vm && permitted ? (unsigned long)EXEC_STACK_TOP : 0ul);
	/* 31-41: signal blocked sigignore sigcatch wchan nswap cnswap
	 * exit_signal processor rt_priority policy */
	pbuf_printf(b, "%llu %llu %llu %llu 0 0 0 %d %u %d %d ",
		    (unsigned long long)((s.pending | s.shared_pending) & 0xffffffffull),
		    (unsigned long long)(s.blocked & 0xffffffffull),
		    (unsigned long long)(s.ignored & 0xffffffffull),
		    (unsigned long long)(s.caught & 0xffffffffull), s.exit_signal, s.cpu,
		    s.attrs.rt_priority, s.attrs.policy);
	/* 42-52: delayacct_blkio_ticks guest_time cguest_time start_data
	 * end_data start_brk arg_start arg_end env_start env_end exit_code */
	pbuf_printf(b, "0 0 0 0 0 %lu 0 0 0 0 %d\n", (unsigned long)u.brk_start,
		    permitted ? s.exit_code : 0);
	snap_drop(&s);
	return 0;
}

int proc_show_pid_statm(struct pbuf *b, const struct proc_node *n)
{
	struct vm_usage u = {0};
	struct snap s;
	int err = snap_take(n->pid, SNAP_VM | (n->id == PE_TID_STAT ? SNAP_THREAD : 0), &s);

	if (err)
		return err;
	if (s.vm)
		vm_usage(s.vm, &u);
	/* size resident shared text lib data dt, in pages */
	pbuf_printf(b, "%zu %zu 0 %zu 0 %zu 0\n", u.size / PAGE_SIZE, u.rss, u.exec / PAGE_SIZE,
		    (u.data + u.stack) / PAGE_SIZE);
	snap_drop(&s);
	return 0;
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R':
		return "R (running)";
	case 'S':
		return "S (sleeping)";
	case 'T':
		return "T (stopped)";
	default:
		return "Z (zombie)";
	}
}

static void kb_line(struct pbuf *b, const char *name, size_t bytes)
{
	pbuf_printf(b, "%s:\t%8zu kB\n", name, bytes / 1024);
}

/* The fd table's size as Linux reports it: it starts at 64 and doubles
 * as higher fds are taken. */
static int fd_size(struct opened_file_table *t)
{
	return t ? READ_ONCE(t->cap) : 0;
}

int proc_show_pid_status(struct pbuf *b, const struct proc_node *n)
{
	struct vm_usage u = {0};
	struct snap s;
	int err = snap_take(n->pid, SNAP_VM | SNAP_FILES, &s);

	if (err)
		return err;
	pbuf_printf(b, "Name:\t%s\nUmask:\t%04o\nState:\t%s\n", s.comm, s.umask,
		    state_name(s.state));
	pbuf_printf(b, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", s.tgid, s.pid,
		    s.ppid);
	pbuf_printf(b, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", s.cred.uid, s.cred.euid,
		    s.cred.suid, s.cred.fsuid, s.cred.gid, s.cred.egid, s.cred.sgid, s.cred.fsgid);
	pbuf_printf(b, "FDSize:\t%d\nGroups:\t", fd_size(s.files));
	for (unsigned i = 0; i < groups_count(s.cred.groups); i++)
		pbuf_printf(b, i ? " %u" : "%u", groups_nth(s.cred.groups, i));
	pbuf_printf(b, " \n"); /* Linux's trailing space */
	pbuf_printf(b, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", s.tgid, s.pid, s.pgid,
		    s.sid);
	if (s.vm) {
		vm_usage(s.vm, &u);
		kb_line(b, "VmPeak", u.size);
		kb_line(b, "VmSize", u.size);
		kb_line(b, "VmLck", 0);
		kb_line(b, "VmPin", 0);
		kb_line(b, "VmHWM", MAX(u.rss, aspace_hiwater(s.vm->as)) * PAGE_SIZE);
		kb_line(b, "VmRSS", u.rss * PAGE_SIZE);
		kb_line(b, "RssAnon", u.rss * PAGE_SIZE);
		kb_line(b, "RssFile", 0);
		kb_line(b, "RssShmem", 0);
		kb_line(b, "VmData", u.data);
		kb_line(b, "VmStk", u.stack);
		kb_line(b, "VmExe", u.exec);
		kb_line(b, "VmLib", 0);
		kb_line(b, "VmPTE", 0);
		kb_line(b, "VmSwap", 0);
		kb_line(b, "HugetlbPages", 0);
	}
	pbuf_printf(b, "CoreDumping:\t0\nTHP_enabled:\t1\nThreads:\t%d\n", s.threads);
	pbuf_printf(b, "SigQ:\t%llu/%llu\n", (unsigned long long)s.sigq_count,
		    (unsigned long long)s.sigq_max);
	pbuf_printf(b, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n",
		    (unsigned long long)s.pending, (unsigned long long)s.shared_pending,
		    (unsigned long long)s.blocked);
	pbuf_printf(b, "SigIgn:\t%016llx\nSigCgt:\t%016llx\n", (unsigned long long)s.ignored,
		    (unsigned long long)s.caught);
	pbuf_printf(b, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n",
		    (unsigned long long)s.cred.cap_inh, (unsigned long long)s.cred.cap_prm,
		    (unsigned long long)s.cred.cap_eff);
	pbuf_printf(b, "CapBnd:\t%016llx\nCapAmb:\t%016llx\n", (unsigned long long)s.cred.cap_bnd,
		    (unsigned long long)s.cred.cap_amb);
	pbuf_printf(b, "NoNewPrivs:\t%d\nSeccomp:\t0\nSeccomp_filters:\t0\n", s.cred.no_new_privs);
	pbuf_printf(b, "Speculation_Store_Bypass:\tvulnerable\n"
		       "SpeculationIndirectBranch:\talways enabled\n");
	cpus_allowed(b, s.cpus_allowed & (ncpus() >= 64 ? ~0ull : (1ull << ncpus()) - 1));
	pbuf_printf(b, "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	pbuf_printf(b, "voluntary_ctxt_switches:\t%llu\nnonvoluntary_ctxt_switches:\t0\n",
		    (unsigned long long)s.switches);
	snap_drop(&s);
	return 0;
}

/* ---- cmdline, comm, maps, mounts ---- */

int proc_show_pid_cmdline(struct pbuf *b, const struct proc_node *n)
{
	struct snap s;
	int err = snap_take(n->pid, SNAP_CMDLINE, &s);

	if (err)
		return err;
	if (s.cmdline)
		pbuf_put(b, s.cmdline->data, s.cmdline->len);
	snap_drop(&s);
	return 0;
}

int proc_show_pid_environ(struct pbuf *b, const struct proc_node *n)
{
	struct snap s;
	int err = snap_take(n->pid, SNAP_CMDLINE, &s);

	if (err)
		return err;
	if (s.cmdline)
		pbuf_put(b, s.cmdline->data + s.cmdline->len, s.cmdline->env_len);
	snap_drop(&s);
	return 0;
}

/* /proc/<pid>/limits: one row per resource in RLIMIT_* order, Linux's
 * names, column widths and units (none for the two priorities). */
static const struct {
	const char *name, *unit;
} limit_rows[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = {"Max cpu time", "seconds"},
	[RLIMIT_FSIZE] = {"Max file size", "bytes"},
	[RLIMIT_DATA] = {"Max data size", "bytes"},
	[RLIMIT_STACK] = {"Max stack size", "bytes"},
	[RLIMIT_CORE] = {"Max core file size", "bytes"},
	[RLIMIT_RSS] = {"Max resident set", "bytes"},
	[RLIMIT_NPROC] = {"Max processes", "processes"},
	[RLIMIT_NOFILE] = {"Max open files", "files"},
	[RLIMIT_MEMLOCK] = {"Max locked memory", "bytes"},
	[RLIMIT_AS] = {"Max address space", "bytes"},
	[RLIMIT_LOCKS] = {"Max file locks", "locks"},
	[RLIMIT_SIGPENDING] = {"Max pending signals", "signals"},
	[RLIMIT_MSGQUEUE] = {"Max msgqueue size", "bytes"},
	[RLIMIT_NICE] = {"Max nice priority", NULL},
	[RLIMIT_RTPRIO] = {"Max realtime priority", NULL},
	[RLIMIT_RTTIME] = {"Max realtime timeout", "us"},
};

static void limit_value(struct pbuf *b, uint64_t v)
{
	if (v == RLIM64_INFINITY)
		pbuf_printf(b, "%-20s ", "unlimited");
	else
		pbuf_printf(b, "%-20llu ", (unsigned long long)v);
}

int proc_show_pid_limits(struct pbuf *b, const struct proc_node *n)
{
	struct snap s;
	int err = snap_take(n->pid, 0, &s);

	if (err)
		return err;
	pbuf_printf(b, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		pbuf_printf(b, "%-25s ", limit_rows[i].name);
		limit_value(b, s.rlim[i].rlim_cur);
		limit_value(b, s.rlim[i].rlim_max);
		if (limit_rows[i].unit)
			pbuf_printf(b, "%-10s\n", limit_rows[i].unit);
		else
			pbuf_printf(b, "\n");
	}
	snap_drop(&s);
	return 0;
}

int proc_store_comm(const struct proc_node *n, const char *buf, size_t len)
{
	struct process *self = current_process();
	irqflags_t f = process_lock_tree();
	bool mine = self && process_find_any(n->pid) == self;

	(void)len;
	process_unlock_tree(f);
	/* another process's comm: Linux refuses the write */
	return mine ? process_rename_thread(self, n->pid, buf) : -EINVAL;
}

int proc_show_pid_comm(struct pbuf *b, const struct proc_node *n)
{
	struct snap s;
	int err = snap_take(n->pid, 0, &s);

	if (err)
		return err;
	pbuf_printf(b, "%s\n", s.comm);
	snap_drop(&s);
	return 0;
}

/* The maps line of v: range, permissions, offset, device, inode, name. */
static void maps_line(struct pbuf *b, struct vm *vm, const struct vma *v, char *path)
{
	const char *name = NULL;
	uint64_t dev = v->file && v->file->sb ? v->file->sb->dev_id : 0;

	if (v->file_path && vfs_path_string(v->file_path, NULL, path, PATH_MAX) >= 0)
		name = path;
	else if (vm->brk_start && v->start <= vm->brk && v->end > vm->brk_start)
		name = "[heap]";
	else if (v->end == EXEC_STACK_TOP)
		name = "[stack]";
	else if (v->special)
		name = v->special == VDSO_PART_DATA ? "[vvar]" : "[vdso]";
	pbuf_printf(b, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", (unsigned long)v->start,
		    (unsigned long)v->end, (v->prot & PROT_READ) ? 'r' : '-',
		    (v->prot & PROT_WRITE) ? 'w' : '-', (v->prot & PROT_EXEC) ? 'x' : '-',
		    (v->flags & MAP_SHARED) ? 's' : 'p',
		    (unsigned long long)(v->file ? v->file_off : 0), (unsigned)((dev >> 8) & 0xfff),
		    (unsigned)(dev & 0xff), (unsigned long)(v->file ? v->file->ino : 0));
	if (name) {
		pbuf_pad(b, MAP_NAME_COL);
		pbuf_printf(b, "%s%s", name,
			    v->file && memfd_internal(v->file) ? " (deleted)" : "");
	}
	pbuf_put(b, "\n", 1);
}

/*
 * smaps counters, in bytes. Kevlar keeps no sharing, dirty or referenced
 * bits per page, so resident anonymous pages count as private dirty, file
 * pages as clean (private or shared as the mapping), and Pss as Rss.
 */
struct smaps_usage {
	size_t size, rss, shared_clean, private_clean, private_dirty, anon;
};

static void smaps_count(struct vm *vm, const struct vma *v, struct smaps_usage *u)
{
	size_t rss = resident_pages(vm, v) * PAGE_SIZE;

	u->size += v->end - v->start;
	u->rss += rss;
	if (!v->file) {
		u->private_dirty += rss;
		u->anon += rss;
	} else if (v->flags & MAP_SHARED) {
		u->shared_clean += rss;
	} else {
		u->private_clean += rss;
	}
}

static void smaps_kb(struct pbuf *b, const char *name, size_t bytes)
{
	pbuf_printf(b, "%-16s%8lu kB\n", name, (unsigned long)(bytes / 1024));
}

/* The counters both files share, Rss through Locked, in Linux's order. */
static void smaps_fields(struct pbuf *b, const struct smaps_usage *u, bool rollup)
{
	smaps_kb(b, "Rss:", u->rss);
	smaps_kb(b, "Pss:", u->rss);
	smaps_kb(b, "Pss_Dirty:", u->private_dirty);
	if (rollup) {
		smaps_kb(b, "Pss_Anon:", u->anon);
		smaps_kb(b, "Pss_File:", u->rss - u->anon);
		smaps_kb(b, "Pss_Shmem:", 0);
	}
	smaps_kb(b, "Shared_Clean:", u->shared_clean);
	smaps_kb(b, "Shared_Dirty:", 0);
	smaps_kb(b, "Private_Clean:", u->private_clean);
	smaps_kb(b, "Private_Dirty:", u->private_dirty);
	smaps_kb(b, "Referenced:", u->rss);
	smaps_kb(b, "Anonymous:", u->anon);
	smaps_kb(b, "KSM:", 0);
	smaps_kb(b, "LazyFree:", 0);
	smaps_kb(b, "AnonHugePages:", 0);
	smaps_kb(b, "ShmemPmdMapped:", 0);
	smaps_kb(b, "FilePmdMapped:", 0);
	smaps_kb(b, "Shared_Hugetlb:", 0);
	smaps_kb(b, "Private_Hugetlb:", 0);
	smaps_kb(b, "Swap:", 0);
	smaps_kb(b, "SwapPss:", 0);
	smaps_kb(b, "Locked:", 0);
}

/* Linux's two-letter VmFlags for what a vma records here. */
static void smaps_vmflags(struct pbuf *b, const struct vma *v)
{
	bool shared = v->flags & MAP_SHARED;

	pbuf_printf(b, "VmFlags:");
	if (v->prot & PROT_READ)
		pbuf_printf(b, " rd");
	if (v->prot & PROT_WRITE)
		pbuf_printf(b, " wr");
	if (v->prot & PROT_EXEC)
		pbuf_printf(b, " ex");
	if (shared)
		pbuf_printf(b, " sh");
	pbuf_printf(b, " mr");
	if (!shared || (v->prot & PROT_WRITE) || !v->file)
		pbuf_printf(b, " mw");
	pbuf_printf(b, " me");
	if (shared)
		pbuf_printf(b, " ms");
	if (v->end == EXEC_STACK_TOP)
		pbuf_printf(b, " gd");
	if (!shared && (v->prot & PROT_WRITE))
		pbuf_printf(b, " ac");
	pbuf_printf(b, " \n");
}

enum maps_kind { MAPS_PLAIN, MAPS_SMAPS, MAPS_ROLLUP };

/* VMAs shown per hold of the vm lock: a reader of a big map (stress-ng
 * reads the smaps of 1200 mappings) lets the process's faults, mmaps and
 * msyncs in between, instead of holding every CPU off for the whole text. */
#define MAPS_BATCH 16

/* The VMA after v, or NULL (vm->lock held). */
static struct vma *next_vma(struct vm *vm, struct vma *v)
{
	return v->link.next == &vm->vmas ? NULL : list_entry(v->link.next, struct vma, link);
}

static int show_maps(struct pbuf *b, const struct proc_node *n, enum maps_kind kind)
{
	struct smaps_usage total = {0};
	uintptr_t lo = 0, hi = 0;
	struct vma *v = NULL;
	char *path = NULL;
	unsigned gen = 0;
	bool done = false;
	struct snap s;
	irqflags_t f;
	int err = snap_take(n->pid, SNAP_VM, &s);

	if (err)
		return err;
	if (!s.vm)
		goto out;
	path = kmalloc(PATH_MAX);
	if (!path)
		goto out;
	while (!done) {
		f = spin_lock_irqsave(&s.vm->lock);
		/* resume after the last one shown: by pointer if no VMA came or
		 * went meanwhile, else by address */
		if (v && gen == s.vm->vmas_gen) {
			v = next_vma(s.vm, v);
		} else {
			struct vma *it;

			v = NULL;
			list_for_each_entry (it, &s.vm->vmas, link) {
				if (it->end > hi) {
					v = it;
					break;
				}
			}
		}
		for (unsigned k = 0; v;) {
			struct smaps_usage u = {0};

			if (!lo)
				lo = v->start;
			hi = v->end;
			if (kind == MAPS_ROLLUP) {
				smaps_count(s.vm, v, &total);
			} else {
				maps_line(b, s.vm, v, path);
				if (kind == MAPS_SMAPS) {
					smaps_count(s.vm, v, &u);
					smaps_kb(b, "Size:", u.size);
					smaps_kb(b, "KernelPageSize:", PAGE_SIZE);
					smaps_kb(b, "MMUPageSize:", PAGE_SIZE);
					smaps_fields(b, &u, false);
					pbuf_printf(b, "THPeligible:           0\n");
					smaps_vmflags(b, v);
				}
			}
			if (++k == MAPS_BATCH)
				break; /* v: the last one shown */
			v = next_vma(s.vm, v);
		}
		done = !v;
		gen = s.vm->vmas_gen;
		spin_unlock_irqrestore(&s.vm->lock, f);
	}
	if (kind == MAPS_ROLLUP && lo) {
		pbuf_printf(b, "%08lx-%08lx ---p 00000000 00:00 0 ", (unsigned long)lo,
			    (unsigned long)hi);
		pbuf_pad(b, MAP_NAME_COL);
		pbuf_printf(b, "[rollup]\n");
		smaps_fields(b, &total, true);
	}
	kfree(path);
out:
	snap_drop(&s);
	return 0;
}

int proc_show_pid_maps(struct pbuf *b, const struct proc_node *n)
{
	return show_maps(b, n, MAPS_PLAIN);
}

int proc_show_pid_smaps(struct pbuf *b, const struct proc_node *n)
{
	return show_maps(b, n, MAPS_SMAPS);
}

int proc_show_pid_smaps_rollup(struct pbuf *b, const struct proc_node *n)
{
	return show_maps(b, n, MAPS_ROLLUP);
}

/* No audit subsystem: the login uid and session id are always unset. */
int proc_show_pid_audit_unset(struct pbuf *b, const struct proc_node *n)
{
	if (!proc_pid_alive(n->pid))
		return -ESRCH;
	pbuf_printf(b, "4294967295");
	return 0;
}

int proc_show_pid_mounts(struct pbuf *b, const struct proc_node *n)
{
	if (!proc_pid_alive(n->pid))
		return -ESRCH;
	return proc_show_mounts(b);
}

/* ---- symlinks ---- */

/* Copy a link target out: its full length, as readlink ops return. */
static int put_link(char *buf, size_t size, const char *text, size_t len)
{
	memcpy(buf, text, MIN(len, size));
	return (int)len;
}

int proc_link_self(const struct proc_node *n, char *buf, size_t size)
{
	struct process *p = current_process();
	char tmp[16];
	int len;

	if (!p)
		return -ENOENT; /* a kernel thread has no pid to show */
	len = snprintf(tmp, sizeof(tmp), "%d", p->pid);
	return put_link(buf, size, tmp, (size_t)len);
}

/* `pc` as the caller sees it (from its root), into buf. */
static int link_to_path(const struct path_component *pc, const char *suffix, char *buf, size_t size)
{
	struct path_component *root, *cwd;
	char *tmp = kmalloc(PROC_LINK_MAX);
	int len;

	if (!tmp)
		return -ENOMEM;
	process_fs_get(&root, &cwd);
	len = vfs_path_string(pc, root, tmp, PROC_LINK_MAX);
	path_put(root);
	path_put(cwd);
	if (len >= 0 && suffix) {
		size_t sl = strlen(suffix);

		if ((size_t)len + sl + 1 > PROC_LINK_MAX) {
			len = -ENAMETOOLONG;
		} else {
			memcpy(tmp + len, suffix, sl + 1);
			len += (int)sl;
		}
	}
	if (len >= 0)
		len = put_link(buf, size, tmp, (size_t)len);
	kfree(tmp);
	return len;
}

/* Was the name `pc` was reached by removed (or replaced) since? */
static bool unlinked(const struct path_component *pc)
{
	struct inode *now;
	bool gone;

	if (!pc->parent || pc->parent->inode->sb != pc->inode->sb)
		return false; /* a root or a mount point: not checked */
	if (vfs_lookup(pc->parent->inode, pc->name, pc->namelen, &now))
		return true;
	gone = now != pc->inode;
	inode_put(now);
	return gone;
}

static int fs_link(const struct proc_node *n, char *buf, size_t size, bool root)
{
	struct snap s;
	int err = proc_may_inspect(n->pid);

	if (err)
		return err;
	err = snap_take(n->pid, SNAP_FS, &s);
	if (err)
		return -ENOENT;
	if (s.cwd) {
		struct path_component *pc = root ? s.root : s.cwd;

		err = link_to_path(pc, unlinked(pc) ? " (deleted)" : NULL, buf, size);
	} else
		err = -ENOENT; /* a zombie has no directories */
	snap_drop(&s);
	return err;
}

int proc_link_cwd(const struct proc_node *n, char *buf, size_t size)
{
	return fs_link(n, buf, size, false);
}

int proc_link_root(const struct proc_node *n, char *buf, size_t size)
{
	return fs_link(n, buf, size, true);
}

int proc_link_exe(const struct proc_node *n, char *buf, size_t size)
{
	struct snap s;
	int err = proc_may_inspect(n->pid);

	if (err)
		return err;
	err = snap_take(n->pid, SNAP_EXE, &s);
	if (err)
		return -ENOENT;
	err = s.exe ? link_to_path(s.exe, unlinked(s.exe) ? " (deleted)" : NULL, buf, size)
		    : -ENOENT;
	snap_drop(&s);
	return err;
}

/* The file open at fd/N of the node's process (a new reference), or NULL. */
static struct file *fd_file(const struct proc_node *n)
{
	struct snap s;
	struct file *f;

	if (snap_take(n->pid, SNAP_FILES, &s))
		return NULL;
	f = s.files ? fdtable_get(s.files, n->fd) : NULL;
	snap_drop(&s);
	return f;
}

/* fd/N: the open file's own path, or the file alone when it has none. */
static int jump_fd(const struct proc_node *n, struct path_component **out)
{
	struct file *f = fd_file(n);

	if (!f)
		return -ENOENT;
	*out = file_path_get(f);
	file_put(f);
	return *out ? 0 : -ENOMEM;
}

int proc_jump(const struct proc_node *n, struct path_component **out)
{
	struct path_component *pc = NULL;
	enum proc_id id = proc_pid_twin(n->id);
	struct snap s;
	int err;

	if (id != PE_FD_LINK && id != PE_PID_CWD && id != PE_PID_ROOT && id != PE_PID_EXE)
		return 1; /* self, mounts: ordinary links */
	err = proc_may_inspect(n->pid);
	if (err)
		return err;
	if (n->id == PE_FD_LINK)
		return jump_fd(n, out);
	if (snap_take(n->pid, id == PE_PID_EXE ? SNAP_EXE : SNAP_FS, &s))
		return -ENOENT;
	if (id == PE_PID_EXE)
		pc = s.exe;
	else
		pc = id == PE_PID_CWD ? s.cwd : s.root;
	if (pc)
		*out = path_get(pc);
	snap_drop(&s);
	return pc ? 0 : -ENOENT; /* a zombie has none */
}

int proc_link_fd(const struct proc_node *n, char *buf, size_t size)
{
	struct file *f;
	struct vfs_stat st;
	char tmp[NAME_MAX + 16];
	int len, err = proc_may_inspect(n->pid);

	if (err)
		return err;
	f = fd_file(n);
	if (!f)
		return -ENOENT;
	if (f->path) {
		len = link_to_path(f->path, unlinked(f->path) ? " (deleted)" : NULL, buf, size);
		file_put(f);
		return len;
	}
	/* no path: name it by kind, as Linux's pipefs and anon inodes do */
	err = vfs_stat(f->inode, &st);
	if (err)
		len = err;
	else if (S_ISFIFO(st.mode))
		len = snprintf(tmp, sizeof(tmp), "pipe:[%llu]", (unsigned long long)st.ino);
	else if (S_ISSOCK(st.mode))
		len = snprintf(tmp, sizeof(tmp), "socket:[%llu]", (unsigned long long)st.ino);
	else if (S_ISCHR(st.mode) && st.rdev == ((5 << 8) | 1))
		len = snprintf(tmp, sizeof(tmp), "/dev/console");
	else if (mq_is(f))
		len = mq_link_name(f, tmp, sizeof(tmp));
	else if (anon_name(f->inode))
		len = snprintf(tmp, sizeof(tmp), "anon_inode:%s", anon_name(f->inode));
	else
		len = snprintf(tmp, sizeof(tmp), "anon_inode:[%llu]", (unsigned long long)st.ino);
	file_put(f);
	return len < 0 ? len : put_link(buf, size, tmp, (size_t)len);
}

/* ---- fdinfo ---- */

/* The kind's lines (table NULL) or the locks' (snprintf-like: their full
 * length) appended to b, in a bigger room each time they did not fit
 * (they may grow meanwhile). */
static int fdinfo_part(struct pbuf *b, struct file *f, const void *table, const struct vfs_stat *st)
{
	size_t room = 256;

	for (;;) {
		int len;

		if (!pbuf_reserve(b, room))
			return -ENOMEM;
		if (table)
			len = lock_show_fdinfo(f, table, st->dev, st->ino, b->buf + b->len, room);
		else
			len = vfs_show_fdinfo(f->inode, b->buf + b->len, room);
		if (len < 0)
			return len;
		if ((size_t)len < room) {
			b->len += (size_t)len;
			return 0;
		}
		room = (size_t)len + 256;
	}
}

int proc_show_fdinfo(struct pbuf *b, const struct proc_node *n)
{
	struct vfs_stat st;
	struct file *f = NULL;
	struct snap s;
	int cloexec = 0, err;

	err = snap_take(n->pid, SNAP_FILES, &s);
	if (err)
		return -ESRCH;
	if (s.files) {
		f = fdtable_get(s.files, n->fd);
		cloexec = fdtable_get_cloexec(s.files, n->fd);
	}
	if (!f) {
		snap_drop(&s);
		return -ENOENT; /* closed since it was looked up */
	}
	err = vfs_stat(f->inode, &st);
	if (!err) {
		unsigned flags = READ_ONCE(f->flags) | (cloexec > 0 ? O_CLOEXEC : 0);

		pbuf_printf(b, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n",
			    (long long)READ_ONCE(f->pos), flags,
			    f->path && f->path->mnt ? f->path->mnt->id : 0,
			    (unsigned long long)st.ino);
		err = fdinfo_part(b, f, NULL, &st);
	}
	if (!err)
		err = fdinfo_part(b, f, s.files, &st);
	file_put(f);
	snap_drop(&s);
	return err;
}
