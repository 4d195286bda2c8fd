/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * The orphan list: inodes whose last name is gone while they may still
 * be open (an unlinked file someone reads, a removed directory someone is
 * in, an O_TMPFILE not yet linked).  As ext4 keeps it on disk: the
 * superblock's s_last_orphan names the newest, and each one's i_dtime
 * names the next, so a crash leaves a chain the next writable mount (or
 * e2fsck) follows to free them.  In memory fs->orphans holds the same
 * inodes in the same order, so taking one out finds the inode that
 * points at it without reading the chain.
 *
 * An orphan is freed at its last evict while its link count is 0: its
 * blocks, then the inode itself with its dtime set.  A writable mount
 * first finishes what a crash left: an orphan with no link is freed, one
 * with links (a truncate in flight) is cut to its size, as Linux's
 * ext4_orphan_cleanup does (and a remount read-write, unless orphans it
 * knows are still open: then the chain is theirs).  Callers hold
 * fs->wlock in a transaction (but ext2_orphan_evict and
 * ext2_orphan_recover, which take it).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "ext2.h"
#include "tx.h"

int ext2_orphan_add(struct ext2_tx *tx, struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;
	int err;

	if (ei->orphan)
		return 0;
	put_le32(ei->raw, I_DTIME, le32_at(fs->raw_sb, SB_LAST_ORPHAN));
	err = ext2_inode_write(tx, ei);
	if (err)
		return err;
	put_le32(fs->raw_sb, SB_LAST_ORPHAN, ei->ino);
	err = ext2_super_write(tx);
	if (err)
		return err;
	list_add(&ei->orphan_link, &fs->orphans);
	ei->orphan = true;
	return 0;
}

/* Take ei off the chain; `later`: the caller writes ei itself afterwards. */
static int unchain(struct ext2_tx *tx, struct ext2_inode *ei, bool later)
{
	struct ext2_fs *fs = ei->fs;
	uint32_t next = le32_at(ei->raw, I_DTIME);
	int err;

	if (!ei->orphan)
		return 0;
	if (ei->orphan_link.prev == &fs->orphans) {
		put_le32(fs->raw_sb, SB_LAST_ORPHAN, next);
		err = ext2_super_write(tx);
	} else {
		struct ext2_inode *newer =
			container_of(ei->orphan_link.prev, struct ext2_inode, orphan_link);

		put_le32(newer->raw, I_DTIME, next);
		err = ext2_inode_write(tx, newer);
	}
	list_del(&ei->orphan_link);
	ei->orphan = false;
	put_le32(ei->raw, I_DTIME, 0);
	if (!err && !later)
		err = ext2_inode_write(tx, ei);
	return err;
}

int ext2_orphan_del(struct ext2_tx *tx, struct ext2_inode *ei)
{
	return unchain(tx, ei, false);
}

/* Free an inode with no link: its blocks (and xattr block), then itself. */
static int release(struct ext2_tx *tx, struct ext2_inode *ei)
{
	int err = ext2_truncate_blocks(tx, ei, 0);

	if (!err)
		err = ext2_xattr_drop(tx, ei);
	if (err)
		return err;
	ei->size = 0;
	put_le32(ei->raw, I_DTIME, (uint32_t)svc_now().sec);
	err = ext2_inode_write(tx, ei);
	if (!err)
		err = ext2_free_inode(tx, ei->ino, S_ISDIR(ei->mode));
	return err;
}

void ext2_orphan_evict(struct ext2_inode *ei)
{
	struct ext2_fs *fs = ei->fs;
	struct ext2_tx *tx;
	int err;

	svc_lock(fs->cap, fs->wlock);
	if (!ei->orphan || ei->nlink != 0) {
		svc_unlock(fs->cap, fs->wlock);
		return;
	}
	err = ext2_tx_begin(fs, 64, &tx);
	if (!err) {
		/* release writes the inode (with its dtime) */
		err = unchain(tx, ei, true);
		if (!err)
			err = release(tx, ei);
		else if (ext2_inode_write(tx, ei))
			svc_log("EXT4-fs (%s): inode %u not written", fs->sb->source, ei->ino);
		if (ext2_tx_end(tx) && !err)
			err = -EIO;
	}
	svc_unlock(fs->cap, fs->wlock);
	if (err)
		svc_log("EXT4-fs (%s): freeing orphan inode %u: error %d", fs->sb->source, ei->ino,
			err);
}

int ext2_orphan_recover(struct ext2_fs *fs)
{
	uint32_t ino = le32_at(fs->raw_sb, SB_LAST_ORPHAN), freed = 0, cut = 0;
	struct ext2_tx *tx;
	int err;

	if (!ino)
		return 0;
	svc_lock(fs->cap, fs->wlock);
	if (!list_empty(&fs->orphans)) {
		/* a remount: the chain is the open orphans' own, freed at
		 * their last evict */
		svc_unlock(fs->cap, fs->wlock);
		return 0;
	}
	err = ext2_tx_begin(fs, 64, &tx);
	if (err)
		goto out_unlock;
	for (uint32_t n = 0; ino && n < fs->inodes_count && !err; n++) {
		struct inode *i;
		struct ext2_inode *ei;

		if (ino < fs->first_ino || ino > fs->inodes_count) {
			svc_log("EXT4-fs (%s): bad orphan inode %u", fs->sb->source, ino);
			break;
		}
		err = ext2_iget(fs, ino, &i);
		if (err)
			break;
		ei = EI(i);
		ino = le32_at(ei->raw, I_DTIME);
		put_le32(ei->raw, I_DTIME, 0);
		if (ei->nlink == 0) {
			err = release(tx, ei);
			freed++;
		} else {
			err = ext2_truncate_blocks(tx, ei,
						   (ei->size + fs->bsize - 1) >> fs->log_bsize);
			if (!err)
				err = ext2_inode_write(tx, ei);
			cut++;
		}
		svc_inode_put(fs->cap, i);
	}
	put_le32(fs->raw_sb, SB_LAST_ORPHAN, 0);
	if (!err)
		err = ext2_super_write(tx);
	if (ext2_tx_end(tx) && !err)
		err = -EIO;
	if (freed)
		svc_log("EXT4-fs (%s): %u orphan inode%s deleted", fs->sb->source, freed,
			freed == 1 ? "" : "s");
	if (cut)
		svc_log("EXT4-fs (%s): %u truncate%s cleaned up", fs->sb->source, cut,
			cut == 1 ? "" : "s");
out_unlock:
	svc_unlock(fs->cap, fs->wlock);
	return err;
}
