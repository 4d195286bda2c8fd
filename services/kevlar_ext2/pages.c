/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Regular files on ring 1's page cache (docs/architecture.md §17).
 *
 * Reads: read(2) copies from cached pages.  A miss fills a run of pages
 * at once, straight into the cache's frames: the extent run under the
 * first page says how many pages sit in contiguous blocks, and those go
 * in one disk request (pages_io); holes, unwritten extents and the tail
 * past the end read as zeros.  The run is the rest of the read, or the
 * read-ahead window when the file is read sequentially: it starts at
 * RA_MIN pages and doubles on each sequential miss up to RA_MAX (Linux's
 * default is 128 KiB).  Read-ahead takes only pages nobody is filling
 * (SVC_PCACHE_NOWAIT) and stops at the first one cached.  Once a read
 * is sequential, the next window is started before it is needed and not
 * waited for (ra_async, when the reader reaches the marker page: half-way
 * through a window read on a miss, the first page of one read ahead);
 * ring 1 ends those fills when a page of them is first needed
 * (svc_pcache_read_ahead), so no reader ever waits for us.  A mapping's
 * fault (ext2_pc_readpage) fills its page and a window after it the
 * same way.  On 1 KiB and 2 KiB blocks a page is filled block by block.
 *
 * Writes (4 KiB blocks): write(2) copies into the cached pages and marks
 * them dirty (write-back); their blocks are allocated at write time, in
 * runs, in the write's transaction, so ENOSPC, i_blocks, SEEK_DATA/HOLE
 * and FIEMAP are exact at once.  Ring 1's writeback hands batches of
 * dirty pages to ext2_pc_writepages (periodically, under memory
 * pressure, at fsync, sync, msync, unmount, O_SYNC), which writes each
 * run of contiguous blocks in one request, all of the batch's requests
 * in flight at once, allocating what is still a hole (a page dirtied
 * through a shared mapping).  On smaller blocks write(2)
 * stays write-through: the page is updated and its blocks written
 * through the buffer cache (ext2_writepage), the page left clean.
 *
 * Ordered mode: blocks mapped (or converted from unwritten) by write(2)
 * hold nothing yet on disk; the pages that hold their data are recorded
 * with ext2_tx_ordered_pages, and the commit of that transaction writes
 * every such page still dirty or under writeback before its log blocks
 * (ext2_pc_flush_ordered): a crash never exposes stale blocks.  The page
 * stays dirty in ring 1 and may be written again later (harmless).
 *
 * Locking, in the order taken:
 *   fs->plock  serialises the changes of file data (write, truncate,
 *              fallocate) with the cached pages; ei->size changes only
 *              under it (and wlock), so it is stable under plock alone.
 *   page fill  a page got not uptodate is ours to fill; others wait.  A
 *              holder of fs->wlock never waits for a page being filled
 *              (a fill takes wlock): pages are got before wlock, and
 *              read-ahead never waits (NOWAIT).  Pages are got in
 *              ascending index order, so two fillers never wait on each
 *              other in a cycle.
 *   fs->wlock  the block map and the journal (commit runs under it).
 *   fs->lock   fs->ordered (the commit holds it while it writes).
 * Ring 1's writeback (its per-file mutex) calls writepages with no lock
 * of ours held; writepages takes wlock, so a commit and a writeback
 * never run at once, and the commit's page lookups (UNWRITTEN) never
 * wait.
 */
#include <klib/errno.h>
#include <klib/list.h>
#include <klib/string.h>
#include "ext2.h"
#include "tx.h"

#define PAGE	   SVC_PAGE_SIZE
#define WB_CREDITS 64
#define W_CREDITS  64
#define RA_MIN	   8   /* pages: the first sequential window */
#define RA_MAX	   128 /* pages: 512 KiB */
#define RUN_MAX	   128 /* pages got, filled or written in one go */
#define W_PAGES	   33  /* pages one ext2_pc_write may touch */

#define IO_MAX 64 /* write requests in flight at once */

