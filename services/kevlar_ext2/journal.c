/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The jbd2 journal of an ext3/ext4 mount: finding it (the journal inode,
 * its block map, its superblock and features, checksums checked), the
 * mount-time decisions Linux makes (replay, wipe, refuse), starting and
 * stopping it on writable mounts, and the running transaction behind
 * tx.h (ordered mode).  Commit and checkpoint are commit.c's; replay is
 * recovery.c's.
 *
 * How a change reaches the disk: an operation changes a metadata block
 * in place in the shared buffer cache (ext2_tx_write).  The first change
 * of a block in a transaction takes our own reference and holds the
 * buffer, so the cache never writes it home uncommitted.  Its committed
 * content, if still dirty from an earlier transaction, is not written
 * home first (unless the log is short of room): the log keeps it, and
 * the newer copy this transaction commits goes home in its place.  At
 * commit the copies go to the log, then the commit block; only then are
 * the holds released and the cache writes the blocks home (checkpoint).
 * So the log's tail may move past every committed transaction once the
 * cache has written all that is dirty and unheld, and the running
 * transaction holds no block whose committed content is not home: a
 * checkpoint runs only then (commit.c).
 *
 * Everything runs under fs->wlock (journal.h), and the commit that runs
 * when a transaction is 5 s old happens at the next ext2_tx_begin or
 * ext2_tx_end (the service API has no timer), at ext2_tx_sync and at
 * unmount.
 */
#include <klib/crc32c.h>
#include <klib/errno.h>
#include <klib/string.h>
#include "journal.h"
#include "tx.h"

bool ext2_journal_has_csum(const struct ext2_journal *j)
{
	return j->incompat & (JBD2_INCOMPAT_CSUM_V2 | JBD2_INCOMPAT_CSUM_V3);
}

uint64_t ext2_journal_bmap(const struct ext2_journal *j, uint32_t jblk)
{
	for (unsigned i = 0; i < j->nmap; i++) {
		const struct jmap_run *r = &j->map[i];

		if (jblk >= r->lblk && jblk - r->lblk < r->count)
			return r->pblk + (jblk - r->lblk);
	}
	return 0;
}

uint32_t ext2_journal_next(const struct ext2_journal *j, uint32_t jblk)
{
	return jblk + 1 >= j->last ? j->first : jblk + 1;
}

int ext2_journal_read(struct ext2_journal *j, uint32_t jblk, uint8_t *buf)
{
	uint64_t p = ext2_journal_bmap(j, jblk);
	struct svc_buf *b;
	int err = 0;

	if (!p)
		return -EIO;
	b = svc_bread(j->fs->cap, j->fs->bd, p, j->fs->bsize, &err);
	if (!b)
		return -EIO;
	svc_buf_read(b, 0, buf, j->fs->bsize);
	svc_brelse(j->fs->cap, b);
	return 0;
}

static unsigned tag_bytes(uint32_t incompat)
{
	unsigned sz = 12; /* blocknr, checksum16, flags16, blocknr_high */

	if (incompat & JBD2_INCOMPAT_CSUM_V3)
		return 16;
	if (incompat & JBD2_INCOMPAT_CSUM_V2)
		sz += 2;
	return (incompat & JBD2_INCOMPAT_64BIT) ? sz : sz - 4;
}

static uint32_t jsb_csum(const uint8_t *jsb)
{
	static const uint8_t zero[4];
	uint32_t c = crc32c(~0u, jsb, JSB_CHECKSUM);

	c = crc32c(c, zero, 4);
	return crc32c(c, jsb + JSB_CHECKSUM + 4, JSB_SIZE - JSB_CHECKSUM - 4);
}

