/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The page cache for file data (kernel/mm/pagecache.c): ring 1 keeps each
 * file's pages (page index -> frame, with uptodate, dirty and writeback
 * state) for every file whose service has a `readpage` op.  Reads, writes
 * and mappings share the frames; a service fills and writes them by handle
 * (service.h's svc_pcache_*, readpage/writepage in inode.h), never by
 * address.  Clean pages nobody maps are reclaimed under memory pressure
 * (least recently used first) before the OOM killer runs; dirty pages are
 * written back by the `writeback` thread (pages dirty for 5 s, or when
 * dirty pages pass a tenth of memory), by sync/syncfs/fsync/fdatasync/
 * msync/unmount, and under memory pressure.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <kevlar_vfs/inode.h>

struct inode;
struct page;
struct vfs_sb;

#define PCACHE_CREATE	 0x1u /* pcache_get: make the page (not uptodate) if absent */
#define PCACHE_NOWAIT	 0x2u /* pcache_get: NULL (-EAGAIN) for a page being filled */
#define PCACHE_UNWRITTEN 0x4u /* pcache_get: only a dirty page or one under writeback */
#define PCACHE_WHOLE	 0x8u /* pcache_get: the caller fills a new page whole: not zeroed */

/* Does `i` keep its data in the page cache (its ops have readpage)? */
static inline bool pcache_enabled(const struct inode *i)
{
	return i->kind == INODE_FILE && i->ops.file->readpage;
}

/* Page `idx` of `i` with one reference (page_put it), or NULL with *err:
 * -ENOENT (absent and no PCACHE_CREATE; with PCACHE_UNWRITTEN: not dirty
 * nor being written back), -EAGAIN (PCACHE_NOWAIT and being filled by
 * another caller), -ENOMEM.  PCACHE_UNWRITTEN never waits nor creates.  *uptodate says whether
 * its bytes are the file's already (else the caller fills it and calls
 * pcache_mark_uptodate).  May sleep (an allocation under pressure). */
struct page *pcache_get(struct inode *i, uint64_t idx, unsigned flags, bool *uptodate, int *err)
	__must_check;
/* Page `idx` of `i`, read through the service's readpage if not cached
 * yet, with one reference: the frame a mapping maps (vfs_get_page).
 * 0, or -errno of readpage, -ENOMEM. */
int pcache_read_page(struct inode *i, uint64_t idx, struct page **out) __must_check;
/* Mark a cached page uptodate or dirty: 0, or -ENOENT if it is not cached
 * (truncated meanwhile).  Dirtying wakes the writeback thread. */
int pcache_mark_uptodate(struct inode *i, uint64_t idx);
int pcache_mark_dirty(struct inode *i, uint64_t idx);
/* A fill (pcache_get said not uptodate) failed: the page leaves the cache
 * and waiters try again. */
void pcache_fill_failed(struct inode *i, uint64_t idx);
/* Fills a service call took (svc_pcache_get) carry its crossing as `tag`;
 * if the call fails (contained), pcache_abandon_fills(tag) ends those it
 * left as failed, so their waiters (who wait uninterruptibly) go on. */
void pcache_tag_fill(struct inode *i, uint64_t idx, struct page *pg, const void *tag);
void pcache_abandon_fills(const void *tag);
/*
 * Fills in flight (read-ahead): the caller got pages pg[0..n) of i, from
 * index `first` on, not uptodate (its to fill), and started one I/O that
 * fills them; wait(arg) waits for it (0 or -errno) and is called exactly
 * once.  pcache_fill_async hands the fills to the cache: the first who
 * needs one of the pages (a get that would wait, truncate, punch, evict)
 * calls wait and ends them all, uptodate or out of the cache, so a fill
 * never outlives the inode nor waits for a caller that never comes back.
 * The job is from pcache_async_new (NULL: no memory, nothing started).
 * pcache_async_io_done(job) says the I/O completed (callable from an
 * interrupt, before the I/O's waiter may go on, and before or after the
 * handing over): the cache's `pcache-end` thread then ends the fills, so
 * no page stays locked with its bytes read.
 * Whoever else must end the I/O first (a device closing) claims the job:
 * true, it is the caller's to end with pcache_async_end; false, another
 * is ending it, or pcache_fill_async has not handed it over yet (the
 * caller waits and asks again).  May sleep.
 */
struct pcache_async;
struct pcache_async *pcache_async_new(unsigned n) __must_check;
void pcache_fill_async(struct pcache_async *job, struct inode *i, uint64_t first,
		       struct page *const *pg, unsigned n, int (*wait)(void *arg), void *arg);
void pcache_async_io_done(struct pcache_async *job);
bool pcache_async_claim(struct pcache_async *job);
void pcache_async_end(struct pcache_async *job);
/* The file is now `size` bytes: drop the pages wholly past it (their
 * mappings keep their frames) and zero the tail of the last one. */
void pcache_truncate(struct inode *i, uint64_t size);
/* Pages [first, last] were punched out (their blocks freed or zeroed):
 * drop them, dirty or not, as pcache_truncate does past the end. */
void pcache_punch(struct inode *i, uint64_t first, uint64_t last);
/* Write back the dirty pages of `i` in [from, to] (page indexes), after
 * write-protecting them in every shared mapping so that a later store
 * dirties them again; waits for the writes.  0, or the first error of a
 * writepage since the last call that reported one (fsync's contract). */
int pcache_writeback(struct inode *i, uint64_t from, uint64_t to) __must_check;
/* Every file's dirty pages (sb NULL), or the instance `sb`'s: sync(2),
 * syncfs(2), unmount.  Waits. */
void pcache_sync(const struct vfs_sb *sb);
/* The last reference to `i` is gone (inode_free): drop its cache. */
void pcache_inode_free(struct inode *i);
/* Memory pressure: write back dirty pages and free up to `want` clean
 * pages nobody maps, least recently used first.  The pages freed. */
size_t pcache_shrink(size_t want);
/* /proc/sys/vm/drop_caches 1: free every clean page nobody maps. */
void pcache_drop_clean(void);

/* /proc/meminfo, in pages. */
struct pcache_stats {
	size_t cached, dirty, writeback;
	size_t active, inactive; /* mapped or referenced since the last scan; the rest */
};
void pcache_stats(struct pcache_stats *st);