/* Write requests started and not waited for yet: the runs of one
 * writeback go to the disk together and are waited for once, as Linux's
 * writeback submits its bios before waiting for any. */
struct inflight {
	struct svc_bio *bio[IO_MAX];
	unsigned n;
	int err; /* the first error */
};

/* Wait for every request of io: the first error of all so far, or 0. */
static int io_wait(struct ext2_fs *fs, struct inflight *io)
{
	for (unsigned i = 0; i < io->n; i++) {
		int err = svc_bio_wait(fs->cap, io->bio[i]);

		io->err = io->err ? io->err : err;
	}
	io->n = 0;
	return io->err;
}

/* n whole pages from/to the disk from filesystem block `blk` on (each
 * page PAGE / bsize blocks), contiguous: one request per
 * SVC_BIO_MAX_PAGES, coherent with the buffer cache (service.h).  A
 * read is waited for; a write with `io` is only started (io_wait ends
 * it; the pages must not change before), without `io` waited for. */
static int pages_io(struct ext2_fs *fs, uint64_t blk, struct svc_page *const *pg, unsigned n,
		    bool write, struct inflight *io)
{
	int err = 0;

	for (unsigned k = 0; k < n && !err;) {
		unsigned m = MIN(n - k, SVC_BIO_MAX_PAGES);
		uint64_t off = (blk + k) << fs->log_bsize;
		struct svc_bio *bio = NULL;

		if (write && io) {
			if (io->n == IO_MAX)
				err = io_wait(fs, io);
			if (!err)
				bio = svc_bdev_submit_pages(fs->cap, fs->bd, true, off, pg + k, m,
							    &err);
			if (bio)
				io->bio[io->n++] = bio;
			else if (err == -ENOMEM) /* no handle: waited for here */
				err = svc_bdev_write_pages(fs->cap, fs->bd, off, pg + k, m);
		} else {
			err = write ? svc_bdev_write_pages(fs->cap, fs->bd, off, pg + k, m)
				    : svc_bdev_read_pages(fs->cap, fs->bd, off, pg + k, m);
		}
		k += m;
	}
	return err;
}

/* Blocks per page. */
static unsigned bpp(const struct ext2_fs *fs)
{
	return PAGE >> fs->log_bsize;
}

/* Fill pages pg[0..n) (indexes first.., ours to fill) from the map:
 * zeros for holes, unwritten extents and past the end.  A run of pages
 * whose blocks are contiguous goes in one request; a page whose blocks
 * are not (smaller blocks, partly mapped) block by block.  fs->wlock
 * held.  0, -EIO, -EUCLEAN, -ENOMEM. */
static int fill_pages(struct ext2_inode *ei, uint64_t first, struct svc_page *const *pg, unsigned n)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t live = (ei->size + PAGE - 1) / PAGE; /* pages holding file bytes */
	uint8_t *bounce = NULL;
	int err = 0;

	for (unsigned k = 0; k < n && !err;) {
		uint64_t p = first + k, pblk, run, m;

		if (p >= live) {
			svc_page_zero(pg[k++], 0, PAGE);
			continue;
		}
		err = ext2_bmap(ei, p * bpp(fs), &pblk, &run);
		if (err)
			break;
		if (run >= bpp(fs)) {
			m = MIN(MIN(run / bpp(fs), (uint64_t)(n - k)), live - p);
			if (pblk)
				err = pages_io(fs, pblk, pg + k, (unsigned)m, false, NULL);
			for (unsigned z = 0; !pblk && z < m; z++)
				svc_page_zero(pg[k + z], 0, PAGE);
			k += (unsigned)m;
			continue;
		}
		if (!bounce && !(bounce = svc_alloc(fs->cap, PAGE))) {
			err = -ENOMEM;
			break;
		}
		err = ext2_readpage(ei, p, bounce);
		if (!err)
			svc_page_write(pg[k], 0, bounce, PAGE);
		k++;
	}
	svc_free(fs->cap, bounce);
	/* the last page's bytes past the end (zeros on disk already) */
	if (!err && ei->size % PAGE && first <= ei->size / PAGE && ei->size / PAGE < first + n)
		svc_page_zero(pg[ei->size / PAGE - first], ei->size % PAGE, PAGE - ei->size % PAGE);
	return err;
}