int ext2_journal_write_sb(struct ext2_journal *j, uint32_t start, uint32_t sequence)
{
	struct ext2_fs *fs = j->fs;
	uint64_t p = ext2_journal_bmap(j, 0);
	struct svc_buf *b;
	int err = 0;

	put_be32(j->jsb, JSB_START, start);
	put_be32(j->jsb, JSB_SEQUENCE, sequence);
	if (j->v2) {
		put_be32(j->jsb, JSB_FEATURE_INCOMPAT, j->incompat);
		put_be32(j->jsb, JSB_FEATURE_COMPAT, j->compat);
		if (ext2_journal_has_csum(j)) {
			j->jsb[JSB_CHECKSUM_TYPE] = JBD2_CRC32C_CHKSUM;
			put_be32(j->jsb, JSB_CHECKSUM, jsb_csum(j->jsb));
		}
	}
	b = svc_bread(fs->cap, fs->bd, p, fs->bsize, &err);
	if (!b)
		return -EIO;
	svc_buf_write(b, 0, j->jsb, JSB_SIZE);
	err = svc_buf_sync(fs->cap, b);
	svc_brelse(fs->cap, b);
	return err ? -EIO : 0;
}

int ext2_journal_set_recover(struct ext2_fs *fs, bool on)
{
	uint64_t blk = EXT2_SB_OFFSET / fs->bsize;
	size_t off = EXT2_SB_OFFSET % fs->bsize;
	uint8_t sb[EXT2_SB_SIZE];
	struct svc_buf *b;
	uint32_t incompat;
	int err = 0;

	b = svc_bread(fs->cap, fs->bd, blk, fs->bsize, &err);
	if (!b)
		return -EIO;
	svc_buf_read(b, off, sb, sizeof(sb));
	incompat = le32_at(sb, SB_FEATURE_INCOMPAT);
	incompat = on ? incompat | INCOMPAT_RECOVER : incompat & ~INCOMPAT_RECOVER;
	for (int k = 0; k < 4; k++)
		sb[SB_FEATURE_INCOMPAT + k] = (uint8_t)(incompat >> (8 * k));
	if (fs->csum) {
		uint32_t c = crc32c(~0u, sb, SB_CHECKSUM);

		for (int k = 0; k < 4; k++)
			sb[SB_CHECKSUM + k] = (uint8_t)(c >> (8 * k));
	}
	svc_buf_write(b, off, sb, sizeof(sb));
	err = svc_buf_sync(fs->cap, b);
	svc_brelse(fs->cap, b);
	if (err)
		return -EIO;
	memcpy(fs->raw_sb, sb, sizeof(sb));
	fs->incompat = incompat;
	return 0;
}

/* ---- discovery ---- */

/* Whether mount(2)'s options name `opt` (a comma-separated list). */
static bool has_option(const char *data, size_t len, const char *opt)
{
	size_t n = strlen(opt), i = 0;

	while (data && i < len && data[i]) {
		size_t e = i;

		while (e < len && data[e] && data[e] != ',')
			e++;
		if (e - i == n && !memcmp(data + i, opt, n))
			return true;
		i = e + 1;
	}
	return false;
}

/* The journal inode's block map, as runs: 0, -EINVAL (a hole, too
 * short), -ENOMEM, -EIO. */
static int map_journal(struct ext2_journal *j, struct ext2_inode *ei, uint32_t maxlen)
{
	struct ext2_fs *fs = j->fs;
	unsigned cap = 4;
	uint32_t l = 0;

	if (ei->size / fs->bsize < maxlen)
		return -EINVAL;
	j->map = svc_alloc(fs->cap, cap * sizeof(*j->map));
	if (!j->map)
		return -ENOMEM;
	while (l < maxlen) {
		uint64_t pblk, run;
		int err = ext2_bmap(ei, l, &pblk, &run);

		if (err)
			return err;
		if (!pblk)
			return -EINVAL;
		if (run > maxlen - l)
			run = maxlen - l;
		if (j->nmap && j->map[j->nmap - 1].pblk + j->map[j->nmap - 1].count == pblk) {
			j->map[j->nmap - 1].count += (uint32_t)run;
		} else {
			if (j->nmap == cap) {
				struct jmap_run *m = svc_alloc(fs->cap, 2 * cap * sizeof(*m));

				if (!m)
					return -ENOMEM;
				memcpy(m, j->map, cap * sizeof(*m));
				svc_free(fs->cap, j->map);
				j->map = m;
				cap *= 2;
			}
			j->map[j->nmap++] = (struct jmap_run){l, (uint32_t)run, pblk};
		}
		l += (uint32_t)run;
	}
	return 0;
}

