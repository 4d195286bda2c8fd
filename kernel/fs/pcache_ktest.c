// SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause
/*
 * Self-tests of the page cache (kernel/mm/pagecache.c) through a small
 * contained test service, "pcachetest", registered here: each file keeps
 * its "storage" in a 4-page array and reads and writes through the cache
 * as a disk service does (svc_pcache_get, svc_pcache_filled,
 * svc_pcache_dirty), with a readpage for mappings and a writepage that
 * records each call.  The tests check lookup and insertion, truncation,
 * reclaim, dirty tracking, writeback order and errors, shared writable
 * mappings, msync and fsync.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <platform/irq.h>
#include <platform/ktest.h>
#include <platform/mmu.h>
#include <platform/page.h>
#include <platform/time.h>
#include <platform/usercopy.h>
#include <kernel/pagecache.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <kernel/waitqueue.h>
#include "contain.h"
#include "fs.h"

#define PCT_PAGES 4
#define PCT_MAXWB 16

struct pct_file {
	uint8_t store[PCT_PAGES][SVC_PAGE_SIZE]; /* what "the disk" holds */
	uint64_t size;
	int readpages, fills, fsyncs, datasyncs;
	int nwb;		     /* writepage calls */
	uint64_t wb_idx[PCT_MAXWB];  /* their page indexes, in order */
	size_t wb_len[PCT_MAXWB];    /* and lengths */
	int wb_error;		     /* the next writepage fails with it */
	int nwps;		     /* writepages calls */
	unsigned wps_n[PCT_MAXWB];   /* their page counts */
	uint64_t wps_idx[PCT_MAXWB]; /* the first PCT_MAXWB indexes they got, in order */
	unsigned nwps_idx;
};

static int pct_evictions;
static struct svc_lock *pct_mid_fill; /* held during a fill: an armed fault fires in it */

static struct pct_file *pf(struct inode *i)
{
	return i->priv;
}

/* Page `idx` of the file, filled from the store if the cache did not
 * have it (a disk service's read path). */
static struct svc_page *pct_page(struct inode *i, uint64_t idx, bool whole)
{
	bool uptodate;
	struct svc_page *pg = svc_pcache_get(i->sb->cap, i, idx, SVC_PCACHE_CREATE, &uptodate);

	if (pg && !uptodate) {
		if (pct_mid_fill)
			svc_lock(i->sb->cap, pct_mid_fill);
		if (!whole)
			svc_page_write(pg, 0, pf(i)->store[idx], SVC_PAGE_SIZE);
		pf(i)->fills++;
		svc_pcache_filled(i->sb->cap, i, idx, true);
		if (pct_mid_fill)
			svc_unlock(i->sb->cap, pct_mid_fill);
	}
	return pg;
}

static ssize_t pct_read(struct inode *i, uint64_t off, struct iobuf *b, unsigned flags)
{
	size_t done = 0;

	while (done < b->len && off + done < pf(i)->size) {
		uint64_t at = off + done, idx = at / SVC_PAGE_SIZE;
		size_t in = at % SVC_PAGE_SIZE;
		size_t n = MIN(MIN(SVC_PAGE_SIZE - in, b->len - done), pf(i)->size - at);
		struct svc_page *pg = pct_page(i, idx, false);

		if (!pg)
			return done ? (ssize_t)done : -ENOMEM;
		n = svc_page_to_iobuf(pg, in, b, done, n);
		svc_pcache_put(i->sb->cap, pg);
		done += n;
	}
	return (ssize_t)done;
}

static ssize_t pct_write(struct inode *i, uint64_t off, struct iobuf *b, unsigned flags)
{
	size_t done = 0;

	if (off + b->len > PCT_PAGES * SVC_PAGE_SIZE)
		return -EFBIG;
	while (done < b->len) {
		uint64_t at = off + done, idx = at / SVC_PAGE_SIZE;
		size_t in = at % SVC_PAGE_SIZE, n = MIN(SVC_PAGE_SIZE - in, b->len - done);
		struct svc_page *pg = pct_page(i, idx, !in && n == SVC_PAGE_SIZE);
		int dirty;

		if (!pg)
			return done ? (ssize_t)done : -ENOMEM;
		n = svc_page_from_iobuf(pg, in, b, done, n);
		/* the call outside the assertion: performance compiles that out */
		dirty = svc_pcache_dirty(i->sb->cap, i, idx);
		SVC_ASSERT(dirty == 0);
		(void)dirty;
		svc_pcache_put(i->sb->cap, pg);
		done += n;
		pf(i)->size = MAX(pf(i)->size, at + n);
	}
	return (ssize_t)done;
}

