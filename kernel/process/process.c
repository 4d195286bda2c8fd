/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The process tree: spawn, fork, exit and wait.  proctree_lock guards every
 * parent/child link and process state.  Its rank sits above wait queues:
 * wait4's predicate runs under the parent's child_wq lock and takes the
 * tree lock to look for zombies; an exiting child marks itself a zombie
 * under the tree lock, drops it, then wakes the parent's queue, so the
 * parent either sees the zombie or is already asleep when the wake comes.
 */
#include <klib/errno.h>
#include <linux/wait.h>
#include <platform/context.h>
#include <platform/kmalloc.h>
#include <platform/panic.h>
#include <linux/fcntl.h>
#include <klib/string.h>
#include <platform/log.h>
#include <platform/power.h>
#include <kernel/exec.h>
#include <kernel/file.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/vm.h>

static struct spinlock proctree_lock = SPINLOCK_INIT("proctree", LOCK_RANK_PROCTREE);

struct process *current_process(void)
{
	return current_thread()->proc;
}

static int the_init_pid;

int init_pid(void)
{
	return the_init_pid;
}

/* ---- the filesystem context ---- */

static void fs_init(struct fs_context *fs, const struct fs_context *from)
{
	spin_lock_init(&fs->lock, "fs_context", LOCK_RANK_NONE);
	if (from) {
		irqflags_t f = spin_lock_irqsave((struct spinlock *)&from->lock);

		fs->root = path_get(from->root);
		fs->cwd = path_get(from->cwd);
		fs->umask = from->umask;
		spin_unlock_irqrestore((struct spinlock *)&from->lock, f);
	} else {
		fs->root = vfs_root();
		fs->cwd = vfs_root();
		fs->umask = 022;
	}
}

static void fs_release(struct fs_context *fs)
{
	if (fs->root)
		path_put(fs->root);
	if (fs->cwd)
		path_put(fs->cwd);
	fs->root = fs->cwd = NULL;
}

void process_fs_get(struct path_component **root, struct path_component **cwd)
{
	struct process *p = current_process();
	irqflags_t f;

	if (!p) {
		*root = vfs_root();
		*cwd = vfs_root();
		return;
	}
	f = spin_lock_irqsave(&p->fs.lock);
	*root = p->fs.root ? path_get(p->fs.root) : NULL;
	*cwd = p->fs.cwd ? path_get(p->fs.cwd) : NULL;
	spin_unlock_irqrestore(&p->fs.lock, f);
}

static void fs_replace(struct path_component **slot, struct path_component *pc)
{
	struct process *p = current_process();
	struct path_component *old;
	irqflags_t f = spin_lock_irqsave(&p->fs.lock);

	old = *slot;
	*slot = pc;
	spin_unlock_irqrestore(&p->fs.lock, f);
	if (old)
		path_put(old);
}

void process_fs_set_cwd(struct path_component *pc)
{
	fs_replace(&current_process()->fs.cwd, pc);
}

void process_fs_set_root(struct path_component *pc)
{
	fs_replace(&current_process()->fs.root, pc);
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
	memcpy(child->comm, parent->comm, sizeof(child->comm));
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->uid = parent->uid;
	child->euid = parent->euid;
	child->suid = parent->suid;
	child->fsuid = parent->fsuid;
	child->gid = parent->gid;
	child->egid = parent->egid;
	child->sgid = parent->sgid;
	child->fsgid = parent->fsgid;
	memcpy(child->rlim, parent->rlim, sizeof(child->rlim));
}

static struct process *process_alloc(struct vm *vm)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	default_limits(p->rlim);
	p->state = PROC_ALIVE;
	list_init(&p->children);
	list_init(&p->sibling);
	wq_init(&p->child_wq);
	p->vm = vm;
	p->live_threads = 1;
	return p;
}

static void process_free(struct process *p)
{
	kfree(p);
}

/* fds 0, 1, 2 on the console, as a first process expects. */
static struct opened_file_table *console_files(void)
{
	struct opened_file_table *t = fdtable_new();
	struct file *f = file_new(console_inode(), O_RDWR);

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

struct user_start {
	struct vm *vm;
	struct process *proc;
	bool resume; /* resume `regs` (fork) or enter at pc/sp */
	struct arch_regs regs;
	uintptr_t pc, sp;
	uintptr_t tls; /* the user TLS base to start with */
};

static void user_thread_start(void *arg)
{
	struct user_start *s = arg;
	struct thread *self = current_thread();
	struct arch_regs regs = s->regs;
	uintptr_t pc = s->pc, sp = s->sp;
	bool resume = s->resume;

	self->vm = s->vm; /* the thread's own reference */
	self->proc = s->proc;
	vm_activate(self->vm);
	context_set_user_tls(s->tls);
	kfree(s);
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
	p->pid = t->tid;
	if (!p->pgid)
		p->pgid = p->sid = p->pid; /* process_spawn: a session of its own */
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
	if (!p->files)
		goto err_free;
	fs_init(&p->fs, NULL);
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
		fs_release(&p->fs);
	}
	kfree(p);
	return NULL;
}

