/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * inotify (kernel/inotify.h, kernel/fsnotify.h): an instance is a FileLike
 * holding a queue of struct inotify_event records and a set of watches,
 * each an inode (one reference), a watch descriptor and an IN_* mask.  The
 * VFS reports events through the fsnotify_* calls; each watch that asked
 * for one queues it on its instance, whose readers and pollers are woken.
 *
 * As Linux: an event identical to the last one queued is dropped
 * (coalesced); past max_queued_events one IN_Q_OVERFLOW (wd -1) ends the
 * queue and later events are lost until it drains; IN_ONESHOT watches go
 * after their first event, and any watch that goes queues IN_IGNORED.
 * Watch descriptors count up per instance, one per inode.  Limits:
 * max_user_instances (EMFILE), max_user_watches (ENOSPC), per real uid.
 *
 * Locking: one spinlock, notify_lock (LOCK_RANK_FS: taken with no other
 * FS lock held; kmalloc and poll_wake rank above it), guards every
 * instance's queue and watch list and the global watch list.  Readers copy
 * events out after dropping it.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/inotify.h>
#include <asm/ioctls.h>
#include <linux/poll.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/spinlock.h>
#include <platform/usercopy.h>
#include <kernel/anon.h>
#include <kernel/cred.h>
#include <kernel/dnotify.h>
#include <kernel/file.h>
#include <kernel/fsnotify.h>
#include <kernel/inotify.h>
#include <kernel/path.h>
#include <kernel/poll.h>
#include <kernel/vfs.h>
#include <kernel/waitqueue.h>

#define EV_SIZE offsetof(struct inotify_event, name) /* 16: the fixed part */

struct ievent {
	struct list_head link;
	int wd;
	uint32_t mask, cookie, len; /* len: the name's padded length */
	char name[];
};

struct watch {
	struct list_head ilink; /* in its instance's list */
	struct list_head glink; /* in its inode's bucket of watches[] */
	struct inotify *in;
	struct inode *ino; /* one reference */
	int wd;
	uint32_t mask;
	bool gone; /* unlinked while still in use: IN_DELETE_SELF at its last close */
};

struct inotify {
	struct list_head link;	  /* in instances */
	struct list_head events;  /* struct ievent, oldest first */
	struct list_head watches; /* struct watch */
	unsigned nevents;
	int nwatches;
	size_t bytes; /* FIONREAD */
	int next_wd;
	uint32_t uid;
	bool overflow_queued;
	struct inode *self; /* no reference: the instance lives as long as it */
	struct waitqueue wq;
};

int fsnotify_nwatches;
int inotify_max_user_instances = 128;
int inotify_max_user_watches = 8192;
int inotify_max_queued_events = 16384;

static struct spinlock notify_lock = SPINLOCK_INIT("inotify", LOCK_RANK_FS);
#define NBUCKETS 64
static struct list_head watches[NBUCKETS]; /* by inode (bucket()) */
static LIST_HEAD(instances);
static uint32_t next_cookie;
static int ngone; /* notify_lock: watches marked gone (the fast path of closes) */

static bool same_inode(const struct inode *a, const struct inode *b)
{
	return a == b || (a->sb && a->sb == b->sb && a->ino == b->ino);
}

/* The watches that may be on `ino`: one hash chain per (instance, inode
 * number), or per ring-1 inode. */
static struct list_head *bucket(const struct inode *ino)
{
	uint64_t h = ino->sb ? (uintptr_t)ino->sb ^ (ino->ino * 0x9e3779b97f4a7c15ull)
			     : (uintptr_t)ino * 0x9e3779b97f4a7c15ull;
	return &watches[(h >> 32) % NBUCKETS];
}

/* ---- queueing (notify_lock held) ---- */

static bool same_event(const struct ievent *e, int wd, uint32_t mask, uint32_t cookie,
		       const char *name, size_t len)
{
	if (e->wd != wd || e->mask != mask || e->cookie != cookie)
		return false;
	if (!len)
		return !e->len;
	return e->len && strlen(e->name) == len && !memcmp(e->name, name, len);
}