static int pct_readpage(struct inode *i, uint64_t idx, struct svc_page *pg)
{
	if (idx >= PCT_PAGES)
		return -ENXIO;
	pf(i)->readpages++;
	svc_page_write(pg, 0, pf(i)->store[idx], SVC_PAGE_SIZE);
	return 0;
}

static int pct_writepage(struct inode *i, uint64_t idx, struct svc_page *pg, size_t len)
{
	struct pct_file *f = pf(i);
	int err = f->wb_error;

	if (f->nwb < PCT_MAXWB) {
		f->wb_idx[f->nwb] = idx;
		f->wb_len[f->nwb] = len;
	}
	f->nwb++;
	f->wb_error = 0;
	if (err)
		return err;
	svc_page_read(pg, 0, f->store[idx], len);
	return 0;
}

/* writepages: a batch of pages, recorded and stored. */
static int pct_writepages(struct inode *i, const uint64_t *idx, struct svc_page *const *pgs,
			  unsigned n, uint64_t size)
{
	struct pct_file *f = pf(i);

	if (f->nwps < PCT_MAXWB)
		f->wps_n[f->nwps] = n;
	f->nwps++;
	for (unsigned k = 0; k < n; k++) {
		uint64_t at = idx[k] * SVC_PAGE_SIZE;

		if (f->nwps_idx < PCT_MAXWB)
			f->wps_idx[f->nwps_idx++] = idx[k];
		if (idx[k] < PCT_PAGES)
			svc_page_read(pgs[k], 0, f->store[idx[k]],
				      (size_t)MIN(SVC_PAGE_SIZE, size - at));
	}
	return 0;
}

static int pct_truncate(struct inode *i, uint64_t len)
{
	if (len > PCT_PAGES * SVC_PAGE_SIZE)
		return -EFBIG;
	pf(i)->size = len;
	svc_pcache_truncate(i->sb->cap, i, len);
	return 0;
}

static int pct_fsync(struct inode *i, bool datasync)
{
	pf(i)->fsyncs++;
	pf(i)->datasyncs += datasync;
	return 0;
}

static int pct_stat(struct inode *i, struct vfs_stat *st)
{
	st->ino = i->ino;
	st->mode = i->kind == INODE_DIR ? 040755 : 0100644;
	st->nlink = 1;
	st->size = i->kind == INODE_DIR ? 0 : (int64_t)pf(i)->size;
	return 0;
}

static const struct file_ops pct_file_ops = {
	.read = pct_read,
	.write = pct_write,
	.truncate = pct_truncate,
	.fsync = pct_fsync,
	.stat = pct_stat,
	.readpage = pct_readpage,
	.writepage = pct_writepage,
};

/* The same with writepages, as a disk service batches its writes. */
static const struct file_ops pct_file_ops_wps = {
	.read = pct_read,
	.write = pct_write,
	.truncate = pct_truncate,
	.fsync = pct_fsync,
	.stat = pct_stat,
	.readpage = pct_readpage,
	.writepage = pct_writepage,
	.writepages = pct_writepages,
};

static const struct dir_ops pct_dir_ops = {.stat = pct_stat};

static void pct_evict(struct inode *i)
{
	if (i->kind == INODE_FILE)
		svc_free(i->sb->cap, i->priv);
	pct_evictions++;
}

static void pct_release(struct vfs_sb *sb)
{
}

static const struct vfs_sb_ops pct_sb_ops = {.evict = pct_evict, .release = pct_release};

static int pct_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	sb->ops = &pct_sb_ops;
	sb->root = svc_inode_alloc(sb->cap, sb, INODE_DIR, &pct_dir_ops, 1);
	return sb->root ? 0 : -ENOMEM;
}

static const void *const pct_tables[] = {&pct_file_ops, &pct_file_ops_wps, &pct_dir_ops,
					 &pct_sb_ops, NULL};
static const struct fs_type pct_type = {
	.name = "pcachetest", .mount = pct_mount, .ops_tables = pct_tables};

static int setup(struct test_mount *m)
{
	static bool registered;

	if (!registered && vfs_register_fs(&pct_type))
		return -EINVAL;
	registered = true;
	return test_mount(m, "pcachetest", 93, NULL, 0);
}

/* A new file of the instance: the service's reference (svc_inode_put). */
static struct inode *new_file(struct test_mount *m, uint64_t ino)
{
	struct inode *i = svc_inode_alloc(m->sb->cap, m->sb, INODE_FILE, &pct_file_ops, ino);

