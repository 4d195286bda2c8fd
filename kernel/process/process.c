/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The process tree: spawn, fork, exit and wait.  proctree_lock guards every
 * parent/child link and process state.  Its rank sits above wait queues:
 * wait4's predicate runs under the parent's child_wq lock and takes the
 * tree lock to look for zombies; an exiting child marks itself a zombie
 * under the tree lock, drops it, then wakes the parent's queue, so the
 * parent either sees the zombie or is already asleep when the wake comes.
 * A struct process lives while it is in the tree (until reaped) and while
 * anyone holds a process_get() reference: the exiting child holds one on
 * its parent (and on the adopting reaper) across those wakes, which come
 * after the tree lock, when the parent may already be gone.
 */
#include <klib/errno.h>
#include <linux/wait.h>
#include <platform/context.h>
#include <platform/kmalloc.h>
#include <platform/panic.h>
#include <linux/fcntl.h>
#include <klib/string.h>
#include <platform/log.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/power.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kernel/cred.h>
#include <kernel/exec.h>
#include <kernel/file.h>
#include <kernel/futex.h>
#include <kernel/path.h>
#include <kernel/ipc.h>
#include <kernel/pidfd.h>
#include <kernel/process.h>
#include <kernel/rlimit.h>
#include <kernel/rseq.h>
#include <kernel/sched.h>
#include <kernel/tty.h>
#include <kernel/vm.h>
#include "process.h"

static struct spinlock proctree_lock = SPINLOCK_INIT("proctree", LOCK_RANK_PROCTREE);
LIST_HEAD(all_processes); /* every process with a pid, zombies included (proctree lock) */

irqflags_t process_lock_tree(void) __acquires(proctree)
{
	return spin_lock_irqsave(&proctree_lock);
}

void process_unlock_tree(irqflags_t f) __releases(proctree)
{
	spin_unlock_irqrestore(&proctree_lock, f);
}

struct process *process_find(int pid)
{
	struct process *p;

	for_each_process(p)
	{
		if (p->pid == pid)
			return p;
	}
	return NULL;
}

/* Give `p` its pid (its first thread's tid) and make it findable. */
static void process_publish(struct process *p, struct thread *t)
{
	irqflags_t f = spin_lock_irqsave(&proctree_lock);

	p->pid = t->tid;
	p->cred = cred_get(t->real_cred);
	if (!p->pgid)
		p->pgid = p->sid = p->pid; /* a session of its own */
	thread_group_first(p, t);
	list_add_tail(&p->all_link, &all_processes);
	/* a group or kill(-1) sweep that signalled the forking process did
	 * not see this child: it must not outlive the sweep (Linux fails the
	 * fork instead) */
	if (p->parent && signal_kill_pending(current_process()))
		signal_send(p, SIGKILL, NULL);
	spin_unlock_irqrestore(&proctree_lock, f);
}

struct process *current_process(void)
{
	return current_thread()->proc;
}

static int the_init_pid;

int init_pid(void)
{
	return the_init_pid;
}

/* Linux's defaults for the first process (RLIM_INFINITY elsewhere). */
static void default_limits(struct rlimit64 *rl)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		rl[i] = (struct rlimit64){RLIM64_INFINITY, RLIM64_INFINITY};
	rl[RLIMIT_STACK].rlim_cur = 8ull << 20;
	rl[RLIMIT_CORE].rlim_cur = 0;
	rl[RLIMIT_NOFILE] = (struct rlimit64){FD_MAX, 4096};
	rl[RLIMIT_MEMLOCK] = (struct rlimit64){8ull << 20, 8ull << 20};
	rl[RLIMIT_NPROC] = (struct rlimit64){7823, 7823};
	rl[RLIMIT_SIGPENDING] = (struct rlimit64){7823, 7823};
	rl[RLIMIT_MSGQUEUE] = (struct rlimit64){819200, 819200};
	rl[RLIMIT_NICE] = (struct rlimit64){0, 0};
	rl[RLIMIT_RTPRIO] = (struct rlimit64){0, 0};
}