static void queue_locked(struct inotify *in, int wd, uint32_t mask, uint32_t cookie,
			 const char *name, size_t len)
{
	size_t padded = len ? (len + 1 + EV_SIZE - 1) / EV_SIZE * EV_SIZE : 0;
	struct ievent *e;

	/* as Linux: a full queue takes one overflow event (counted too),
	 * then nothing until a read makes room; merging comes after */
	if (in->nevents >= (unsigned)READ_ONCE(inotify_max_queued_events)) {
		if (in->overflow_queued)
			return;
		wd = -1;
		mask = IN_Q_OVERFLOW;
		cookie = 0;
		len = padded = 0;
	} else if (!list_empty(&in->events)) {
		struct ievent *last = list_entry(in->events.prev, struct ievent, link);

		if (same_event(last, wd, mask, cookie, name, len))
			return;
	}
	e = kzalloc(offsetof(struct ievent, name) + padded);
	if (!e)
		return;
	e->wd = wd;
	e->mask = mask;
	e->cookie = cookie;
	e->len = (uint32_t)padded;
	if (len)
		memcpy(e->name, name, len);
	if (mask == IN_Q_OVERFLOW)
		in->overflow_queued = true;
	list_add_tail(&e->link, &in->events);
	in->nevents++;
	in->bytes += EV_SIZE + padded;
}

/* Drop `w` (queueing IN_IGNORED); its inode reference goes to *put. */
static void remove_watch_locked(struct watch *w)
{
	if (w->gone)
		ngone--;
	queue_locked(w->in, w->wd, IN_IGNORED, 0, NULL, 0);
	w->in->nwatches--;
	list_del(&w->ilink);
	list_del(&w->glink);
	__atomic_sub_fetch(&fsnotify_nwatches, 1, __ATOMIC_RELAXED);
}

/* Instances woken after the lock is dropped, each holding a reference
 * to its inode (so it outlives the wake-up), and watches freed then. */
#define MAX_WAKE 32

struct wake_set {
	struct inotify *in[MAX_WAKE];
	struct watch *gone[MAX_WAKE];
	int n, ngone;
};

static void mark_wake(struct wake_set *ws, struct inotify *in)
{
	for (int i = 0; i < ws->n; i++)
		if (ws->in[i] == in)
			return;
	if (ws->n == MAX_WAKE) { /* rare: wake this one under the lock */
		poll_wake(&in->wq, POLLIN | POLLRDNORM);
		return;
	}
	inode_get(in->self); /* listed, so its file (and inode) is still there */
	ws->in[ws->n++] = in;
}

static void deliver_locked(struct wake_set *ws, struct watch *w, uint32_t mask, uint32_t cookie,
			   const char *name, size_t len)
{
	queue_locked(w->in, w->wd, mask, cookie, name, len);
	mark_wake(ws, w->in);
	if ((w->mask & IN_ONESHOT) && ws->ngone < MAX_WAKE) {
		remove_watch_locked(w);
		ws->gone[ws->ngone++] = w;
	}
}

/* After notify_lock is dropped: wake, then free what went. */
static void finish(struct wake_set *ws)
{
	for (int i = 0; i < ws->n; i++) {
		poll_wake(&ws->in[i]->wq, POLLIN | POLLRDNORM);
		inode_put(ws->in[i]->self);
	}
	for (int i = 0; i < ws->ngone; i++) {
		inode_put(ws->gone[i]->ino);
		kfree(ws->gone[i]);
	}
}

static uint32_t isdir(const struct inode *ino)
{
	return ino && ino->kind == INODE_DIR ? IN_ISDIR : 0;
}

/* Deliver to the watches on `target`; with a name, the event is on one
 * of target's entries (`child`). */
static void notify(struct inode *target, struct inode *child, uint32_t mask, const char *name,
		   size_t len, uint32_t cookie)
{
	struct wake_set ws = {.n = 0};
	struct list_head *pos, *tmp;
	uint32_t ev = mask & IN_ALL_EVENTS;
	struct vfs_stat st;
	bool unlinked;
	irqflags_t fl;

	/* for IN_EXCL_UNLINK; asked before the lock (a service may sleep) */
	unlinked = child && vfs_stat(child, &st) == 0 && !st.nlink;
	fl = spin_lock_irqsave(&notify_lock);
	list_for_each_safe (pos, tmp, bucket(target)) {
		struct watch *w = list_entry(pos, struct watch, glink);

		if (!(w->mask & ev) || !same_inode(w->ino, target))
			continue;
		if (unlinked && (w->mask & IN_EXCL_UNLINK))
			continue;
		deliver_locked(&ws, w, mask, cookie, name, len);
	}
	spin_unlock_irqrestore(&notify_lock, fl);
	finish(&ws);
}

