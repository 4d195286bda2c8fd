/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The jbd2 journal of ext3/ext4, private to kevlar_ext2: the on-disk
 * layout (big-endian, unlike the rest of ext4; the ext4 documentation's
 * "Journal (jbd2)" chapter), the in-memory journal of a mount, and the
 * calls between tx.c (the transaction interface), journal.c (discovery,
 * the running transaction, commit and checkpoint) and recovery.c (the
 * three passes of replay).
 *
 * Locking: everything here is guarded by fs->wlock.  Every operation
 * that changes metadata holds it from ext2_tx_begin to ext2_tx_end, and
 * commit and checkpoint run under it too, so a commit never sees half an
 * operation's changes in the shared buffer cache.  Mount and release run
 * alone.
 */
#pragma once

#include <klib/types.h>
#include "ext2.h"

/* ---- on disk ---- */

#define JBD2_MAGIC	      0xc03b3998u
#define JBD2_DESCRIPTOR_BLOCK 1
#define JBD2_COMMIT_BLOCK     2
#define JBD2_SUPERBLOCK_V1    3
#define JBD2_SUPERBLOCK_V2    4
#define JBD2_REVOKE_BLOCK     5
#define JH_MAGIC	      0x0 /* every log block's 12-byte header */
#define JH_BLOCKTYPE	      0x4
#define JH_SEQUENCE	      0x8
#define JH_SIZE		      12
/* the journal superblock (1024 bytes at the start of journal block 0) */
#define JSB_BLOCKSIZE	      0x0c
#define JSB_MAXLEN	      0x10
#define JSB_FIRST	      0x14
#define JSB_SEQUENCE	      0x18
#define JSB_START	      0x1c
#define JSB_ERRNO	      0x20
#define JSB_FEATURE_COMPAT    0x24
#define JSB_FEATURE_INCOMPAT  0x28
#define JSB_FEATURE_RO_COMPAT 0x2c
#define JSB_UUID	      0x30
#define JSB_NR_USERS	      0x40
#define JSB_CHECKSUM_TYPE     0x50
#define JSB_NUM_FC_BLKS	      0x54
#define JSB_CHECKSUM	      0xfc
#define JSB_SIZE	      1024
#define JBD2_CRC32C_CHKSUM    4
#define JBD2_COMPAT_CHECKSUM  0x1
#define JBD2_INCOMPAT_REVOKE  0x1
#define JBD2_INCOMPAT_64BIT   0x2
#define JBD2_INCOMPAT_ASYNC   0x4
#define JBD2_INCOMPAT_CSUM_V2 0x8
#define JBD2_INCOMPAT_CSUM_V3 0x10
#define JBD2_INCOMPAT_FAST    0x20
#define JBD2_INCOMPAT_KNOWN                                                 \
	(JBD2_INCOMPAT_REVOKE | JBD2_INCOMPAT_64BIT | JBD2_INCOMPAT_ASYNC | \
	 JBD2_INCOMPAT_CSUM_V2 | JBD2_INCOMPAT_CSUM_V3)
/* descriptor block tags */
#define JBD2_FLAG_ESCAPE    0x1
#define JBD2_FLAG_SAME_UUID 0x2
#define JBD2_FLAG_LAST_TAG  0x8
#define JBD2_UUID_BYTES	    16
#define JBD2_TAIL_SIZE	    4 /* the checksum closing descriptor and revoke blocks */
/* revoke blocks: r_count (bytes used, header included) then the block numbers */
#define JR_COUNT  0x0c
#define JR_HEADER 16
/* commit blocks */
#define JC_CHKSUM_TYPE 0x0c
#define JC_CHKSUM_SIZE 0x0d
#define JC_CHKSUM      0x10
#define JC_COMMIT_SEC  0x30
#define JC_COMMIT_NSEC 0x38

#define JBD2_COMMIT_INTERVAL_SEC 5 /* Linux's default commit= */

static inline uint32_t be32_at(const uint8_t *p, size_t off)
{
	return (uint32_t)p[off] << 24 | (uint32_t)p[off + 1] << 16 | (uint32_t)p[off + 2] << 8 |
	       p[off + 3];
}

