/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * dnotify (kernel/dnotify.h): fcntl(fd, F_NOTIFY, mask) on a directory
 * records a mark (the open file, its directory, the mask, the caller as
 * the owner); the VFS's dispatch wrappers report entries created, removed
 * and renamed in a directory, and each mark that asked for the event sends
 * its owner the file's F_SETSIG signal, or SIGIO.  A mark without
 * DN_MULTISHOT is used up by its first event.  Closing the file drops its
 * mark.  DN_ACCESS, DN_MODIFY and DN_ATTRIB (reads, writes and attribute
 * changes of the directory's entries, or of itself) come through inotify's
 * fsnotify_path() (kernel/fs/inotify.c).  An F_SETSIG signal carries
 * Linux's SIGPOLL fields: si_code POLL_MSG, si_band, and si_fd the
 * descriptor F_NOTIFY was called on; plain SIGIO is SI_KERNEL.
 *
 * Locking: marks_lock (a leaf) guards the list; marks are allocated before
 * it is taken and signals sent after it is dropped.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/signal.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <kernel/dnotify.h>
#include <kernel/file.h>
#include <kernel/process.h>
#include <kernel/signal.h>
#include <kernel/vfs.h>

#define MAX_TARGETS 16 /* owners signalled per event (more are dropped) */

struct dnotify_mark {
	struct list_head link;
	struct file *file; /* not a reference: dnotify_release runs before it goes */
	struct inode *dir;
	unsigned long mask;
	int owner; /* pid */
	int fd;	   /* si_fd: the descriptor of the last F_NOTIFY */
};

static struct spinlock marks_lock = SPINLOCK_INIT("dnotify", LOCK_RANK_NONE);
static LIST_HEAD(marks);
int dnotify_nmarks; /* marks_lock for writers; read locklessly as a hint */

static struct dnotify_mark *find_locked(struct file *f)
{
	struct dnotify_mark *m;

	list_for_each_entry (m, &marks, link) {
		if (m->file == f)
			return m;
	}
	return NULL;
}

static void drop(struct file *f)
{
	irqflags_t fl = spin_lock_irqsave(&marks_lock);
	struct dnotify_mark *m = find_locked(f);

	if (m) {
		list_del(&m->link);
		WRITE_ONCE(dnotify_nmarks, dnotify_nmarks - 1);
	}
	spin_unlock_irqrestore(&marks_lock, fl);
	kfree(m);
}

int dnotify_enable = 1;

long dnotify_fcntl(struct file *f, int fd, uint64_t arg)
{
	unsigned long mask = (unsigned)arg;
	struct dnotify_mark *m, *old;
	irqflags_t fl;

	if (!__atomic_load_n(&dnotify_enable, __ATOMIC_RELAXED))
		return -EINVAL;

	if (!(mask & ~(unsigned long)DN_MULTISHOT)) {
		drop(f);
		return 0;
	}
	if (f->inode->kind != INODE_DIR)
		return -ENOTDIR;
	m = kzalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->file = f;
	m->dir = f->inode;
	m->mask = mask;
	m->owner = current_process()->pid;
	m->fd = fd;
	fl = spin_lock_irqsave(&marks_lock);
	old = find_locked(f);
	if (old) { /* a second call adds to the mask, as Linux does */
		old->mask |= mask;
		old->owner = m->owner;
		old->fd = fd;
	} else {
		list_add_tail(&m->link, &marks);
		WRITE_ONCE(dnotify_nmarks, dnotify_nmarks + 1);
		m = NULL;
	}
	spin_unlock_irqrestore(&marks_lock, fl);
	kfree(m);
	return 0;
}

void dnotify_event(struct inode *dir, unsigned long event)
{
	struct {
		int pid, sig, fd;
	} to[MAX_TARGETS];
	struct dnotify_mark *m;
	struct list_head used, *pos, *tmp;
	int n = 0;
	irqflags_t fl;

	if (list_empty(&marks)) /* the usual case: nobody watches (racy, harmless) */
		return;
	list_init(&used);
	fl = spin_lock_irqsave(&marks_lock);
	list_for_each_safe (pos, tmp, &marks) {
		m = list_entry(pos, struct dnotify_mark, link);
		if (m->dir != dir || !(m->mask & event) || n == MAX_TARGETS)
			continue;
		to[n].pid = m->owner;
		to[n].fd = m->fd;
		to[n++].sig = m->file->sig;
		if (!(m->mask & DN_MULTISHOT)) {
			list_del(&m->link);
			list_add_tail(&m->link, &used);
			WRITE_ONCE(dnotify_nmarks, dnotify_nmarks - 1);
		}
	}
	spin_unlock_irqrestore(&marks_lock, fl);
	list_for_each_safe (pos, tmp, &used)
		kfree(list_entry(pos, struct dnotify_mark, link));
	if (!n)
		return;
	fl = process_lock_tree();
	for (int i = 0; i < n; i++) {
		struct process *p = process_find(to[i].pid);
		/* Linux's send_sigio: F_SETSIG's signal with the SIGPOLL fields
		 * (POLL_MSG's band: POLLIN | POLLRDNORM | POLLMSG), or SIGIO */
		struct ksiginfo si = {.signo = to[i].sig,
				      .code = POLL_MSG,
				      .band = POLLIN | POLLRDNORM | POLLMSG,
				      .fd = to[i].fd};

		if (!p || p->state != PROC_ALIVE)
			continue;
		if (to[i].sig)
			(void)signal_send(p, to[i].sig, &si);
		else
			(void)signal_send(p, SIGIO,
					  &(struct ksiginfo){.signo = SIGIO, .code = SI_KERNEL});
	}
	process_unlock_tree(fl);
}

void dnotify_release(struct file *f)
{
	if (!list_empty(&marks))
		drop(f);
}