/* What a child inherits besides memory and files. */
static void inherit(struct process *child, const struct process *parent)
{
	/* the name of the thread that forks (comm is per thread) */
	strlcpy(child->comm, current_thread()->name, sizeof(child->comm));
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	memcpy(child->rlim, parent->rlim, sizeof(child->rlim));
	child->cmdline = parent->cmdline; /* only the parent's own exec replaces these */
	if (child->cmdline)
		__atomic_add_fetch(&child->cmdline->refs, 1, __ATOMIC_RELAXED);
	child->exe = parent->exe ? path_get(parent->exe) : NULL;
	process_attrs_fork(&child->attrs, &parent->attrs);
}

void process_cmdline_put(struct proc_cmdline *c)
{
	if (c && __atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(c);
}

static uint64_t vm_peak_kb(const struct vm *vm)
{
	return vm ? aspace_hiwater(vm->as) * (PAGE_SIZE / 1024) : 0;
}

void process_note_maxrss(struct process *p, struct vm *vm)
{
	p->maxrss_kb = MAX(p->maxrss_kb, vm_peak_kb(vm));
}

uint64_t process_maxrss(const struct process *p, bool self_only)
{
	uint64_t kb = MAX(p->maxrss_kb, vm_peak_kb(READ_ONCE(p->vm)));

	return self_only ? kb : MAX(kb, p->child_maxrss_kb);
}

/* Swap the /proc-visible exec state of `p` (NULLs at exit). */
static void swap_exec_info(struct process *p, struct proc_cmdline *cmdline,
			   struct path_component *exe)
{
	irqflags_t f = spin_lock_irqsave(&proctree_lock);
	struct proc_cmdline *old_cmdline = p->cmdline;
	struct path_component *old_exe = p->exe;

	p->cmdline = cmdline;
	p->exe = exe;
	spin_unlock_irqrestore(&proctree_lock, f);
	process_cmdline_put(old_cmdline);
	if (old_exe)
		path_put(old_exe);
}

void process_set_exec_info(struct process *p, struct proc_cmdline *cmdline,
			   struct path_component *exe)
{
	swap_exec_info(p, cmdline, exe);
}

static struct process *process_alloc(struct vm *vm)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	default_limits(p->rlim);
	p->refs = 1; /* the tree's, dropped when the zombie is reaped */
	p->state = PROC_ALIVE;
	p->exit_signal = SIGCHLD;
	list_init(&p->children);
	list_init(&p->sibling);
	wq_init(&p->child_wq);
	list_init(&p->all_link);
	if (signal_init_process(p, NULL)) {
		kfree(p);
		return NULL;
	}
	ptimers_init(p);
	p->vm = vm;
	p->live_threads = 1; /* the thread group: signal_init_process() */
	p->start_ns = time_ns();
	process_attrs_init(&p->attrs);
	return p;
}

void process_get(struct process *p)
{
	__atomic_add_fetch(&p->refs, 1, __ATOMIC_RELAXED);
}

void process_put(struct process *p)
{
	if (__atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL))
		return;
	signal_free_queue(p);
	cred_put(p->cred);
	kfree(p);
}

/* A reaped zombie leaves the tree (proctree lock held); its memory goes
 * with the last reference. */
static void process_free(struct process *p)
{
	list_del(&p->all_link);
	process_put(p);
}

/* fds 0, 1, 2 on the console, as a first process expects. */
static struct opened_file_table *console_files(void)
{
	struct opened_file_table *t = fdtable_new();
	struct file *f = console_file();

	if (!t || !f)
		goto err;
	for (int fd = 0; fd < 3; fd++) {
		if (fdtable_install(t, f, fd, false) != fd)
			goto err;
	}
	file_put(f);
	return t;
err:
	file_put(f);
	fdtable_put(t);
	return NULL;
}

