/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The service API's block devices and buffers (service.h, "block devices
 * and the buffer cache"): a disk-backed service opens the device its
 * mount names and moves its metadata through the kernel's buffer cache
 * (kernel/block/bcache.c) by copy, never by address.
 *
 * Every open device and every buffer reference is a handle the kernel
 * allocates and records on its instance (the crossing's instance, NULL
 * where services are called directly), so that:
 *  - a faulted instance's devices and buffers are let go when it is
 *    released (svc_bio_release): its holds dropped, its references
 *    returned, its devices closed;
 *  - in fortress (COPY_FRAMES) each call checks, without trusting the
 *    pointer, that the handle is a live one of the calling instance (a
 *    bad one fails the instance like a fault).
 * Offsets and lengths are checked against the block in every profile.
 *
 * Locking: `bio_lock` (a mutex) guards the list of open devices and each
 * device's list of buffer handles; no cache lock is held with it.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/page.h>
#include <kernel/blkdev.h>
#include <kernel/file.h>
#include <kernel/mutex.h>
#include <kernel/pagecache.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include <kernel/waitqueue.h>
#include "contain.h"
#include "fs.h"
#include "svc_cap.h"

struct svc_bdev {
	struct list_head link; /* open_devs, bio_lock */
	struct blkdev *dev;    /* one reference, and one opener */
	struct vfs_sb *owner;  /* the calling instance at open (NULL: direct calls) */
	bool writable;
	unsigned lbsize;       /* the device's logical block size, at open */
	struct list_head bufs; /* struct svc_buf, bio_lock */
	struct list_head bios; /* struct svc_bio not waited for yet, bio_lock */
	unsigned ending;       /* read-ahead bios off `bios` and not freed yet, bio_lock */
};

struct svc_buf {
	struct list_head link; /* its svc_bdev's bufs, bio_lock */
	struct svc_bdev *bd;
	struct bcache_buf *b; /* one reference */
	int holds;	      /* the holds this handle has on the buffer */
	unsigned seen;	      /* the buffer's generation at the last svc_buf_read/write */
};

static struct mutex bio_lock = MUTEX_INIT(bio_lock, "svc-bio");
static LIST_HEAD(open_devs);

static struct vfs_sb *calling_sb(void)
{
#if CONFIG_RING2_CONTAIN
	struct svc_frame *f = svc_current_frame();

	return f ? f->sb : NULL;
#else
	return NULL;
#endif
}

/* COPY_FRAMES: is `h` a live device handle of the calling instance? */
static bool bdev_ours(const struct svc_bdev *h)
{
	struct vfs_sb *sb = calling_sb();
	struct svc_bdev *bd;
	bool found = false;

	mutex_lock(&bio_lock);
	list_for_each_entry (bd, &open_devs, link) {
		if (bd == h) {
			found = bd->owner == sb;
			break;
		}
	}
	mutex_unlock(&bio_lock);
	return found;
}

static bool buf_ours(const struct svc_buf *h)
{
	struct vfs_sb *sb = calling_sb();
	struct svc_bdev *bd;
	struct svc_buf *b;

	mutex_lock(&bio_lock);
	list_for_each_entry (bd, &open_devs, link) {
		if (bd->owner != sb)
			continue;
		list_for_each_entry (b, &bd->bufs, link) {
			if (b == h) {
				mutex_unlock(&bio_lock);
				return true;
			}
		}
	}
	mutex_unlock(&bio_lock);
	return false;
}

static struct svc_bdev *bdev_checked(struct svc_bdev *h, const char *call)
{
	svc_check();
#if CONFIG_COPY_FRAMES
	if (!bdev_ours(h))
		svc_refuse("%s: not a block device of this instance", call);
#else
	(void)bdev_ours;
	if (!h)
		svc_refuse("%s: no block device", call);
#endif
	return h;
}

static struct svc_buf *buf_checked(struct svc_buf *h, size_t off, size_t n, const char *call)
{
	svc_check();
#if CONFIG_COPY_FRAMES
	if (!buf_ours(h))
		svc_refuse("%s: not a buffer of this instance", call);
#else
	(void)buf_ours;
	if (!h)
		svc_refuse("%s: no buffer", call);
#endif
	if (off > bcache_size(h->b) || n > bcache_size(h->b) - off)
		svc_refuse("%s: bytes %zu..%zu outside the block", call, off, off + n);
	return h;
}

/* ---- devices ---- */

