/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Transactions: how every metadata change of a writable ext2/3/4 mount
 * reaches the disk.  An operation that changes metadata (an inode, a
 * bitmap, a group descriptor, the superblock, a directory, extent or
 * xattr block) runs between ext2_tx_begin and ext2_tx_end with fs->wlock
 * held, and changes each block only through ext2_tx_write (or
 * ext2_tx_new for a block it is about to fill whole).  On ext3/ext4 with
 * a journal the blocks so changed are logged by the journal (journal.c:
 * jbd2, ordered mode) and reach their home locations only after their
 * transaction has committed; without one (ext2) they are written back in
 * place by the buffer cache.  File data blocks are not metadata: they are
 * written straight to their blocks, and ext2_tx_ordered makes the commit
 * of the transaction that maps them wait until they are on the disk
 * (ordered mode: no stale data is ever exposed after a crash).
 */
#pragma once

#include <klib/compiler.h>
#include <klib/types.h>
#include <kevlar_vfs/service.h>

struct ext2_fs;
struct ext2_tx;

/* Start an operation that will change at most `credits` metadata blocks
 * (counting each distinct block once).  0 and *out, or -errno: -EROFS
 * (the mount is read-only or the journal has aborted), -ENOMEM, -EIO. */
int ext2_tx_begin(struct ext2_fs *fs, unsigned credits, struct ext2_tx **out) __must_check;
/* The mount a transaction changes. */
struct ext2_fs *ext2_tx_fs(struct ext2_tx *tx);
/* Metadata block `blk` read for a change in `tx`: a buffer reference the
 * caller drops with svc_brelse.  NULL and *err as svc_bread. */
struct svc_buf *ext2_tx_bread(struct ext2_tx *tx, uint64_t blk, int *err) __must_check;
/* The same for a block just allocated, about to be written whole:
 * zeroed, not read (svc_bget). */
struct svc_buf *ext2_tx_new(struct ext2_tx *tx, uint64_t blk, int *err) __must_check;
/* Change n bytes at `off` of a block got from ext2_tx_bread/ext2_tx_new
 * as part of the transaction (the caller has recomputed any checksum the
 * bytes include). */
void ext2_tx_write(struct ext2_tx *tx, struct svc_buf *b, size_t off, const void *src, size_t n);
/* fs->raw_sb changed in `tx`: true if the superblock's block is in the
 * running transaction of a journal already, when the commit copies it in
 * (the change counted as ext2_tx_write's), false if the caller must
 * write it (ext2_super_write). */
bool ext2_tx_super_pending(struct ext2_tx *tx);
/* Metadata block `blk` is freed in `tx`: the journal revokes it, so a
 * replay never writes an old copy over whatever the block holds next. */
void ext2_tx_forget(struct ext2_tx *tx, uint64_t blk);
/* Write inode `ei`'s raw bytes (ei->raw, fs->inode_size of them) at
 * `off` of its inode table block `b` (got through ext2_tx_bread) if
 * `changed`, and record the transaction in the inode for fsync: in
 * ei->sync_tid if the bytes changed or the operation changed anything
 * else before (a rename's entries), in ei->datasync_tid too if `data`
 * (the size or block map changed: inode.c) or the operation changed
 * other metadata than inodes (bitmaps, extent blocks, entries). */
struct ext2_inode;
void ext2_tx_write_inode(struct ext2_tx *tx, struct ext2_inode *ei, struct svc_buf *b, size_t off,
			 bool changed, bool data);
/* The running transaction's id (0 without a journal): a new in-core
 * inode's sync tids, as Linux's ext4_iget sets them. */
uint32_t ext2_tx_running(const struct ext2_fs *fs);
/* File data blocks [blk, blk + count) were written for this transaction
 * (newly mapped): they reach the disk before it commits. */
void ext2_tx_ordered(struct ext2_tx *tx, uint64_t blk, uint64_t count);
/* The cached pages [lo, hi] of `ei` hold data for blocks newly mapped
 * (or converted from unwritten) in this transaction, not written yet:
 * its commit writes them first (pages.c).  fs->wlock held.  0 or
 * -ENOMEM (then the caller must not map them). */
int ext2_tx_ordered_pages(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lo, uint64_t hi)
	__must_check;
/* End the operation: 0, or -EIO if the journal failed (the mount is then
 * read-only, as Linux's errors=remount-ro).  The transaction may commit
 * later (at most 5 s, or at ext2_tx_sync). */
int ext2_tx_end(struct ext2_tx *tx);
/* syncfs/unmount, a directory's fsync: commit every ended operation and
 * wait until it is on the disk, with a cache flush.  0 or -EIO.
 * fs->wlock held. */
int ext2_tx_sync(struct ext2_fs *fs) __must_check;
/* fsync (`datasync` false) or fdatasync of `ei`, its data written: commit
 * the running transaction only if it holds the inode's last change (of
 * what `datasync` needs), else flush the disk's cache (the flush only if
 * anything was written since the last: the block layer's), after writing
 * back the device's dirty blocks on blocks smaller than a page (file data
 * in the buffers), as Linux's ext4_sync_file.  Without a journal, as
 * ext2_tx_sync.  0 or -EIO.  fs->wlock held. */
int ext2_tx_sync_inode(struct ext2_fs *fs, const struct ext2_inode *ei, bool datasync) __must_check;