/* ---- new threads entering user mode ---- */

void user_thread_start(void *arg)
{
	struct user_start *s = arg;
	struct thread *self = current_thread();
	struct arch_regs regs = s->regs;
	uintptr_t pc = s->pc, sp = s->sp, set_tid = s->set_child_tid;
	bool resume = s->resume;

	self->vm = s->vm; /* the thread's own reference */
	self->proc = s->proc;
	vm_activate(self->vm);
	context_set_user_tls(s->tls);
	kfree(s);
	if (set_tid)
		(void)put_user(self->tid, (int __user *)uptr(set_tid));
	if (resume)
		context_resume_user(&regs);
	context_enter_user(pc, sp);
}

static struct thread *start_thread(struct process *p, struct user_start *s)
{
	struct thread *t;

	s->proc = p;
	vm_get(s->vm);
	t = thread_new("user", user_thread_start, s);
	if (!t) {
		vm_put(s->vm);
		return NULL;
	}
	/* before it can run: an orphan may exit and be freed at once */
	t->sigmask = s->sigmask;
	t->clear_child_tid = s->clear_child_tid; /* not later: it may exec and set its own */
	t->proc = p;
	cred_thread_init(t, current_thread()->real_cred); /* the forking thread's */
	t->fs = fs_context_get(p->fs);
	t->files = fdtable_ref(p->files);
	strlcpy(t->name, p->comm, sizeof(t->name));
	rseq_fork(t, current_thread(), current_thread()->vm == s->vm);
	process_publish(p, t);
	thread_start_new(t);
	return t;
}

struct thread *process_spawn(struct vm *vm, uintptr_t pc, uintptr_t sp)
{
	struct user_start *s = kzalloc(sizeof(*s));
	struct process *p = process_alloc(vm);
	struct thread *t;

	if (!s || !p)
		goto err_free;
	p->files = console_files();
	p->fs = fs_context_new(NULL);
	if (!p->files || !p->fs)
		goto err_free;
	s->vm = vm;
	s->pc = pc;
	s->sp = sp;
	t = start_thread(p, s);
	if (!t)
		goto err_free;
	return t;

err_free:
	kfree(s);
	if (p) {
		fdtable_put(p->files);
		fs_context_put(p->fs);
	}
	kfree(p);
	return NULL;
}

struct vfork_done {
	struct waitqueue wq;
	bool done;
};

static long vfork_finished(void *arg)
{
	return ((struct vfork_done *)arg)->done;
}

/* `vd` lives on the parent's stack: the parent may return as soon as it
 * sees `done`, so the wake-up happens under the queue lock, and a parent
 * killed while waiting takes p->vfork back (proctree lock) first. */
void process_vfork_release(struct process *p)
{
	irqflags_t f = spin_lock_irqsave(&proctree_lock);
	struct vfork_done *vd = p->vfork;

	p->vfork = NULL;
	spin_unlock_irqrestore(&proctree_lock, f);
	if (!vd)
		return;
	f = spin_lock_irqsave(&vd->wq.lock);
	vd->done = true;
	wq_wake_all_locked(&vd->wq);
	spin_unlock_irqrestore(&vd->wq.lock, f);
}

/* The vfork parent waits for `child` to exec or exit; SIGKILL ends the
 * wait (Linux's is killable).  Drops the reference on `child`. */
static void vfork_wait(struct process *child, struct vfork_done *vd)
{
	if (wq_sleep_killable_until(&vd->wq, vfork_finished, vd) < 0) {
		irqflags_t f = spin_lock_irqsave(&proctree_lock);
		bool releasing = child->vfork != vd; /* the child holds vd now */

		child->vfork = NULL;
		spin_unlock_irqrestore(&proctree_lock, f);
		if (releasing)
			wq_sleep_until(&vd->wq, vfork_finished, vd);
	}
	process_put(child);
}

