/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Open file descriptions and the OpenedFileTable.  The table's lock only
 * guards the slots; a file taken out of it holds its own reference, so a
 * concurrent close cannot free a file in use (Linux's fget/fput).
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <linux/fcntl.h>
#include <linux/inotify.h>
#include <linux/stat.h>
#include <kernel/dnotify.h>
#include <kernel/epoll.h>
#include <kernel/file.h>
#include <kernel/fsnotify.h>
#include <kernel/lock.h>
#include <kernel/mqueue.h>
#include <kernel/blkdev.h>
#include <kernel/path.h>
#include <kernel/vfs.h>

/* A regular file open for writing keeps its instance from going
 * read-only (remount is EBUSY), as Linux's write access count does. */
static bool counts_as_writer(const struct file *f)
{
	return f->inode->sb && f->inode->kind == INODE_FILE && f->has_pos &&
	       (f->flags & O_ACCMODE) != O_RDONLY && !(f->flags & O_PATH) && !blk_is_node(f->inode);
}

struct file *file_new(struct inode *inode, unsigned flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->inode = inode;
	f->flags = flags;
	f->refs = 1;
	/* regular files and directories have a position that read, write and
	 * getdents update atomically; devices, pipes and ttys do not (a reader
	 * blocked on a tty must not hold the position lock) */
	if (inode->kind == INODE_DIR) {
		f->has_pos = true;
	} else if (inode->kind == INODE_FILE) {
		struct vfs_stat st;

		/* block devices have a position too */
		f->has_pos = vfs_stat(inode, &st) == 0 && (S_ISREG(st.mode) || S_ISBLK(st.mode));
	}
	mutex_init(&f->pos_lock, "file-pos");
	list_init(&f->ep_links);
	if (counts_as_writer(f))
		__atomic_add_fetch(&inode->sb->writers, 1, __ATOMIC_RELAXED);
	return f;
}

struct file *file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
	return f;
}

struct path_component *file_path_get(const struct file *f)
{
	return f->path ? path_get(f->path) : vfs_anon_path(f->inode);
}

/* The last reference went: out of line, so that file_put's common case
 * (not the last) is a decrement and a return, with no stack frame. */
static __noinline void file_release(struct file *f)
{
	eventpoll_release(f);
	lock_release_file(f);
	dnotify_release(f);
	if (!(f->flags & O_PATH))
		fsnotify_file(f, (f->flags & O_ACCMODE) != O_RDONLY ? IN_CLOSE_WRITE
								    : IN_CLOSE_NOWRITE);
	if (!(f->flags & O_PATH)) /* O_PATH never opened the inode (no open slot ran) */
		vfs_release(f->inode, f->flags);
	if (counts_as_writer(f))
		__atomic_sub_fetch(&f->inode->sb->writers, 1, __ATOMIC_RELEASE);
	inode_put(f->inode);
	if (f->path)
		path_put(f->path);
	kfree(f);
}