void fsnotify_inode(struct inode *ino, uint32_t mask)
{
	/* as Linux: IN_ISDIR on a directory's own events but the _SELF ones */
	if (!(mask & (IN_MOVE_SELF | IN_DELETE_SELF)))
		mask |= isdir(ino);
	if (ino && fsnotify_active())
		notify(ino, NULL, mask, NULL, 0, 0);
}

void fsnotify_entry(struct inode *dir, struct inode *child, uint32_t mask, const char *name,
		    size_t len, uint32_t cookie)
{
	if (fsnotify_active()) /* no child: IN_EXCL_UNLINK spares entry events */
		notify(dir, NULL, mask | isdir(child), name, len, cookie);
}

/* dnotify hears reads, writes and attribute changes too: a directory's
 * marks for its entries' and its own (kernel/dnotify.h). */
static void dnotify_path(struct path_component *pc, uint32_t mask)
{
	unsigned long dn = (mask & IN_ACCESS ? DN_ACCESS : 0) | (mask & IN_MODIFY ? DN_MODIFY : 0) |
			   (mask & IN_ATTRIB ? DN_ATTRIB : 0);

	if (!dn)
		return;
	if (pc->parent && pc->namelen && pc->parent->mnt == pc->mnt)
		dnotify_event(pc->parent->inode, dn);
	if (pc->inode->kind == INODE_DIR)
		dnotify_event(pc->inode, dn);
}

void fsnotify_path(struct path_component *pc, uint32_t mask)
{
	if (!pc)
		return;
	if (dnotify_active())
		dnotify_path(pc, mask);
	if (!fsnotify_active())
		return;
	mask |= isdir(pc->inode);
	if (pc->parent && pc->namelen && pc->parent->inode->kind == INODE_DIR &&
	    pc->parent->mnt == pc->mnt)
		notify(pc->parent->inode, pc->inode, mask, pc->name, pc->namelen, 0);
	notify(pc->inode, NULL, mask, NULL, 0, 0);
}

static void close_unlinked(struct file *f);

void fsnotify_file_event(struct file *f, uint32_t mask)
{
	if (f->path && f->path->inode == f->inode)
		fsnotify_path(f->path, mask);
	else
		fsnotify_inode(f->inode, mask);
	if (mask & IN_CLOSE)
		close_unlinked(f);
}

uint32_t fsnotify_cookie(void)
{
	uint32_t c = __atomic_add_fetch(&next_cookie, 1, __ATOMIC_RELAXED);

	return c ? c : __atomic_add_fetch(&next_cookie, 1, __ATOMIC_RELAXED);
}

/* The next watch to drop (notify_lock held): on `match`, or the one on
 * the newest inode of `sb` (Linux walks an instance's inodes newest
 * first), or NULL. */
static struct watch *next_to_drop(struct inode *match, struct vfs_sb *sb)
{
	struct watch *w, *best = NULL;

	if (match) {
		list_for_each_entry (w, bucket(match), glink) {
			if (same_inode(w->ino, match))
				return w;
		}
		return NULL;
	}
	for (int i = 0; i < NBUCKETS; i++) {
		list_for_each_entry (w, &watches[i], glink) {
			if (w->ino->sb == sb && (!best || w->ino->ino > best->ino->ino))
				best = w;
		}
	}
	return best;
}

/* Every watch on `match` (an inode, or all of an instance `sb`'s) gets
 * `mask` if it asked for it (IN_UNMOUNT always) and goes. */
static void drop_watches(struct inode *match, struct vfs_sb *sb, uint32_t mask)
{
	struct wake_set ws;
	struct watch *w;
	irqflags_t fl;

	do {
		ws.n = ws.ngone = 0;
		fl = spin_lock_irqsave(&notify_lock);
		while (ws.ngone < MAX_WAKE && (w = next_to_drop(match, sb))) {
			/* as Linux: IN_DELETE_SELF comes without IN_ISDIR */
			if (mask == IN_UNMOUNT)
				queue_locked(w->in, w->wd, IN_UNMOUNT | isdir(w->ino), 0, NULL, 0);
			else if (w->mask & mask & IN_ALL_EVENTS)
				queue_locked(w->in, w->wd, mask, 0, NULL, 0);
			remove_watch_locked(w);
			ws.gone[ws.ngone++] = w;
			mark_wake(&ws, w->in);
		}
		spin_unlock_irqrestore(&notify_lock, fl);
		finish(&ws);
	} while (ws.ngone == MAX_WAKE);
}