	if (i)
		i->priv = svc_alloc(m->sb->cap, sizeof(struct pct_file));
	if (i && !i->priv) {
		svc_inode_put(m->sb->cap, i);
		return NULL;
	}
	return i;
}

static ssize_t kwrite(struct inode *i, uint64_t off, const void *src, size_t n, unsigned flags)
{
	struct iobuf b = {.user = false, .kbuf = (void *)src, .len = n};

	return vfs_write(i, off, &b, flags);
}

static ssize_t kread(struct inode *i, uint64_t off, void *dst, size_t n)
{
	struct iobuf b = {.user = false, .kbuf = dst, .len = n};

	return vfs_read(i, off, &b, 0);
}

static size_t ncached(void)
{
	struct pcache_stats st;

	pcache_stats(&st);
	return st.cached;
}

static size_t ndirty(void)
{
	struct pcache_stats st;

	pcache_stats(&st);
	return st.dirty;
}

/* Absent pages are made only on request, once; the second get finds the
 * first's frame, uptodate once filled; the file's evict frees them. */
KTEST(pcache, lookup_insert_evict)
{
	struct test_mount m;
	struct inode *i;
	struct page *a, *b;
	bool up = true;
	int err = 0;
	size_t before = ncached();

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 2);
	KTEST_EXPECT(t, i != NULL);
	if (!i)
		goto out;
	KTEST_EXPECT(t, pcache_enabled(i));
	KTEST_EXPECT(t, pcache_get(i, 3, 0, &up, &err) == NULL);
	KTEST_EXPECT_EQ(t, err, -ENOENT);
	a = pcache_get(i, 3, PCACHE_CREATE, &up, &err);
	KTEST_EXPECT(t, a != NULL && !up);
	KTEST_EXPECT_EQ(t, ncached(), before + 1);
	KTEST_EXPECT_EQ(t, pcache_mark_uptodate(i, 3), 0);
	b = pcache_get(i, 3, 0, &up, &err);
	KTEST_EXPECT(t, b == a && up);
	KTEST_EXPECT_EQ(t, page_refs(a), 3); /* the cache's and ours */
	page_put(a);
	page_put(b);
	KTEST_EXPECT_EQ(t, pcache_mark_uptodate(i, 9), -ENOENT);
	/* many pages: the index grows and still finds each */
	for (uint64_t k = 100; k < 200; k++) {
		struct page *p = pcache_get(i, k, PCACHE_CREATE, &up, &err);

		KTEST_EXPECT(t, p != NULL);
		if (p) {
			*(uint64_t *)page_address(p) = k;
			(void)pcache_mark_uptodate(i, k);
			page_put(p);
		}
	}
	for (uint64_t k = 100; k < 200; k++) {
		struct page *p = pcache_get(i, k, 0, &up, &err);

		KTEST_EXPECT(t, p && up && *(uint64_t *)page_address(p) == k);
		if (p)
			page_put(p);
	}
	KTEST_EXPECT_EQ(t, ncached(), before + 101);
	pct_evictions = 0;
	svc_inode_put(m.sb->cap, i);
	KTEST_EXPECT_EQ(t, pct_evictions, 1);
	KTEST_EXPECT_EQ(t, ncached(), before);
out:
	test_unmount(&m);
}

/* Reads fill a page once from the store; writes dirty pages that stay
 * in memory until fsync writes each once, in full or up to the end of the
 * file; a second fsync has nothing to write. */