/* Read and check the journal superblock: 0, -EINVAL, -EBADMSG, -EIO. */
static int read_jsb(struct ext2_journal *j, const char *source)
{
	struct ext2_fs *fs = j->fs;
	uint8_t *blk = j->bounce;
	uint32_t type, maxlen;

	if (ext2_journal_read(j, 0, blk))
		return -EIO;
	memcpy(j->jsb, blk, JSB_SIZE);
	type = be32_at(j->jsb, JH_BLOCKTYPE);
	if (be32_at(j->jsb, JH_MAGIC) != JBD2_MAGIC ||
	    (type != JBD2_SUPERBLOCK_V1 && type != JBD2_SUPERBLOCK_V2)) {
		svc_log("JBD2: no valid journal superblock found");
		return -EINVAL;
	}
	j->v2 = type == JBD2_SUPERBLOCK_V2;
	if (be32_at(j->jsb, JSB_BLOCKSIZE) != fs->bsize) {
		svc_log("JBD2: journal block size %u differs from the filesystem's %u (%s)",
			be32_at(j->jsb, JSB_BLOCKSIZE), fs->bsize, source);
		return -EINVAL;
	}
	maxlen = be32_at(j->jsb, JSB_MAXLEN);
	j->first = be32_at(j->jsb, JSB_FIRST);
	if (j->v2) {
		j->compat = be32_at(j->jsb, JSB_FEATURE_COMPAT);
		j->incompat = be32_at(j->jsb, JSB_FEATURE_INCOMPAT);
	}
	if (j->incompat & ~JBD2_INCOMPAT_KNOWN) {
		svc_log("JBD2: Unrecognised features on journal (%x) (%s)",
			j->incompat & ~JBD2_INCOMPAT_KNOWN, source);
		return -EINVAL;
	}
	if ((j->incompat & JBD2_INCOMPAT_CSUM_V2) && (j->incompat & JBD2_INCOMPAT_CSUM_V3)) {
		svc_log("JBD2: Can't enable checksumming v2 and v3 at the same time!");
		return -EINVAL;
	}
	if (ext2_journal_has_csum(j)) {
		if (j->jsb[JSB_CHECKSUM_TYPE] != JBD2_CRC32C_CHKSUM) {
			svc_log("JBD2: Unknown checksum type");
			return -EINVAL;
		}
		if (jsb_csum(j->jsb) != be32_at(j->jsb, JSB_CHECKSUM)) {
			svc_log("JBD2: journal checksum error");
			return -EBADMSG;
		}
	}
	j->last = maxlen;
	if (maxlen < 1024 || j->first == 0 || j->first >= maxlen) {
		svc_log("JBD2: journal file too short or corrupt (%s)", source);
		return -EINVAL;
	}
	j->seed = crc32c(~0u, j->jsb + JSB_UUID, JBD2_UUID_BYTES);
	j->tag_bytes = tag_bytes(j->incompat);
	return 0;
}

static void journal_free(struct ext2_journal *j)
{
	struct svc_cap cap = j->fs->cap;

	svc_free(cap, j->map);
	svc_free(cap, j->blocks);
	svc_free(cap, j->index);
	svc_free(cap, j->revokes);
	svc_free(cap, j->seen);
	svc_free(cap, j->bounce);
	svc_free(cap, j->bounce2);
	for (unsigned i = 0; i < j->nlpg; i++)
		svc_page_put(cap, j->lpg[i]);
	svc_free(cap, j->lpg);
	svc_free(cap, j);
}

