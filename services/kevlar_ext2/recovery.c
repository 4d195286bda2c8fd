/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Journal replay, in the three passes jbd2's format calls for, each a
 * walk of the log from the journal superblock's s_start and s_sequence:
 *
 *  scan    finds where the log ends: the first block that is not the
 *          next expected transaction's (wrong magic or id, an unknown
 *          type, a descriptor, revoke or commit block whose checksum is
 *          wrong), so the last transaction replayed is the last one with
 *          a good commit block;
 *  revoke  gathers every revoke record of those transactions, each with
 *          the newest id that revoked the block;
 *  replay  writes each logged block home unless a transaction as new as
 *          its own or newer revoked it, restoring the escaped magic and
 *          checking the block's checksum (v2/v3) first.
 *
 * The log wraps from its last block back to s_first, and transaction ids
 * wrap at 2^32.  Replaying writes through the buffer cache; the caller
 * syncs the device and empties the log.
 */
#include <klib/crc32c.h>
#include <klib/errno.h>
#include <klib/string.h>
#include "journal.h"

enum pass { PASS_SCAN, PASS_REVOKE, PASS_REPLAY };

struct revoked {
	uint64_t blk;
	uint32_t tid;
	bool used;
};

struct recovery {
	struct ext2_journal *j;
	uint32_t start_tid, end_tid; /* the complete transactions: [start, end) */
	struct revoked *table;	     /* open addressing, power-of-two size */
	unsigned size, count;
	unsigned replayed, revoked_hits;
	int err; /* a logged block that could not be replayed */
};

static unsigned slot_of(uint64_t blk, unsigned size)
{
	return (unsigned)((blk * 0x9e3779b97f4a7c15ull) >> 32) & (size - 1);
}

static struct revoked *lookup(struct recovery *r, uint64_t blk)
{
	if (!r->size)
		return NULL;
	for (unsigned h = slot_of(blk, r->size);; h = (h + 1) & (r->size - 1)) {
		if (!r->table[h].used || r->table[h].blk == blk)
			return &r->table[h];
	}
}

static int add_revoke(struct recovery *r, uint64_t blk, uint32_t tid)
{
	struct svc_cap cap = r->j->fs->cap;
	struct revoked *e;

	if (2 * (r->count + 1) > r->size) {
		unsigned old = r->size, size = old ? 2 * old : 256;
		struct revoked *t = svc_alloc(cap, size * sizeof(*t)), *prev = r->table;

		if (!t)
			return -ENOMEM;
		r->table = t;
		r->size = size;
		for (unsigned i = 0; i < old; i++) {
			if (prev[i].used)
				*lookup(r, prev[i].blk) = prev[i];
		}
		svc_free(cap, prev);
	}
	e = lookup(r, blk);
	if (!e->used) {
		*e = (struct revoked){blk, tid, true};
		r->count++;
	} else if (tid_gt(tid, e->tid)) {
		e->tid = tid;
	}
	return 0;
}

static bool is_revoked(struct recovery *r, uint64_t blk, uint32_t tid)
{
	struct revoked *e = lookup(r, blk);

	return e && e->used && !tid_gt(tid, e->tid);
}

static bool block_csum_ok(const struct ext2_journal *j, const uint8_t *blk)
{
	size_t at = j->fs->bsize - JBD2_TAIL_SIZE;
	static const uint8_t zero[4];
	uint32_t c;

	if (!ext2_journal_has_csum(j))
		return true;
	c = crc32c(j->seed, blk, at);
	c = crc32c(c, zero, 4);
	return c == be32_at(blk, at);
}

static bool commit_csum_ok(const struct ext2_journal *j, const uint8_t *blk)
{
	static const uint8_t zero[4];
	uint32_t c;

	if (!ext2_journal_has_csum(j))
		return true;
	c = crc32c(j->seed, blk, JC_CHKSUM);
	c = crc32c(c, zero, 4);
	c = crc32c(c, blk + JC_CHKSUM + 4, j->fs->bsize - JC_CHKSUM - 4);
	return c == be32_at(blk, JC_CHKSUM);
}