/* Pages first + n, first + n + 1, ... up to `want` in all, while each is
 * absent and nobody else fills it: made and left to the caller to fill
 * (pgs[n..]).  Returns the count. */
static unsigned take_absent(struct ext2_inode *ei, uint64_t first, struct svc_page **pgs,
			    unsigned n, unsigned want)
{
	struct ext2_fs *fs = ei->fs;

	while (n < want) {
		bool up;
		struct svc_page *p = svc_pcache_get(
			fs->cap, ei->vfs, first + n,
			SVC_PCACHE_CREATE | SVC_PCACHE_NOWAIT | SVC_PCACHE_WHOLE, &up);

		if (!p)
			break;
		if (up) {
			svc_pcache_put(fs->cap, p);
			break;
		}
		pgs[n++] = p;
	}
	return n;
}

/*
 * Page `pgoff` (pg, ours to fill) and up to want - 1 pages after it that
 * nobody has yet, filled in one go.  The fills of the pages after it
 * are ended here; the first one's only if `end_first`.  Returns how many
 * pages were filled, or -errno (then none is).
 */
static int fill_run(struct ext2_inode *ei, uint64_t pgoff, struct svc_page *pg, unsigned want,
		    bool end_first)
{
	struct ext2_fs *fs = ei->fs;
	struct svc_page *pgs[RUN_MAX];
	unsigned n = 1;
	int err;

	pgs[0] = pg;
	n = take_absent(ei, pgoff, pgs, 1, MIN(want, (unsigned)RUN_MAX));
	svc_lock(fs->cap, fs->wlock);
	err = fill_pages(ei, pgoff, pgs, n);
	svc_unlock(fs->cap, fs->wlock);
	for (unsigned k = 0; k < n; k++) {
		if (k || end_first)
			svc_pcache_filled(fs->cap, ei->vfs, pgoff + k, !err);
		if (k)
			svc_pcache_put(fs->cap, pgs[k]);
	}
	return err ? err : (int)n;
}

/* How many pages to fill for a miss at `pgoff` when `need` are wanted
 * now: more if the file is read sequentially (the window grows), never
 * past the end of the file. */
static unsigned window(struct ext2_inode *ei, uint64_t pgoff, uint64_t need, uint64_t size)
{
	uint64_t live = (size + PAGE - 1) / PAGE, want;
	uint32_t ra = READ_ONCE(ei->ra_pages);

	if (pgoff == READ_ONCE(ei->ra_next))
		ra = ra ? MIN(2 * ra, (uint32_t)RA_MAX) : RA_MIN;
	else
		ra = 0; /* a random read: what it asks */
	WRITE_ONCE(ei->ra_pages, ra);
	want = MAX(need, (uint64_t)ra);
	if (pgoff < live)
		want = MIN(want, live - pgoff);
	return (unsigned)MIN(MAX(want, 1ull), (uint64_t)RUN_MAX);
}

/*
 * Asynchronous read-ahead: the reader reached the marker page, so the
 * next window (RA_MAX pages from ra_next on) is
 * started now and not waited for; the kernel ends its fills when the
 * first user needs one of its pages (svc_pcache_read_ahead).  Only the
 * run of contiguous written blocks at its start goes (4 KiB blocks);
 * the pages after it leave the cache again and are read on demand.  Its
 * first page is the next marker.
 */