/* The device `source` names: a block device node, or a regular file
 * attached to a free loop device for the purpose (the kernel's own
 * mount -o loop: the loop lets the file go with this, its only opener).
 * A new reference, or NULL and -ENOTBLK, -ENOENT, ... */
static struct blkdev *resolve(const char *source, bool writable, int *err)
{
	unsigned flags = writable ? O_RDWR : O_RDONLY;
	struct path_component *root, *cwd;
	struct blkdev *dev = NULL;
	struct vfs_stat st;
	struct inode *ino;
	struct file *f;

	process_fs_get(&root, &cwd);
	*err = root && cwd ? vfs_lookup_inode(root, cwd, source, RESOLVE_FOLLOW, &ino) : -ENOENT;
	path_put(root);
	path_put(cwd);
	if (*err)
		return NULL;
	*err = vfs_stat(ino, &st);
	if (*err)
		goto out_put;
	if (S_ISBLK(st.mode)) {
		dev = blkdev_get_rdev(st.rdev);
		if (!dev)
			*err = -ENXIO;
		goto out_put;
	}
	if (!S_ISREG(st.mode)) {
		*err = -ENOTBLK;
		goto out_put;
	}
	*err = vfs_open(ino, flags);
	if (*err)
		goto out_put;
	f = file_new(ino, flags); /* takes the inode's reference */
	if (!f) {
		*err = -ENOMEM;
		goto out_put;
	}
	*err = loop_attach_file(f, source, !writable, &dev);
	file_put(f);
	return dev;

out_put:
	inode_put(ino);
	return dev;
}

/* blk_for_each: the logical block size of the device numbered ctx's rdev */
static int lbsize_of(const struct blk_info *info, void *ctx)
{
	uint64_t *v = ctx;

	/* stat's encoding of the number, as blkdev_rdev gives it */
	uint64_t rdev = (info->minor & 0xffu) | (uint64_t)(info->major & 0xfffu) << 8 |
			(uint64_t)(info->minor & ~0xffu) << 12;

	if (rdev != *v)
		return 0;
	*v = info->lbsize ? info->lbsize : 512;
	return 1;
}

struct svc_bdev *svc_bdev_open(struct svc_cap cap, const char *source, bool writable, int *err)
{
	struct svc_bdev *h;
	struct blkdev *dev;

	svc_check();
	if (!svc_cap_ok(cap, NULL, "svc_bdev_open")) {
		*err = -EACCES;
		return NULL;
	}
	dev = resolve(source, writable, err);
	if (!dev)
		return NULL;
	if (writable && blkdev_read_only(dev)) {
		*err = -EROFS;
		goto err_put;
	}
	h = kzalloc(sizeof(*h));
	if (!h) {
		*err = -ENOMEM;
		goto err_put;
	}
	*err = blkdev_open(dev, writable);
	if (*err) {
		kfree(h);
		goto err_put;
	}
	h->dev = dev;
	{
		uint64_t v = blkdev_rdev(dev);

		h->lbsize = blk_for_each(lbsize_of, &v) ? (unsigned)v : 512;
	}
	h->owner = calling_sb();
	h->writable = writable;
	list_init(&h->bufs);
	list_init(&h->bios);
	mutex_lock(&bio_lock);
	list_add_tail(&h->link, &open_devs);
	mutex_unlock(&bio_lock);
	return h;

err_put:
	blkdev_put(dev);
	return NULL;
}

/* bio_lock held: let go of one buffer handle and the holds it has */
static void drop_buf_locked(struct svc_buf *h)
{
	list_del(&h->link);
	while (h->holds) {
		h->holds--;
		bcache_hold(h->b, false);
	}
	bcache_put(h->b);
	kfree(h);
}

static void drain_bios(struct svc_bdev *h);

static void close_dev(struct svc_bdev *h)
{
	drain_bios(h);
	mutex_lock(&bio_lock);
	list_del(&h->link);
	while (!list_empty(&h->bufs))
		drop_buf_locked(list_first_entry(&h->bufs, struct svc_buf, link));
	mutex_unlock(&bio_lock);
	blkdev_close(h->dev, h->writable);
	blkdev_put(h->dev);
	kfree(h);
}

void svc_bdev_close(struct svc_cap cap, struct svc_bdev *bd)
{
	if (!bd || !svc_cap_ok(cap, NULL, "svc_bdev_close"))
		return;
	close_dev(bdev_checked(bd, "svc_bdev_close"));
}

