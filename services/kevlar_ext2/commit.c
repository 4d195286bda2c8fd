/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Commit and checkpoint of the jbd2 journal (journal.h).
 *
 * A commit writes, from the log's head on: the revoke blocks of the
 * running transaction, then its descriptor blocks each followed by the
 * copies of the metadata blocks its tags name (a copy whose first four
 * bytes are the journal's magic is logged with them zeroed and the tag
 * marked escaped).  Before all that, the file data cached in dirty pages
 * for blocks the transaction maps is written to them (ordered mode,
 * pages.c, its requests waited for).  On 4 KiB blocks the log blocks
 * are written in frames of the journal's and sent as one request per run
 * contiguous on the disk (one for a log that does not wrap), all started
 * and then waited for, as jbd2 does; on smaller blocks they go through
 * the buffers.  Then the disk's cache is flushed (a device sync first
 * writes whatever else is dirty and unheld when part of the commit went
 * through the buffers: the log blocks on smaller blocks, data written
 * through them); only then the commit block (checksummed, with the
 * commit time), from its frame and flushed (or synced from the buffers).
 * The blocks of committed transactions go home later: the cache writes
 * them back, the checkpoint waits for them.  A crash before the commit block is
 * on the disk leaves a transaction that replay ignores; after it, one
 * that replay completes.  Then the holds go and the cache may write the
 * blocks home.
 *
 * A checkpoint syncs the device (every committed block home: none is
 * held, see journal.c), then moves the log's tail to its head in the
 * journal superblock and flushes again, before any of that log space is
 * written anew.  It runs with the running transaction empty, or at least
 * without blocks whose committed content is not home (npending).
 */
#include <klib/crc32c.h>
#include <klib/errno.h>
#include <klib/string.h>
#include "journal.h"

static uint32_t capacity(const struct ext2_journal *j)
{
	return j->last - j->first;
}

uint32_t ext2_journal_free_blocks(const struct ext2_journal *j)
{
	uint32_t used = (j->head + capacity(j) - j->tail) % capacity(j);

	return capacity(j) - used - 1;
}

static unsigned tail_bytes(const struct ext2_journal *j)
{
	return ext2_journal_has_csum(j) ? JBD2_TAIL_SIZE : 0;
}

static unsigned tags_per_desc(const struct ext2_journal *j)
{
	return (j->fs->bsize - JH_SIZE - tail_bytes(j) - JBD2_UUID_BYTES) / j->tag_bytes;
}

static unsigned record_bytes(const struct ext2_journal *j)
{
	return (j->incompat & JBD2_INCOMPAT_64BIT) ? 8 : 4;
}

static unsigned records_per_block(const struct ext2_journal *j)
{
	return (j->fs->bsize - JR_HEADER - tail_bytes(j)) / record_bytes(j);
}

uint32_t ext2_journal_space(const struct ext2_journal *j, unsigned nblocks, unsigned nrevokes)
{
	unsigned per = tags_per_desc(j), rper = records_per_block(j);

	return (nblocks + per - 1) / per + nblocks + (nrevokes + rper - 1) / rper + 1;
}

void ext2_journal_abort(struct ext2_journal *j, const char *why)
{
	if (j->aborted)
		return;
	j->aborted = true;
	svc_log("JBD2: aborting the journal of %s: %s", j->fs->sb->source, why);
	j->fs->sb->read_only = true; /* as errors=remount-ro */
}

void ext2_journal_release_running(struct ext2_journal *j)
{
	struct svc_cap cap = j->fs->cap;

	for (unsigned i = 0; i < j->nblocks; i++) {
		svc_buf_hold(j->blocks[i].b, false);
		svc_brelse(cap, j->blocks[i].b);
	}
	j->nblocks = j->logged = j->nrevokes = j->npending = 0;
	if (j->index)
		memset(j->index, 0, j->index_size * sizeof(*j->index));
	j->ordered = j->had_forget = j->sb_dirty = false;
}

static void header(uint8_t *blk, uint32_t type, uint32_t tid)
{
	put_be32(blk, JH_MAGIC, JBD2_MAGIC);
	put_be32(blk, JH_BLOCKTYPE, type);
	put_be32(blk, JH_SEQUENCE, tid);
}

/* The checksum closing a descriptor or revoke block. */
static void set_tail(const struct ext2_journal *j, uint8_t *blk)
{
	size_t at = j->fs->bsize - JBD2_TAIL_SIZE;

	if (!ext2_journal_has_csum(j))
		return;
	put_be32(blk, at, 0);
	put_be32(blk, at, crc32c(j->seed, blk, j->fs->bsize));
}

