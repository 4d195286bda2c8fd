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
#include <kernel/file.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/vm.h>

static struct spinlock proctree_lock = SPINLOCK_INIT("proctree", LOCK_RANK_PROCTREE);

struct process *current_process(void)
{
	return current_thread()->proc;
}

static struct process *process_alloc(struct vm *vm)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
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
	s->vm = vm;
	s->pc = pc;
	s->sp = sp;
	t = start_thread(p, s);
	if (!t)
		goto err_free;
	return t;

err_free:
	kfree(s);
	if (p)
		fdtable_put(p->files);
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
	s->vm = vm;
	s->resume = true;
	s->regs = *regs;
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