static inline uint16_t be16_at(const uint8_t *p, size_t off)
{
	return (uint16_t)(p[off] << 8 | p[off + 1]);
}

static inline void put_be32(uint8_t *p, size_t off, uint32_t v)
{
	p[off] = (uint8_t)((v >> 24) & 0xff);
	p[off + 1] = (uint8_t)((v >> 16) & 0xff);
	p[off + 2] = (uint8_t)((v >> 8) & 0xff);
	p[off + 3] = (uint8_t)(v & 0xff);
}

static inline void put_be16(uint8_t *p, size_t off, uint16_t v)
{
	p[off] = (uint8_t)((v >> 8) & 0xff);
	p[off + 1] = (uint8_t)(v & 0xff);
}

/* Transaction ids wrap: a is after b when the signed distance is positive. */
static inline bool tid_gt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

/* ---- in memory ---- */

struct ext2_tx {
	struct ext2_fs *fs;
	struct ext2_journal *j; /* NULL: the journal-less transactions of tx.c */
};

/* A run of the journal inode's blocks: journal blocks [lblk, lblk + count)
 * are filesystem blocks [pblk, pblk + count). */
struct jmap_run {
	uint32_t lblk, count;
	uint64_t pblk;
};

/* A metadata block of the running transaction: our own reference to its
 * buffer, held (svc_buf_hold) so the cache keeps it from its home until
 * the transaction commits. */
struct jblock {
	uint64_t blk;
	struct svc_buf *b;
	bool forgotten; /* freed in this transaction: held, but not logged */
};

/* A buffer the current operation read through the transaction, so that
 * ext2_tx_write knows its block number. */
struct jseen {
	struct svc_buf *b;
	uint64_t blk;
};

struct ext2_journal {
	struct ext2_fs *fs;
	struct ext2_tx handle; /* the one operation at a time (fs->wlock) */
	unsigned depth;	       /* nested ext2_tx_begin calls of that operation */
	/* what the journal superblock says */
	uint8_t jsb[JSB_SIZE];
	uint32_t first, last; /* the log is journal blocks [first, last) */
	uint32_t compat, incompat;
	bool v2;
	uint32_t seed;	    /* crc32c of the journal's uuid */
	unsigned tag_bytes; /* one descriptor tag, without its uuid */
	struct jmap_run *map;
	unsigned nmap;
	/* the log: [tail, head) holds committed transactions not yet known
	 * to be at home, the first of them `tail_tid`; `tid` is the running
	 * (next) transaction's id */
	bool live;    /* started on a writable mount: transactions accepted */
	bool aborted; /* an I/O error: nothing more reaches the disk */
	uint32_t tail, head, tail_tid, tid;
	/* the running transaction */
	struct jblock *blocks;
	unsigned nblocks, blocks_cap;
	uint32_t *index; /* open addressing over blocks: slot = index + 1, 0 free */
	unsigned index_size;
	uint64_t *revokes;
	unsigned nrevokes, revokes_cap;
	unsigned logged; /* blocks that will be logged (not forgotten) */
	/* blocks that joined while their committed content was not home
	 * yet: it goes home only after this transaction commits (with its
	 * newer content), so no checkpoint may run before (journal.c join) */
	unsigned npending;
	bool ordered; /* file data was written for it */
	/* the current operation changed the running transaction (op_changed)
	 * with more than inodes' own bytes (op_meta): tx.h's
	 * ext2_tx_write_inode */
	bool op_changed, op_meta;
	bool had_forget;
	bool sb_dirty;	   /* fs->raw_sb changed since its block joined: copied at the commit */
	int64_t start_sec; /* when its first block joined */
	struct jseen *seen;
	unsigned nseen, seen_cap;
	uint8_t *bounce, *bounce2; /* fs->bsize each */
	/* 4 KiB blocks: a commit's log blocks are written in these frames
	 * (kept from one commit to the next) and sent as few requests */
	struct svc_page **lpg;
	unsigned nlpg;	 /* frames got */
	unsigned npaged; /* this commit's log blocks from head on go there */
};