long process_fork(const struct arch_regs *regs, bool share_vm)
{
	struct process *parent = current_process(), *child;
	struct user_start *s = kzalloc(sizeof(*s));
	struct thread *t;
	struct vm *vm;
	irqflags_t f;

	if (!s)
		return -ENOMEM;
	if (share_vm) {
		vm = parent->vm;
		vm_get(vm);
	} else {
		vm = vm_fork(parent->vm);
	}
	child = vm ? process_alloc(vm) : NULL;
	if (child)
		child->files = fdtable_copy(parent->files);
	if (!child || !child->files) {
		kfree(child);
		goto err_nomem;
	}
	fs_init(&child->fs, &parent->fs);
	inherit(child, parent);
	s->vm = vm;
	s->resume = true;
	s->regs = *regs;
	s->tls = context_user_tls();
	regs_set_return(&s->regs, 0);

	f = spin_lock_irqsave(&proctree_lock);
	child->parent = parent;
	list_add_tail(&child->sibling, &parent->children);
	spin_unlock_irqrestore(&proctree_lock, f);

	t = start_thread(child, s);
	if (!t) {
		f = spin_lock_irqsave(&proctree_lock);
		list_del(&child->sibling);
		spin_unlock_irqrestore(&proctree_lock, f);
		fdtable_put(child->files);
		fs_release(&child->fs);
		kfree(child);
		vm_put(vm);
		kfree(s);
		return -ENOMEM;
	}
	thread_put(t);
	return child->pid;

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
	struct init_start *is = kzalloc(sizeof(*is) + len);
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
	if (!p->files)
		goto fail;
	fs_init(&p->fs, NULL);
	strlcpy(p->comm, "init", sizeof(p->comm));
	vm_get(vm);
	t = thread_new("init", init_thread_start, is);
	if (!t) {
		vm_put(vm);
		fs_release(&p->fs);
		goto fail;
	}
	t->vm = vm;
	t->proc = p;
	p->pid = t->tid;
	p->pgid = p->sid = p->pid;
	the_init_pid = p->pid;
	err = p->pid;
	thread_start_new(t);
	thread_put(t);
	return err;

fail:
	if (p)
		fdtable_put(p->files);
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

/* Called by the last thread of `p` (interrupts off, about to die). */
static void process_became_zombie(struct process *p, int status)
{
	struct list_head *pos, *tmp;
	struct process *parent;
	bool orphan;
	irqflags_t f = spin_lock_irqsave(&proctree_lock);

	p->exit_status = status;
	p->state = PROC_ZOMBIE;
	/* children lose their parent: zombies among them are freed, the
	 * living ones will be when they exit (no init to adopt them yet) */
	list_for_each_safe (pos, tmp, &p->children) {
		struct process *c = list_entry(pos, struct process, sibling);

		list_del(&c->sibling);
		c->parent = NULL;
		if (c->state == PROC_ZOMBIE)
			process_free(c);
	}
	parent = p->parent;
	orphan = parent == NULL;
	spin_unlock_irqrestore(&proctree_lock, f);

	vm_put(p->vm);
	p->vm = NULL;
	fdtable_put(p->files);
	p->files = NULL;
	fs_release(&p->fs);
	if (p->pid == the_init_pid)
		init_exited(status);
	if (orphan)
		process_free(p);
	else
		wq_wake_all(&parent->child_wq);
}

__noreturn void process_exit(int status)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;

	if (p && __atomic_sub_fetch(&p->live_threads, 1, __ATOMIC_ACQ_REL) == 0) {
		t->proc = NULL;
		process_became_zombie(p, status);
	}
	thread_exit();
}

struct wait_req {
	struct process *self;
	int pid;
	int status;
	bool nohang;
};

/* wait4's predicate (child_wq lock held): the pid collected, -ECHILD if
 * no child matches, 0 to keep sleeping. */
static long find_zombie(void *arg)
{
	struct wait_req *w = arg;
	struct process *c, *found = NULL;
	bool any = false;
	long ret;

	spin_lock(&proctree_lock);
	list_for_each_entry (c, &w->self->children, sibling) {
		if (w->pid > 0 && c->pid != w->pid)
			continue;
		any = true;
		if (c->state == PROC_ZOMBIE) {
			found = c;
			break;
		}
	}
	if (found) {
		list_del(&found->sibling);
		w->status = found->exit_status;
		ret = found->pid;
	} else {
		/* -EAGAIN ends a WNOHANG wait; it is never a real result */
		ret = any ? (w->nohang ? -EAGAIN : 0) : -ECHILD;
	}
	spin_unlock(&proctree_lock);
	if (found)
		process_free(found);
	return ret;
}

long process_wait(int pid, int *status, int options)
{
	struct wait_req w = {.self = current_process(), .pid = pid, .nohang = options & WNOHANG};
	long r;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
		return -EINVAL;
	if (pid == 0 || pid < -1)
		return -ECHILD; /* process groups arrive with job control */
	r = wq_sleep_signalable_until(&w.self->child_wq, find_zombie, &w);
	if (r == -EAGAIN)
		return 0; /* WNOHANG: children exist, none has exited */
	if (r > 0)
		*status = w.status;
	return r;
}