static void ra_async(struct ext2_inode *ei, uint64_t size)
{
	struct ext2_fs *fs = ei->fs;
	struct svc_page *pgs[RUN_MAX];
	uint64_t from = READ_ONCE(ei->ra_next), full = size / PAGE, pblk = 0, run = 0;
	uint32_t ra = READ_ONCE(ei->ra_pages);
	unsigned want, n = 0, m = 0;
	int err;

	WRITE_ONCE(ei->ra_mark, 0);
	if (!ra || bpp(fs) != 1 || from >= full)
		return;
	ra = RA_MAX; /* read in order up to here: the largest window */
	want = (unsigned)MIN((uint64_t)ra, full - from); /* whole pages only */
	n = take_absent(ei, from, pgs, 0, want);
	if (!n)
		return;
	svc_lock(fs->cap, fs->wlock);
	if (!ext2_bmap(ei, from, &pblk, &run) && pblk)
		m = (unsigned)MIN(run, (uint64_t)n);
	err = m ? svc_pcache_read_ahead(fs->cap, fs->bd, pblk << fs->log_bsize, ei->vfs, from, pgs,
					m)
		: -ENODATA;
	svc_unlock(fs->cap, fs->wlock);
	if (err)
		m = 0;
	for (unsigned k = 0; k < n; k++) {
		if (k >= m) /* not started: read on demand */
			svc_pcache_filled(fs->cap, ei->vfs, from + k, false);
		svc_pcache_put(fs->cap, pgs[k]);
	}
	if (m) {
		WRITE_ONCE(ei->ra_pages, ra);
		WRITE_ONCE(ei->ra_next, from + m);
		WRITE_ONCE(ei->ra_mark, from + 1);
	}
}

ssize_t ext2_pc_read(struct ext2_inode *ei, uint64_t off, struct iobuf *b)
{
	struct ext2_fs *fs = ei->fs;
	size_t done = 0;
	ssize_t err = 0;

	while (done < b->len) {
		uint64_t pos = off + done, pgoff = pos / PAGE, size = READ_ONCE(ei->size);
		size_t in = pos % PAGE, n, got;
		struct svc_page *pg;
		bool up;

		if (pos >= size)
			break;
		n = (size_t)MIN((uint64_t)(PAGE - in), size - pos);
		n = MIN(n, b->len - done);
		if (pgoff + 1 == READ_ONCE(ei->ra_mark))
			ra_async(ei, size); /* before waiting for this window */
		/* filled whole by fill_run (blocks read, holes zeroed) */
		pg = svc_pcache_get(fs->cap, ei->vfs, pgoff, SVC_PCACHE_CREATE | SVC_PCACHE_WHOLE,
				    &up);
		if (!pg) {
			err = -ENOMEM;
			break;
		}
		if (!up) {
			uint64_t need = (off + b->len - 1) / PAGE - pgoff + 1;
			int r = fill_run(ei, pgoff, pg, window(ei, pgoff, need, size), true);

			if (r < 0) {
				svc_pcache_put(fs->cap, pg);
				/* a bad map is an I/O error to read(2), as
				 * Linux's page cache reports it */
				err = r == -ENOMEM ? r : -EIO;
				break;
			}
			WRITE_ONCE(ei->ra_next, pgoff + (uint64_t)r);
			/* sequential: the next window starts half-way through this one */
			WRITE_ONCE(ei->ra_mark,
				   READ_ONCE(ei->ra_pages) ? pgoff + (uint64_t)r / 2 + 1 : 0);
		}
		got = svc_page_to_iobuf(pg, in, b, done, n);
		svc_pcache_put(fs->cap, pg);
		done += got;
		if (got < n) {
			if (!done)
				err = -EFAULT;
			break;
		}
	}
	return done ? (ssize_t)done : err;
}

int ext2_pc_readpage(struct inode *ino, uint64_t pgoff, struct svc_page *pg)
{
	struct ext2_inode *ei = EI(ino);
	uint64_t size = READ_ONCE(ei->size);
	int r;

	/* a fault: this page and a window after it, if read in order */
	r = fill_run(ei, pgoff, pg, window(ei, pgoff, 1, size), false);
	if (r > 0)
		WRITE_ONCE(ei->ra_next, pgoff + (uint64_t)r);
	return r == -ENOMEM ? r : r < 0 ? -EIO : 0;
}