long process_fork(const struct arch_regs *regs, const struct fork_args *fa)
{
	struct process *parent = current_process(), *child;
	struct user_start *s = kzalloc(sizeof(*s));
	struct vfork_done vd = {.done = false};
	struct thread *t;
	struct vm *vm;
	irqflags_t f;
	int pid;

	if (!s)
		return -ENOMEM;
	if (rlimit_nproc_exceeded(parent)) {
		kfree(s);
		return -EAGAIN;
	}
	if (fa->share_vm) {
		vm = parent->vm;
		vm_get(vm);
	} else {
		vm = vm_fork(parent->vm);
	}
	child = vm ? process_alloc(vm) : NULL;
	if (child)
		child->files = process_files_for_child(fa->share_files);
	if (child)
		child->fs = process_fs_for_child(fa->share_fs);
	if (!child || !child->files || !child->fs) {
		if (child) {
			fdtable_put(child->files);
			fs_context_put(child->fs);
			signal_free_queue(child); /* its handler table */
		}
		kfree(child);
		goto err_nomem;
	}
	inherit(child, parent);
	signal_fork(child, parent, fa->share_sighand, fa->clear_sighand);
	child->exit_signal = fa->exit_signal;
	s->vm = vm;
	s->resume = true;
	s->regs = *regs;
	if (fa->stack)
		regs_set_sp(&s->regs, fa->stack);
	s->tls = fa->set_tls ? fa->tls : context_user_tls();
	s->sigmask = current_thread()->sigmask;
	s->set_child_tid = fa->set_child_tid;
	s->clear_child_tid = fa->clear_child_tid;
	regs_set_return(&s->regs, 0);
	if (fa->vfork) {
		wq_init(&vd.wq);
		child->vfork = &vd;
		process_get(child); /* for vfork_wait */
	}

	f = spin_lock_irqsave(&proctree_lock);
	child->parent = parent;
	child->parent_tid = current_thread()->tid;
	if (fa->share_parent) {
		/* a sibling of the caller: its exit signal goes to our parent */
		child->parent = parent->parent;
		child->parent_tid = parent->parent_tid;
		child->exit_signal = parent->exit_signal;
	}
	child->ctty = parent->ctty;
	if (child->parent)
		list_add_tail(&child->sibling, &child->parent->children);
	spin_unlock_irqrestore(&proctree_lock, f);

	t = start_thread(child, s);
	if (!t) {
		f = spin_lock_irqsave(&proctree_lock);
		if (child->parent)
			list_del(&child->sibling);
		spin_unlock_irqrestore(&proctree_lock, f);
		fdtable_put(child->files);
		fs_context_release(child);
		swap_exec_info(child, NULL, NULL);
		signal_free_queue(child);
		kfree(child);
		vm_put(vm);
		kfree(s);
		return -ENOMEM;
	}
	parent->nproc_exceeded = false; /* as Linux: a fork that passed the check ends it */
	pid = t->tid;			/* the child may already be gone: not child->pid */
	thread_put(t);
	if (fa->parent_tid)
		(void)put_user(pid, (int __user *)uptr(fa->parent_tid));
	if (fa->vfork)
		vfork_wait(child, &vd);
	return pid;

err_nomem:
	if (vm)
		vm_put(vm);
	kfree(s);
	return -ENOMEM;
}

/* ---- the first process ---- */

struct init_start {
	struct exec_strings argv, envp;
	size_t total;
	char path[];
};

/* The first thread of init: exec the program, then enter user mode. */
static void init_thread_start(void *arg)
{
	struct init_start *is = arg;
	struct thread *self = current_thread();
	struct arch_regs regs;
	long err;

	vm_activate(self->vm);
	err = exec_replace(is->path, &is->argv, &is->envp, &regs);
	if (err)
		pr_err("init: cannot execute %s: error %ld\n", is->path, -err);
	exec_strings_free(&is->argv);
	exec_strings_free(&is->envp);
	kfree(is);
	if (err)
		process_exit(127 << 8);
	context_resume_user(&regs);
}