KTEST(pcache, write_dirty_fsync)
{
	static char buf[3 * 4096];
	struct test_mount m;
	struct inode *i;
	struct pct_file *f;
	size_t d0 = ndirty();

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 2);
	if (!i)
		goto out;
	f = pf(i);
	memset(f->store[0], 'S', 4096);
	f->size = 4096;
	KTEST_EXPECT_EQ(t, kread(i, 0, buf, 10), 10);
	KTEST_EXPECT_EQ(t, kread(i, 10, buf + 10, 10), 10);
	KTEST_EXPECT_EQ(t, f->fills, 1);
	KTEST_EXPECT_EQ(t, buf[19], 'S');
	memset(buf, 'w', sizeof(buf));
	KTEST_EXPECT_EQ(t, kwrite(i, 100, buf, 2 * 4096 + 50, 0), 2 * 4096 + 50);
	KTEST_EXPECT_EQ(t, ndirty(), d0 + 3);
	KTEST_EXPECT_EQ(t, f->nwb, 0);
	KTEST_EXPECT_EQ(t, f->store[0][100], 'S'); /* not written yet */
	KTEST_EXPECT_EQ(t, vfs_fsync(i, false), 0);
	KTEST_EXPECT_EQ(t, f->nwb, 3);
	KTEST_EXPECT_EQ(t, f->fsyncs, 1); /* the service's own after the pages */
	for (int k = 0; k < 3 && k < f->nwb; k++) {
		uint64_t idx = f->wb_idx[k];

		KTEST_EXPECT(t, idx < 3);
		KTEST_EXPECT_EQ(t, f->wb_len[k], idx == 2 ? 150u : 4096u);
	}
	KTEST_EXPECT_EQ(t, f->store[0][99], 'S');
	KTEST_EXPECT_EQ(t, f->store[0][100], 'w');
	KTEST_EXPECT_EQ(t, f->store[2][149], 'w');
	KTEST_EXPECT_EQ(t, ndirty(), d0);
	KTEST_EXPECT_EQ(t, vfs_fsync(i, false), 0);
	KTEST_EXPECT_EQ(t, f->nwb, 3);
	KTEST_EXPECT_EQ(t, f->datasyncs, 0); /* fsync is not a datasync */
	/* O_DSYNC: written before the write returns, as fdatasync */
	KTEST_EXPECT_EQ(t, kwrite(i, 0, "x", 1, O_DSYNC), 1);
	KTEST_EXPECT_EQ(t, f->nwb, 4);
	KTEST_EXPECT_EQ(t, f->store[0][0], 'x');
	KTEST_EXPECT_EQ(t, f->datasyncs, 1);
	/* O_SYNC (__O_SYNC | O_DSYNC): as fsync */
	KTEST_EXPECT_EQ(t, kwrite(i, 0, "y", 1, O_SYNC), 1);
	KTEST_EXPECT_EQ(t, f->nwb, 5);
	KTEST_EXPECT_EQ(t, f->fsyncs, 4);
	KTEST_EXPECT_EQ(t, f->datasyncs, 1);
	svc_inode_put(m.sb->cap, i);
out:
	test_unmount(&m);
}

/* Writeback goes in index order and hands the dirty pages to writepages
 * in one batch, consecutive or not (the service has all their requests
 * in flight at once), whatever order they were dirtied in; writepage is
 * not called. */
KTEST(pcache, writepages_batch_in_index_order)
{
	static char buf[4096];
	struct test_mount m;
	struct pct_file *f;
	struct inode *i;

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = svc_inode_alloc(m.sb->cap, m.sb, INODE_FILE, &pct_file_ops_wps, 7);
	if (i)
		i->priv = svc_alloc(m.sb->cap, sizeof(struct pct_file));
	KTEST_EXPECT(t, i && i->priv);
	if (!i || !i->priv)
		goto out_put;
	f = pf(i);
	memset(buf, 'r', sizeof(buf));
	KTEST_EXPECT_EQ(t, kwrite(i, 3 * 4096, buf, 100, 0), 100);
	KTEST_EXPECT_EQ(t, kwrite(i, 4096, buf, 4096, 0), 4096);
	KTEST_EXPECT_EQ(t, kwrite(i, 0, buf, 4096, 0), 4096);
	KTEST_EXPECT_EQ(t, vfs_fsync(i, false), 0);
	KTEST_EXPECT_EQ(t, f->nwb, 0);
	KTEST_EXPECT_EQ(t, f->nwps, 1);
	KTEST_EXPECT_EQ(t, f->wps_n[0], 3u);
	KTEST_EXPECT_EQ(t, f->nwps_idx, 3u);
	if (f->nwps_idx == 3) {
		KTEST_EXPECT_EQ(t, f->wps_idx[0], 0u);
		KTEST_EXPECT_EQ(t, f->wps_idx[1], 1u);
		KTEST_EXPECT_EQ(t, f->wps_idx[2], 3u);
	}
	KTEST_EXPECT_EQ(t, f->store[1][4095], 'r');
	KTEST_EXPECT_EQ(t, f->store[3][99], 'r');
	KTEST_EXPECT_EQ(t, f->store[3][100], 0);
out_put:
	if (i)
		svc_inode_put(m.sb->cap, i);
	test_unmount(&m);
}