void file_put(struct file *f)
{
	if (f && !__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		file_release(f);
}

/* ---- the descriptor table ---- */

static void use_first_arrays(struct opened_file_table *t)
{
	t->files = t->first_files;
	t->cloexec = &t->first_cloexec;
	t->reserved = &t->first_reserved;
	t->cap = FD_FIRST;
}

struct opened_file_table *fdtable_new(void)
{
	struct opened_file_table *t = kzalloc(sizeof(*t));

	if (t) {
		spin_lock_init(&t->lock, "fdtable", LOCK_RANK_FS);
		t->refs = 1;
		t->max_fds = FD_MAX;
		use_first_arrays(t);
	}
	return t;
}

/* Arrays for `cap` slots, in one allocation (zeroed): the slots, then
 * the close-on-exec and reserved bitmaps. */
static struct file **arrays_new(int cap)
{
	size_t slot = sizeof(void *);

	return kzalloc((size_t)cap * slot + 2 * ((size_t)cap / 64) * 8);
}

static void arrays_set(struct opened_file_table *t, struct file **mem, int cap)
{
	t->files = mem;
	t->cloexec = (uint64_t *)(mem + cap);
	t->reserved = t->cloexec + cap / 64;
	t->cap = cap;
}

static void arrays_free(struct opened_file_table *t, struct file **files)
{
	if (files != t->first_files)
		kfree(files);
}

/* Make slot `fd` exist: with the lock held (its flags in *fl), which is
 * dropped to allocate and taken again.  0 or -ENOMEM. */
static int expand_locked(struct opened_file_table *t, int fd, irqflags_t *fl) __must_hold(&t->lock)
{
	while (fd >= t->cap) {
		int cap = t->cap, ncap = cap * 2;
		struct file **mem, **old = NULL;

		while (fd >= ncap)
			ncap *= 2;
		spin_unlock_irqrestore(&t->lock, *fl);
		mem = arrays_new(ncap);
		*fl = spin_lock_irqsave(&t->lock);
		if (!mem)
			return -ENOMEM;
		if (t->cap == cap) { /* nobody grew it meanwhile */
			old = t->files;
			memcpy(mem, t->files, (size_t)cap * sizeof(struct file *));
			memcpy(mem + ncap, t->cloexec, (size_t)cap / 64 * 8);
			memcpy((uint64_t *)(mem + ncap) + ncap / 64, t->reserved,
			       (size_t)cap / 64 * 8);
			arrays_set(t, mem, ncap);
			mem = NULL;
		}
		spin_unlock_irqrestore(&t->lock, *fl);
		kfree(mem);
		if (old)
			arrays_free(t, old);
		*fl = spin_lock_irqsave(&t->lock);
	}
	return 0;
}

static bool is_reserved(const struct opened_file_table *t, int fd)
{
	return (t->reserved[fd / 64] >> (fd % 64)) & 1;
}

static void set_cloexec(struct opened_file_table *t, int fd, bool on)
{
	uint64_t bit = 1ull << (fd % 64);

	if (on)
		t->cloexec[fd / 64] |= bit;
	else
		t->cloexec[fd / 64] &= ~bit;
}

/* The lowest fd >= min neither used nor reserved, the table grown to
 * hold it: the fd, -EMFILE or -ENOMEM.  Under the lock, as expand_locked. */
static int free_fd_locked(struct opened_file_table *t, int min, irqflags_t *fl)
	__must_hold(&t->lock)
{
	for (;;) {
		int end = MIN(t->cap, t->max_fds), err;

		for (int i = min; i < end; i++) {
			if (!t->files[i] && !is_reserved(t, i))
				return i;
		}
		min = MAX(min, end);
		if (min >= t->max_fds)
			return -EMFILE;
		err = expand_locked(t, min, fl);
		if (err)
			return err;
	}
}

struct opened_file_table *fdtable_copy(struct opened_file_table *src)
{
	struct opened_file_table *t = fdtable_new();
	struct file **mem = NULL;
	irqflags_t f;
	int cap;

	if (!t)
		return NULL;
	for (;;) {
		cap = READ_ONCE(src->cap);
		if (cap > FD_FIRST && !(mem = arrays_new(cap))) {
			kfree(t);
			return NULL;
		}
		f = spin_lock_irqsave(&src->lock);
		if (src->cap == cap)
			break;
		spin_unlock_irqrestore(&src->lock, f); /* it grew: again */
		kfree(mem);
		mem = NULL;
	}
	if (mem)
		arrays_set(t, mem, cap);
	for (int i = 0; i < cap; i++) {
		if (src->files[i])
			t->files[i] = file_get(src->files[i]);
	}
	memcpy(t->cloexec, src->cloexec, (size_t)cap / 64 * 8);
	t->max_fds = src->max_fds;
	spin_unlock_irqrestore(&src->lock, f);
	return t;
}

struct opened_file_table *fdtable_ref(struct opened_file_table *t)
{
	__atomic_add_fetch(&t->refs, 1, __ATOMIC_RELAXED);
	return t;
}

/* A descriptor of `file` in `t` is gone: as on Linux, any close drops
 * the table's POSIX locks on the inode; then the descriptor's reference. */
static void close_file(struct opened_file_table *t, struct file *file)
{
	if (!file)
		return;
	lock_close_posix(file->inode, t);
	if (mq_is(file))
		mq_flush(file); /* its owner's close drops an mq_notify registration */
	file_put(file);
}

void fdtable_put(struct opened_file_table *t)
{
	if (!t || __atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL))
		return;
	for (int i = 0; i < t->cap; i++)
		close_file(t, t->files[i]);
	arrays_free(t, t->files);
	kfree(t);
}