long process_start_init(const char *path, const char *const *argv, const char *const *envp)
{
	size_t len = strlen(path) + 1;
	struct init_start *is = kzalloc(offsetof(struct init_start, path) + len);
	struct process *p = NULL;
	struct vm *vm = NULL;
	struct thread *t;
	long err = -ENOMEM;

	if (!is)
		return -ENOMEM;
	memcpy(is->path, path, len);
	is->argv.total = is->envp.total = &is->total;
	for (size_t i = 0; argv[i]; i++) {
		if ((err = exec_strings_add(&is->argv, argv[i], strlen(argv[i]), false)))
			goto fail;
	}
	for (size_t i = 0; envp[i]; i++) {
		if ((err = exec_strings_add(&is->envp, envp[i], strlen(envp[i]), false)))
			goto fail;
	}
	err = -ENOMEM;
	vm = vm_create();
	p = vm ? process_alloc(vm) : NULL;
	if (!p)
		goto fail;
	p->files = console_files();
	p->fs = fs_context_new(NULL);
	if (!p->files || !p->fs)
		goto fail;
	strlcpy(p->comm, "init", sizeof(p->comm));
	vm_get(vm);
	t = thread_new(p->comm, init_thread_start, is);
	if (!t) {
		vm_put(vm);
		goto fail;
	}
	if (!the_init_pid)
		t->tid = 1; /* init is pid 1, as Linux, after any kernel thread */
	t->vm = vm;
	t->proc = p;
	t->fs = fs_context_get(p->fs);
	t->files = fdtable_ref(p->files);
	process_publish(p, t);
	tty_attach_init(p); /* a session leader on the serial terminal */
	the_init_pid = p->pid;
	err = p->pid;
	thread_start_new(t);
	thread_put(t);
	return err;

fail:
	if (p) {
		fdtable_put(p->files);
		fs_context_put(p->fs);
	}
	kfree(p);
	if (vm)
		vm_put(vm);
	exec_strings_free(&is->argv);
	exec_strings_free(&is->envp);
	kfree(is);
	return err;
}

/* init is gone: the machine powers off with its exit status (what
 * `make run CMD=...` reports), or the signal's 128 + n as a shell would. */
static __noreturn void init_exited(int status)
{
	int code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;

	pr_info("init exited with status %d: powering off\n", code);
	power_off(code);
}

/* ---- exit and wait ---- */

/* Does `parent` let its children vanish without a wait (SIGCHLD set to
 * SIG_IGN, or SA_NOCLDWAIT)? */
static bool auto_reap(struct process *parent)
{
	const struct k_sigaction *a = &parent->sigact[SIGCHLD - 1];

	return a->handler == 1 || (a->flags & SA_NOCLDWAIT);
}

/* Who adopts the children of `p`: its nearest living ancestor that is a
 * child subreaper (PR_SET_CHILD_SUBREAPER), else init (NULL: none).
 * Proctree lock held. */
static struct process *find_reaper(struct process *p, struct process *init)
{
	for (struct process *a = p->parent; a && a != init; a = a->parent) {
		if (a->attrs.child_subreaper && a->state == PROC_ALIVE)
			return a;
	}
	return init;
}

/* `reaper` adopted the zombie `c`: tell it as c's parent would have been
 * told (SIGCHLD), or let c go if the reaper does not wait.  Proctree lock
 * held. */
static void adopted_zombie(struct process *reaper, struct process *c)
{
	int status = c->exit_status;
	struct ksiginfo si = {.pid = c->pid, .uid = c->cred->uid};

	si.code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED;
	si.status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff;
	signal_send(reaper, SIGCHLD, &si);
	if (auto_reap(reaper)) {
		list_del(&c->sibling);
		process_free(c);
	}
}

/* Thread `tid` of `p` left while `heir` (another of its threads) lives
 * on: the children it created are the heir's now, and those that asked
 * for PR_SET_PDEATHSIG get it, as Linux sends it when the creating
 * *thread* exits (and again for each later adopting thread). */
