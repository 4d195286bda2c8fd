/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Block devices over image files for host tests (the contract: bdev_stub.h). */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <klib/errno.h>
#include <hosttest/bdev_stub.h>

long stub_live_bdevs, stub_live_bufs, stub_bread_fail_countdown;
bool stub_bdev_writable;
long stub_buf_writes;
long stub_page_reqs; /* svc_bdev_read_pages/write_pages calls */

#define MAX_FLIPS 64
static struct {
	uint64_t off;
	uint8_t mask;
} flips[MAX_FLIPS];
static unsigned nflips;

void stub_bdev_corrupt(uint64_t off, uint8_t mask)
{
	assert_true(nflips < MAX_FLIPS);
	flips[nflips].off = off;
	flips[nflips++].mask = mask;
}

void stub_bdev_clean(void)
{
	nflips = 0;
}

#define CACHE_BUCKETS 4096

struct svc_buf {
	struct svc_bdev *bd;
	struct svc_buf *next; /* its bucket of the device's cache (writable devices) */
	uint64_t blk;
	unsigned size;
	int refs, held;
	bool dirty, cached, verified;
	bool paged; /* dirty by page I/O: on the disk at svc_bdev_flush too */
	uint8_t data[];
};

struct svc_bdev {
	int fd;
	uint64_t bytes;
	bool writable;
	unsigned bsize; /* of every cached buffer */
	long nbufs;
	struct svc_buf *cache[CACHE_BUCKETS];
};

long stub_write_limit = -1, stub_writes, stub_flushes, stub_write_fail_countdown;
void (*stub_write_hook)(uint64_t off, const void *data, size_t n);

void stub_bdev_crash_after(long writes)
{
	stub_write_limit = writes;
	stub_writes = 0;
	stub_flushes = 0;
}

/* One block write to the image: the crash model drops it silently. */
static int disk_write(struct svc_buf *b)
{
	if (stub_write_fail_countdown > 0 && --stub_write_fail_countdown == 0)
		return -EIO;
	stub_writes++;
	if (stub_write_limit >= 0 && stub_writes > stub_write_limit)
		return 0;
	if (stub_write_hook)
		stub_write_hook(b->blk * b->size, b->data, b->size);
	assert_int_equal(pwrite(b->bd->fd, b->data, b->size, (off_t)(b->blk * b->size)),
			 (ssize_t)b->size);
	return 0;
}

struct svc_bdev *svc_bdev_open(struct svc_cap cap, const char *source, bool writable, int *err)
{
	struct svc_bdev *bd;
	struct stat st;
	int fd;

	if (writable && !stub_bdev_writable) {
		*err = -EROFS;
		return NULL;
	}
	fd = open(source, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0) {
		*err = errno == EACCES || errno == EROFS ? -EROFS : -ENXIO;
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		*err = -ENOTBLK;
		return NULL;
	}
	bd = calloc(1, sizeof(*bd));
	assert_non_null(bd);
	bd->fd = fd;
	bd->bytes = (uint64_t)st.st_size;
	bd->writable = writable;
	stub_live_bdevs++;
	return bd;
}

static int by_block(const void *a, const void *b)
{
	uint64_t x = (*(struct svc_buf *const *)a)->blk, y = (*(struct svc_buf *const *)b)->blk;

	return x < y ? -1 : x > y;
}

/* Write back what is dirty and not held (what the kernel's write-back
 * may write), in block order: 0 or -EIO. */
static int writeback_paged(struct svc_bdev *bd, bool paged_only)
{
	struct svc_buf **v = malloc(sizeof(*v) * (size_t)(bd->nbufs + 1));
	size_t n = 0;
	int err = 0;

	assert_non_null(v);
	for (unsigned h = 0; h < CACHE_BUCKETS; h++) {
		for (struct svc_buf *b = bd->cache[h]; b; b = b->next) {
			if (b->dirty && !b->held && (b->paged || !paged_only))
				v[n++] = b;
		}
	}
	qsort(v, n, sizeof(*v), by_block);
	for (size_t i = 0; i < n && !err; i++) {
		if (disk_write(v[i]))
			err = -EIO;
		else
			v[i]->dirty = v[i]->paged = false;
	}
	free(v);
	return err;
}

static int writeback(struct svc_bdev *bd)
{
	return writeback_paged(bd, false);
}

/* Drop every cached buffer (none may be in use). */
static void drop_cache(struct svc_bdev *bd)
{
	for (unsigned h = 0; h < CACHE_BUCKETS; h++) {
		while (bd->cache[h]) {
			struct svc_buf *b = bd->cache[h];

			bd->cache[h] = b->next;
			assert_int_equal(b->refs, 0);
			free(b);
		}
	}
	bd->nbufs = 0;
}

void svc_bdev_close(struct svc_cap cap, struct svc_bdev *bd)
{
	assert_non_null(bd);
	(void)writeback(bd);
	drop_cache(bd);
	close(bd->fd);
	free(bd);
	stub_live_bdevs--;
}