int fdtable_install(struct opened_file_table *t, struct file *file, int min, bool cloexec)
{
	irqflags_t f;
	int fd;

	if (min < 0)
		return -EINVAL;
	f = spin_lock_irqsave(&t->lock);
	fd = free_fd_locked(t, min, &f);
	if (fd >= 0) {
		t->files[fd] = file_get(file);
		set_cloexec(t, fd, cloexec);
	}
	spin_unlock_irqrestore(&t->lock, f);
	return fd;
}

int fdtable_reserve(struct opened_file_table *t)
{
	irqflags_t f = spin_lock_irqsave(&t->lock);
	int fd = free_fd_locked(t, 0, &f);

	if (fd >= 0)
		t->reserved[fd / 64] |= 1ull << (fd % 64);
	spin_unlock_irqrestore(&t->lock, f);
	return fd;
}

void fdtable_install_reserved(struct opened_file_table *t, int fd, struct file *file, bool cloexec)
{
	irqflags_t f = spin_lock_irqsave(&t->lock);

	t->reserved[fd / 64] &= ~(1ull << (fd % 64));
	t->files[fd] = file_get(file);
	set_cloexec(t, fd, cloexec);
	spin_unlock_irqrestore(&t->lock, f);
}

void fdtable_unreserve(struct opened_file_table *t, int fd)
{
	irqflags_t f = spin_lock_irqsave(&t->lock);

	t->reserved[fd / 64] &= ~(1ull << (fd % 64));
	spin_unlock_irqrestore(&t->lock, f);
}

/* fd names a slot of the table (under its lock, or by its only user). */
static bool in_table(const struct opened_file_table *t, int fd)
{
	return fd >= 0 && fd < t->cap;
}

struct file *fdtable_get(struct opened_file_table *t, int fd)
{
	struct file *file = NULL;
	irqflags_t f = spin_lock_irqsave(&t->lock);

	if (in_table(t, fd) && t->files[fd])
		file = file_get(t->files[fd]);
	spin_unlock_irqrestore(&t->lock, f);
	return file;
}

struct file *fdtable_get_own(struct opened_file_table *t, int fd, int own)
{
	struct file *file;

	/* Shared by no other process (and the caller its process's only
	 * thread), the table changes only by our hand (it grows only by our
	 * hand too): other readers (/proc/<pid>/fd) take a table reference,
	 * read under the lock and never clear a slot.  So a slot is read
	 * without the lock, as Linux's fdget does. */
	if (__atomic_load_n(&t->refs, __ATOMIC_ACQUIRE) != own)
		return fdtable_get(t, fd);
	if (!in_table(t, fd))
		return NULL;
	file = __atomic_load_n(&t->files[fd], __ATOMIC_RELAXED);
	return file ? file_get(file) : NULL;
}

struct file *fdtable_peek_own(struct opened_file_table *t, int fd)
{
	return in_table(t, fd) ? __atomic_load_n(&t->files[fd], __ATOMIC_RELAXED) : NULL;
}

int fdtable_close(struct opened_file_table *t, int fd)
{
	struct file *file = NULL;
	irqflags_t f = spin_lock_irqsave(&t->lock);

	if (in_table(t, fd)) {
		file = t->files[fd];
		t->files[fd] = NULL;
		set_cloexec(t, fd, false);
	}
	spin_unlock_irqrestore(&t->lock, f);
	if (!file)
		return -EBADF;
	close_file(t, file);
	return 0;
}