void process_thread_orphans(struct process *p, int tid, int heir)
{
	struct process *c;
	irqflags_t f = spin_lock_irqsave(&proctree_lock);

	list_for_each_entry (c, &p->children, sibling) {
		if (c->parent_tid != tid)
			continue;
		c->parent_tid = heir;
		if (c->state == PROC_ALIVE && c->attrs.pdeath_signal) {
			struct ksiginfo dsi = {.pid = p->pid, .uid = p->cred->uid};

			signal_send(c, c->attrs.pdeath_signal, &dsi);
		}
	}
	spin_unlock_irqrestore(&proctree_lock, f);
}

/* Called by the last thread of `p` (about to die). */
static void process_became_zombie(struct process *p, int status)
{
	struct list_head *pos, *tmp;
	struct process *parent, *init = NULL, *reaper;
	struct ksiginfo si = {.pid = p->pid, .uid = p->cred->uid};
	bool free_now;
	struct opened_file_table *files;
	struct vm *vm;
	irqflags_t f;

	process_vfork_release(p);
	ptimers_exit(p);
	f = spin_lock_irqsave(&proctree_lock); /* /proc takes references under it */
	vm = p->vm;
	files = p->files;
	process_note_maxrss(p, vm);
	p->vm = NULL;
	p->files = NULL;
	spin_unlock_irqrestore(&proctree_lock, f);
	vm_put(vm);
	fdtable_put(files);
	fs_context_release(p);
	swap_exec_info(p, NULL, NULL);
	if (p->pid == p->sid)
		tty_session_leader_exit(p);
	if (p->pid == the_init_pid)
		init_exited(status);

	f = spin_lock_irqsave(&proctree_lock);
	p->exit_status = status;
	p->state = PROC_ZOMBIE;
	p->main_thread = NULL;
	if (the_init_pid && p->pid != the_init_pid)
		init = process_find(the_init_pid);
	if (init && init->state != PROC_ALIVE)
		init = NULL;
	reaper = find_reaper(p, init);
	/* children go to the nearest subreaper or init (or, without one, are
	 * freed when they exit); each may ask for a signal (PR_SET_PDEATHSIG) */
	list_for_each_safe (pos, tmp, &p->children) {
		struct process *c = list_entry(pos, struct process, sibling);

		list_del(&c->sibling);
		if (c->state == PROC_ALIVE && c->attrs.pdeath_signal) {
			struct ksiginfo dsi = {.pid = p->pid, .uid = p->cred->uid};

			signal_send(c, c->attrs.pdeath_signal, &dsi);
		}
		if (reaper) {
			c->parent = reaper;
			c->parent_tid = reaper->pid;
			c->exit_signal = SIGCHLD;
			list_add_tail(&c->sibling, &reaper->children);
			if (c->state == PROC_ZOMBIE)
				adopted_zombie(reaper, c);
		} else {
			c->parent = NULL;
			if (c->state == PROC_ZOMBIE)
				process_free(c);
		}
	}
	parent = p->parent;
	free_now = !parent || auto_reap(parent);
	if (parent && free_now)
		list_del(&p->sibling);
	if (parent && p->exit_signal) {
		si.code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED;
		si.status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff;
		signal_send(parent, p->exit_signal, &si);
	}
	if (free_now)
		process_free(p);
	/* the wakes come after the tree lock (wait4 takes it inside its
	 * queue's lock): by then either may have exited and been reaped */
	if (reaper)
		process_get(reaper);
	if (parent)
		process_get(parent);
	spin_unlock_irqrestore(&proctree_lock, f);
	pidfd_notify();
	if (reaper) {
		wq_wake_all(&reaper->child_wq); /* zombies it adopted */
		process_put(reaper);
	}
	if (parent) {
		wq_wake_all(&parent->child_wq);
		process_put(parent);
	}
}