struct tag {
	uint64_t blk;
	uint32_t flags, csum;
};

/* Read the tag at `at` of a descriptor: the offset of the next one. */
static size_t get_tag(const struct ext2_journal *j, const uint8_t *d, size_t at, struct tag *t)
{
	t->blk = be32_at(d, at);
	if (j->incompat & JBD2_INCOMPAT_CSUM_V3) {
		t->flags = be32_at(d, at + 4);
		t->csum = be32_at(d, at + 12);
		t->blk |= (uint64_t)be32_at(d, at + 8) << 32;
	} else {
		t->csum = be16_at(d, at + 4);
		t->flags = be16_at(d, at + 6);
		if (j->incompat & JBD2_INCOMPAT_64BIT)
			t->blk |= (uint64_t)be32_at(d, at + 8) << 32;
	}
	at += j->tag_bytes;
	if (!(t->flags & JBD2_FLAG_SAME_UUID))
		at += JBD2_UUID_BYTES;
	return at;
}

static bool data_csum_ok(const struct ext2_journal *j, const struct tag *t, const uint8_t *data,
			 uint32_t tid)
{
	uint8_t seq[4];
	uint32_t c;

	if (!ext2_journal_has_csum(j))
		return true;
	put_be32(seq, 0, tid);
	c = crc32c(crc32c(j->seed, seq, 4), data, j->fs->bsize);
	if (j->incompat & JBD2_INCOMPAT_CSUM_V3)
		return c == t->csum;
	return (c & 0xffff) == t->csum;
}

/* Write logged block `jblk` (for tag t of transaction tid) home. */
static int replay_one(struct recovery *r, const struct tag *t, uint32_t jblk, uint32_t tid)
{
	struct ext2_journal *j = r->j;
	struct ext2_fs *fs = j->fs;
	uint8_t *data = j->bounce2;
	struct svc_buf *b;
	int err = 0;

	if (is_revoked(r, t->blk, tid)) {
		r->revoked_hits++;
		return 0;
	}
	if (ext2_journal_read(j, jblk, data))
		return -EIO;
	if (!data_csum_ok(j, t, data, tid)) {
		svc_log("JBD2: Invalid checksum recovering data block %llu in log",
			(unsigned long long)t->blk);
		r->err = -EIO;
		return 0;
	}
	if (t->blk < fs->first_data_block || t->blk >= fs->blocks_count) {
		svc_log("JBD2: block %llu in the log is outside the filesystem",
			(unsigned long long)t->blk);
		r->err = -EIO;
		return 0;
	}
	if (t->flags & JBD2_FLAG_ESCAPE)
		put_be32(data, 0, JBD2_MAGIC);
	b = svc_bget(fs->cap, fs->bd, t->blk, fs->bsize, &err);
	if (!b)
		return -EIO;
	svc_buf_write(b, 0, data, fs->bsize);
	svc_brelse(fs->cap, b);
	r->replayed++;
	return 0;
}

/* The tags of descriptor `d` at log block `pos`: in the replay pass each
 * is replayed; returns the log block after its data blocks in *next. */
static int walk_descriptor(struct recovery *r, enum pass pass, const uint8_t *d, uint32_t pos,
			   uint32_t tid, uint32_t *next)
{
	struct ext2_journal *j = r->j;
	size_t end = j->fs->bsize - (ext2_journal_has_csum(j) ? JBD2_TAIL_SIZE : 0);
	size_t at = JH_SIZE;
	uint32_t data_pos = ext2_journal_next(j, pos);
	int err = 0;

	/* replay_one reads into j->bounce2: the descriptor (j->bounce) stays */
	while (at + j->tag_bytes <= end && !err) {
		struct tag t;

		at = get_tag(j, d, at, &t);
		if (pass == PASS_REPLAY)
			err = replay_one(r, &t, data_pos, tid);
		data_pos = ext2_journal_next(j, data_pos);
		if (t.flags & JBD2_FLAG_LAST_TAG)
			break;
	}
	*next = data_pos;
	return err;
}