void svc_bio_release(struct vfs_sb *sb)
{
	for (;;) {
		struct svc_bdev *h, *found = NULL;

		mutex_lock(&bio_lock);
		list_for_each_entry (h, &open_devs, link) {
			if (h->owner == sb) {
				found = h;
				break;
			}
		}
		mutex_unlock(&bio_lock);
		if (!found)
			return;
		close_dev(found);
	}
}

uint64_t svc_bdev_bytes(const struct svc_bdev *bd)
{
	return blkdev_bytes(bdev_checked((struct svc_bdev *)bd, "svc_bdev_bytes")->dev);
}

unsigned svc_bdev_lbsize(const struct svc_bdev *bd)
{
	return bdev_checked((struct svc_bdev *)bd, "svc_bdev_lbsize")->lbsize;
}

bool svc_bdev_read_only(const struct svc_bdev *bd)
{
	return blkdev_read_only(bdev_checked((struct svc_bdev *)bd, "svc_bdev_read_only")->dev);
}

int svc_bdev_sync(struct svc_cap cap, struct svc_bdev *bd)
{
	if (!svc_cap_ok(cap, NULL, "svc_bdev_sync"))
		return -EIO;
	return bcache_sync_dev(bdev_checked(bd, "svc_bdev_sync")->dev);
}

int svc_bdev_flush(struct svc_cap cap, struct svc_bdev *bd)
{
	if (!svc_cap_ok(cap, NULL, "svc_bdev_flush"))
		return -EIO;
	return blkdev_flush(bdev_checked(bd, "svc_bdev_flush")->dev) ? -EIO : 0;
}

/* ---- buffers ---- */

static struct svc_buf *get_buf(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			       bool read, int *err, const char *call)
{
	struct svc_buf *h;

	if (!svc_cap_ok(cap, NULL, call)) {
		*err = -EACCES;
		return NULL;
	}
	bd = bdev_checked(bd, call);
	h = kzalloc(sizeof(*h));
	if (!h) {
		*err = -ENOMEM;
		return NULL;
	}
	h->b = bcache_get(bd->dev, blk, size, read, err);
	if (!h->b) {
		kfree(h);
		return NULL;
	}
	h->bd = bd;
	mutex_lock(&bio_lock);
	list_add(&h->link, &bd->bufs);
	mutex_unlock(&bio_lock);
	return h;
}

struct svc_buf *svc_bread(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			  int *err)
{
	return get_buf(cap, bd, blk, size, true, err, "svc_bread");
}

struct svc_buf *svc_bget(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			 int *err)
{
	return get_buf(cap, bd, blk, size, false, err, "svc_bget");
}

void svc_brelse(struct svc_cap cap, struct svc_buf *b)
{
	if (!b || !svc_cap_ok(cap, NULL, "svc_brelse"))
		return;
	b = buf_checked(b, 0, 0, "svc_brelse");
	mutex_lock(&bio_lock);
	drop_buf_locked(b);
	mutex_unlock(&bio_lock);
}

/*
 * The service's memory is touched only outside the buffer's lock: the
 * bytes go through a kernel bounce buffer, so a wild pointer faults (and
 * the call unwinds) with no cache lock held.  Small copies (inodes,
 * directory entries) bounce on the stack; a larger one in a buffer
 * charged to the instance (freed with it if the copy faults), or, if none
 * can be had, in stack-sized pieces (each piece whole).
 */
#define BOUNCE_STACK 512

void svc_buf_read(struct svc_buf *b, size_t off, void *dst, size_t n)
{
	char small[BOUNCE_STACK], *bounce;

	b = buf_checked(b, off, n, "svc_buf_read");
	bounce = n > sizeof(small) ? svc_obj_alloc_raw(n) : small;
	if (!bounce) {
		for (size_t at = 0; at < n; at += sizeof(small)) {
			size_t k = MIN(n - at, sizeof(small));

			unsigned gen = bcache_read(b->b, off + at, small, k);

			/* pieces of two generations: the first's is past, so
			 * a mark asked now is refused */
			if (!at)
				b->seen = gen;
			memcpy((char *)dst + at, small, k);
		}
		return;
	}
	b->seen = bcache_read(b->b, off, bounce, n);
	memcpy(dst, bounce, n);
	if (bounce != small)
		svc_obj_free(bounce);
}