__noreturn void process_exit(int status)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;

	futex_exit_robust(t); /* while its memory is still mapped */
	/* a leader leaving others behind (alone, nr_threads cannot grow):
	 * before it leaves the list, after which an exec may make another
	 * thread the leader, with its own context */
	if (p && t->tid == p->pid && READ_ONCE(p->nr_threads) > 1)
		process_leader_detach(p);
	if (p)
		thread_group_leave(t, p, status); /* while t->vm is still ours */
	if (t->vm) {
		/* drop the address space here, where sleeping is allowed (its
		 * file mappings release files), not in the scheduler's reaper;
		 * and before the parent can reap us, so a reaped process holds
		 * no memory (the OOM killer waits for exactly that) */
		struct vm *vm = t->vm;

		t->vm = NULL; /* first: a switch back here must not reload it */
		vm_leave();
		vm_put(vm);
	}
	process_thread_drop_context(t); /* its cwd, root and descriptors go now */
	/* p may be reaped as soon as it is a zombie; the tick reads t->proc */
	if (p)
		process_get(p);
	if (p && __atomic_sub_fetch(&p->live_threads, 1, __ATOMIC_ACQ_REL) == 0) {
		sem_exit(p->pid); /* SEM_UNDO, before the parent can see the exit */
		process_became_zombie(p, READ_ONCE(p->group_exit) ? p->group_exit_status : status);
	}
	t->proc = NULL;
	if (p)
		process_put(p);
	thread_exit();
}

struct wait_req {
	struct process *self;
	int idtype; /* P_ALL, P_PID, P_PGID */
	int id;
	struct process *target; /* P_PIDFD: this child (with P_PID and its pid) */
	int options;
	int status;
	uint64_t cpu[3]; /* the reported child's user and system ns, ru_maxrss in KiB */
};

static bool wait_matches(const struct wait_req *w, const struct process *c)
{
	if (w->target)
		return c == w->target;
	if (w->idtype == P_PID)
		return c->pid == w->id;
	if (w->idtype == P_PGID)
		return c->pgid == w->id;
	return true;
}

/* wait's predicate (child_wq lock held): the pid reported, -ECHILD if no
 * child matches, 0 to keep sleeping. */
static long find_child(void *arg)
{
	struct wait_req *w = arg;
	bool nowait = w->options & WNOWAIT;
	struct process *c, *found = NULL;
	bool any = false;
	long ret;

	spin_lock(&proctree_lock);
	list_for_each_entry (c, &w->self->children, sibling) {
		if (!wait_matches(w, c))
			continue;
		any = true;
		if (c->state == PROC_ZOMBIE) {
			if (!(w->options & WEXITED))
				continue;
			found = c;
			break;
		}
		if (w->options & (WSTOPPED | WCONTINUED)) {
			int st = signal_peek_stop_report(c, w->options & WSTOPPED,
							 w->options & WCONTINUED, !nowait);

			if (st) {
				w->status = st;
				process_cputime(c, &w->cpu[0], &w->cpu[1]);
				w->cpu[2] = process_maxrss(c, false);
				spin_unlock(&proctree_lock);
				return c->pid;
			}
		}
	}
	if (found) {
		w->status = found->exit_status;
		w->cpu[0] = found->timers.exit_utime + found->timers.child_utime;
		w->cpu[1] = found->timers.exit_stime + found->timers.child_stime;
		w->cpu[2] = process_maxrss(found, false);
		ret = found->pid;
		if (!nowait) {
			ptimers_reaped(w->self, found);
			list_del(&found->sibling);
			process_free(found);
		}
	} else {
		/* -EAGAIN ends a WNOHANG wait; it is never a real result */
		ret = any ? ((w->options & WNOHANG) ? -EAGAIN : 0) : -ECHILD;
	}
	spin_unlock(&proctree_lock);
	return ret;
}