/* The ordered ranges of a journal that will not commit again. */
static void ordered_free(struct ext2_fs *fs)
{
	svc_lock(fs->cap, fs->lock);
	for (unsigned i = 0; i < fs->nord; i++)
		if (fs->ord[i].ei)
			fs->ord[i].ei->nord = 0;
	svc_free(fs->cap, fs->ord);
	fs->ord = NULL;
	fs->nord = fs->ord_cap = 0;
	svc_unlock(fs->cap, fs->lock);
}

void ext2_journal_free(struct ext2_fs *fs)
{
	struct ext2_journal *j = fs->journal;

	if (!j)
		return;
	/* an aborted journal keeps its blocks held: they never go home */
	if (!j->aborted)
		ext2_journal_release_running(j);
	fs->journal = NULL;
	journal_free(j);
	ordered_free(fs);
}

/* A read-only mount that must replay: the device opened for writing, as
 * Linux enables write access for the recovery.  0 or -EROFS. */
static int reopen_writable(struct ext2_fs *fs, const char *source)
{
	struct svc_bdev *bd;
	int err = 0;

	bd = svc_bdev_open(fs->cap, source, true, &err);
	if (!bd) {
		svc_log("EXT4-fs (%s): write access unavailable, cannot proceed (try mounting "
			"with noload)",
			fs->sb->source);
		return -EROFS;
	}
	svc_bdev_close(fs->cap, fs->bd);
	fs->bd = bd;
	svc_log("EXT4-fs (%s): write access will be enabled during recovery", fs->sb->source);
	return 0;
}

int ext2_journal_load(struct ext2_fs *fs, const char *source, const void *data, size_t len,
		      bool *reread)
{
	bool recover = fs->incompat & INCOMPAT_RECOVER, ro = fs->sb->read_only;
	uint32_t inum = le32_at(fs->raw_sb, SB_JOURNAL_INUM), next;
	struct ext2_journal *j;
	struct inode *ino;
	int err;

	*reread = false;
	if (!(fs->compat & COMPAT_HAS_JOURNAL))
		return 0;
	if (has_option(data, len, "noload") || has_option(data, len, "norecovery")) {
		if (recover && !ro) {
			svc_log("EXT4-fs (%s): required journal recovery suppressed and not "
				"mounted read-only",
				fs->sb->source);
			return -EINVAL;
		}
		return 0;
	}
	if (!inum) {
		svc_log("EXT4-fs (%s): external journal devices are not supported", fs->sb->source);
		return -EINVAL;
	}
	j = svc_alloc(fs->cap, sizeof(*j));
	if (!j)
		return -ENOMEM;
	j->fs = fs;
	j->handle.fs = fs;
	j->handle.j = j;
	j->bounce = ext2_block_alloc(fs);
	j->bounce2 = ext2_block_alloc(fs);
	err = -ENOMEM;
	if (!j->bounce || !j->bounce2)
		goto err_free;
	err = ext2_iget(fs, inum, &ino);
	if (err)
		goto err_log;
	if (!S_ISREG(EI(ino)->mode) || !EI(ino)->nlink) {
		svc_inode_put(fs->cap, ino);
		err = -EINVAL;
		goto err_log;
	}
	/* journal block 0 first: its superblock says how long the log is */
	err = map_journal(j, EI(ino), 1);
	if (!err)
		err = read_jsb(j, fs->sb->source);
	if (!err) {
		svc_free(fs->cap, j->map);
		j->map = NULL;
		j->nmap = 0;
		err = map_journal(j, EI(ino), j->last);
	}
	svc_inode_put(fs->cap, ino);
	if (err)
		goto err_log;
	if (recover) {
		if (ro) {
			svc_log("EXT4-fs (%s): INFO: recovery required on readonly filesystem",
				fs->sb->source);
			err = reopen_writable(fs, source);
			if (err)
				goto err_free;
		}
		err = ext2_journal_recover(j, true, &next);
		if (err) {
			svc_log("EXT4-fs (%s): error loading journal", fs->sb->source);
			goto err_free;
		}
		/* the log is empty now: s_start 0, new ids past every one seen */
		err = ext2_journal_write_sb(j, 0, next);
		if (!err && ro)
			err = ext2_journal_set_recover(fs, false);
		if (!err)
			err = svc_bdev_sync(fs->cap, fs->bd);
		if (err)
			goto err_free;
		svc_log("EXT4-fs (%s): recovery complete", fs->sb->source);
		*reread = true;
	} else if (be32_at(j->jsb, JSB_START)) {
		/* log contents without the filesystem's recovery flag: Linux
		 * drops them (jbd2_journal_wipe) rather than replay them */
		bool write = !svc_bdev_read_only(fs->bd) && !ro;

		svc_log("JBD2: %s recovery information on journal",
			write ? "Clearing" : "Ignoring");
		err = ext2_journal_recover(j, false, &next);
		if (!err && write)
			err = ext2_journal_write_sb(j, 0, next);
		if (err)
			goto err_free;
	} else {
		next = be32_at(j->jsb, JSB_SEQUENCE) + 1;
	}
	j->tid = next;
	fs->journal = j;
	return 0;
err_log:
	svc_log("EXT4-fs (%s): Could not load journal inode", fs->sb->source);
	if (err != -ENOMEM && err != -EIO && err != -EBADMSG)
		err = -EINVAL;
err_free:
	journal_free(j);
	return err;
}