int fdtable_dup_to(struct opened_file_table *t, int oldfd, int newfd, bool cloexec)
{
	struct file *old = NULL, *replaced = NULL;
	irqflags_t f;
	int err = 0;

	if (oldfd < 0 || newfd < 0)
		return -EBADF;
	f = spin_lock_irqsave(&t->lock);
	if (!in_table(t, oldfd) || !t->files[oldfd] || newfd >= t->max_fds)
		err = -EBADF;
	else
		err = expand_locked(t, newfd, &f);
	if (!err) {
		old = t->files[oldfd]; /* again: the lock may have been dropped */
		if (!old)
			err = -EBADF;
		else if (oldfd != newfd && is_reserved(t, newfd))
			err = -EBUSY;
	}
	if (!err && oldfd != newfd) {
		replaced = t->files[newfd];
		t->files[newfd] = file_get(old);
		set_cloexec(t, newfd, cloexec);
	}
	spin_unlock_irqrestore(&t->lock, f);
	close_file(t, replaced);
	return err ? err : newfd;
}

int fdtable_get_cloexec(struct opened_file_table *t, int fd)
{
	irqflags_t f = spin_lock_irqsave(&t->lock);
	int r = -EBADF;

	if (in_table(t, fd) && t->files[fd])
		r = (int)((t->cloexec[fd / 64] >> (fd % 64)) & 1);
	spin_unlock_irqrestore(&t->lock, f);
	return r;
}

int fdtable_set_cloexec(struct opened_file_table *t, int fd, bool on)
{
	irqflags_t f = spin_lock_irqsave(&t->lock);
	int r = -EBADF;

	if (in_table(t, fd) && t->files[fd]) {
		set_cloexec(t, fd, on);
		r = 0;
	}
	spin_unlock_irqrestore(&t->lock, f);
	return r;
}

int fdtable_next(struct opened_file_table *t, int from, unsigned *flags)
{
	irqflags_t f = spin_lock_irqsave(&t->lock);
	int fd = -1;

	for (int i = MAX(from, 0); i < t->cap; i++) {
		if (t->files[i]) {
			fd = i;
			if (flags)
				*flags = t->files[i]->flags;
			break;
		}
	}
	spin_unlock_irqrestore(&t->lock, f);
	return fd;
}

void fdtable_close_on_exec(struct opened_file_table *t)
{
	for (int w = 0;; w++) {
		struct file *doomed[64];
		int n = 0;
		irqflags_t f = spin_lock_irqsave(&t->lock);
		uint64_t bits;

		if (w >= t->cap / 64) {
			spin_unlock_irqrestore(&t->lock, f);
			break;
		}
		bits = t->cloexec[w];
		t->cloexec[w] = 0;
		for (int b = 0; bits; b++, bits >>= 1) {
			if ((bits & 1) && t->files[w * 64 + b]) {
				doomed[n++] = t->files[w * 64 + b];
				t->files[w * 64 + b] = NULL;
			}
		}
		spin_unlock_irqrestore(&t->lock, f);
		while (n)
			close_file(t, doomed[--n]); /* may sleep: outside the lock */
	}
}

void fdtable_close_range(struct opened_file_table *t, unsigned first, unsigned last, bool cloexec)
{
	while (first <= last) {
		struct file *doomed[64];
		unsigned end = MIN(last, first | 63); /* one word of the bitmap at a time */
		int n = 0;
		irqflags_t f = spin_lock_irqsave(&t->lock);

		if (first >= (unsigned)t->cap) {
			spin_unlock_irqrestore(&t->lock, f);
			break;
		}
		for (unsigned fd = first; fd <= end; fd++) {
			if (!t->files[fd])
				continue;
			if (cloexec) {
				set_cloexec(t, (int)fd, true);
			} else {
				doomed[n++] = t->files[fd];
				t->files[fd] = NULL;
				set_cloexec(t, (int)fd, false);
			}
		}
		spin_unlock_irqrestore(&t->lock, f);
		while (n)
			close_file(t, doomed[--n]); /* may sleep: outside the lock */
		if (end == last)
			break;
		first = end + 1;
	}
}