/* A dirty page on smaller blocks: its blocks below the end, whole
 * (allocating holes if `alloc`).  fs->wlock held. */
static int write_page_blocks(struct ext2_inode *ei, uint64_t pgoff, struct svc_page *pg, bool alloc)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t pos = pgoff * PAGE;
	size_t len = (size_t)MIN((uint64_t)PAGE, ei->size - pos);
	uint32_t nblk = (uint32_t)((len + fs->bsize - 1) >> fs->log_bsize);
	uint8_t *bounce = svc_alloc(fs->cap, PAGE);
	struct ext2_tx *tx;
	int err = 0;

	if (!bounce)
		return -ENOMEM;
	svc_page_read(pg, 0, bounce, PAGE);
	memset(bounce + len, 0, PAGE - len);
	if (!alloc) {
		for (uint32_t i = 0; i < nblk && !err; i++) {
			uint64_t pblk, run;
			struct svc_buf *b;

			err = ext2_bmap(ei, (pos >> fs->log_bsize) + i, &pblk, &run);
			if (err || !pblk)
				continue;
			b = svc_bget(fs->cap, fs->bd, pblk, fs->bsize, &err);
			if (!b) {
				err = err ? err : -EIO;
				break;
			}
			svc_buf_write(b, 0, bounce + ((size_t)i << fs->log_bsize), fs->bsize);
			svc_brelse(fs->cap, b);
		}
	} else if (!(err = ext2_tx_begin(fs, WB_CREDITS, &tx))) {
		err = ext2_writepage(tx, ei, pgoff, bounce, 0, len, nblk);
		if (!err)
			err = ext2_inode_write(tx, ei);
		ext2_tx_end(tx);
	}
	svc_free(fs->cap, bounce);
	return err;
}

/*
 * Write pages pgs[0..n) (indexes first..) to their blocks: a run of
 * pages whose blocks are contiguous in one request, a page whose blocks
 * are not block by block.  Holes (a page dirtied through a mapping) get
 * blocks if `alloc` (in a transaction of their own, the data written
 * before it ends), else are skipped.  The runs' requests are started
 * into `io`, all at once; those of a transaction of its own are waited
 * for before it ends.  fs->wlock held; the pages are below the end of
 * the file.
 */
static int write_pages(struct ext2_inode *ei, uint64_t first, struct svc_page *const *pgs,
		       unsigned n, bool alloc, struct inflight *io)
{
	struct ext2_fs *fs = ei->fs;
	struct ext2_tx *tx = NULL;
	int err = 0;

	for (unsigned k = 0; k < n && !err;) {
		uint64_t pblk, run;
		uint32_t got;

		err = ext2_bmap(ei, (first + k) * bpp(fs), &pblk, &run);
		if (err)
			break;
		if (pblk && run >= bpp(fs)) {
			run = MIN(run / bpp(fs), (uint64_t)(n - k));
			err = pages_io(fs, pblk, pgs + k, (unsigned)run, true, io);
			k += (unsigned)run;
			continue;
		}
		if (bpp(fs) > 1) { /* part holes, or not contiguous */
			/* its transaction may commit: what went before is on
			 * the disk first */
			err = io_wait(fs, io);
			if (!err)
				err = write_page_blocks(ei, first + k, pgs[k], alloc);
			k++;
			continue;
		}
		if (!alloc) {
			k += (unsigned)MIN(run, (uint64_t)(n - k));
			continue;
		}
		if (!tx && (err = ext2_tx_begin(fs, WB_CREDITS, &tx)))
			break;
		err = ext2_bmap_alloc(tx, ei, first + k, (uint32_t)MIN(run, (uint64_t)(n - k)),
				      false, &pblk, &got);
		if (!err)
			err = pages_io(fs, pblk, pgs + k, got, true, io);
		if (!err)
			ext2_tx_ordered(tx, pblk, got);
		k += got;
	}
	if (tx) {
		int werr = io_wait(fs, io); /* the data before the map */

		err = err ? err : werr;
		werr = ext2_inode_write(tx, ei);

		err = err ? err : werr;
		werr = ext2_tx_end(tx);
		err = err ? err : werr;
	}
	return err;
}