/* A failed writepage is reported by the next fsync, once. */
KTEST(pcache, writeback_error_reported_once)
{
	struct test_mount m;
	struct inode *i;

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 2);
	if (!i)
		goto out;
	KTEST_EXPECT_EQ(t, kwrite(i, 0, "abc", 3, 0), 3);
	pf(i)->wb_error = -ENOSPC;
	KTEST_EXPECT_EQ(t, vfs_fsync(i, false), -ENOSPC);
	KTEST_EXPECT_EQ(t, vfs_fsync(i, false), 0);
	KTEST_EXPECT_EQ(t, kwrite(i, 0, "abc", 3, 0), 3);
	KTEST_EXPECT_EQ(t, vfs_fsync(i, false), 0);
	KTEST_EXPECT(t, !memcmp(pf(i)->store[0], "abc", 3));
	svc_inode_put(m.sb->cap, i);
out:
	test_unmount(&m);
}

/* Truncation drops the pages past the end, dirty or not, and zeroes the
 * last one's tail: extending again reads zeros there. */
KTEST(pcache, truncate_drops_and_zeroes)
{
	static char buf[2 * 4096];
	struct test_mount m;
	struct inode *i;
	struct page *p;
	bool up;
	int err;
	size_t c0 = ncached(), d0 = ndirty();

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 2);
	if (!i)
		goto out;
	memset(buf, 'q', sizeof(buf));
	KTEST_EXPECT_EQ(t, kwrite(i, 0, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	KTEST_EXPECT_EQ(t, ncached(), c0 + 2);
	KTEST_EXPECT_EQ(t, vfs_truncate(i, 100), 0);
	KTEST_EXPECT_EQ(t, ncached(), c0 + 1);
	KTEST_EXPECT_EQ(t, ndirty(), d0 + 1);
	KTEST_EXPECT(t, pcache_get(i, 1, 0, &up, &err) == NULL);
	p = pcache_get(i, 0, 0, &up, &err);
	KTEST_EXPECT(t, p && up);
	if (p) {
		KTEST_EXPECT_EQ(t, ((char *)page_address(p))[99], 'q');
		KTEST_EXPECT_EQ(t, ((char *)page_address(p))[100], 0);
		page_put(p);
	}
	KTEST_EXPECT_EQ(t, vfs_truncate(i, 4096), 0);
	KTEST_EXPECT_EQ(t, kread(i, 0, buf, 4096), 4096);
	KTEST_EXPECT_EQ(t, buf[99], 'q');
	KTEST_EXPECT_EQ(t, buf[100], 0);
	KTEST_EXPECT_EQ(t, buf[4095], 0);
	KTEST_EXPECT_EQ(t, vfs_truncate(i, 0), 0);
	KTEST_EXPECT_EQ(t, ncached(), c0);
	KTEST_EXPECT_EQ(t, ndirty(), d0);
	svc_inode_put(m.sb->cap, i);
out:
	test_unmount(&m);
}

/* Reclaim frees clean pages nobody holds, least recently used first,
 * and never a dirty page or one with another reference (a mapping). */
KTEST(pcache, reclaim_clean_only)
{
	struct test_mount m;
	struct inode *i;
	struct page *held;
	bool up;
	int err;
	char c;

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 2);
	if (!i)
		goto out;
	pf(i)->size = 3 * 4096;
	for (int k = 0; k < 3; k++)
		KTEST_EXPECT_EQ(t, kread(i, (uint64_t)k * 4096, &c, 1), 1);
	KTEST_EXPECT_EQ(t, kwrite(i, 0, "d", 1, 0), 1); /* page 0 dirty */
	held = pcache_get(i, 1, 0, &up, &err);		/* page 1 held */
	KTEST_EXPECT(t, held != NULL);
	pcache_drop_clean();
	KTEST_EXPECT(t, pcache_get(i, 2, 0, &up, &err) == NULL); /* freed */
	KTEST_EXPECT_EQ(t, err, -ENOENT);
	if (held)
		page_put(held);
	pcache_drop_clean();
	KTEST_EXPECT(t, (held = pcache_get(i, 1, 0, &up, &err)) == NULL);
	if (held)
		page_put(held);
	held = pcache_get(i, 0, 0, &up, &err); /* the dirty one stays */
	KTEST_EXPECT(t, held != NULL);
	if (held)
		page_put(held);
	/* once clean it goes, and a later read fills it from the store */
	KTEST_EXPECT_EQ(t, vfs_fsync(i, false), 0);
	KTEST_EXPECT(t, pcache_shrink(1000) >= 1);
	KTEST_EXPECT(t, pcache_get(i, 0, 0, &up, &err) == NULL);
	KTEST_EXPECT_EQ(t, kread(i, 0, &c, 1), 1);
	KTEST_EXPECT_EQ(t, c, 'd');
	svc_inode_put(m.sb->cap, i);
out:
	test_unmount(&m);
}