/* Is `ino` in use beyond its watches and the `held` references the caller
 * knows of (notify_lock held)?  Open files, their paths, mappings and
 * working directories each hold one; Linux sends IN_DELETE_SELF only once
 * the last of them goes. */
static bool in_use_locked(struct inode *ino, int held)
{
	struct watch *w;
	int refs = (int)inode_refs(ino) - held;

	list_for_each_entry (w, bucket(ino), glink)
		refs -= w->ino == ino;
	return refs > 0;
}

void fsnotify_unlinked(struct inode *ino)
{
	if (!ino || !fsnotify_active())
		return;
	if (ino->kind != INODE_DIR)
		fsnotify_inode(ino, IN_ATTRIB);
	fsnotify_gone(ino);
}

void fsnotify_gone(struct inode *ino)
{
	struct vfs_stat st;
	struct watch *w;
	irqflags_t fl;
	bool busy;

	if (!ino || !fsnotify_active())
		return;
	if (ino->kind != INODE_DIR && (vfs_stat(ino, &st) || st.nlink))
		return;
	fl = spin_lock_irqsave(&notify_lock);
	busy = in_use_locked(ino, 1); /* the caller's reference */
	if (busy) {
		list_for_each_entry (w, bucket(ino), glink) {
			if (w->ino == ino && !w->gone) {
				w->gone = true;
				ngone++;
			}
		}
	}
	spin_unlock_irqrestore(&notify_lock, fl);
	if (!busy)
		drop_watches(ino, NULL, IN_DELETE_SELF);
}

/* `f` is being closed: if its inode was unlinked while in use and this
 * is its last user, its watches end now. */
static void close_unlinked(struct file *f)
{
	int held = 1 + (f->path && f->path->inode == f->inode);
	irqflags_t fl;
	bool last = false;

	if (!READ_ONCE(ngone))
		return;
	fl = spin_lock_irqsave(&notify_lock);
	if (ngone) {
		struct watch *w;

		list_for_each_entry (w, bucket(f->inode), glink) {
			if (w->ino == f->inode && w->gone) {
				last = !in_use_locked(f->inode, held);
				break;
			}
		}
	}
	spin_unlock_irqrestore(&notify_lock, fl);
	if (last)
		drop_watches(f->inode, NULL, IN_DELETE_SELF);
}

void fsnotify_unmount(struct vfs_sb *sb)
{
	if (sb && fsnotify_active())
		drop_watches(NULL, sb, IN_UNMOUNT);
}

/* ---- the FileLike ---- */

static long has_events(void *arg)
{
	struct inotify *in = arg;

	return READ_ONCE(in->nevents) != 0;
}

static ssize_t inotify_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	struct inotify *in = ino->priv;
	size_t cap = MIN(b->len, (size_t)65536), done = 0;
	char *buf;
	irqflags_t fl;
	long err;

	buf = kmalloc(cap ? cap : 1); /* a zero-length read still asks the queue */
	if (!buf)
		return -ENOMEM;
	for (;;) {
		fl = spin_lock_irqsave(&notify_lock);
		while (!list_empty(&in->events)) {
			struct ievent *e = list_entry(in->events.next, struct ievent, link);
			size_t sz = EV_SIZE + e->len;
			struct inotify_event hdr = {
				.wd = e->wd, .mask = e->mask, .cookie = e->cookie, .len = e->len};

			if (done + sz > cap)
				break;
			memcpy(buf + done, &hdr, EV_SIZE);
			memcpy(buf + done + EV_SIZE, e->name, e->len);
			done += sz;
			list_del(&e->link);
			in->nevents--;
			in->bytes -= sz;
			if (e->mask == IN_Q_OVERFLOW)
				in->overflow_queued = false;
			kfree(e);
		}
		err = !done && !list_empty(&in->events) ? -EINVAL : 0;
		spin_unlock_irqrestore(&notify_lock, fl);
		if (done || err)
			break;
		if (flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		err = wq_sleep_signalable_until(&in->wq, has_events, in);
		if (err < 0)
			break;
	}
	if (done && vfs_iobuf_put(b, 0, buf, done))
		err = -EFAULT;
	kfree(buf);
	return err ? err : (ssize_t)done;
}