bool svc_buf_verified(struct svc_buf *b)
{
	return bcache_verified(buf_checked(b, 0, 0, "svc_buf_verified")->b);
}

void svc_buf_set_verified(struct svc_buf *b)
{
	b = buf_checked(b, 0, 0, "svc_buf_set_verified");
	bcache_set_verified(b->b, b->seen);
}

void svc_buf_write(struct svc_buf *b, size_t off, const void *src, size_t n)
{
	char small[BOUNCE_STACK], *bounce;

	b = buf_checked(b, off, n, "svc_buf_write");
	if (!b->bd->writable)
		svc_refuse("svc_buf_write: the device was opened read-only");
	bounce = n > sizeof(small) ? svc_obj_alloc_raw(n) : small;
	if (!bounce) {
		unsigned first = 0;

		for (size_t at = 0; at < n; at += sizeof(small)) {
			size_t k = MIN(n - at, sizeof(small));
			unsigned gen;

			memcpy(small, (const char *)src + at, k);
			gen = bcache_write(b->b, off + at, small, k);
			if (!at)
				first = b->seen = gen;
			else if (gen == b->seen + 1)
				b->seen = gen;
			else
				b->seen = first - 1; /* another write came between */
		}
		return;
	}
	memcpy(bounce, src, n);
	b->seen = bcache_write(b->b, off, bounce, n);
	if (bounce != small)
		svc_obj_free(bounce);
}

void svc_buf_hold(struct svc_buf *b, bool hold)
{
	b = buf_checked(b, 0, 0, "svc_buf_hold");
	if (!hold && !b->holds)
		return;
	b->holds += hold ? 1 : -1;
	bcache_hold(b->b, hold);
}

bool svc_buf_dirty(struct svc_buf *b)
{
	return bcache_dirty(buf_checked(b, 0, 0, "svc_buf_dirty")->b);
}

int svc_buf_sync(struct svc_cap cap, struct svc_buf *b)
{
	if (!svc_cap_ok(cap, NULL, "svc_buf_sync"))
		return -EIO;
	return bcache_sync(buf_checked(b, 0, 0, "svc_buf_sync")->b);
}

/* ---- page-cache I/O ---- */

/*
 * A request over the caller's frames: each frame keeps a reference while
 * the disk may reach it, so a failed instance's frames are never reused
 * under a transfer.  The segments are the frames' addresses, kept on the
 * kernel's side (the service only ever sees the handle).
 */
struct svc_bio {
	struct list_head link; /* its device's bios, bio_lock */
	struct svc_bdev *bd;
	struct blkdev_aio aio;
	struct waitqueue wq;
	bool done; /* wq.lock */
	bool write;
	int err;
	uint64_t off;
	unsigned n;
	struct page **pages;
	struct blk_seg *segs;	   /* both in the same allocation, after it */
	struct pcache_async *fill; /* a read-ahead's: the page cache ends it */
};

static void bio_end(struct blkdev_aio *aio, int err)
{
	struct svc_bio *bio = aio->priv;
	irqflags_t f;

	/* a read-ahead's fills are ended by the page cache's thread now;
	 * told before `done`, after which the job may be ended and freed */
	if (bio->fill)
		pcache_async_io_done(bio->fill);
	f = spin_lock_irqsave(&bio->wq.lock);

	bio->err = err ? -EIO : 0;
	if (err == -EINVAL || err == -EROFS)
		bio->err = err;
	bio->done = true;
	wq_wake_all_locked(&bio->wq);
	spin_unlock_irqrestore(&bio->wq.lock, f);
}

static long bio_is_done(void *arg)
{
	return READ_ONCE(((struct svc_bio *)arg)->done);
}

/* Wait for the transfer, make a read coherent with dirty buffers, let
 * the frames go and free it (off any list): its result. */
static int bio_finish(struct svc_bio *bio)
{
	int err;

	wq_sleep_until(&bio->wq, bio_is_done, bio);
	err = bio->err;
	/* a read: dirty buffers are newer than the disk; a write: a buffer
	 * read in while it ran holds the old bytes (the supersede before it
	 * cancelled the dirty ones, this one catches those) */
	if (!err && !bio->write)
		bcache_overlay(bio->bd->dev, bio->off, (uint64_t)bio->n * SVC_PAGE_SIZE, bio->segs,
			       bio->n);
	else if (!err)
		bcache_supersede(bio->bd->dev, bio->off, (uint64_t)bio->n * SVC_PAGE_SIZE,
				 bio->segs, bio->n);
	for (unsigned i = 0; i < bio->n; i++)
		page_put(bio->pages[i]);
	kfree(bio);
	return err;
}