static long do_wait(struct wait_req *w)
{
	long r = wq_sleep_signalable_until(&w->self->child_wq, find_child, w);

	return r == -EAGAIN ? 0 : r; /* WNOHANG: children exist, none has changed */
}

long process_wait(int pid, int *status, int options, uint64_t *cpu)
{
	struct wait_req w = {.self = current_process(), .options = options | WEXITED};
	long r;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == INT32_MIN)
		return -ESRCH;
	if (pid > 0) {
		w.idtype = P_PID;
		w.id = pid;
	} else if (pid == -1) {
		w.idtype = P_ALL;
	} else {
		w.idtype = P_PGID;
		w.id = pid ? -pid : w.self->pgid;
	}
	r = do_wait(&w);
	if (r > 0) {
		*status = w.status;
		if (cpu)
			memcpy(cpu, w.cpu, sizeof(w.cpu));
	}
	return r;
}

long process_waitid(int idtype, int id, int options, int *pid, int *status, uint64_t *cpu)
{
	struct wait_req w = {.self = current_process(), .options = options};
	bool nonblock = false;
	long r;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WALL |
			__WCLONE))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	w.idtype = idtype;
	w.id = id;
	switch (idtype) {
	case P_ALL:
		break;
	case P_PID:
		if (id <= 0)
			return -EINVAL;
		break;
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		if (!id)
			w.id = w.self->pgid;
		break;
	case P_PIDFD: {
		unsigned fflags;

		if (id < 0)
			return -EINVAL;
		w.target = pidfd_process(id, &fflags, &r);
		if (!w.target)
			return r;
		w.idtype = P_PID;
		w.id = w.target->pid;
		/* a PIDFD_NONBLOCK pidfd: EAGAIN rather than a wait */
		nonblock = (fflags & O_NONBLOCK) && !(options & WNOHANG);
		if (fflags & O_NONBLOCK)
			w.options |= WNOHANG;
		break;
	}
	default:
		return -EINVAL;
	}
	r = do_wait(&w);
	if (w.target)
		process_put(w.target);
	if (nonblock && r == 0)
		r = -EAGAIN;
	*pid = r > 0 ? (int)r : 0;
	*status = r > 0 ? w.status : 0;
	if (r > 0 && cpu)
		memcpy(cpu, w.cpu, sizeof(w.cpu));
	return r < 0 ? r : 0;
}

/* ---- process groups and sessions ---- */

long process_setpgid(int pid, int pgid)
{
	struct process *self = current_process(), *p, *q;
	irqflags_t f;
	long err = 0;

	if (pgid < 0)
		return -EINVAL;
	f = spin_lock_irqsave(&proctree_lock);
	p = pid ? process_find(pid) : self;
	if (!p || (p != self && p->parent != self)) {
		err = -ESRCH;
		goto out;
	}
	if (p->sid != self->sid) {
		err = p == self ? -EPERM : -EPERM;
		goto out;
	}
	if (p->pid == p->sid) {
		err = -EPERM; /* a session leader keeps its group */
		goto out;
	}
	if (!pgid)
		pgid = p->pid;
	if (pgid != p->pid) {
		bool exists = false;

		for_each_process(q)
		{
			if (q->pgid == pgid && q->sid == self->sid) /* zombies count */
				exists = true;
		}
		if (!exists) {
			err = -EPERM;
			goto out;
		}
	}
	p->pgid = pgid;
out:
	spin_unlock_irqrestore(&proctree_lock, f);
	return err;
}

long process_setsid(void)
{
	struct process *self = current_process(), *q;
	irqflags_t f = spin_lock_irqsave(&proctree_lock);
	long r = self->pid;

	for_each_process(q)
	{
		if (q->pgid == self->pid)
			r = -EPERM; /* already a group leader (or its id is in use) */
	}
	if (r > 0) {
		self->sid = self->pgid = self->pid;
		self->ctty = NULL;
	}
	spin_unlock_irqrestore(&proctree_lock, f);
	return r;
}