int ext2_journal_start(struct ext2_fs *fs)
{
	struct ext2_journal *j = fs->journal;
	int err;

	if (!j || j->live)
		return 0;
	if (j->aborted)
		return -EROFS;
	if (j->v2) {
		/* what Linux's ext4 asks of the journal it writes */
		j->incompat |= JBD2_INCOMPAT_REVOKE;
		if (fs->incompat & INCOMPAT_64BIT)
			j->incompat |= JBD2_INCOMPAT_64BIT;
		if (fs->csum && !ext2_journal_has_csum(j)) {
			j->incompat |= JBD2_INCOMPAT_CSUM_V3;
			j->compat &= ~JBD2_COMPAT_CHECKSUM;
		}
		j->tag_bytes = tag_bytes(j->incompat);
	} else if (fs->blocks_count > UINT32_MAX) {
		svc_log("JBD2: a v1 journal cannot address this filesystem (%s)", fs->sb->source);
		return -EINVAL;
	}
	j->tail = j->head = j->first;
	j->tail_tid = j->tid;
	err = ext2_journal_write_sb(j, j->tail, j->tail_tid);
	if (!err)
		err = ext2_journal_set_recover(fs, true);
	if (!err)
		err = svc_bdev_sync(fs->cap, fs->bd);
	if (err)
		return -EIO;
	j->live = true;
	return 0;
}

int ext2_journal_stop(struct ext2_fs *fs)
{
	struct ext2_journal *j = fs->journal;
	int err;

	if (!j || !j->live)
		return 0;
	if (j->aborted)
		return -EIO;
	err = ext2_journal_commit(j);
	if (!err)
		err = ext2_journal_checkpoint(j);
	if (!err)
		err = ext2_journal_write_sb(j, 0, j->tid);
	if (!err)
		err = ext2_journal_set_recover(fs, false);
	if (!err)
		err = svc_bdev_sync(fs->cap, fs->bd);
	if (err) {
		ext2_journal_abort(j, "final commit");
		return -EIO;
	}
	j->live = false;
	return 0;
}

/* ---- the running transaction ---- */

static int grow(struct svc_cap cap, void **arr, unsigned *cap_n, unsigned want, size_t size)
{
	unsigned n = *cap_n ? *cap_n : 16;
	void *a;

	if (want <= *cap_n)
		return 0;
	while (n < want)
		n *= 2;
	a = svc_alloc(cap, (size_t)n * size);
	if (!a)
		return -ENOMEM;
	if (*arr)
		memcpy(a, *arr, (size_t)*cap_n * size);
	svc_free(cap, *arr);
	*arr = a;
	*cap_n = n;
	return 0;
}

static unsigned hash_blk(uint64_t blk, unsigned size)
{
	return (unsigned)((blk * 0x9e3779b97f4a7c15ull) >> 32) & (size - 1);
}