/* A dirty file is not evicted with its data unwritten: its pages pin it
 * until writeback (here the instance's sync, as at unmount). */
KTEST(pcache, dirty_file_outlives_its_last_reference)
{
	struct test_mount m;
	struct inode *i;
	struct pct_file *f;

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 2);
	if (!i)
		goto out;
	KTEST_EXPECT_EQ(t, kwrite(i, 0, "late", 4, 0), 4);
	f = pf(i);
	pct_evictions = 0;
	svc_inode_put(m.sb->cap, i);
	KTEST_EXPECT_EQ(t, pct_evictions, 0);
	KTEST_EXPECT_EQ(t, f->nwb, 0);
	pcache_sync(m.sb);
	KTEST_EXPECT_EQ(t, pct_evictions, 1); /* written, then evicted */
out:
	test_unmount(&m);
}

/* A shared writable mapping: the first store dirties its page; msync
 * writes it back, calls the service's fsync (blocks the writeback
 * allocated must reach the journal) and write-protects it, so the next
 * store dirties it again; a read-only touch leaves it clean; munmap keeps the data. */
KTEST(pcache, shared_mapping_dirty_msync)
{
	struct test_mount m;
	struct vm *vm = vm_create();
	struct inode *i;
	struct pct_file *f;
	unsigned prot = 0;
	long a;
	char c;

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 2);
	if (!i || !vm)
		goto out;
	f = pf(i);
	memset(f->store[0], 'r', 4096);
	memset(f->store[1], 'R', 4096);
	f->size = 2 * 4096;
	current_thread()->vm = vm;
	vm_activate(vm);
	inode_get(i); /* the mapping's, which it takes over */
	a = vm_mmap_file(vm, 0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, i, 0, false);
	KTEST_EXPECT(t, a > 0);
	if (a <= 0) {
		inode_put(i);
		goto out_vm;
	}
	KTEST_EXPECT_EQ(t, copy_from_user(&c, uptr(a + 4096), 1), 0);
	KTEST_EXPECT_EQ(t, c, 'R');
	KTEST_EXPECT_EQ(t, f->readpages, 1);
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a + 5), "M", 1), 0);
	KTEST_EXPECT(t, aspace_lookup(vm->as, (uintptr_t)a, &prot) && (prot & MMU_WRITE));
	KTEST_EXPECT_EQ(t, vm_msync(vm, (uintptr_t)a, (uintptr_t)a + 2 * 4096), 0);
	KTEST_EXPECT_EQ(t, f->nwb, 1);	     /* the page read only stayed clean */
	KTEST_EXPECT_EQ(t, f->fsyncs, 1);    /* then the service's fsync (its metadata) */
	KTEST_EXPECT_EQ(t, f->datasyncs, 1); /* as a datasync, as Linux's msync */
	KTEST_EXPECT_EQ(t, f->wb_idx[0], 0u);
	KTEST_EXPECT_EQ(t, f->store[0][5], 'M');
	KTEST_EXPECT(t, aspace_lookup(vm->as, (uintptr_t)a, &prot) && !(prot & MMU_WRITE));
	KTEST_EXPECT_EQ(t, vm_msync(vm, (uintptr_t)a, (uintptr_t)a + 2 * 4096), 0);
	KTEST_EXPECT_EQ(t, f->nwb, 1); /* clean: nothing to write */
	/* the store after writeback faults and dirties the page again */
	KTEST_EXPECT_EQ(t, copy_to_user(uptr(a + 6), "N", 1), 0);
	KTEST_EXPECT_EQ(t, ndirty() > 0, true);
	/* a read() sees the mapping's bytes: one page for both */
	KTEST_EXPECT_EQ(t, kread(i, 6, &c, 1), 1);
	KTEST_EXPECT_EQ(t, c, 'N');
	KTEST_EXPECT_EQ(t, vm_munmap(vm, (uintptr_t)a, 2 * 4096), 0);
	KTEST_EXPECT_EQ(t, vfs_fsync(i, false), 0);
	KTEST_EXPECT_EQ(t, f->nwb, 2);
	KTEST_EXPECT_EQ(t, f->store[0][6], 'N');
out_vm:
	current_thread()->vm = NULL;
	aspace_activate(NULL);
out:
	if (vm)
		vm_put(vm);
	if (i)
		svc_inode_put(m.sb->cap, i);
	test_unmount(&m);
}

/* A failed instance is never entered: writeback gives EIO, and its
 * pages leave the dirty count. */
