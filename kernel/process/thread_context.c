/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * What a thread shares with others or keeps to itself besides memory: its
 * fs context (root, cwd, umask) and its descriptor table, each shared by
 * reference under CLONE_FS / CLONE_FILES and copied without, made private
 * again by unshare(2), exec (the table) and close_range(CLOSE_RANGE_UNSHARE).
 * The process keeps its leader's too, for /proc/<pid>; a thread's and the
 * process's pointers are replaced under the process tree lock, under which
 * /proc reads them.  Only the thread itself replaces its own, so it reads
 * them without a lock.
 */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <kernel/cred.h>
#include <kernel/file.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include "process.h"

/* A new context, a copy of `from` (NULL: the root, umask 022). */
struct fs_context *fs_context_new(struct fs_context *from)
{
	struct fs_context *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->refs = 1;
	spin_lock_init(&fs->lock, "fs_context", LOCK_RANK_NONE);
	if (from) {
		irqflags_t f = spin_lock_irqsave(&from->lock);

		fs->root = from->root ? path_get(from->root) : NULL; /* NULL: no root yet */
		fs->cwd = from->cwd ? path_get(from->cwd) : NULL;
		fs->umask = from->umask;
		spin_unlock_irqrestore(&from->lock, f);
	} else {
		fs->root = vfs_root();
		fs->cwd = vfs_root();
		fs->umask = 022;
	}
	return fs;
}

