/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Block I/O statistics, as Linux keeps them for /proc/diskstats and
 * /sys/block/<dev>/stat (Documentation/admin-guide/iostats.rst): per
 * device, requests completed, sectors and the time they took, by group
 * (read; write, WRITE_ZEROES included; discard; flush, which counts as a
 * write of no sectors too, as Linux's empty PREFLUSH write), the requests in
 * flight, and io_ticks, the time with at least one in flight.  A
 * partition's requests count for its whole disk as well.  Every counter
 * is a relaxed atomic: a reader sees each field as it was at some moment,
 * not all at one (Linux's per-CPU counters give no more).
 *
 * The same accounting tells whether a disk needs a FLUSH: one is sent
 * only when a write completed since the last (virtio's FLUSH covers the
 * writes completed before it), so an fsync that wrote nothing costs no
 * request.
 */
#include <klib/printf.h>
#include <platform/time.h>
#include "block.h"

static void add(uint64_t *p, uint64_t v)
{
	__atomic_add_fetch(p, v, __ATOMIC_RELAXED);
}

/* io_ticks: the time since the last stamp counts when requests were in
 * flight during it (an end always had one); whoever moves the stamp
 * adds it, once (Linux's update_io_ticks). */
static void update_io_ticks(struct blkdev *bd, uint64_t now, bool end)
{
	uint64_t stamp = __atomic_load_n(&bd->stamp, __ATOMIC_RELAXED);

	if (now > stamp &&
	    __atomic_compare_exchange_n(&bd->stamp, &stamp, now, false, __ATOMIC_RELAXED,
					__ATOMIC_RELAXED) &&
	    (end || __atomic_load_n(&bd->stat.inflight, __ATOMIC_RELAXED)))
		add(&bd->stat.io_ticks_ns, now - stamp);
}

static enum blk_stat_group group_of(enum blk_op op)
{
	switch (op) {
	case BLK_READ:
		return BLK_STAT_READ;
	case BLK_DISCARD:
		return BLK_STAT_DISCARD;
	case BLK_FLUSH:
		return BLK_STAT_FLUSH;
	default: /* WRITE, WRITE_ZEROES */
		return BLK_STAT_WRITE;
	}
}

static void start_one(struct blkdev *bd, uint64_t now)
{
	update_io_ticks(bd, now, false);
	__atomic_add_fetch(&bd->stat.inflight, 1, __ATOMIC_RELAXED);
}

uint64_t blk_io_start(struct blkdev *bd)
{
	uint64_t now = time_ns();
	struct blkdev *whole = bd->disk->whole;

	start_one(bd, now);
	if (whole && whole != bd)
		start_one(whole, now);
	return now;
}

static void done_one(struct blkdev *bd, enum blk_stat_group g, uint32_t sectors, uint64_t ns,
		     uint64_t now)
{
	update_io_ticks(bd, now, true);
	add(&bd->stat.ios[g], 1);
	add(&bd->stat.sectors[g], sectors);
	add(&bd->stat.nsecs[g], ns);
	if (g == BLK_STAT_FLUSH) { /* Linux's is an empty write too, counted so */
		add(&bd->stat.ios[BLK_STAT_WRITE], 1);
		add(&bd->stat.nsecs[BLK_STAT_WRITE], ns);
	}
	__atomic_sub_fetch(&bd->stat.inflight, 1, __ATOMIC_RELAXED);
}

void blk_io_done(struct blkdev *bd, enum blk_op op, uint32_t sectors, uint64_t start, int err)
{
	enum blk_stat_group g = group_of(op);
	uint64_t now = time_ns(), ns = now > start ? now - start : 0;
	struct blkdev *whole = bd->disk->whole;

	if (err || g == BLK_STAT_FLUSH)
		sectors = 0;
	done_one(bd, g, sectors, ns, now);
	if (whole && whole != bd)
		done_one(whole, g, sectors, ns, now);
	/* before the submitter learns of it: a flush it sends next covers it */
	if (!err && g == BLK_STAT_WRITE)
		__atomic_store_n(&bd->disk->unflushed, 1, __ATOMIC_RELEASE);
}

static void cancel_one(struct blkdev *bd, uint64_t now)
{
	update_io_ticks(bd, now, true);
	__atomic_sub_fetch(&bd->stat.inflight, 1, __ATOMIC_RELAXED);
}

void blk_io_cancel(struct blkdev *bd, uint64_t start)
{
	uint64_t now = time_ns();
	struct blkdev *whole = bd->disk->whole;

	cancel_one(bd, now);
	if (whole && whole != bd)
		cancel_one(whole, now);
}

bool blk_flush_needed(struct blk_disk *d)
{
	return __atomic_exchange_n(&d->unflushed, 0, __ATOMIC_ACQ_REL) != 0;
}

void blk_flush_failed(struct blk_disk *d)
{
	__atomic_store_n(&d->unflushed, 1, __ATOMIC_RELEASE);
}

void blk_stat_read(struct blkdev *bd, struct blk_iostat *out)
{
	const struct blk_iostat *s = &bd->stat;

	/* the time up to now counts while requests are in flight */
	update_io_ticks(bd, time_ns(), false);
	for (int g = 0; g < BLK_STAT_N; g++) {
		out->ios[g] = __atomic_load_n(&s->ios[g], __ATOMIC_RELAXED);
		out->merges[g] = 0;
		out->sectors[g] = __atomic_load_n(&s->sectors[g], __ATOMIC_RELAXED);
		out->nsecs[g] = __atomic_load_n(&s->nsecs[g], __ATOMIC_RELAXED);
	}
	out->io_ticks_ns = __atomic_load_n(&s->io_ticks_ns, __ATOMIC_RELAXED);
	out->inflight = __atomic_load_n(&bd->stat.inflight, __ATOMIC_RELAXED);
}

static unsigned ms(uint64_t ns)
{
	return (unsigned)(ns / 1000000u);
}

int blk_stat_format(const struct blk_iostat *s, bool padded, char *buf, size_t size)
{
	const char *f = padded ? "%8llu %8llu %8llu %8u %8llu %8llu %8llu %8u %8u %8u %8u %8llu "
				 "%8llu %8llu %8u %8llu %8u"
			       : "%llu %llu %llu %u %llu %llu %llu %u %u %u %u %llu %llu %llu %u "
				 "%llu %u";
	uint64_t queue = 0;

	for (int g = 0; g < BLK_STAT_N; g++)
		queue += s->nsecs[g];
#define F(field, g) (unsigned long long)s->field[g]
	return snprintf(buf, size, f, F(ios, BLK_STAT_READ), F(merges, BLK_STAT_READ),
			F(sectors, BLK_STAT_READ), ms(s->nsecs[BLK_STAT_READ]),
			F(ios, BLK_STAT_WRITE), F(merges, BLK_STAT_WRITE),
			F(sectors, BLK_STAT_WRITE), ms(s->nsecs[BLK_STAT_WRITE]), s->inflight,
			ms(s->io_ticks_ns), ms(queue), F(ios, BLK_STAT_DISCARD),
			F(merges, BLK_STAT_DISCARD), F(sectors, BLK_STAT_DISCARD),
			ms(s->nsecs[BLK_STAT_DISCARD]), F(ios, BLK_STAT_FLUSH),
			ms(s->nsecs[BLK_STAT_FLUSH]));
#undef F
}