#define LOG_PAGES 64 /* log blocks of a commit sent through frames, at most */
#define LOG_BIOS  16 /* their requests in flight at once */

/* How far log block `jblk` is from the head. */
static uint32_t from_head(const struct ext2_journal *j, uint32_t jblk)
{
	return (uint32_t)(((uint64_t)jblk + capacity(j) - j->head) % capacity(j));
}

/* Whether this commit's n log blocks (before its commit block) go
 * through frames: 4 KiB blocks and n <= LOG_PAGES; the frames are got
 * as needed and kept for the next commits. */
static bool log_paged(struct ext2_journal *j, unsigned n)
{
	struct ext2_fs *fs = j->fs;

	if (fs->bsize != SVC_PAGE_SIZE || n > LOG_PAGES)
		return false;
	if (!j->lpg && !(j->lpg = svc_alloc(fs->cap, LOG_PAGES * sizeof(*j->lpg))))
		return false;
	while (j->nlpg < n) {
		struct svc_page *pg = svc_page_alloc(fs->cap, 0);

		if (!pg)
			return false;
		j->lpg[j->nlpg++] = pg;
	}
	return true;
}

/* Wait for bios[0..n): 0, or -EIO if any failed. */
static int log_wait(struct ext2_journal *j, struct svc_bio **bios, unsigned n)
{
	int err = 0;

	for (unsigned i = 0; i < n; i++)
		if (svc_bio_wait(j->fs->cap, bios[i]))
			err = -EIO;
	return err;
}

/* The n log blocks from the head on, written in the frames, to the
 * disk: each run contiguous on it one request, all started before any
 * is waited for (jbd2 submits its log buffers, then waits for them). */
static int log_send(struct ext2_journal *j, unsigned n)
{
	struct ext2_fs *fs = j->fs;
	struct svc_bio *bios[LOG_BIOS];
	uint32_t pos = j->head;
	unsigned nb = 0;
	int err = 0;

	for (unsigned k = 0; k < n && !err;) {
		uint64_t p0 = ext2_journal_bmap(j, pos), off = p0 << fs->log_bsize;
		unsigned m = 1;
		struct svc_bio *bio;

		if (!p0) {
			err = -EIO;
			break;
		}
		pos = ext2_journal_next(j, pos);
		while (k + m < n && m < SVC_BIO_MAX_PAGES && ext2_journal_bmap(j, pos) == p0 + m) {
			pos = ext2_journal_next(j, pos);
			m++;
		}
		if (nb == LOG_BIOS) {
			err = log_wait(j, bios, nb);
			nb = 0;
		}
		if (!err) {
			bio = svc_bdev_submit_pages(fs->cap, fs->bd, true, off, j->lpg + k, m,
						    &err);
			if (bio)
				bios[nb++] = bio;
			else if (err == -ENOMEM) /* no handle: waited for here */
				err = svc_bdev_write_pages(fs->cap, fs->bd, off, j->lpg + k, m);
		}
		k += m;
	}
	return log_wait(j, bios, nb) || err ? -EIO : 0;
}

static int log_write(struct ext2_journal *j, uint32_t jblk, const uint8_t *data)
{
	struct ext2_fs *fs = j->fs;
	uint64_t p = ext2_journal_bmap(j, jblk);
	struct svc_buf *b;
	int err = 0;

	if (!p)
		return -EIO;
	if (j->npaged && from_head(j, jblk) < j->npaged) { /* a frame's: log_send's */
		svc_page_write(j->lpg[from_head(j, jblk)], 0, data, fs->bsize);
		return 0;
	}
	b = svc_bget(fs->cap, fs->bd, p, fs->bsize, &err);
	if (!b)
		return -EIO;
	svc_buf_write(b, 0, data, fs->bsize);
	svc_brelse(fs->cap, b);
	return 0;
}