void fs_context_put(struct fs_context *fs)
{
	if (!fs || __atomic_sub_fetch(&fs->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (fs->root)
		path_put(fs->root);
	if (fs->cwd)
		path_put(fs->cwd);
	kfree(fs);
}

/* `p` lets go of its context: detached under the tree lock, under which
 * /proc reads it. */
void fs_context_release(struct process *p)
{
	irqflags_t f = process_lock_tree();
	struct fs_context *fs = p->fs;

	p->fs = NULL;
	process_unlock_tree(f);
	fs_context_put(fs);
}

/* The leader exits before its group: the process's references to its
 * directories and descriptors (what /proc/<pid>/cwd and fd, and
 * pidfd_getfd, see) go with it, so what only the leader held closes now,
 * as on Linux, not when the last thread exits. */
void process_leader_detach(struct process *p)
{
	irqflags_t f = process_lock_tree();
	struct opened_file_table *files = p->files;

	p->files = NULL;
	process_unlock_tree(f);
	fdtable_put(files);
	fs_context_release(p);
}

struct fs_context *fs_context_get(struct fs_context *fs)
{
	__atomic_add_fetch(&fs->refs, 1, __ATOMIC_RELAXED);
	return fs;
}

void process_fs_get(struct path_component **root, struct path_component **cwd)
{
	struct fs_context *fs = current_thread()->fs;
	irqflags_t f;

	if (!fs) { /* a kernel thread */
		*root = vfs_root();
		*cwd = vfs_root();
		return;
	}
	f = spin_lock_irqsave(&fs->lock);
	*root = fs->root ? path_get(fs->root) : NULL;
	*cwd = fs->cwd ? path_get(fs->cwd) : NULL;
	spin_unlock_irqrestore(&fs->lock, f);
}

static void fs_replace(struct path_component **slot, struct path_component *pc)
{
	struct fs_context *fs = current_thread()->fs;
	struct path_component *old;
	irqflags_t f = spin_lock_irqsave(&fs->lock);

	old = *slot;
	*slot = pc;
	spin_unlock_irqrestore(&fs->lock, f);
	if (old)
		path_put(old);
}

void process_fs_set_cwd(struct path_component *pc)
{
	fs_replace(&current_thread()->fs->cwd, pc);
}

void process_fs_set_root(struct path_component *pc)
{
	fs_replace(&current_thread()->fs->root, pc);
}

/* Repoint one slot of `fs` (its lock held); the old reference goes to
 * `olds` for the caller to put once no spinlock is held. */
static void repoint_slot(struct path_component **slot, const struct path_component *old,
			 struct path_component *pc, struct path_component **olds, size_t *n)
{
	if (!*slot || !path_same(*slot, old))
		return;
	olds[(*n)++] = *slot;
	*slot = path_get(pc);
}

static void repoint(struct fs_context *fs, const struct path_component *old,
		    struct path_component *pc, struct path_component **olds, size_t *n)
{
	irqflags_t f = spin_lock_irqsave(&fs->lock);

	repoint_slot(&fs->root, old, pc, olds, n);
	repoint_slot(&fs->cwd, old, pc, olds, n);
	spin_unlock_irqrestore(&fs->lock, f);
}

int process_fs_repoint(const struct path_component *old, struct path_component *pc)
{
	struct path_component **olds;
	struct process *p;
	size_t n = 0, max = 0;
	irqflags_t f = process_lock_tree();

	for_each_process(p) max += 2;
	process_unlock_tree(f);
	max += 2 + 64; /* the caller's own, and processes forked meanwhile */
	olds = kmalloc(max * sizeof(*olds));
	if (!olds)
		return -ENOMEM;
	f = process_lock_tree();
	for_each_process(p)
	{
		if (p->fs && n + 2 <= max - 2)
			repoint(p->fs, old, pc, olds, &n);
	}
	if (current_thread()->fs)
		repoint(current_thread()->fs, old, pc, olds, &n);
	process_unlock_tree(f);
	while (n)
		path_put(olds[--n]);
	kfree(olds);
	return 0;
}

unsigned process_fs_umask(void)
{
	return READ_ONCE(current_thread()->fs->umask);
}

unsigned process_fs_set_umask(unsigned mask)
{
	struct fs_context *fs = current_thread()->fs;
	irqflags_t f = spin_lock_irqsave(&fs->lock);
	unsigned old = fs->umask;

	fs->umask = mask;
	spin_unlock_irqrestore(&fs->lock, f);
	return old;
}

struct fs_context *process_fs_for_child(bool share)
{
	struct fs_context *fs = current_thread()->fs;

	return share ? fs_context_get(fs) : fs_context_new(fs);
}

/* The thread `t` drops `old` for `fs` (whose reference it takes over);
 * the process's view follows its leader's.  Under the tree lock, under
 * which /proc reads them. */
static void fs_switch(struct thread *t, struct fs_context *fs)
{
	struct process *p = t->proc;
	struct fs_context *old = t->fs, *old_proc = NULL;
	irqflags_t f = process_lock_tree();

	t->fs = fs;
	if (p && fs && t->tid == p->pid && p->fs) {
		old_proc = p->fs;
		p->fs = fs_context_get(fs);
	}
	process_unlock_tree(f);
	fs_context_put(old);
	fs_context_put(old_proc);
}

int process_unshare_fs(void)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	struct fs_context *fs;
	/* its own reference, and its process's if it is the leader's */
	int own = 1 + (p && READ_ONCE(p->fs) == t->fs);

	if (__atomic_load_n(&t->fs->refs, __ATOMIC_ACQUIRE) <= own)
		return 0; /* already its own */
	fs = fs_context_new(t->fs);
	if (!fs)
		return -ENOMEM;
	fs_switch(t, fs);
	return 0;
}

/* The same for the descriptor table. */
static void files_switch(struct thread *t, struct opened_file_table *files)
{
	struct process *p = t->proc;
	struct opened_file_table *old = t->files, *old_proc = NULL;
	irqflags_t f = process_lock_tree();

	t->files = files;
	if (p && files && t->tid == p->pid && p->files) {
		old_proc = p->files;
		p->files = fdtable_ref(files);
	}
	process_unlock_tree(f);
	fdtable_put(old);
	fdtable_put(old_proc);
}

int process_unshare_files(void)
{
	struct thread *t = current_thread();
	struct process *p = t->proc;
	struct opened_file_table *copy;
	/* the references that are not sharing: its own, and its process's
	 * if it is the leader (read racily: at worst a needless copy) */
	int own = 1 + (p && READ_ONCE(p->files) == t->files);

	if (__atomic_load_n(&t->files->refs, __ATOMIC_ACQUIRE) <= own)
		return 0;
	copy = fdtable_copy(t->files);
	if (!copy)
		return -ENOMEM;
	files_switch(t, copy);
	return 0;
}

struct opened_file_table *process_files_for_child(bool share)
{
	struct opened_file_table *files = current_thread()->files;

	return share ? fdtable_ref(files) : fdtable_copy(files);
}

void process_thread_drop_context(struct thread *t)
{
	struct fs_context *fs;
	struct opened_file_table *files;
	irqflags_t f = process_lock_tree();

	fs = t->fs;
	files = t->files;
	t->fs = NULL;
	t->files = NULL;
	process_unlock_tree(f);
	fs_context_put(fs);
	fdtable_put(files);
}

void process_became_leader(struct process *p, struct thread *t)
{
	irqflags_t f = process_lock_tree();
	struct fs_context *old_fs = p->fs;
	struct opened_file_table *old_files;
	const struct cred *old_cred = p->cred;

	p->fs = t->fs ? fs_context_get(t->fs) : NULL;
	old_files = p->files;
	p->files = t->files ? fdtable_ref(t->files) : NULL;
	spin_lock(&p->siglock); /* signal charges read p->cred under it */
	p->cred = cred_get(t->real_cred);
	spin_unlock(&p->siglock);
	process_unlock_tree(f);
	fs_context_put(old_fs);
	fdtable_put(old_files);
	cred_put(old_cred);
}