uint64_t svc_bdev_bytes(const struct svc_bdev *bd)
{
	return bd->bytes;
}

bool svc_bdev_read_only(const struct svc_bdev *bd)
{
	return !stub_bdev_writable;
}

unsigned svc_bdev_lbsize(const struct svc_bdev *bd)
{
	(void)bd;
	return 512; /* an image file: what a loop device reports */
}

static void apply_flips(struct svc_buf *b)
{
	for (unsigned i = 0; i < nflips; i++) {
		if (flips[i].off >= b->blk * b->size && flips[i].off - b->blk * b->size < b->size)
			b->data[flips[i].off - b->blk * b->size] ^= flips[i].mask;
	}
}

/* The cached buffer of a writable device, made if absent (read from the
 * image when `read`); the kernel's one block size per device: another
 * size drops the cache first, -EINVAL while a buffer of it is in use. */
static struct svc_buf *cache_get(struct svc_bdev *bd, uint64_t blk, unsigned size, bool read,
				 int *err)
{
	struct svc_buf *b, **head = &bd->cache[blk % CACHE_BUCKETS];

	if (bd->nbufs && bd->bsize != size) {
		for (unsigned h = 0; h < CACHE_BUCKETS; h++) {
			for (b = bd->cache[h]; b; b = b->next) {
				if (b->refs || b->held) {
					*err = -EINVAL;
					return NULL;
				}
			}
		}
		if (writeback(bd)) {
			*err = -EIO;
			return NULL;
		}
		drop_cache(bd);
	}
	bd->bsize = size;
	for (b = *head; b; b = b->next) {
		if (b->blk == blk) {
			b->refs++;
			stub_live_bufs++;
			return b;
		}
	}
	b = calloc(1, sizeof(*b) + size);
	assert_non_null(b);
	b->bd = bd;
	b->blk = blk;
	b->size = size;
	b->cached = true;
	if (read) {
		assert_int_equal(pread(bd->fd, b->data, size, (off_t)(blk * size)), (ssize_t)size);
		apply_flips(b);
	}
	b->refs = 1;
	b->next = *head;
	*head = b;
	bd->nbufs++;
	stub_live_bufs++;
	return b;
}

static bool bad_request(struct svc_bdev *bd, uint64_t blk, unsigned size)
{
	return size < 512 || size > 65536 || (size & (size - 1)) || blk >= bd->bytes / size;
}

struct svc_buf *svc_bread(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			  int *err)
{
	struct svc_buf *b;

	if (bad_request(bd, blk, size)) {
		*err = -EINVAL;
		return NULL;
	}
	if (stub_bread_fail_countdown > 0 && --stub_bread_fail_countdown == 0) {
		*err = -EIO;
		return NULL;
	}
	if (bd->writable)
		return cache_get(bd, blk, size, true, err);
	b = calloc(1, sizeof(*b) + size);
	assert_non_null(b);
	b->bd = bd;
	b->blk = blk;
	b->size = size;
	b->refs = 1;
	assert_int_equal(pread(bd->fd, b->data, size, (off_t)(blk * size)), (ssize_t)size);
	apply_flips(b);
	stub_live_bufs++;
	return b;
}

struct svc_buf *svc_bget(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			 int *err)
{
	if (!bd->writable) {
		*err = -EROFS;
		return NULL;
	}
	if (bad_request(bd, blk, size)) {
		*err = -EINVAL;
		return NULL;
	}
	return cache_get(bd, blk, size, false, err);
}

void svc_brelse(struct svc_cap cap, struct svc_buf *b)
{
	assert_non_null(b);
	assert_true(b->refs > 0);
	stub_live_bufs--;
	if (--b->refs == 0 && !b->cached)
		free(b);
}

void svc_buf_read(struct svc_buf *b, size_t off, void *dst, size_t n)
{
	assert_true(off <= b->size && n <= b->size - off);
	memcpy(dst, b->data + off, n);
}

void svc_buf_write(struct svc_buf *b, size_t off, const void *src, size_t n)
{
	if (!b->cached)
		fail_msg("svc_buf_write on a read-only host device");
	assert_true(off <= b->size && n <= b->size - off);
	assert_true(b->refs > 0);
	memcpy(b->data + off, src, n);
	b->dirty = true;
	b->verified = false;
	stub_buf_writes++;
}

long stub_verified_marks; /* svc_buf_set_verified calls */

bool svc_buf_verified(struct svc_buf *b)
{
	return b->verified;
}

void svc_buf_set_verified(struct svc_buf *b)
{
	b->verified = true;
	stub_verified_marks++;
}

void svc_buf_hold(struct svc_buf *b, bool hold)
{
	if (hold)
		b->held++;
	else if (b->held)
		b->held--;
}

int svc_buf_sync(struct svc_cap cap, struct svc_buf *b)
{
	if (!b->dirty)
		return 0;
	if (disk_write(b))
		return -EIO;
	b->dirty = b->paged = false;
	return 0;
}