/* The running transaction's entry for `blk`, or NULL. */
static struct jblock *find_block(struct ext2_journal *j, uint64_t blk)
{
	if (!j->index_size)
		return NULL;
	for (unsigned h = hash_blk(blk, j->index_size);; h = (h + 1) & (j->index_size - 1)) {
		uint32_t slot = j->index[h];

		if (!slot)
			return NULL;
		if (j->blocks[slot - 1].blk == blk)
			return &j->blocks[slot - 1];
	}
}

static void index_insert(struct ext2_journal *j, unsigned i)
{
	unsigned h = hash_blk(j->blocks[i].blk, j->index_size);

	while (j->index[h])
		h = (h + 1) & (j->index_size - 1);
	j->index[h] = i + 1;
}

/* Room for `want` blocks in the running transaction: 0 or -ENOMEM. */
static int reserve_blocks(struct ext2_journal *j, unsigned want)
{
	struct svc_cap cap = j->fs->cap;
	unsigned size = j->index_size ? j->index_size : 64;
	uint32_t *index;

	if (grow(cap, (void **)&j->blocks, &j->blocks_cap, want, sizeof(*j->blocks)))
		return -ENOMEM;
	while (size < 2 * want)
		size *= 2;
	if (size == j->index_size)
		return 0;
	index = svc_alloc(cap, size * sizeof(*index));
	if (!index)
		return -ENOMEM;
	svc_free(cap, j->index);
	j->index = index;
	j->index_size = size;
	for (unsigned i = 0; i < j->nblocks; i++)
		index_insert(j, i);
	return 0;
}

static uint32_t max_transaction(const struct ext2_journal *j)
{
	return (j->last - j->first) / 4;
}

static bool commit_due(struct ext2_journal *j)
{
	if (!j->nblocks && !j->nrevokes)
		return false;
	return svc_now().sec - j->start_sec >= JBD2_COMMIT_INTERVAL_SEC ||
	       j->logged >= max_transaction(j);
}

int ext2_journal_begin(struct ext2_journal *j, unsigned credits, struct ext2_tx **out)
{
	int err = 0;

	if (!j->live || j->aborted)
		return -EROFS;
	if (credits > max_transaction(j))
		credits = max_transaction(j);
	if (!j->depth) {
		if (commit_due(j))
			err = ext2_journal_commit(j);
		if (!err && ext2_journal_space(j, j->logged + credits, j->nrevokes + credits) >
				    ext2_journal_free_blocks(j))
			err = ext2_journal_commit(j);
		if (!err && ext2_journal_space(j, credits, credits) > ext2_journal_free_blocks(j))
			err = ext2_journal_checkpoint(j);
		if (err)
			return -EROFS;
		j->op_changed = j->op_meta = false;
	}
	if (reserve_blocks(j, j->nblocks + credits) ||
	    grow(j->fs->cap, (void **)&j->seen, &j->seen_cap, j->nseen + credits, sizeof(*j->seen)))
		return -ENOMEM;
	j->depth++;
	*out = &j->handle;
	return 0;
}

static void remember(struct ext2_journal *j, struct svc_buf *b, uint64_t blk)
{
	for (unsigned i = j->nseen; i-- > 0;) {
		if (j->seen[i].b == b) {
			j->seen[i].blk = blk;
			return;
		}
	}
	if (grow(j->fs->cap, (void **)&j->seen, &j->seen_cap, j->nseen + 1, sizeof(*j->seen))) {
		ext2_journal_abort(j, "out of memory");
		return;
	}
	j->seen[j->nseen++] = (struct jseen){b, blk};
}

struct svc_buf *ext2_journal_bread(struct ext2_tx *tx, uint64_t blk, bool whole, int *err)
{
	struct ext2_fs *fs = tx->fs;
	struct svc_buf *b;

	if (whole)
		b = svc_bget(fs->cap, fs->bd, blk, fs->bsize, err);
	else
		b = svc_bread(fs->cap, fs->bd, blk, fs->bsize, err);
	if (b)
		remember(tx->j, b, blk);
	return b;
}

