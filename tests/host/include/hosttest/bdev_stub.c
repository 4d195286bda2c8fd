/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Block devices over image files for host tests (the contract: bdev_stub.h). */
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

struct svc_bdev {
	int fd;
	bool writable;
	uint64_t bytes;
};

struct svc_buf {
	struct svc_bdev *bd;
	uint64_t blk;
	unsigned size;
	uint8_t data[];
};

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
		*err = -ENXIO;
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
	bd->writable = writable;
	bd->bytes = (uint64_t)st.st_size;
	stub_live_bdevs++;
	return bd;
}

void svc_bdev_close(struct svc_cap cap, struct svc_bdev *bd)
{
	assert_non_null(bd);
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

struct svc_buf *svc_bread(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			  int *err)
{
	struct svc_buf *b;

	if (size < 512 || size > 65536 || (size & (size - 1)) || blk >= bd->bytes / size) {
		*err = -EINVAL;
		return NULL;
	}
	if (stub_bread_fail_countdown > 0 && --stub_bread_fail_countdown == 0) {
		*err = -EIO;
		return NULL;
	}
	b = malloc(sizeof(*b) + size);
	assert_non_null(b);
	b->bd = bd;
	b->blk = blk;
	b->size = size;
	assert_int_equal(pread(bd->fd, b->data, size, (off_t)(blk * size)), (ssize_t)size);
	for (unsigned i = 0; i < nflips; i++) {
		if (flips[i].off >= blk * size && flips[i].off - blk * size < size)
			b->data[flips[i].off - blk * size] ^= flips[i].mask;
	}
	stub_live_bufs++;
	return b;
}

struct svc_buf *svc_bget(struct svc_cap cap, struct svc_bdev *bd, uint64_t blk, unsigned size,
			 int *err)
{
	struct svc_buf *b;

	if (size < 512 || size > 65536 || (size & (size - 1)) || blk >= bd->bytes / size) {
		*err = -EINVAL;
		return NULL;
	}
	b = calloc(1, sizeof(*b) + size);
	assert_non_null(b);
	b->bd = bd;
	b->blk = blk;
	b->size = size;
	stub_live_bufs++;
	return b;
}

void svc_brelse(struct svc_cap cap, struct svc_buf *b)
{
	assert_non_null(b);
	free(b);
	stub_live_bufs--;
}

void svc_buf_read(struct svc_buf *b, size_t off, void *dst, size_t n)
{
	assert_true(off <= b->size && n <= b->size - off);
	memcpy(dst, b->data + off, n);
}

void svc_buf_write(struct svc_buf *b, size_t off, const void *src, size_t n)
{
	assert_true(off <= b->size && n <= b->size - off);
	if (!b->bd->writable)
		fail_msg("svc_buf_write on a device opened read-only");
	memcpy(b->data + off, src, n);
	assert_int_equal(pwrite(b->bd->fd, b->data + off, n, (off_t)(b->blk * b->size + off)),
			 (ssize_t)n);
	stub_buf_writes++;
}

void svc_buf_hold(struct svc_buf *b, bool hold)
{
}

int svc_buf_sync(struct svc_cap cap, struct svc_buf *b)
{
	return 0;
}

int svc_bdev_sync(struct svc_cap cap, struct svc_bdev *bd)
{
	return 0;
}