int svc_bdev_sync(struct svc_cap cap, struct svc_bdev *bd)
{
	int err = bd->writable ? writeback(bd) : 0;

	stub_flushes++;
	return err;
}

/* The kernel's page writes are on the disk once waited for; the stub's
 * wait in the buffers until a sync, or this flush (which writes them,
 * and only them, as the disk's flush would make them durable). */
int svc_bdev_flush(struct svc_cap cap, struct svc_bdev *bd)
{
	int err = bd->writable ? writeback_paged(bd, true) : 0;

	stub_flushes++;
	return err;
}

bool stub_buf_dirty(const struct svc_buf *b)
{
	return b->dirty;
}

bool svc_buf_dirty(struct svc_buf *b)
{
	return b->dirty;
}

/* Page I/O (svc_bdev_read_pages/write_pages) through the stub's buffers of
 * 4 KiB, so that it is coherent with them as the kernel's is: a write
 * gives the buffers the new bytes (dirty: the stub writes them at sync),
 * a read sees dirty ones.  The stub page frames are 4 KiB of bytes. */
void svc_page_write(struct svc_page *pg, size_t off, const void *src, size_t n);
void svc_page_read(struct svc_page *pg, size_t off, void *dst, size_t n);

static int pages_io(struct svc_cap cap, struct svc_bdev *bd, uint64_t off,
		    struct svc_page *const *pages, unsigned n, bool write)
{
	/* the service's buffers' size; a read-only device has no cache */
	unsigned bs = bd->writable && bd->bsize ? bd->bsize : 512;
	uint8_t tmp[4096];
	int err = 0;

	if (off % 512 || off % bs || n == 0 || n > SVC_BIO_MAX_PAGES || bs > 4096)
		return -EINVAL;
	stub_page_reqs++;
	for (unsigned k = 0; k < n; k++) {
		for (unsigned at = 0; at < 4096; at += bs) {
			uint64_t blk = (off + (uint64_t)k * 4096 + at) / bs;
			struct svc_buf *b = write ? svc_bget(cap, bd, blk, bs, &err)
						  : svc_bread(cap, bd, blk, bs, &err);

			if (!b)
				return err;
			if (write) {
				svc_page_read(pages[k], at, tmp, bs);
				svc_buf_write(b, 0, tmp, bs);
				b->paged = true;
			} else {
				svc_buf_read(b, 0, tmp, bs);
				svc_page_write(pages[k], at, tmp, bs);
			}
			svc_brelse(cap, b);
		}
	}
	return 0;
}

int svc_bdev_read_pages(struct svc_cap cap, struct svc_bdev *bd, uint64_t off,
			struct svc_page *const *pages, unsigned n)
{
	return pages_io(cap, bd, off, pages, n, false);
}

int svc_bdev_write_pages(struct svc_cap cap, struct svc_bdev *bd, uint64_t off,
			 struct svc_page *const *pages, unsigned n)
{
	return pages_io(cap, bd, off, pages, n, true);
}

/* The started form: the stub does the I/O at once and keeps its result
 * for svc_bio_wait; stub_bios counts the handles not waited for yet (a
 * test checks it ends at 0: every handle waited for), stub_bios_max the
 * most at once. */
long stub_bios, stub_bios_max;

struct svc_bio {
	int err;
};

struct svc_bio *svc_bdev_submit_pages(struct svc_cap cap, struct svc_bdev *bd, bool write,
				      uint64_t off, struct svc_page *const *pages, unsigned n,
				      int *err)
{
	struct svc_bio *bio;
	int e = pages_io(cap, bd, off, pages, n, write);

	if (e == -EINVAL) {
		*err = e;
		return NULL;
	}
	bio = calloc(1, sizeof(*bio));
	if (!bio) {
		*err = -ENOMEM;
		return NULL;
	}
	bio->err = e;
	stub_bios++;
	if (stub_bios > stub_bios_max)
		stub_bios_max = stub_bios;
	return bio;
}

int svc_bio_wait(struct svc_cap cap, struct svc_bio *bio)
{
	int err = bio->err;

	(void)cap;
	stub_bios--;
	free(bio);
	return err;
}

bool svc_bio_done(struct svc_bio *bio)
{
	(void)bio;
	return true;
}

/* Read-ahead: the stub reads at once and ends the fills as the kernel
 * would when a user needs the pages; stub_read_aheads counts the calls. */
long stub_read_aheads;

int svc_pcache_read_ahead(struct svc_cap cap, struct svc_bdev *bd, uint64_t off, struct inode *ino,
			  uint64_t first, struct svc_page *const *pages, unsigned n)
{
	int e = pages_io(cap, bd, off, pages, n, false);

	if (e == -EINVAL)
		return e;
	stub_read_aheads++;
	for (unsigned k = 0; k < n; k++)
		svc_pcache_filled(cap, ino, first + k, !e);
	return 0;
}