long inotify_read_empty(struct file *f)
{
	struct inotify *in = f->inode->priv;
	long err;

	if (!READ_ONCE(in->nevents) && (f->flags & O_NONBLOCK))
		return -EAGAIN;
	err = wq_sleep_signalable_until(&in->wq, has_events, in);
	return err < 0 ? err : -EINVAL; /* no event fits in no room */
}

static unsigned inotify_poll(struct inode *ino, unsigned events, unsigned flags,
			     struct poll_table *pt)
{
	struct inotify *in = ino->priv;

	poll_wait(pt, &in->wq);
	return READ_ONCE(in->nevents) ? (POLLIN | POLLRDNORM) & events : 0;
}

static long inotify_ioctl(struct inode *ino, unsigned cmd, uint64_t arg)
{
	struct inotify *in = ino->priv;
	int n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	n = (int)READ_ONCE(in->bytes);
	return copy_to_user(uptr(arg), &n, sizeof(n)) ? -EFAULT : 0;
}

/* The file's last reference went: every watch goes, then the queue. */
static void inotify_release(struct inode *ino, unsigned flags)
{
	struct inotify *in = ino->priv;
	struct list_head *pos, *tmp;
	LIST_HEAD(gone);
	irqflags_t fl;

	fl = spin_lock_irqsave(&notify_lock);
	list_for_each_safe (pos, tmp, &in->watches) {
		struct watch *w = list_entry(pos, struct watch, ilink);

		if (w->gone)
			ngone--;
		list_del(&w->ilink);
		list_del(&w->glink);
		list_add_tail(&w->ilink, &gone);
		__atomic_sub_fetch(&fsnotify_nwatches, 1, __ATOMIC_RELAXED);
	}
	list_del(&in->link);
	spin_unlock_irqrestore(&notify_lock, fl);
	list_for_each_safe (pos, tmp, &gone) {
		struct watch *w = list_entry(pos, struct watch, ilink);

		inode_put(w->ino);
		kfree(w);
	}
	list_for_each_safe (pos, tmp, &in->events)
		kfree(list_entry(pos, struct ievent, link));
	list_init(&in->events);
}

/* A kernel dev_t (MAJOR << 20 | MINOR) of a dev_t as stat(2) gives it. */
static unsigned kdev_of(uint64_t dev)
{
	unsigned major = (unsigned)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffull));
	unsigned minor = (unsigned)((dev & 0xff) | ((dev >> 12) & ~0xffull));

	return major << 20 | minor;
}

/*
 * fdinfo: one line per watch, newest first, as Linux's inotify_fdinfo.
 * The file handle is the generic one Linux gives an inode of a filesystem
 * without export operations (FILEID_INO64_GEN: the inode number, a
 * generation of 0), since no filesystem here has handles of its own.
 */
static int inotify_show_fdinfo(struct inode *ino, char *buf, size_t size)
{
	struct inotify *in = ino->priv;
	struct list_head *pos;
	size_t len = 0;
	irqflags_t fl;

	fl = spin_lock_irqsave(&notify_lock);
	for (pos = in->watches.prev; pos != &in->watches; pos = pos->prev) {
		struct watch *w = list_entry(pos, struct watch, ilink);
		uint64_t n = w->ino->ino;

		len += (size_t)snprintf(buf + MIN(len, size), size - MIN(len, size),
					"inotify wd:%x ino:%llx sdev:%x mask:%x ignored_mask:0 "
					"fhandle-bytes:c fhandle-type:81 f_handle:",
					w->wd, (unsigned long long)n,
					kdev_of(w->ino->sb ? w->ino->sb->dev_id : 0), w->mask);
		for (int i = 0; i < 8; i++)
			len += (size_t)snprintf(buf + MIN(len, size), size - MIN(len, size), "%02x",
						(unsigned)(n >> (8 * i)) & 0xff);
		len += (size_t)snprintf(buf + MIN(len, size), size - MIN(len, size), "00000000\n");
	}
	spin_unlock_irqrestore(&notify_lock, fl);
	return (int)len;
}

static void inotify_free(void *obj)
{
	kfree(obj);
}