static int walk_revoke(struct recovery *r, const uint8_t *blk, uint32_t tid)
{
	struct ext2_journal *j = r->j;
	unsigned rec = (j->incompat & JBD2_INCOMPAT_64BIT) ? 8 : 4;
	uint32_t count = be32_at(blk, JR_COUNT);
	size_t end = j->fs->bsize - (ext2_journal_has_csum(j) ? JBD2_TAIL_SIZE : 0);

	if (count > end)
		return -EIO;
	for (size_t at = JR_HEADER; at + rec <= count; at += rec) {
		uint64_t b = be32_at(blk, at);

		if (rec == 8)
			b = b << 32 | be32_at(blk, at + 4);
		if (add_revoke(r, b, tid))
			return -ENOMEM;
	}
	return 0;
}

static int one_pass(struct recovery *r, enum pass pass)
{
	struct ext2_journal *j = r->j;
	uint8_t *blk = j->bounce;
	uint32_t pos = be32_at(j->jsb, JSB_START), tid = r->start_tid;
	uint32_t steps = 0, limit = 2 * (j->last - j->first);

	for (;;) {
		uint32_t type;
		int err;

		if (pass != PASS_SCAN && tid == r->end_tid)
			break;
		/* a log of only good transactions cannot go round more than
		 * once; a corrupt one might try */
		if (++steps > limit)
			break;
		if (ext2_journal_read(j, pos, blk))
			return -EIO;
		if (be32_at(blk, JH_MAGIC) != JBD2_MAGIC || be32_at(blk, JH_SEQUENCE) != tid)
			break;
		type = be32_at(blk, JH_BLOCKTYPE);
		if (type == JBD2_DESCRIPTOR_BLOCK) {
			if (pass == PASS_SCAN && !block_csum_ok(j, blk))
				break;
			err = walk_descriptor(r, pass, blk, pos, tid, &pos);
			if (err)
				return err;
		} else if (type == JBD2_COMMIT_BLOCK) {
			if (pass == PASS_SCAN && !commit_csum_ok(j, blk))
				break;
			pos = ext2_journal_next(j, pos);
			tid++;
		} else if (type == JBD2_REVOKE_BLOCK) {
			if (pass == PASS_SCAN && !block_csum_ok(j, blk))
				break;
			if (pass == PASS_REVOKE && (err = walk_revoke(r, blk, tid)) != 0)
				return err;
			pos = ext2_journal_next(j, pos);
		} else {
			break;
		}
	}
	if (pass == PASS_SCAN)
		r->end_tid = tid;
	return 0;
}

int ext2_journal_recover(struct ext2_journal *j, bool replay, uint32_t *next_tid)
{
	struct recovery r = {.j = j, .start_tid = be32_at(j->jsb, JSB_SEQUENCE)};
	uint32_t start = be32_at(j->jsb, JSB_START);
	int err = 0;

	if (!start) {
		*next_tid = r.start_tid + 1;
		return 0;
	}
	if (start < j->first || start >= j->last) {
		svc_log("JBD2: journal start %u outside the log", start);
		return -EIO;
	}
	err = one_pass(&r, PASS_SCAN);
	if (!err && replay)
		err = one_pass(&r, PASS_REVOKE);
	if (!err && replay)
		err = one_pass(&r, PASS_REPLAY);
	if (!err)
		err = r.err;
	if (!err && replay)
		err = svc_bdev_sync(j->fs->cap, j->fs->bd) ? -EIO : 0;
	if (replay)
		svc_log("JBD2: recovery of %s: transactions %u to %u, %u blocks replayed, %u "
			"revoked",
			j->fs->sb->source, r.start_tid, r.end_tid, r.replayed, r.revoked_hits);
	svc_free(j->fs->cap, r.table);
	/* Linux skips one id past the last one seen: a half-written
	 * transaction of that id may still lie in the log */
	*next_tid = r.end_tid + 1;
	return err;
}