/* Read-ahead bios ended (off their device's list and freed). */
static struct waitqueue gone_wq = WAITQUEUE_INIT(gone_wq);
static unsigned long gone_seq; /* atomic */

static long gone_moved(void *arg)
{
	return __atomic_load_n(&gone_seq, __ATOMIC_ACQUIRE) != *(unsigned long *)arg;
}

/* Every bio of h ended: the service's waited for, the read-ahead ones
 * ended through the page cache (their pages filled), those another
 * caller is ending waited for. */
static void drain_bios(struct svc_bdev *h)
{
	for (;;) {
		unsigned long seq = __atomic_load_n(&gone_seq, __ATOMIC_ACQUIRE);
		struct pcache_async *job = NULL;
		struct svc_bio *bio = NULL;
		bool other = false;

		mutex_lock(&bio_lock);
		if (!list_empty(&h->bios)) {
			bio = list_first_entry(&h->bios, struct svc_bio, link);
			if (!bio->fill)
				list_del(&bio->link);
			else if (pcache_async_claim(bio->fill))
				job = bio->fill;
			else
				other = true;
		} else {
			other = h->ending;
		}
		mutex_unlock(&bio_lock);
		if (job)
			pcache_async_end(job); /* through fill_wait */
		else if (other)		       /* being ended, or not handed to the cache yet */
			wq_sleep_until(&gone_wq, gone_moved, &seq);
		else if (bio)
			(void)bio_finish(bio);
		else
			return;
	}
}

/* Checks and the request, started: a handle on the device's list, or
 * NULL and *err. */
static struct svc_bio *start_pages(struct svc_cap cap, struct svc_bdev *bd, bool write,
				   uint64_t off, struct svc_page *const *pages, unsigned n,
				   struct pcache_async *fill, int *err, const char *call)
{
	uint64_t len = (uint64_t)n * SVC_PAGE_SIZE;
	struct svc_bio *bio;

	if (!svc_cap_ok(cap, NULL, call)) {
		*err = -EACCES;
		return NULL;
	}
	bd = bdev_checked(bd, call);
	if (!n || n > SVC_BIO_MAX_PAGES || off % BLK_SECTOR || off > blkdev_bytes(bd->dev) ||
	    len > blkdev_bytes(bd->dev) - off) {
		*err = -EINVAL;
		return NULL;
	}
	if (write && !bd->writable) {
		*err = -EROFS;
		return NULL;
	}
	bio = kzalloc(sizeof(*bio) + n * (sizeof(struct blk_seg) + sizeof(struct page *)));
	if (!bio) {
		*err = -ENOMEM;
		return NULL;
	}
	bio->segs = (struct blk_seg *)(bio + 1);
	bio->pages = (struct page **)(bio->segs + n);
	for (unsigned i = 0; i < n; i++) {
		/* read once: the service's array may change meanwhile */
		struct page *pg = (struct page *)READ_ONCE(pages[i]);

#if CONFIG_COPY_FRAMES
		if (!svc_frame_ours(pg)) {
			for (unsigned j = 0; j < i; j++)
				page_put(bio->pages[j]);
			kfree(bio);
			svc_refuse("%s: page %u is not a frame of this instance", call, i);
		}
#else
		if (!pg) {
			for (unsigned j = 0; j < i; j++)
				page_put(bio->pages[j]);
			kfree(bio);
			svc_refuse("%s: page %u is no frame", call, i);
		}
#endif
		page_get(pg);
		bio->pages[i] = pg;
		bio->segs[i] = (struct blk_seg){page_address(pg), SVC_PAGE_SIZE};
	}
	bio->bd = bd;
	bio->write = write;
	bio->off = off;
	bio->n = n;
	bio->fill = fill;
	wq_init(&bio->wq);
	bio->aio.end = bio_end;
	bio->aio.priv = bio;
	if (write)
		bcache_supersede(bd->dev, off, len, bio->segs, n);
	mutex_lock(&bio_lock);
	list_add_tail(&bio->link, &bd->bios);
	mutex_unlock(&bio_lock);
	blkdev_submit(bd->dev, &bio->aio, write ? BLK_WRITE : BLK_READ, off / BLK_SECTOR,
		      (uint32_t)(len / BLK_SECTOR), bio->segs, n);
	return bio;
}