static const struct anon_kind inotify_kind = {
	.name = "inotify",
	.ops =
		{
			.open = anon_open,
			.read = inotify_read,
			.ioctl = inotify_ioctl,
			.poll = inotify_poll,
			.stat = anon_stat,
			.release = inotify_release,
			.show_fdinfo = inotify_show_fdinfo,
		},
	.free = inotify_free,
};

bool inotify_is(const struct file *f)
{
	return anon_file_obj(f, &inotify_kind) != NULL;
}

static int count_instances_locked(uint32_t uid)
{
	struct inotify *in;
	int n = 0;

	list_for_each_entry (in, &instances, link)
		n += in->uid == uid;
	return n;
}

static int count_watches_locked(uint32_t uid)
{
	struct inotify *in;
	int n = 0;

	list_for_each_entry (in, &instances, link) {
		if (in->uid == uid)
			n += in->nwatches;
	}
	return n;
}

int inotify_new(unsigned flags, struct file **out)
{
	struct inotify *in = kzalloc(sizeof(*in));
	struct file *f;
	irqflags_t fl;

	if (!in)
		return -ENOMEM;
	list_init(&in->link); /* a release before it is listed unlinks nothing */
	list_init(&in->events);
	list_init(&in->watches);
	wq_init(&in->wq);
	in->next_wd = 1;
	in->uid = current_cred()->uid;
	f = anon_file_new(&inotify_kind, in, O_RDONLY | (flags & O_NONBLOCK));
	if (!f) {
		kfree(in);
		return -ENOMEM;
	}
	in->self = f->inode;
	fl = spin_lock_irqsave(&notify_lock);
	if (!watches[0].next) { /* the first instance: no watch can exist before */
		for (int i = 0; i < NBUCKETS; i++)
			list_init(&watches[i]);
	}
	if (count_instances_locked(in->uid) >= READ_ONCE(inotify_max_user_instances)) {
		spin_unlock_irqrestore(&notify_lock, fl);
		file_put(f);
		return -EMFILE;
	}
	list_add_tail(&in->link, &instances);
	spin_unlock_irqrestore(&notify_lock, fl);
	*out = f;
	return 0;
}

int inotify_add(struct file *f, struct inode *target, uint32_t mask)
{
	struct inotify *in = f->inode->priv;
	struct watch *w, *nw = kzalloc(sizeof(*nw));
	uint32_t keep = mask & (IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK);
	irqflags_t fl;
	int wd;

	if (!nw)
		return -ENOMEM;
	fl = spin_lock_irqsave(&notify_lock);
	list_for_each_entry (w, &in->watches, ilink) {
		if (!same_inode(w->ino, target))
			continue;
		wd = w->wd;
		if (mask & IN_MASK_CREATE)
			wd = -EEXIST;
		else if (mask & IN_MASK_ADD)
			w->mask |= keep;
		else
			w->mask = keep;
		spin_unlock_irqrestore(&notify_lock, fl);
		kfree(nw);
		return wd;
	}
	wd = in->next_wd++; /* as Linux, a refused watch uses up its number */
	if (count_watches_locked(in->uid) >= READ_ONCE(inotify_max_user_watches)) {
		spin_unlock_irqrestore(&notify_lock, fl);
		kfree(nw);
		return -ENOSPC;
	}
	inode_get(target);
	nw->in = in;
	nw->ino = target;
	nw->mask = keep;
	nw->wd = wd;
	list_add_tail(&nw->ilink, &in->watches);
	list_add_tail(&nw->glink, bucket(target));
	in->nwatches++;
	__atomic_add_fetch(&fsnotify_nwatches, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&notify_lock, fl);
	return wd;
}

int inotify_rm(struct file *f, int wd)
{
	struct inotify *in = f->inode->priv;
	struct watch *w, *found = NULL;
	irqflags_t fl;

	fl = spin_lock_irqsave(&notify_lock);
	list_for_each_entry (w, &in->watches, ilink) {
		if (w->wd == wd) {
			found = w;
			break;
		}
	}
	if (found)
		remove_watch_locked(found);
	spin_unlock_irqrestore(&notify_lock, fl);
	if (!found)
		return -EINVAL;
	poll_wake(&in->wq, POLLIN | POLLRDNORM); /* the caller's file holds it */
	inode_put(found->ino);
	kfree(found);
	return 0;
}