KTEST(pcache, failed_instance_writeback_eio)
{
	struct test_mount m;
	struct inode *i;
	size_t d0 = ndirty();

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 2);
	if (!i)
		goto out;
	KTEST_EXPECT_EQ(t, kwrite(i, 0, "z", 1, 0), 1);
	m.sb->failed = true;
	KTEST_EXPECT_EQ(t, pcache_writeback(i, 0, UINT64_MAX), -EIO);
	KTEST_EXPECT_EQ(t, pf(i)->nwb, 0);
	KTEST_EXPECT_EQ(t, ndirty(), d0);
	m.sb->failed = false;
	svc_inode_put(m.sb->cap, i);
out:
	test_unmount(&m);
}

/* Fills in flight (pcache_fill_async), with a stand-in for the I/O. */
static int pct_async_calls, pct_async_result;

static int pct_async_wait(void *arg)
{
	pct_async_calls++;
	*(uint64_t *)page_address(arg) = 0xfeed; /* the "read" of the first page */
	return pct_async_result;
}

/* Pages [first, first + n) got to fill and handed to the cache as one
 * fill in flight (its I/O said complete before the hand-over if
 * `done_first`); our references go.  The job. */
static struct pcache_async *start_async_job(struct inode *i, uint64_t first, unsigned n,
					    bool done_first)
{
	struct page *pg[4];
	struct pcache_async *job = pcache_async_new(n);
	bool up;
	int err;

	for (unsigned k = 0; k < n; k++)
		pg[k] = pcache_get(i, first + k, PCACHE_CREATE, &up, &err);
	if (done_first)
		pcache_async_io_done(job);
	pcache_fill_async(job, i, first, pg, n, pct_async_wait, pg[0]);
	for (unsigned k = 0; k < n; k++)
		page_put(pg[k]);
	return job;
}

static void start_async(struct inode *i, uint64_t first, unsigned n)
{
	(void)start_async_job(i, first, n, false);
}

/* Whether page idx is uptodate, asked without ending a fill (NOWAIT). */
static bool pct_uptodate(struct inode *i, uint64_t idx)
{
	bool up = false;
	int err;
	struct page *p = pcache_get(i, idx, PCACHE_NOWAIT, &up, &err);

	if (p)
		page_put(p);
	return p && up;
}

/* Up to 2 s for pages [first, first + n) to be uptodate with nobody
 * asking for them. */
static bool pct_ended_alone(struct inode *i, uint64_t first, unsigned n)
{
	uint64_t deadline = time_ns() + 2000000000ull;

	for (;;) {
		unsigned k = 0;

		while (k < n && pct_uptodate(i, first + k))
			k++;
		if (k == n)
			return true;
		if (time_ns() >= deadline)
			return false;
		(void)sleep_signalable(time_ns() + 5000000ull);
	}
}

/* A fill in flight is ended once, by the first get that would wait for
 * any of its pages (NOWAIT does not): all its pages uptodate, or out of
 * the cache if the I/O failed; a truncate and the file's evict end those
 * nobody asked for, so no fill outlives its file or waits for its starter. */
KTEST(pcache, fill_async_ended_on_demand)
{
	struct test_mount m;
	struct inode *i;
	struct page *p;
	bool up = false;
	int err = 0;
	size_t before = ncached();

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 12);
	KTEST_EXPECT(t, i != NULL);
	if (!i)
		goto out;
	pct_async_calls = 0;
	pct_async_result = 0;
	start_async(i, 0, 3);
	KTEST_EXPECT(t, pcache_get(i, 1, PCACHE_NOWAIT, &up, &err) == NULL);
	KTEST_EXPECT_EQ(t, err, -EAGAIN);
	KTEST_EXPECT_EQ(t, pct_async_calls, 0);
	p = pcache_get(i, 2, 0, &up, &err); /* would wait: ends it */
	KTEST_EXPECT(t, p != NULL && up);
	KTEST_EXPECT_EQ(t, pct_async_calls, 1);
	if (p)
		page_put(p);
	p = pcache_get(i, 0, 0, &up, &err);
	KTEST_EXPECT(t, p != NULL && up && *(uint64_t *)page_address(p) == 0xfeed);
	if (p)
		page_put(p);
	KTEST_EXPECT_EQ(t, pct_async_calls, 1);
	/* a failed read: its pages leave the cache */
	pct_async_result = -EIO;
	start_async(i, 10, 2);
	KTEST_EXPECT(t, pcache_get(i, 11, 0, &up, &err) == NULL);
	KTEST_EXPECT_EQ(t, err, -ENOENT);
	KTEST_EXPECT_EQ(t, pct_async_calls, 2);
	KTEST_EXPECT(t, pcache_get(i, 10, 0, &up, &err) == NULL);
	KTEST_EXPECT_EQ(t, ncached(), before + 3);
	/* nobody asks: a truncate ends it, then the evict */
	pct_async_result = 0;
	start_async(i, 20, 2);
	pcache_truncate(i, 0);
	KTEST_EXPECT_EQ(t, pct_async_calls, 3);
	KTEST_EXPECT_EQ(t, ncached(), before);
	start_async(i, 30, 1);
	svc_inode_put(m.sb->cap, i);
	KTEST_EXPECT_EQ(t, pct_async_calls, 4);
	KTEST_EXPECT_EQ(t, ncached(), before);