static int pages_wait(struct svc_bio *bio)
{
	mutex_lock(&bio_lock);
	list_del(&bio->link);
	mutex_unlock(&bio_lock);
	return bio_finish(bio);
}

int svc_bdev_read_pages(struct svc_cap cap, struct svc_bdev *bd, uint64_t off,
			struct svc_page *const *pages, unsigned n)
{
	int err;
	struct svc_bio *bio =
		start_pages(cap, bd, false, off, pages, n, NULL, &err, "svc_bdev_read_pages");

	return bio ? pages_wait(bio) : err;
}

int svc_bdev_write_pages(struct svc_cap cap, struct svc_bdev *bd, uint64_t off,
			 struct svc_page *const *pages, unsigned n)
{
	int err;
	struct svc_bio *bio =
		start_pages(cap, bd, true, off, pages, n, NULL, &err, "svc_bdev_write_pages");

	return bio ? pages_wait(bio) : err;
}

struct svc_bio *svc_bdev_submit_pages(struct svc_cap cap, struct svc_bdev *bd, bool write,
				      uint64_t off, struct svc_page *const *pages, unsigned n,
				      int *err)
{
	return start_pages(cap, bd, write, off, pages, n, NULL, err, "svc_bdev_submit_pages");
}

/* Is `h` a bio of the calling instance not waited for yet? */
static struct svc_bio *bio_checked(struct svc_bio *h, const char *call)
{
	struct vfs_sb *sb = calling_sb();
	struct svc_bdev *bd;
	struct svc_bio *bio;

	svc_check();
	mutex_lock(&bio_lock);
	list_for_each_entry (bd, &open_devs, link) {
		if (bd->owner != sb)
			continue;
		list_for_each_entry (bio, &bd->bios, link) {
			if (bio == h && !bio->fill) { /* a read-ahead's is the cache's */
				mutex_unlock(&bio_lock);
				return h;
			}
		}
	}
	mutex_unlock(&bio_lock);
	svc_refuse("%s: not a pending bio of this instance", call);
}

int svc_bio_wait(struct svc_cap cap, struct svc_bio *bio)
{
	if (!svc_cap_ok(cap, NULL, "svc_bio_wait"))
		return -EIO;
	return pages_wait(bio_checked(bio, "svc_bio_wait"));
}

bool svc_bio_done(struct svc_bio *bio)
{
	return READ_ONCE(bio_checked(bio, "svc_bio_done")->done);
}

/* A read-ahead's end, called once by the page cache: off the device's
 * list, waited for and freed; a close waiting for it is woken. */
static int fill_wait(void *arg)
{
	struct svc_bio *bio = arg;
	struct svc_bdev *bd = bio->bd;
	int err;

	mutex_lock(&bio_lock);
	list_del(&bio->link);
	bd->ending++;
	mutex_unlock(&bio_lock);
	err = bio_finish(bio);
	mutex_lock(&bio_lock);
	bd->ending--;
	mutex_unlock(&bio_lock);
	__atomic_add_fetch(&gone_seq, 1, __ATOMIC_RELEASE);
	wq_wake_all(&gone_wq);
	return err;
}

int svc_pcache_read_ahead(struct svc_cap cap, struct svc_bdev *bd, uint64_t off, struct inode *ino,
			  uint64_t first, struct svc_page *const *pages, unsigned n)
{
	struct pcache_async *job;
	struct svc_bio *bio;
	int err;

	svc_check();
	if (!svc_cap_ok(cap, ino ? ino->sb : NULL, "svc_pcache_read_ahead") || !ino)
		return -EIO;
	if (!pcache_enabled(ino))
		svc_refuse("svc_pcache_read_ahead: inode %llu has no page cache",
			   (unsigned long long)ino->ino);
	if (!n || n > SVC_BIO_MAX_PAGES)
		return -EINVAL;
	job = pcache_async_new(n);
	if (!job)
		return -ENOMEM;
	bio = start_pages(cap, bd, false, off, pages, n, job, &err, "svc_pcache_read_ahead");
	if (!bio) {
		kfree(job);
		return err;
	}
	pcache_fill_async(job, ino, first, bio->pages, n, fill_wait, bio);
	/* a close that found it not handed over yet asks again */
	__atomic_add_fetch(&gone_seq, 1, __ATOMIC_RELEASE);
	wq_wake_all(&gone_wq);
	return 0;
}
