/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The rest of a procfs file a thread is reading through.  A procfs file
 * is generated whole by its show function; without this, every read(2)
 * of a file longer than the reader's buffer generated it all again, so
 * reading /proc/<pid>/smaps of a process with a thousand mappings in 4 KiB
 * pieces cost hundreds of generations (stress-ng's madvise stressor reads
 * it hundreds of times a second, and stalled SMP guests for minutes with
 * the vm lock held).  Linux's seq_file keeps the position in the open
 * file; here, after a read that left text unread, the text is kept for
 * that thread and inode, and a read by the same thread at exactly the
 * offset where the last one stopped is served from it.  Any other read
 * (offset 0, a pread elsewhere, another file) generates afresh, so a
 * reader that starts over sees new contents, as with Linux.
 *
 * A few slots, replaced oldest first; `cache_lock` (a leaf) guards them,
 * and is never held while the text is copied out or freed.
 */
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <kernel/sched.h>
#include "procfs.h"

#define CACHE_SLOTS 16

struct cached_text {
	const struct thread *reader; /* NULL: a free slot */
	int tid;
	const struct inode *ino;
	uint64_t ino_nr;
	char *buf; /* kmalloc'd, owned by the slot */
	size_t len;
	uint64_t next; /* the offset the next read must ask for */
	uint64_t stamp;
};

static struct spinlock cache_lock = SPINLOCK_INIT("procfs_cache", LOCK_RANK_NONE);
static struct cached_text slots[CACHE_SLOTS]; /* cache_lock */
static uint64_t clock_stamp;		      /* cache_lock */

static bool is_mine(const struct cached_text *c, const struct thread *me)
{
	return c->reader == me && c->tid == me->tid;
}

/* Removes this thread's slot (there is at most one) into *out. */
static bool take_mine(struct cached_text *out)
{
	const struct thread *me = current_thread();
	bool found = false;
	irqflags_t f = spin_lock_irqsave(&cache_lock);

	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (slots[i].reader && is_mine(&slots[i], me)) {
			*out = slots[i];
			slots[i].reader = NULL;
			found = true;
			break;
		}
	}
	spin_unlock_irqrestore(&cache_lock, f);
	return found;
}

bool procfs_cache_take(const struct inode *ino, uint64_t off, char **buf, size_t *len)
{
	struct cached_text c;

	if (!take_mine(&c))
		return false;
	if (c.ino != ino || c.ino_nr != ino->ino || c.next != off) {
		kfree(c.buf);
		return false;
	}
	*buf = c.buf;
	*len = c.len;
	return true;
}

void procfs_cache_keep(const struct inode *ino, char *buf, size_t len, uint64_t next)
{
	struct thread *me = current_thread();
	struct cached_text old = {.reader = NULL};
	irqflags_t f;
	int victim = 0;

	if (take_mine(&old))
		kfree(old.buf);
	old.buf = NULL;
	f = spin_lock_irqsave(&cache_lock);
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (!slots[i].reader) {
			victim = i;
			break;
		}
		if (slots[i].stamp < slots[victim].stamp)
			victim = i;
	}
	if (slots[victim].reader)
		old = slots[victim];
	slots[victim] = (struct cached_text){.reader = me,
					     .tid = me->tid,
					     .ino = ino,
					     .ino_nr = ino->ino,
					     .buf = buf,
					     .len = len,
					     .next = next,
					     .stamp = ++clock_stamp};
	spin_unlock_irqrestore(&cache_lock, f);
	kfree(old.buf);
}