out:
	test_unmount(&m);
}

/* A fill in flight whose I/O completed is ended by the cache's thread
 * with nobody asking for its pages (the completion, from an interrupt,
 * says so before or after the hand-over): no page stays locked with its
 * bytes read.  An abandoned read-ahead window stayed locked before. */
KTEST(pcache, fill_async_ended_when_its_io_completes)
{
	struct pcache_async *job;
	struct test_mount m;
	struct inode *i;
	irqflags_t f;

	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 13);
	KTEST_EXPECT(t, i != NULL);
	if (!i)
		goto out;
	pct_async_calls = 0;
	pct_async_result = 0;
	job = start_async_job(i, 0, 2, false);
	KTEST_EXPECT(t, !pct_uptodate(i, 1)); /* in flight: locked */
	f = irq_save();			      /* as the completion's interrupt */
	pcache_async_io_done(job);
	irq_restore(f);
	KTEST_EXPECT(t, pct_ended_alone(i, 0, 2));
	KTEST_EXPECT_EQ(t, pct_async_calls, 1);
	/* completed before the hand-over */
	(void)start_async_job(i, 5, 1, true);
	KTEST_EXPECT(t, pct_ended_alone(i, 5, 1));
	KTEST_EXPECT_EQ(t, pct_async_calls, 2);
	/* not completed: left locked, ended by the evict */
	start_async(i, 8, 1);
	KTEST_EXPECT(t, !pct_uptodate(i, 8));
	KTEST_EXPECT_EQ(t, pct_async_calls, 2);
	svc_inode_put(m.sb->cap, i);
	KTEST_EXPECT_EQ(t, pct_async_calls, 3);
out:
	test_unmount(&m);
}

/* A service call that fails (contained) between taking a page to fill and
 * ending the fill: ring 1 ends it as failed when it unwinds the call, so
 * the next user of the page reads it afresh instead of waiting forever
 * (the contain matrix's concurrent readers hung so). */
KTEST(pcache, fill_left_by_a_failed_call_is_ended)
{
	struct test_mount m;
	struct inode *i;
	struct page *p;
	bool up = false;
	int err = 0;
	char c;

	if (!CONFIG_RING2_CONTAIN) { /* performance, ludicrous: a fault is a panic */
		ktest_skip(t, "no containment in this profile");
		return;
	}
	KTEST_EXPECT_EQ(t, setup(&m), 0);
	i = new_file(&m, 13);
	KTEST_EXPECT(t, i != NULL);
	if (!i)
		goto out;
	pf(i)->size = SVC_PAGE_SIZE;
	pct_mid_fill = svc_lock_new(m.sb->cap, "pct-mid-fill");
	KTEST_EXPECT(t, pct_mid_fill != NULL);
	if (!pct_mid_fill)
		goto put;
	/* the fault fires at the first call made holding a lock: the
	 * svc_pcache_filled that would have ended the fill */
	svc_inject_next("pcachetest", SVC_OP_READ, SVC_FAULT_PAGEFAULT);
	KTEST_EXPECT_EQ(t, kread(i, 0, &c, 1), -EIO);
	KTEST_EXPECT(t, m.sb->failed);
	p = pcache_get(i, 0, PCACHE_NOWAIT, &up, &err);
	KTEST_EXPECT(t, p == NULL);
	KTEST_EXPECT_EQ(t, err, -ENOENT); /* gone, not -EAGAIN: still being filled */
	if (p)
		page_put(p);
	m.sb->failed = false;
	svc_lock_free(m.sb->cap, pct_mid_fill);
	pct_mid_fill = NULL;
put:
	svc_inode_put(m.sb->cap, i);
out:
	test_unmount(&m);
}