/* Pages [first, first + n) that are the file's, with the tail of the
 * last one past the end zeroed (as Linux does before writing it). */
static unsigned clip_live(struct ext2_inode *ei, uint64_t first, struct svc_page *const *pgs,
			  unsigned n)
{
	uint64_t size = ei->size, live = (size + PAGE - 1) / PAGE;

	if (first >= live)
		return 0;
	n = (unsigned)MIN((uint64_t)n, live - first);
	if (size % PAGE && first + n == live)
		svc_page_zero(pgs[n - 1], size % PAGE, PAGE - size % PAGE);
	return n;
}

/* Ring 1's batch: each run of consecutive indexes through write_pages,
 * every request started before the first is waited for; a run that
 * fails does not keep the others from the disk (the first error is the
 * batch's, as when each run was a call of its own). */
int ext2_pc_writepages(struct inode *ino, const uint64_t *idx, struct svc_page *const *pgs,
		       unsigned n, uint64_t size)
{
	struct ext2_inode *ei = EI(ino);
	struct ext2_fs *fs = ei->fs;
	struct inflight io = {.n = 0};
	int err = 0, werr;

	(void)size; /* ei->size under the lock is the one that counts */
	if (fs->sb->read_only)
		return -EROFS;
	svc_lock(fs->cap, fs->wlock);
	for (unsigned k = 0, m, live; k < n; k += m) {
		for (m = 1; k + m < n && idx[k + m] == idx[k] + m;)
			m++;
		live = clip_live(ei, idx[k], pgs + k, m);
		if (!live)
			break; /* truncated meanwhile: nothing of it or after it */
		werr = write_pages(ei, idx[k], pgs + k, live, true, &io);
		err = err ? err : werr;
	}
	werr = io_wait(fs, &io); /* before wlock goes: no writer changes them */
	svc_unlock(fs->cap, fs->wlock);
	return err ? err : werr;
}

int ext2_pc_writepage(struct inode *ino, uint64_t pgoff, struct svc_page *pg, size_t len)
{
	if (len == 0)
		return 0;
	return ext2_pc_writepages(ino, &pgoff, &pg, 1, pgoff * PAGE + len);
}

int ext2_pc_order(struct ext2_inode *ei, uint64_t lo, uint64_t hi)
{
	struct ext2_fs *fs = ei->fs;
	struct ext2_ord *last;
	int err = 0;

	svc_lock(fs->cap, fs->lock);
	last = fs->nord ? &fs->ord[fs->nord - 1] : NULL;
	if (last && last->ei == ei && lo <= last->hi + 1 && hi + 1 >= last->lo) {
		last->lo = MIN(last->lo, lo); /* a sequential write: one range */
		last->hi = MAX(last->hi, hi);
		goto out_unlock;
	}
	if (fs->nord == fs->ord_cap) {
		unsigned cap = fs->ord_cap ? 2 * fs->ord_cap : 16;
		struct ext2_ord *o = svc_alloc(fs->cap, cap * sizeof(*o));

		if (!o) {
			err = -ENOMEM;
			goto out_unlock;
		}
		if (fs->nord)
			memcpy(o, fs->ord, fs->nord * sizeof(*o));
		svc_free(fs->cap, fs->ord);
		fs->ord = o;
		fs->ord_cap = cap;
	}
	fs->ord[fs->nord++] = (struct ext2_ord){.ei = ei, .lo = lo, .hi = hi};
	ei->nord++;
out_unlock:
	svc_unlock(fs->cap, fs->lock);
	return err;
}

void ext2_pc_forget(struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;

	for (unsigned i = 0; i < fs->nord && ei->nord; i++) {
		if (fs->ord[i].ei == ei) {
			fs->ord[i].ei = NULL;
			ei->nord--;
		}
	}
}