static int write_revokes(struct ext2_journal *j, uint32_t *pos)
{
	uint8_t *blk = j->bounce;
	unsigned rec = record_bytes(j), per = records_per_block(j);

	for (unsigned i = 0; i < j->nrevokes; i += per) {
		unsigned n = MIN(per, j->nrevokes - i);

		memset(blk, 0, j->fs->bsize);
		header(blk, JBD2_REVOKE_BLOCK, j->tid);
		put_be32(blk, JR_COUNT, JR_HEADER + n * rec);
		for (unsigned k = 0; k < n; k++) {
			uint64_t b = j->revokes[i + k];

			if (rec == 8) {
				put_be32(blk, JR_HEADER + 8 * k, (uint32_t)(b >> 32));
				put_be32(blk, JR_HEADER + 8 * k + 4, (uint32_t)b);
			} else {
				put_be32(blk, JR_HEADER + 4 * k, (uint32_t)b);
			}
		}
		set_tail(j, blk);
		if (log_write(j, *pos, blk))
			return -EIO;
		*pos = ext2_journal_next(j, *pos);
	}
	return 0;
}

/* Tag `k` of a descriptor for `blk`, its logged copy in `copy`. */
static size_t put_tag(struct ext2_journal *j, uint8_t *desc, size_t at, uint64_t blk,
		      const uint8_t *copy, bool escaped, bool first, bool last)
{
	uint32_t flags = (escaped ? JBD2_FLAG_ESCAPE : 0) | (first ? 0 : JBD2_FLAG_SAME_UUID) |
			 (last ? JBD2_FLAG_LAST_TAG : 0);
	uint32_t csum = 0;

	if (ext2_journal_has_csum(j)) {
		uint8_t seq[4];

		put_be32(seq, 0, j->tid);
		csum = crc32c(crc32c(j->seed, seq, 4), copy, j->fs->bsize);
	}
	put_be32(desc, at, (uint32_t)blk);
	if (j->incompat & JBD2_INCOMPAT_CSUM_V3) {
		put_be32(desc, at + 4, flags);
		put_be32(desc, at + 8, (uint32_t)(blk >> 32));
		put_be32(desc, at + 12, csum);
	} else {
		put_be16(desc, at + 4, (uint16_t)csum);
		put_be16(desc, at + 6, (uint16_t)flags);
		if (j->incompat & JBD2_INCOMPAT_64BIT)
			put_be32(desc, at + 8, (uint32_t)(blk >> 32));
	}
	at += j->tag_bytes;
	if (first) {
		memcpy(desc + at, j->jsb + JSB_UUID, JBD2_UUID_BYTES);
		at += JBD2_UUID_BYTES;
	}
	return at;
}

static int write_blocks(struct ext2_journal *j, uint32_t *pos)
{
	struct ext2_fs *fs = j->fs;
	uint8_t *desc = j->bounce, *copy = j->bounce2;
	unsigned per = tags_per_desc(j), i = 0;

	for (;;) {
		uint32_t desc_pos = *pos;
		size_t at = JH_SIZE;
		unsigned n = 0;

		/* a descriptor only for blocks still to log: a slot taken
		 * and left unwritten would end every replay's log there */
		while (i < j->nblocks && j->blocks[i].forgotten)
			i++;
		if (i == j->nblocks)
			break;
		memset(desc, 0, fs->bsize);
		header(desc, JBD2_DESCRIPTOR_BLOCK, j->tid);
		*pos = ext2_journal_next(j, *pos);
		for (; i < j->nblocks && n < per; i++) {
			const struct jblock *jb = &j->blocks[i];
			bool escaped, last;
			unsigned left = 0;

			if (jb->forgotten)
				continue;
			for (unsigned k = i + 1; k < j->nblocks && !left; k++)
				left = !j->blocks[k].forgotten;
			last = !left || n + 1 == per;
			svc_buf_read(jb->b, 0, copy, fs->bsize);
			escaped = be32_at(copy, 0) == JBD2_MAGIC;
			if (escaped)
				put_be32(copy, 0, 0);
			at = put_tag(j, desc, at, jb->blk, copy, escaped, n == 0, last);
			if (log_write(j, *pos, copy))
				return -EIO;
			*pos = ext2_journal_next(j, *pos);
			n++;
		}
		set_tail(j, desc);
		if (log_write(j, desc_pos, desc))
			return -EIO;
	}
	return 0;
}

static int write_commit(struct ext2_journal *j, uint32_t pos)
{
	uint8_t *blk = j->bounce;
	struct vfs_time now = svc_now();

	memset(blk, 0, j->fs->bsize);
	header(blk, JBD2_COMMIT_BLOCK, j->tid);
	put_be32(blk, JC_COMMIT_SEC, (uint32_t)((uint64_t)now.sec >> 32));
	put_be32(blk, JC_COMMIT_SEC + 4, (uint32_t)now.sec);
	put_be32(blk, JC_COMMIT_NSEC, (uint32_t)now.nsec);
	if (ext2_journal_has_csum(j))
		put_be32(blk, JC_CHKSUM, crc32c(j->seed, blk, j->fs->bsize));
	return log_write(j, pos, blk);
}