/* journal.c */
bool ext2_journal_has_csum(const struct ext2_journal *j);
/* The filesystem block of journal block `jblk`: 0 if outside the journal. */
uint64_t ext2_journal_bmap(const struct ext2_journal *j, uint32_t jblk);
/* Journal block `jblk` whole into buf: 0 or -EIO. */
int ext2_journal_read(struct ext2_journal *j, uint32_t jblk, uint8_t *buf) __must_check;
/* The next log block after `jblk`, wrapping from last back to first. */
uint32_t ext2_journal_next(const struct ext2_journal *j, uint32_t jblk);
/* Write the journal superblock with s_start and s_sequence, and wait. */
int ext2_journal_write_sb(struct ext2_journal *j, uint32_t start, uint32_t sequence) __must_check;
/* Set or clear INCOMPAT_RECOVER in the filesystem's superblock on disk
 * (written in place and waited for, as Linux does at mount). */
int ext2_journal_set_recover(struct ext2_fs *fs, bool on) __must_check;
int ext2_journal_begin(struct ext2_journal *j, unsigned credits, struct ext2_tx **out) __must_check;
struct svc_buf *ext2_journal_bread(struct ext2_tx *tx, uint64_t blk, bool whole, int *err);
void ext2_journal_write(struct ext2_tx *tx, struct svc_buf *b, size_t off, const void *src,
			size_t n);
void ext2_journal_forget(struct ext2_tx *tx, uint64_t blk);
void ext2_journal_ordered(struct ext2_tx *tx, uint64_t blk, uint64_t count);
int ext2_journal_end(struct ext2_tx *tx);
int ext2_journal_sync(struct ext2_journal *j) __must_check;
/* ext2_tx_super_pending with a journal. */
bool ext2_journal_super_pending(struct ext2_journal *j);
/* At the commit: the superblock's changes since its block joined the
 * running transaction (sb_dirty) copied into it, checksummed. */
void ext2_journal_fill_super(struct ext2_journal *j);
/* ext2_tx_write_inode with a journal. */
void ext2_journal_write_inode(struct ext2_tx *tx, struct ext2_inode *ei, struct svc_buf *b,
			      size_t off, bool changed, bool data);
/* fsync of an inode whose last change is in transaction `tid`: commit it
 * if it is the running one, else sync the device.  0 or -EIO. */
int ext2_journal_sync_tid(struct ext2_journal *j, uint32_t tid) __must_check;
/* The flusher's periodic call: commit the running transaction if it is
 * past its interval (or big), else nothing.  0 or -EIO. */
int ext2_journal_tick(struct ext2_journal *j) __must_check;

/* commit.c */
/* Commit the running transaction (nothing if it is empty): 0, or -EIO
 * with the journal aborted. */
int ext2_journal_commit(struct ext2_journal *j) __must_check;
/* Every committed transaction's blocks to their homes, then the log's
 * tail moved up to its head: 0 or -EIO. */
int ext2_journal_checkpoint(struct ext2_journal *j) __must_check;
/* Blocks free in the log for a new transaction. */
uint32_t ext2_journal_free_blocks(const struct ext2_journal *j);
/* Log blocks a transaction of `nblocks` blocks and `nrevokes` revoke
 * records takes, commit block included. */
uint32_t ext2_journal_space(const struct ext2_journal *j, unsigned nblocks, unsigned nrevokes);
/* Give the running transaction's blocks back to the cache (committed). */
void ext2_journal_release_running(struct ext2_journal *j);
void ext2_journal_abort(struct ext2_journal *j, const char *why);

/* recovery.c */
/* Replay (or, with replay false, only scan) the log from the journal
 * superblock's s_start: on return *next_tid is the first transaction id
 * free for new transactions.  0, -EIO (a read or write failed, a logged
 * block's checksum or home is bad), -ENOMEM. */
int ext2_journal_recover(struct ext2_journal *j, bool replay, uint32_t *next_tid) __must_check;