int ext2_pc_flush_pages(struct ext2_inode *ei, uint64_t lo, uint64_t hi)
{
	struct ext2_fs *fs = ei->fs;
	struct svc_page *pgs[RUN_MAX];
	struct inflight io = {.n = 0};
	uint64_t first = 0;
	unsigned m = 0;
	int err = 0, werr;

	hi = MIN(hi, (ei->size + PAGE - 1) / PAGE); /* past the end: nothing */
	for (uint64_t p = lo; p <= hi + 1 && !err; p++) {
		bool up;
		struct svc_page *pg =
			p <= hi ? svc_pcache_get(fs->cap, ei->vfs, p, SVC_PCACHE_UNWRITTEN, &up)
				: NULL;

		if (m && (!pg || m == RUN_MAX)) {
			err = write_pages(ei, first, pgs, clip_live(ei, first, pgs, m), false, &io);
			for (unsigned k = 0; k < m; k++)
				svc_pcache_put(fs->cap, pgs[k]);
			m = 0;
		}
		if (!pg)
			continue;
		if (!m)
			first = p;
		pgs[m++] = pg;
	}
	for (unsigned k = 0; k < m; k++) /* an error stopped the run */
		svc_pcache_put(fs->cap, pgs[k]);
	werr = io_wait(fs, &io); /* the requests keep their pages */
	return err ? err : werr;
}

int ext2_pc_flush_ordered(struct ext2_fs *fs)
{
	int err = 0;

	svc_lock(fs->cap, fs->lock);
	for (unsigned i = 0; i < fs->nord; i++) {
		struct ext2_ord *o = &fs->ord[i];

		if (!o->ei)
			continue;
		if (!err && o->ei->vfs)
			err = ext2_pc_flush_pages(o->ei, o->lo, o->hi);
		o->ei->nord--;
	}
	svc_free(fs->cap, fs->ord);
	fs->ord = NULL;
	fs->nord = fs->ord_cap = 0;
	svc_unlock(fs->cap, fs->lock);
	return err;
}

/* Whether every block of page p below the end of the file is mapped
 * (written, not unwritten): then it may be written back whole later.
 * fs->wlock held. */
static bool page_mapped_whole(struct ext2_inode *ei, uint64_t p)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t pblk, run, need;

	if (bpp(fs) == 1)
		return true; /* map_range mapped it */
	need = MIN((uint64_t)bpp(fs), (ei->size - p * PAGE + fs->bsize - 1) >> fs->log_bsize);
	return !ext2_bmap(ei, p * bpp(fs), &pblk, &run) && pblk && run >= need;
}

/* Map the blocks of bytes [pos, pos + n), allocating the holes in runs;
 * the pages of new blocks are ordered data.  The bytes from pos on that
 * have blocks, or -errno if none. */
static ssize_t map_range(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t pos, size_t n)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t b0 = pos >> fs->log_bsize, b1 = (pos + n - 1) >> fs->log_bsize, l = b0;
	int err = 0;

	while (l <= b1) {
		uint64_t pblk, run;
		uint32_t got;

		err = ext2_bmap(ei, l, &pblk, &run);
		if (err)
			break;
		run = MIN(run, b1 - l + 1);
		if (pblk) {
			l += run;
			continue;
		}
		/* recorded first: a range that cannot be must not be mapped */
		err = ext2_tx_ordered_pages(tx, ei, (l << fs->log_bsize) / PAGE,
					    (((l + run) << fs->log_bsize) - 1) / PAGE);
		if (!err)
			err = ext2_bmap_alloc(tx, ei, l, (uint32_t)run, false, &pblk, &got);
		if (err)
			break;
		l += got;
	}
	if (l > b1)
		return (ssize_t)n;
	if ((l << fs->log_bsize) <= pos)
		return err;
	return (ssize_t)((l << fs->log_bsize) - pos);
}