static void cancel_revoke(struct ext2_journal *j, uint64_t blk)
{
	for (unsigned i = 0; i < j->nrevokes; i++) {
		if (j->revokes[i] == blk) {
			j->revokes[i] = j->revokes[--j->nrevokes];
			return;
		}
	}
}

/* Log blocks a transaction may take past its reservations before a block
 * whose committed content is not home must be written there at its join
 * (the log then may have to be checkpointed before this one commits). */
#define JOIN_SLACK 256

/* The first change of `blk` in the running transaction, then our held
 * reference.  Its committed content, if the cache has not written it
 * home yet, stays there unwritten (as jbd2 leaves it on the older
 * transaction's checkpoint list): the log keeps that content until a
 * checkpoint, which runs only once this transaction has committed and
 * released it (npending), so a crash before replays it.  With the log
 * short of room, it is written home first.  0 or -errno. */
static int join(struct ext2_journal *j, struct svc_buf *b, uint64_t blk)
{
	struct ext2_fs *fs = j->fs;
	struct svc_buf *mine;
	int err = 0;

	if (reserve_blocks(j, j->nblocks + 1))
		return -ENOMEM;
	if (svc_buf_dirty(b)) {
		if (ext2_journal_space(j, j->logged + 1 + JOIN_SLACK, j->nrevokes) <=
		    ext2_journal_free_blocks(j))
			j->npending++;
		else if (svc_buf_sync(fs->cap, b))
			return -EIO;
	}
	mine = svc_bread(fs->cap, fs->bd, blk, fs->bsize, &err);
	if (!mine)
		return err;
	svc_buf_hold(mine, true);
	j->blocks[j->nblocks] = (struct jblock){.blk = blk, .b = mine};
	index_insert(j, j->nblocks++);
	if (j->nblocks == 1 && !j->nrevokes)
		j->start_sec = svc_now().sec;
	j->logged++;
	cancel_revoke(j, blk);
	return 0;
}

void ext2_journal_write(struct ext2_tx *tx, struct svc_buf *b, size_t off, const void *src,
			size_t n)
{
	struct ext2_journal *j = tx->j;
	struct jblock *jb = NULL;
	uint64_t blk = 0;
	bool found = false;

	for (unsigned i = j->nseen; i-- > 0;) {
		if (j->seen[i].b == b) {
			blk = j->seen[i].blk;
			found = true;
			break;
		}
	}
	if (!found)
		svc_panic("ext2: ext2_tx_write of a buffer not read through the transaction");
	if (!j->aborted) {
		jb = find_block(j, blk);
		if (!jb && join(j, b, blk))
			ext2_journal_abort(j, "cannot join a block to the transaction");
	}
	if (j->aborted) {
		/* pinned for good: an aborted journal sends nothing home */
		svc_buf_hold(b, true);
	} else if (jb && jb->forgotten) {
		/* freed and reused as metadata in one transaction */
		jb->forgotten = false;
		j->logged++;
		cancel_revoke(j, blk);
	}
	j->op_changed = j->op_meta = true;
	svc_buf_write(b, off, src, n);
}

bool ext2_journal_super_pending(struct ext2_journal *j)
{
	if (j->aborted || !find_block(j, ext2_super_block(j->fs)))
		return false;
	j->sb_dirty = true;
	j->op_changed = j->op_meta = true;
	return true;
}

void ext2_journal_fill_super(struct ext2_journal *j)
{
	struct jblock *jb;

	if (!j->sb_dirty)
		return;
	j->sb_dirty = false;
	jb = find_block(j, ext2_super_block(j->fs));
	if (jb)
		ext2_super_fill(j->fs, jb->b);
	else /* cannot be: it is never forgotten, and leaves only at release */
		ext2_journal_abort(j, "the superblock left its transaction");
}

