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
#include <kernel/path.h>
#include <kernel/vfs.h>

/* A regular file open for writing keeps its instance from going
 * read-only (remount is EBUSY), as Linux's write access count does. */
static bool counts_as_writer(const struct file *f)
{
	return f->inode->sb && f->inode->kind == INODE_FILE && f->has_pos &&
	       (f->flags & O_ACCMODE) != O_RDONLY && !(f->flags & O_PATH);
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

		f->has_pos = vfs_stat(inode, &st) == 0 && S_ISREG(st.mode);
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

struct opened_file_table *fdtable_new(void)
{
	struct opened_file_table *t = kzalloc(sizeof(*t));

	if (t) {
		spin_lock_init(&t->lock, "fdtable", LOCK_RANK_FS);
		t->refs = 1;
		t->max_fds = FD_MAX;
	}
	return t;
}

struct opened_file_table *fdtable_copy(struct opened_file_table *src)
{
	struct opened_file_table *t = fdtable_new();
	irqflags_t f;

	if (!t)
		return NULL;
	f = spin_lock_irqsave(&src->lock);
	for (int i = 0; i < FD_MAX; i++) {
		if (src->files[i])
			t->files[i] = file_get(src->files[i]);
	}
	memcpy(t->cloexec, src->cloexec, sizeof(t->cloexec));
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
	for (int i = 0; i < FD_MAX; i++)
		close_file(t, t->files[i]);
	kfree(t);
}

static void set_cloexec(struct opened_file_table *t, int fd, bool on)
{
	uint64_t bit = 1ull << (fd % 64);

	if (on)
		t->cloexec[fd / 64] |= bit;
	else
		t->cloexec[fd / 64] &= ~bit;
}

static bool valid_fd(int fd)
{
	return fd >= 0 && fd < FD_MAX;
}

int fdtable_install(struct opened_file_table *t, struct file *file, int min, bool cloexec)
{
	irqflags_t f;
	int fd = -EMFILE;

	if (min < 0 || min >= t->max_fds)
		return min < 0 ? -EINVAL : -EMFILE;
	f = spin_lock_irqsave(&t->lock);
	for (int i = min; i < t->max_fds; i++) {
		if (!t->files[i]) {
			t->files[i] = file_get(file);
			set_cloexec(t, i, cloexec);
			fd = i;
			break;
		}
	}
	spin_unlock_irqrestore(&t->lock, f);
	return fd;
}

/* Without the lock: the answer is a hint either way (the install that
 * follows decides), so a racing close or install changes nothing. */
bool fdtable_has_room(struct opened_file_table *t)
{
	int max = READ_ONCE(t->max_fds);

	for (int i = 0; i < max; i++)
		if (!__atomic_load_n(&t->files[i], __ATOMIC_RELAXED))
			return true;
	return false;
}

struct file *fdtable_get(struct opened_file_table *t, int fd)
{
	struct file *file = NULL;
	irqflags_t f;

	if (!valid_fd(fd))
		return NULL;
	f = spin_lock_irqsave(&t->lock);
	if (t->files[fd])
		file = file_get(t->files[fd]);
	spin_unlock_irqrestore(&t->lock, f);
	return file;
}

struct file *fdtable_get_own(struct opened_file_table *t, int fd, int own)
{
	struct file *file;

	/* Shared by no other process (and the caller its process's only
	 * thread), the table changes only by our hand: other readers
	 * (/proc/<pid>/fd) take a table reference and never clear a slot.
	 * So a slot is read without the lock, as Linux's fdget does. */
	if (__atomic_load_n(&t->refs, __ATOMIC_ACQUIRE) != own)
		return fdtable_get(t, fd);
	if (!valid_fd(fd))
		return NULL;
	file = __atomic_load_n(&t->files[fd], __ATOMIC_RELAXED);
	return file ? file_get(file) : NULL;
}

struct file *fdtable_peek_own(struct opened_file_table *t, int fd)
{
	return valid_fd(fd) ? __atomic_load_n(&t->files[fd], __ATOMIC_RELAXED) : NULL;
}

int fdtable_close(struct opened_file_table *t, int fd)
{
	struct file *file = NULL;
	irqflags_t f;

	if (!valid_fd(fd))
		return -EBADF;
	f = spin_lock_irqsave(&t->lock);
	file = t->files[fd];
	t->files[fd] = NULL;
	set_cloexec(t, fd, false);
	spin_unlock_irqrestore(&t->lock, f);
	if (!file)
		return -EBADF;
	close_file(t, file); /* outside the lock: may end in a service's evict */
	return 0;
}

int fdtable_dup_to(struct opened_file_table *t, int oldfd, int newfd, bool cloexec)
{
	struct file *old = NULL, *replaced = NULL;
	irqflags_t f;

	if (!valid_fd(oldfd) || !valid_fd(newfd) || newfd >= t->max_fds)
		return -EBADF;
	f = spin_lock_irqsave(&t->lock);
	old = t->files[oldfd];
	if (old && oldfd != newfd) {
		replaced = t->files[newfd];
		t->files[newfd] = file_get(old);
		set_cloexec(t, newfd, cloexec);
	}
	spin_unlock_irqrestore(&t->lock, f);
	close_file(t, replaced);
	return old ? newfd : -EBADF;
}

int fdtable_get_cloexec(struct opened_file_table *t, int fd)
{
	irqflags_t f;
	int r;

	if (!valid_fd(fd))
		return -EBADF;
	f = spin_lock_irqsave(&t->lock);
	r = t->files[fd] ? (int)((t->cloexec[fd / 64] >> (fd % 64)) & 1) : -EBADF;
	spin_unlock_irqrestore(&t->lock, f);
	return r;
}

int fdtable_set_cloexec(struct opened_file_table *t, int fd, bool on)
{
	irqflags_t f;
	int r = 0;

	if (!valid_fd(fd))
		return -EBADF;
	f = spin_lock_irqsave(&t->lock);
	if (t->files[fd])
		set_cloexec(t, fd, on);
	else
		r = -EBADF;
	spin_unlock_irqrestore(&t->lock, f);
	return r;
}

void fdtable_close_on_exec(struct opened_file_table *t)
{
	for (int w = 0; w < FD_MAX / 64; w++) {
		struct file *doomed[64];
		int n = 0;
		irqflags_t f = spin_lock_irqsave(&t->lock);
		uint64_t bits = t->cloexec[w];

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
	last = MIN(last, (unsigned)FD_MAX - 1);
	while (first <= last) {
		struct file *doomed[64];
		unsigned end = MIN(last, first | 63); /* one word of the bitmap at a time */
		int n = 0;
		irqflags_t f = spin_lock_irqsave(&t->lock);

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
		first = end + 1;
	}
}