ssize_t ext2_pc_write(struct ext2_inode *ei, uint64_t pos, const uint8_t *src, size_t n)
{
	struct ext2_fs *fs = ei->fs;
	uint64_t first = pos / PAGE, size = ei->size;
	unsigned np = (unsigned)((pos + n - 1) / PAGE - first + 1), got = 0;
	struct svc_page *pgs[W_PAGES];
	bool mine[W_PAGES];
	struct ext2_tx *tx;
	ssize_t w = 0;
	int err = 0;

	if (np > W_PAGES) { /* the caller's chunk is smaller */
		np = W_PAGES;
		n = (size_t)(first * PAGE + W_PAGES * PAGE - pos);
	}
	/* the pages first, filled where the write covers them partly: no
	 * wait for a page with wlock held */
	for (; got < np; got++) {
		uint64_t p = first + got, at = p * PAGE;
		bool up, whole = pos <= at && pos + n >= at + PAGE;

		/* filled whole: by the copy, zeroed, or by fill_run */
		pgs[got] = svc_pcache_get(fs->cap, ei->vfs, p, SVC_PCACHE_CREATE | SVC_PCACHE_WHOLE,
					  &up);
		if (!pgs[got])
			break;
		mine[got] = !up;
		if (up)
			continue;
		if (whole || at >= size) {
			if (!whole)
				svc_page_zero(pgs[got], 0, PAGE);
			continue; /* filled by the copy below */
		}
		if (fill_run(ei, p, pgs[got], 1, true) < 0) {
			svc_pcache_put(fs->cap, pgs[got]);
			err = -EIO;
			break;
		}
		mine[got] = false;
	}
	if (!got) {
		w = err ? err : -ENOMEM;
		goto out;
	}
	n = (size_t)MIN((uint64_t)n, first * PAGE + (uint64_t)got * PAGE - pos);
	svc_lock(fs->cap, fs->wlock);
	err = ext2_tx_begin(fs, W_CREDITS, &tx);
	if (err) {
		w = err;
		goto out_unlock;
	}
	w = map_range(tx, ei, pos, n);
	if (w > 0 && pos + (uint64_t)w > size)
		ei->size = pos + (uint64_t)w;
	for (uint64_t done = 0; w > 0 && done < (uint64_t)w;) {
		uint64_t at = pos + done;
		size_t in = at % PAGE, k = (size_t)MIN((uint64_t)(PAGE - in), (uint64_t)w - done);
		unsigned i = (unsigned)(at / PAGE - first);

		svc_page_write(pgs[i], in, src + done, k);
		if (mine[i]) {
			svc_pcache_filled(fs->cap, ei->vfs, first + i, true);
			mine[i] = false;
		}
		/* dirty if its blocks are all there; else (smaller blocks,
		 * holes left in it) written through now, as Linux writes
		 * only a page's mapped buffers; also if no longer cached (a
		 * host test's stub) */
		if (!page_mapped_whole(ei, first + i) ||
		    svc_pcache_dirty(fs->cap, ei->vfs, first + i)) {
			struct inflight io = {.n = 0};
			int werr;

			err = write_pages(ei, first + i, &pgs[i], 1, false, &io);
			werr = io_wait(fs, &io);
			err = err ? err : werr;
			if (err) {
				w = done ? (ssize_t)done : err;
				break;
			}
		}
		done += k;
	}
	ei->size = w > 0 ? MAX(size, pos + (uint64_t)w) : size; /* an error: what was written */
	if (w > 0) {
		struct vfs_time now = svc_now();

		ei->ctime = ei->mtime = now;
		err = ext2_inode_write(tx, ei); /* an error here is tx_end's too */
	}
	ext2_tx_end(tx);
out_unlock:
	svc_unlock(fs->cap, fs->wlock);
out:
	for (unsigned i = 0; i < got; i++) {
		if (mine[i]) /* not written: out of the cache again */
			svc_pcache_filled(fs->cap, ei->vfs, first + i, false);
		svc_pcache_put(fs->cap, pgs[i]);
	}
	return w;
}