void ext2_journal_write_inode(struct ext2_tx *tx, struct ext2_inode *ei, struct svc_buf *b,
			      size_t off, bool changed, bool data)
{
	struct ext2_journal *j = tx->j;
	bool meta = j->op_meta;

	if (changed) {
		ext2_journal_write(tx, b, off, ei->raw, j->fs->inode_size);
		j->op_meta = meta; /* an inode's own bytes are not "other metadata" */
	}
	if (changed || j->op_changed)
		ei->sync_tid = j->tid;
	if (data || j->op_meta)
		ei->datasync_tid = j->tid;
}

void ext2_journal_forget(struct ext2_tx *tx, uint64_t blk)
{
	struct ext2_journal *j = tx->j;
	struct jblock *jb = find_block(j, blk);

	if (j->aborted)
		return;
	j->op_changed = j->op_meta = true;
	if (jb && !jb->forgotten) {
		/* still held until the commit: its home keeps the old content
		 * until the transaction that frees it is on the disk */
		jb->forgotten = true;
		j->logged--;
	}
	j->had_forget = true;
	if (!(j->incompat & JBD2_INCOMPAT_REVOKE))
		return;
	for (unsigned i = 0; i < j->nrevokes; i++) {
		if (j->revokes[i] == blk)
			return;
	}
	if (grow(j->fs->cap, (void **)&j->revokes, &j->revokes_cap, j->nrevokes + 1,
		 sizeof(*j->revokes))) {
		ext2_journal_abort(j, "out of memory for a revoke record");
		return;
	}
	if (!j->nblocks && !j->nrevokes)
		j->start_sec = svc_now().sec;
	j->revokes[j->nrevokes++] = blk;
}

void ext2_journal_ordered(struct ext2_tx *tx, uint64_t blk, uint64_t count)
{
	/* the data goes through the buffer cache, unheld: the commit's
	 * device sync writes it before the commit block */
	(void)blk;
	if (count)
		tx->j->ordered = tx->j->op_changed = tx->j->op_meta = true;
}

int ext2_journal_end(struct ext2_tx *tx)
{
	struct ext2_journal *j = tx->j;

	SVC_ASSERT(j->depth > 0);
	if (--j->depth)
		return j->aborted ? -EIO : 0;
	j->nseen = 0;
	if (!j->aborted && commit_due(j) && ext2_journal_commit(j))
		return -EIO;
	return j->aborted ? -EIO : 0;
}

int ext2_journal_tick(struct ext2_journal *j)
{
	if (!j->live || j->aborted || j->depth || !commit_due(j))
		return 0;
	return ext2_journal_commit(j) ? -EIO : 0;
}

int ext2_journal_sync(struct ext2_journal *j)
{
	struct ext2_fs *fs = j->fs;

	if (j->aborted)
		return -EIO;
	if (j->nblocks || j->nrevokes)
		return ext2_journal_commit(j);
	return svc_bdev_sync(fs->cap, fs->bd) ? -EIO : 0;
}

int ext2_journal_sync_tid(struct ext2_journal *j, uint32_t tid)
{
	struct ext2_fs *fs = j->fs;
	uint32_t running = j->tid;
	int err;

	if (j->aborted)
		return -EIO;
	/* a later tid than the running one cannot be: treated as running */
	if (!tid_gt(running, tid) && (j->nblocks || j->nrevokes)) {
		err = ext2_journal_commit(j);
		if (err || j->tid != running)
			return err; /* committed: the commit flushed the disk */
	}
	/* committed before (or nothing logged): the disk's cache, after the
	 * file data still in the buffers on blocks smaller than a page (the
	 * writeback of their pages goes through them); on 4 KiB blocks every
	 * data write went out as page I/O or was synced (direct.c, file.c's
	 * zero_partial), so a flush alone, as Linux's ext4_sync_file: the
	 * blocks of committed transactions stay for the cache's write-back */
	if (fs->bsize == SVC_PAGE_SIZE)
		return svc_bdev_flush(fs->cap, fs->bd) ? -EIO : 0;
	return svc_bdev_sync(fs->cap, fs->bd) ? -EIO : 0;
}
