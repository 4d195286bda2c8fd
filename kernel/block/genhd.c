/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The registry of block devices: every disk a driver adds and every
 * partition found on it, in registration order (/proc/partitions lists
 * each disk followed by its partitions).  A device record lives while anything
 * holds a reference (an open node, the cache, a mounted service); a
 * device that was removed is `gone`: its I/O fails with EIO and it is
 * no longer found by number or name.
 *
 * Partitions are named as Linux names them ("loop0p1" when the disk's
 * name ends in a digit, "vda1" otherwise) and numbered inside the disk's
 * own minor range when it has room (a disk added with minor m reserves
 * m..m+15 when its major is not the loop device's), otherwise with
 * Linux's extended major 259, numbered from 0 in the order found.
 *
 * Locking: `registry` (a mutex: the partition scan reads the disk with it
 * not held, but adding and removing are serialised by `scan_lock`).
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <platform/kmalloc.h>
#include <platform/log.h>
#include <kernel/waitqueue.h>
#include "block.h"
#include "../driver/gate.h"

#define BLKEXT_MAJOR 259
#define LOOP_MAJOR   7
#define DISK_MINORS  16

static struct mutex registry = MUTEX_INIT(registry, "blk-registry");
static LIST_HEAD(devices); /* struct blkdev, registry */
static struct mutex scan_lock = MUTEX_INIT(scan_lock, "blk-scan");
static uint64_t ext_minors; /* bitmap of the extended minors in use (registry) */
static uint64_t next_diskseq = 1;

struct blkdev *blkdev_get(struct blkdev *bd)
{
	__atomic_add_fetch(&bd->refs, 1, __ATOMIC_RELAXED);
	return bd;
}

void blkdev_put(struct blkdev *bd)
{
	if (!bd || __atomic_sub_fetch(&bd->refs, 1, __ATOMIC_ACQ_REL))
		return;
	bcache_dev_free(bd);
	kfree(bd);
}

uint64_t blkdev_bytes(const struct blkdev *bd)
{
	return READ_ONCE(bd->sectors) * BLK_SECTOR;
}

bool blkdev_read_only(const struct blkdev *bd)
{
	return READ_ONCE(bd->disk->read_only);
}

static uint64_t encode_dev(uint32_t major, uint32_t minor)
{
	return (minor & 0xffu) | (major & 0xfffu) << 8 | (uint64_t)(minor & ~0xffu) << 12;
}

uint64_t blkdev_rdev(const struct blkdev *bd)
{
	return encode_dev(bd->major, bd->minor);
}

static void fill_info(struct blkdev *bd, struct blk_info *info)
{
	blk_stat_read(bd, &info->stat);
	memcpy(info->name, bd->name, sizeof(info->name));
	memcpy(info->disk, bd->disk->name, sizeof(info->disk));
	info->major = bd->major;
	info->minor = bd->minor;
	info->sectors = bd->sectors;
	info->read_only = bd->disk->read_only;
	info->partition = bd->partno != 0;
	info->partno = bd->partno;
	info->start = bd->start;
	info->lbsize = bd->disk->lbsize;
}

int blk_for_each(int (*fn)(const struct blk_info *info, void *ctx), void *ctx)
{
	struct blk_info info;
	struct blkdev *disk, *bd;
	int r = 0;

	/* each disk, then its partitions, as Linux lists them */
	mutex_lock(&registry);
	list_for_each_entry (disk, &devices, link) {
		if (disk->partno)
			continue;
		list_for_each_entry (bd, &devices, link) {
			if (bd->disk != disk->disk)
				continue;
			fill_info(bd, &info);
			r = fn(&info, ctx);
			if (r)
				goto out;
		}
	}
out:
	mutex_unlock(&registry);
	return r;
}

int blk_info_at(unsigned i, struct blk_info *info)
{
	struct blkdev *bd;
	int r = -ENOENT;

	mutex_lock(&registry);
	list_for_each_entry (bd, &devices, link) {
		if (!i--) {
			fill_info(bd, info);
			r = 0;
			break;
		}
	}
	mutex_unlock(&registry);
	return r;
}

int blk_info_by_name(const char *name, size_t len, struct blk_info *info)
{
	struct blkdev *bd;
	int r = -ENOENT;

	mutex_lock(&registry);
	list_for_each_entry (bd, &devices, link) {
		if (strlen(bd->name) == len && !memcmp(bd->name, name, len)) {
			fill_info(bd, info);
			r = 0;
			break;
		}
	}
	mutex_unlock(&registry);
	return r;
}

struct blkdev *blkdev_get_rdev(uint64_t rdev)
{
	struct blkdev *bd, *found = NULL;

	mutex_lock(&registry);
	list_for_each_entry (bd, &devices, link) {
		if (blkdev_rdev(bd) == rdev) {
			found = blkdev_get(bd);
			break;
		}
	}
	mutex_unlock(&registry);
	return found;
}

struct blkdev *blkdev_next(struct blkdev *prev)
{
	struct blkdev *bd, *next = NULL;
	bool seen = !prev;

	mutex_lock(&registry);
	list_for_each_entry (bd, &devices, link) {
		if (seen) {
			next = blkdev_get(bd);
			break;
		}
		seen = bd == prev;
	}
	mutex_unlock(&registry);
	/* a `prev` removed meanwhile ends the walk: the next pass sees the rest */
	blkdev_put(prev);
	return next;
}

/* ---- I/O ---- */

struct waiter {
	struct waitqueue wq;
	bool done;
};

static void wake_waiter(struct blk_batch *b)
{
	struct waiter *w = b->priv;

	/* the sleeper's stack: set and wake under the queue's lock */
	irqflags_t f = spin_lock_irqsave(&w->wq.lock);

	w->done = true;
	wq_wake_all_locked(&w->wq);
	spin_unlock_irqrestore(&w->wq.lock, f);
}

static long batch_done(void *arg)
{
	return ((struct waiter *)arg)->done;
}

/* ---- a contained driver's disk ---- */

static void fail_batch(struct blk_batch *b)
{
	for (unsigned i = 0; i < b->n; i++)
		b->reqs[i].status = -EIO;
	b->done = b->end;
	b->done(b);
}

/* The driver's completion of a batch: the submitter's, unless the layer
 * completed it already because the driver failed. */
static void tracked_done(struct blk_batch *b)
{
	struct blk_disk *d = b->disk;
	irqflags_t f = spin_lock_irqsave(&d->inflight_lock);
	bool mine = !list_empty(&b->inflight);

	list_del(&b->inflight);
	spin_unlock_irqrestore(&d->inflight_lock, f);
	if (mine) {
		b->done = b->end;
		b->done(b);
	}
}

/* The driver's instance failed and nothing runs inside it any more
 * (drv_on_fail): what it held fails with EIO, and so will what comes. */
static void disk_failed(void *arg)
{
	struct blk_disk *d = arg;
	LIST_HEAD(held);
	struct blk_batch *b;
	irqflags_t f = spin_lock_irqsave(&d->inflight_lock);

	d->failed = true;
	while (!list_empty(&d->inflight)) {
		b = list_first_entry(&d->inflight, struct blk_batch, inflight);
		list_del(&b->inflight);
		list_add_tail(&b->inflight, &held);
	}
	spin_unlock_irqrestore(&d->inflight_lock, f);
	while (!list_empty(&held)) {
		b = list_first_entry(&held, struct blk_batch, inflight);
		list_del(&b->inflight);
		fail_batch(b);
	}
	pr_err("%s: its driver failed: I/O on it fails with EIO\n", d->name);
}

/* Hand `b` to the driver: through the driver gate when the disk is a
 * contained driver's, tracked so that a failure of the driver completes
 * it with EIO. */
static void disk_submit(struct blk_disk *d, struct blk_batch *b)
{
	irqflags_t f;

	if (!d->drv) {
		d->ops->submit(d, b);
		return;
	}
	b->end = b->done;
	b->done = tracked_done;
	b->disk = d;
	f = spin_lock_irqsave(&d->inflight_lock);
	if (d->failed) {
		spin_unlock_irqrestore(&d->inflight_lock, f);
		fail_batch(b);
		return;
	}
	list_add_tail(&b->inflight, &d->inflight);
	spin_unlock_irqrestore(&d->inflight_lock, f);
	/* refused or faulted: disk_failed completes it (now or when the
	 * last crossing inside the driver leaves) */
	(void)DRV_CALL(d->drv, DRV_OP_SUBMIT, d->ops->submit(d, b));
}

/* ---- requests the driver can take ---- */

#define BLK_PAGE 4096u

static unsigned pages_of(const void *a, size_t len)
{
	size_t in = (uintptr_t)a & (BLK_PAGE - 1);

	return (unsigned)((in + len + BLK_PAGE - 1) / BLK_PAGE);
}

static bool has_data(const struct blk_req *r)
{
	return r->op == BLK_READ || r->op == BLK_WRITE;
}

/* Sectors of one DISCARD or WRITE_ZEROES the disk takes. */
static uint32_t op_limit(const struct blk_disk *d, enum blk_op op)
{
	uint32_t lim = op == BLK_DISCARD ? d->max_discard_sectors : d->max_zero_sectors;

	return lim ? lim : ~0u;
}

/* Is `r` within the disk's limits as it is? */
static bool fits(const struct blk_disk *d, const struct blk_req *r)
{
	unsigned pages = 0;

	if (!has_data(r))
		return r->op == BLK_FLUSH || r->count <= op_limit(d, r->op);
	if (d->max_sectors && r->count > d->max_sectors)
		return false;
	if (!r->nsegs) {
		size_t len = (size_t)r->count * BLK_SECTOR;

		return (!d->max_segs || pages_of(r->buf, len) <= d->max_segs) &&
		       (!d->max_seg_bytes || len <= d->max_seg_bytes);
	}
	for (unsigned i = 0; i < r->nsegs; i++) {
		pages += pages_of(r->segs[i].addr, r->segs[i].len);
		if (d->max_seg_bytes && r->segs[i].len > d->max_seg_bytes)
			return false;
	}
	return !d->max_segs || pages <= d->max_segs;
}

/* The pieces of `r` the driver takes, each in the disk's limits: how many
 * requests (and in *nsegs how many segments) they need; `out` and `segs`
 * are filled when not NULL.  0: the limits allow no request at all (a
 * segment of a disk with max_segs 1 that straddles a page). */
static unsigned cut(const struct blk_disk *d, const struct blk_req *r, struct blk_req *out,
		    struct blk_seg *segs, unsigned *nsegs)
{
	struct blk_seg whole = {r->buf, r->count * BLK_SECTOR};
	const struct blk_seg *in = r->nsegs ? r->segs : &whole;
	unsigned nin = r->nsegs ? r->nsegs : 1;
	unsigned max_pages = d->max_segs ? d->max_segs : ~0u;
	uint64_t max_bytes = d->max_sectors ? (uint64_t)d->max_sectors * BLK_SECTOR : ~0ull;
	size_t seg_lim = d->max_seg_bytes ? MAX(d->max_seg_bytes & ~(BLK_SECTOR - 1), BLK_SECTOR)
					  : ~(size_t)0;
	unsigned nreq = 0, ns = 0, pages = 0;
	uint64_t bytes = 0, sector = r->sector;

	if (!has_data(r)) {
		uint32_t lim = r->op == BLK_FLUSH ? ~0u : op_limit(d, r->op);

		for (uint32_t done = 0; done < r->count || !nreq; nreq++) {
			uint32_t n = MIN(r->count - done, lim);

			if (out)
				out[nreq] = (struct blk_req){.op = r->op,
							     .flags = r->flags,
							     .sector = r->sector + done,
							     .count = n};
			done += n;
			if (!r->count)
				done = 1;
		}
		*nsegs = 0;
		return nreq;
	}
	for (unsigned i = 0; i < nin; i++) {
		char *a = in[i].addr;
		size_t left = in[i].len;

		while (left) {
			size_t piece = MIN(left, seg_lim);
			unsigned pg;

			piece = (size_t)MIN((uint64_t)piece, max_bytes - bytes);
			if (pages_of(a, piece) > max_pages - pages) {
				/* up to the last page there is room for */
				size_t room = (size_t)(max_pages - pages) * BLK_PAGE -
					      ((uintptr_t)a & (BLK_PAGE - 1));

				piece = max_pages == pages || room < BLK_SECTOR
						? 0
						: MIN(piece, room) & ~(size_t)(BLK_SECTOR - 1);
			}
			if (!piece) {
				if (!bytes)
					return 0;
				nreq++; /* close the request; the piece starts the next */
				bytes = 0;
				pages = 0;
				continue;
			}
			pg = pages_of(a, piece);
			if (!bytes && out)
				out[nreq] = (struct blk_req){.op = r->op,
							     .flags = r->flags,
							     .sector = sector,
							     .segs = segs + ns};
			if (out) {
				segs[ns] = (struct blk_seg){a, (uint32_t)piece};
				out[nreq].count += (uint32_t)(piece / BLK_SECTOR);
				out[nreq].nsegs++;
			}
			ns++;
			pages += pg;
			bytes += piece;
			a += piece;
			left -= piece;
			sector += piece / BLK_SECTOR;
			if (bytes == max_bytes || pages >= max_pages) {
				nreq++;
				bytes = 0;
				pages = 0;
			}
		}
	}
	if (bytes)
		nreq++;
	*nsegs = ns;
	return nreq;
}

/* A batch cut into the driver's sizes: its requests answer for the
 * submitter's (parent[i] is the index of the one request i came from). */
struct split {
	struct blk_batch b;
	struct blk_batch *orig;
	unsigned *parent;
	struct blk_req *reqs;
	struct blk_seg *segs;
};

static void split_done(struct blk_batch *b)
{
	struct split *sp = b->priv;
	struct blk_batch *orig = sp->orig;

	for (unsigned i = 0; i < b->n; i++) {
		struct blk_req *r = &orig->reqs[sp->parent[i]];

		if (b->reqs[i].status && !r->status)
			r->status = b->reqs[i].status;
	}
	kfree(sp);
	orig->done(orig);
}

static void fail_now(struct blk_batch *b, int err)
{
	for (unsigned i = 0; i < b->n; i++)
		b->reqs[i].status = err;
	b->done(b);
}

void blk_submit(struct blk_disk *d, struct blk_batch *b)
{
	unsigned nreq = 0, nseg = 0, k = 0, s = 0, m, ms;
	struct split *sp;
	bool whole = true;
	size_t bytes;
	char *mem;

	for (unsigned i = 0; i < b->n; i++) {
		b->reqs[i].status = 0;
		if (!fits(d, &b->reqs[i]))
			whole = false;
	}
	if (whole) {
		disk_submit(d, b);
		return;
	}
	for (unsigned i = 0; i < b->n; i++) {
		m = cut(d, &b->reqs[i], NULL, NULL, &ms);
		if (!m) {
			fail_now(b, -EIO);
			return;
		}
		nreq += m;
		nseg += ms;
	}
	bytes = sizeof(*sp) + nreq * (sizeof(struct blk_req) + sizeof(unsigned)) +
		nseg * sizeof(struct blk_seg);
	mem = kzalloc(bytes);
	if (!mem) {
		fail_now(b, -ENOMEM);
		return;
	}
	sp = (struct split *)mem;
	sp->reqs = (struct blk_req *)(mem + sizeof(*sp));
	sp->segs = (struct blk_seg *)(sp->reqs + nreq);
	sp->parent = (unsigned *)(sp->segs + nseg);
	for (unsigned i = 0; i < b->n; i++) {
		m = cut(d, &b->reqs[i], sp->reqs + k, sp->segs + s, &ms);
		for (unsigned j = 0; j < m; j++)
			sp->parent[k + j] = i;
		k += m;
		s += ms;
	}
	sp->orig = b;
	sp->b = (struct blk_batch){.reqs = sp->reqs, .n = nreq, .done = split_done, .priv = sp};
	disk_submit(d, &sp->b);
}

void blk_req_copy(struct blk_req *r, void *mem, bool to_req)
{
	char *at = mem;

	if (!r->nsegs) {
		if (to_req)
			memcpy(r->buf, at, (size_t)r->count * BLK_SECTOR);
		else
			memcpy(at, r->buf, (size_t)r->count * BLK_SECTOR);
		return;
	}
	for (unsigned i = 0; i < r->nsegs; i++) {
		if (to_req)
			memcpy(r->segs[i].addr, at, r->segs[i].len);
		else
			memcpy(at, r->segs[i].addr, r->segs[i].len);
		at += r->segs[i].len;
	}
}

int blk_submit_wait(struct blk_disk *d, struct blk_req *reqs, unsigned n)
{
	struct waiter w = {.done = false};
	struct blk_batch b = {.reqs = reqs, .n = n, .done = wake_waiter, .priv = &w};

	wq_init(&w.wq);
	blk_submit(d, &b);
	wq_sleep_until(&w.wq, batch_done, &w);
	for (unsigned i = 0; i < n; i++) {
		if (reqs[i].status)
			return reqs[i].status;
	}
	return 0;
}

/* ---- I/O on a device ---- */

static int check_io(struct blkdev *bd, enum blk_op op, uint64_t sector, uint32_t count)
{
	uint32_t lb = bd->disk->lbsize > BLK_SECTOR ? bd->disk->lbsize / BLK_SECTOR : 1;

	if (READ_ONCE(bd->gone))
		return -EIO;
	if (op != BLK_FLUSH && ((bd->start + sector) % lb || count % lb))
		return -EINVAL;
	if (op != BLK_READ && op != BLK_FLUSH && bd->disk->read_only)
		return -EROFS;
	if (sector > bd->sectors || count > bd->sectors - sector)
		return op == BLK_READ || op == BLK_WRITE ? -EIO : -EINVAL;
	return 0;
}

int blkdev_rw(struct blkdev *bd, bool write, uint64_t sector, uint32_t count, void *buf)
{
	struct blk_req r = {.op = write ? BLK_WRITE : BLK_READ, .count = count, .buf = buf};
	int err = check_io(bd, r.op, sector, count);
	uint64_t t;

	if (err)
		return err;
	r.sector = bd->start + sector;
	t = blk_io_start(bd);
	err = blk_submit_wait(bd->disk, &r, 1);
	blk_io_done(bd, r.op, count, t, err);
	return err;
}

/* Zeros written: the disk does not have WRITE_ZEROES.  One zeroed page
 * serves every segment of the requests. */
static int write_zeros(struct blkdev *bd, uint64_t sector, uint32_t count)
{
	enum { SEGS = 64 };
	struct blk_seg segs[SEGS];
	void *zero = kzalloc(BLK_PAGE);
	int err = 0;

	if (!zero)
		return -ENOMEM;
	for (unsigned i = 0; i < SEGS; i++)
		segs[i] = (struct blk_seg){zero, BLK_PAGE};
	while (count && !err) {
		uint32_t n = MIN(count, (uint32_t)(SEGS * (BLK_PAGE / BLK_SECTOR)));
		unsigned ns = (n * BLK_SECTOR + BLK_PAGE - 1) / BLK_PAGE;
		struct blk_req r = {.op = BLK_WRITE,
				    .sector = bd->start + sector,
				    .count = n,
				    .segs = segs,
				    .nsegs = ns};

		uint64_t t = blk_io_start(bd);

		segs[ns - 1].len = n * BLK_SECTOR - (ns - 1) * BLK_PAGE;
		err = blk_submit_wait(bd->disk, &r, 1);
		blk_io_done(bd, BLK_WRITE, n, t, err);
		segs[ns - 1].len = BLK_PAGE;
		sector += n;
		count -= n;
	}
	kfree(zero);
	return err;
}

int blkdev_segs_io(struct blkdev *bd, enum blk_op op, unsigned flags, uint64_t sector,
		   uint32_t count, const struct blk_seg *segs, unsigned nsegs)
{
	struct blk_req r = {.op = op, .flags = flags & ~BLK_REQ_NOFALLBACK, .count = count};
	uint64_t bytes = 0, t;
	int err = check_io(bd, op, sector, count);

	if (err)
		return err;
	if (op == BLK_READ || op == BLK_WRITE) {
		for (unsigned i = 0; i < nsegs; i++) {
			if (segs[i].len % BLK_SECTOR)
				return -EINVAL;
			bytes += segs[i].len;
		}
		if (!nsegs || bytes != (uint64_t)count * BLK_SECTOR)
			return -EINVAL;
		r.segs = segs;
		r.nsegs = nsegs;
	}
	if (!count && op != BLK_FLUSH)
		return 0;
	r.sector = bd->start + sector;
	t = blk_io_start(bd);
	err = blk_submit_wait(bd->disk, &r, 1);
	/* a command the disk lacks is not counted (Linux fails it before) */
	if (err != -EOPNOTSUPP)
		blk_io_done(bd, op, count, t, err);
	else
		blk_io_cancel(bd, t);
	if (err == -EOPNOTSUPP && op == BLK_WRITE_ZEROES && !(flags & BLK_REQ_NOFALLBACK))
		err = write_zeros(bd, sector, count);
	return err;
}

static void aio_done(struct blk_batch *b)
{
	struct blkdev_aio *io = b->priv;

	blk_io_done(io->bd, io->req.op, io->req.count, io->start, io->req.status);
	io->end(io, io->req.status);
}

void blkdev_submit(struct blkdev *bd, struct blkdev_aio *io, enum blk_op op, uint64_t sector,
		   uint32_t count, const struct blk_seg *segs, unsigned nsegs)
{
	int err = check_io(bd, op, sector, count);

	io->req = (struct blk_req){.op = op,
				   .sector = bd->start + sector,
				   .count = count,
				   .segs = segs,
				   .nsegs = nsegs};
	io->batch = (struct blk_batch){.reqs = &io->req, .n = 1, .done = aio_done, .priv = io};
	if (!err && (op == BLK_READ || op == BLK_WRITE)) {
		uint64_t bytes = 0;

		for (unsigned i = 0; i < nsegs; i++)
			bytes += segs[i].len % BLK_SECTOR ? 1 : segs[i].len;
		if (!nsegs || bytes != (uint64_t)count * BLK_SECTOR)
			err = -EINVAL;
	}
	if (err) {
		io->end(io, err);
		return;
	}
	io->bd = bd;
	io->start = blk_io_start(bd);
	blk_submit(bd->disk, &io->batch);
}

int blkdev_flush(struct blkdev *bd)
{
	struct blk_req r = {.op = BLK_FLUSH};
	uint64_t t;
	int err;

	if (READ_ONCE(bd->gone))
		return -EIO;
	if (!blk_flush_needed(bd->disk))
		return 0; /* nothing written since the last flush */
	t = blk_io_start(bd);
	err = blk_submit_wait(bd->disk, &r, 1);
	blk_io_done(bd, BLK_FLUSH, 0, t, err);
	if (err)
		blk_flush_failed(bd->disk);
	return err;
}

/* ---- adding and removing ---- */

static struct blkdev *new_dev(struct blk_disk *d, const char *name, uint32_t major, uint32_t minor)
{
	struct blkdev *bd = kzalloc(sizeof(*bd));

	if (!bd)
		return NULL;
	bd->disk = d;
	snprintf(bd->name, sizeof(bd->name), "%s", name);
	bd->major = major;
	bd->minor = minor;
	bd->refs = 1; /* the registry's */
	mutex_init(&bd->lock, "blk-cache");
	bcache_dev_init(bd);
	return bd;
}

static bool numbers_taken(uint32_t major, uint32_t minor)
{
	struct blkdev *bd;

	list_for_each_entry (bd, &devices, link) {
		if (bd->major == major && bd->minor == minor)
			return true;
	}
	return false;
}

/* scan_lock held: add partition `partno` of the whole disk's device */
static int add_partition(struct blkdev *whole, int partno, uint64_t start, uint64_t len)
{
	struct blk_disk *d = whole->disk;
	size_t nl = strlen(d->name);
	bool digit = nl && d->name[nl - 1] >= '0' && d->name[nl - 1] <= '9';
	char name[BLK_NAME + 8];
	uint32_t major = d->major, minor = d->minor + (uint32_t)partno;
	struct blkdev *p;
	int slot = -1;

	snprintf(name, sizeof(name), "%s%s%d", d->name, digit ? "p" : "", partno);
	mutex_lock(&registry);
	if (d->major == LOOP_MAJOR || partno >= DISK_MINORS) {
		for (int i = 0; i < 64 && slot < 0; i++) {
			if (!(ext_minors & (1ull << i)))
				slot = i;
		}
		if (slot < 0) {
			mutex_unlock(&registry);
			return -ENOSPC;
		}
		major = BLKEXT_MAJOR;
		minor = (uint32_t)slot;
	}
	p = new_dev(d, name, major, minor);
	if (!p) {
		mutex_unlock(&registry);
		return -ENOMEM;
	}
	if (slot >= 0)
		ext_minors |= 1ull << slot;
	p->partno = partno;
	p->start = start;
	p->sectors = len;
	list_add_tail(&p->link, &devices);
	mutex_unlock(&registry);
	return 0;
}

/* registry held: unlink `bd` (its I/O fails from now on) */
static void remove_locked(struct blkdev *bd)
{
	bd->gone = true;
	list_del(&bd->link);
	if (bd->major == BLKEXT_MAJOR && bd->minor < 64)
		ext_minors &= ~(1ull << bd->minor);
}

/* scan_lock held: drop the disk's partitions, their dirty blocks written
 * back first; -EBUSY if one is open */
static int drop_partitions(struct blk_disk *d)
{
	struct list_head *pos, *tmp;
	struct blkdev *bd, *parts[64];
	unsigned n = 0;

	mutex_lock(&registry);
	list_for_each_entry (bd, &devices, link) {
		if (bd->disk != d || !bd->partno)
			continue;
		if (READ_ONCE(bd->opens) || READ_ONCE(bd->mounts_rw)) {
			mutex_unlock(&registry);
			while (n)
				blkdev_put(parts[--n]);
			return -EBUSY;
		}
		if (n < ARRAY_SIZE(parts))
			parts[n++] = blkdev_get(bd);
	}
	mutex_unlock(&registry);
	for (unsigned i = 0; i < n; i++) {
		(void)bcache_flush_dev(parts[i]);
		blkdev_put(parts[i]);
	}
	mutex_lock(&registry);
	list_for_each_safe (pos, tmp, &devices) {
		bd = list_entry(pos, struct blkdev, link);
		if (bd->disk == d && bd->partno) {
			remove_locked(bd);
			parts[0] = bd;
			/* the registry's reference: dropped outside the lock below */
			mutex_unlock(&registry);
			blkdev_put(parts[0]);
			mutex_lock(&registry);
			tmp = devices.next; /* the list may have changed: start over */
		}
	}
	mutex_unlock(&registry);
	return 0;
}

static int scan(struct blk_disk *d)
{
	if (!d->partscan || !d->sectors)
		return 0;
	return blk_scan_partitions(d->whole, add_partition);
}

int blk_disk_add(struct blk_disk *d)
{
	struct blkdev *bd;

	if (!d->lbsize)
		d->lbsize = BLK_SECTOR;
	spin_lock_init(&d->inflight_lock, "blk-inflight", LOCK_RANK_NONE);
	list_init(&d->inflight);
	d->failed = false;
	d->unflushed = 0; /* a FLUSH covers our writes: none yet */
	if (d->drv)
		drv_on_fail(d->drv, disk_failed, d);
	mutex_lock(&scan_lock);
	mutex_lock(&registry);
	if (numbers_taken(d->major, d->minor)) {
		mutex_unlock(&registry);
		mutex_unlock(&scan_lock);
		return -EEXIST;
	}
	bd = new_dev(d, d->name, d->major, d->minor);
	if (!bd) {
		mutex_unlock(&registry);
		mutex_unlock(&scan_lock);
		return -ENOMEM;
	}
	bd->sectors = d->sectors;
	d->whole = bd;
	d->diskseq = next_diskseq++;
	list_add_tail(&bd->link, &devices);
	mutex_unlock(&registry);
	scan(d);
	mutex_unlock(&scan_lock);
	return 0;
}

void blk_disk_del(struct blk_disk *d)
{
	struct blkdev *whole = d->whole;

	mutex_lock(&scan_lock);
	drop_partitions(d);
	mutex_lock(&registry);
	remove_locked(whole);
	mutex_unlock(&registry);
	d->whole = NULL;
	mutex_unlock(&scan_lock);
	blkdev_put(whole);
}

int blk_disk_rescan(struct blk_disk *d)
{
	int err;

	mutex_lock(&scan_lock);
	err = drop_partitions(d);
	if (!err) {
		bcache_flush_dev(d->whole);
		err = scan(d);
	}
	mutex_unlock(&scan_lock);
	return err;
}

int blk_disk_changed(struct blk_disk *d)
{
	int err;

	mutex_lock(&scan_lock);
	bcache_flush_dev(d->whole);
	err = drop_partitions(d);
	mutex_lock(&registry);
	d->whole->sectors = d->sectors;
	mutex_unlock(&registry);
	if (!err)
		err = scan(d);
	mutex_unlock(&scan_lock);
	return err;
}

/* ---- openers ---- */

int blkdev_open(struct blkdev *bd, bool exclusive)
{
	if (exclusive && __atomic_add_fetch(&bd->mounts_rw, 1, __ATOMIC_ACQ_REL) > 1) {
		__atomic_sub_fetch(&bd->mounts_rw, 1, __ATOMIC_ACQ_REL);
		return -EBUSY;
	}
	__atomic_add_fetch(&bd->opens, 1, __ATOMIC_ACQ_REL);
	__atomic_add_fetch(&bd->disk->openers, 1, __ATOMIC_ACQ_REL);
	return 0;
}

void blkdev_close(struct blkdev *bd, bool exclusive)
{
	struct blk_disk *d = bd->disk;

	if (exclusive)
		__atomic_sub_fetch(&bd->mounts_rw, 1, __ATOMIC_ACQ_REL);
	/* Linux writes a device's dirty blocks back when its last opener goes */
	if (!__atomic_sub_fetch(&bd->opens, 1, __ATOMIC_ACQ_REL))
		(void)bcache_sync_dev(bd);
	if (!__atomic_sub_fetch(&d->openers, 1, __ATOMIC_ACQ_REL) && !READ_ONCE(bd->gone) &&
	    d->ops->release)
		d->ops->release(d);
}

int blk_disk_openers(const struct blk_disk *d)
{
	return __atomic_load_n(&d->openers, __ATOMIC_ACQUIRE);
}