/* The commit block, written in its frame at `pos`, to the disk and
 * flushed: 0 or -EIO. */
static int commit_send(struct ext2_journal *j, uint32_t pos)
{
	struct ext2_fs *fs = j->fs;
	uint64_t p = ext2_journal_bmap(j, pos);

	if (!p || svc_bdev_write_pages(fs->cap, fs->bd, p << fs->log_bsize,
				       &j->lpg[from_head(j, pos)], 1))
		return -EIO;
	return svc_bdev_flush(fs->cap, fs->bd) ? -EIO : 0;
}

int ext2_journal_commit(struct ext2_journal *j)
{
	struct ext2_fs *fs = j->fs;
	uint32_t need, pos;
	bool paged;
	int err;

	if (j->aborted)
		return -EIO;
	SVC_ASSERT(j->depth == 0);
	ext2_journal_fill_super(j);
	/* ordered mode: the cached data of the blocks this transaction maps
	 * goes to them first (written back, its pages still dirty or not) */
	if (j->ordered && ext2_pc_flush_ordered(fs))
		goto err_abort;
	if (!j->logged && !j->nrevokes) {
		/* nothing to log (every block forgotten): the data and the
		 * freed blocks may go */
		if (j->ordered && svc_bdev_sync(fs->cap, fs->bd))
			goto err_abort;
		ext2_journal_release_running(j);
		return 0;
	}
	need = ext2_journal_space(j, j->logged, j->nrevokes);
	if (need > ext2_journal_free_blocks(j) && ext2_journal_checkpoint(j))
		return -EIO;
	if (need > ext2_journal_free_blocks(j)) {
		ext2_journal_abort(j, "transaction larger than the journal");
		return -EIO;
	}
	pos = j->head;
	j->npaged = log_paged(j, need) ? need : 0;
	err = write_revokes(j, &pos);
	if (!err)
		err = write_blocks(j, &pos);
	/* every log block and the commit block in frames: nothing of this
	 * commit goes through the buffers */
	paged = from_head(j, pos) < j->npaged;
	if (!err && j->npaged)
		err = log_send(j, MIN(from_head(j, pos), j->npaged)); /* any more: buffers */
	/* the ordered data and the log blocks on the disk before the commit
	 * block is written: a flush when all were written and waited for
	 * (the blocks of earlier commits go home later, by the cache's
	 * write-back or the checkpoint), else a sync writes those in the
	 * buffers too (smaller blocks, data written through them) */
	if (!err)
		err = paged && !j->ordered ? svc_bdev_flush(fs->cap, fs->bd)
					   : svc_bdev_sync(fs->cap, fs->bd);
	if (!err)
		err = write_commit(j, pos);
	if (!err)
		err = paged ? commit_send(j, pos) : svc_bdev_sync(fs->cap, fs->bd);
	j->npaged = 0;
	if (err)
		goto err_abort;
	j->head = ext2_journal_next(j, pos);
	j->tid++;
	ext2_journal_release_running(j);
	/* without revoke records an old copy of a freed block could be
	 * replayed over its next use: the log must not keep one */
	if (j->had_forget && !(j->incompat & JBD2_INCOMPAT_REVOKE))
		return ext2_journal_checkpoint(j);
	return 0;
err_abort:
	ext2_journal_abort(j, "commit I/O error");
	return -EIO;
}

int ext2_journal_checkpoint(struct ext2_journal *j)
{
	struct ext2_fs *fs = j->fs;

	if (j->aborted)
		return -EIO;
	if (j->tail == j->head)
		return 0;
	if (j->npending) {
		/* a running block's committed content is only in the log: its
		 * transaction outgrew every reservation (JOIN_SLACK) */
		ext2_journal_abort(j, "log full before blocks not home could commit");
		return -EIO;
	}
	if (svc_bdev_sync(fs->cap, fs->bd))
		goto err_abort;
	if (ext2_journal_write_sb(j, j->head, j->tid) || svc_bdev_sync(fs->cap, fs->bd))
		goto err_abort;
	j->tail = j->head;
	j->tail_tid = j->tid;
	return 0;
err_abort:
	ext2_journal_abort(j, "checkpoint I/O error");
	return -EIO;
}
