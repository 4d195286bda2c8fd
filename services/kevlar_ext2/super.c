/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_ext2's mount: the superblock (ext2, ext3 and ext4 revisions and
 * their feature flags), the group descriptors, statfs, and the three
 * filesystem types "ext2", "ext3" and "ext4", which share one service.
 *
 * A feature the service cannot read (an incompat flag outside
 * EXT2_INCOMPAT_SUPPORTED) refuses the mount with -EINVAL and a log line,
 * as Linux does; one it can read but not write (an ro_compat flag outside
 * EXT2_RO_COMPAT_WRITABLE) refuses a read-write mount the same way, and
 * the `readonly` feature makes every mount read-only.  A mount is
 * writable unless mount(2) asked for MS_RDONLY (sb->read_only on entry);
 * while it is, the superblock's state says "not clean" (e2fsck checks a
 * volume that crashed), and the unmount or a remount read-only writes
 * everything back and marks it clean.  A volume with a journal has it
 * loaded (journal.c): replayed at mount when the volume needs recovery
 * (a read-only mount too, as Linux), started while the mount is writable
 * and stopped cleanly at unmount and remount read-only.
 */
#include <klib/crc32c.h>
#include <klib/errno.h>
#include <klib/string.h>
#include "ext2.h"
#include "journal.h"
#include "tx.h"

void ext2_fs_put(struct ext2_fs *fs)
{
	if (__atomic_sub_fetch(&fs->refs, 1, __ATOMIC_ACQ_REL))
		return;
	ext2_ncache_free(fs);
	svc_free(fs->cap, fs->bitmap_buf);
	svc_free(fs->cap, fs->dir_buf);
	while (!list_empty(&fs->idle)) { /* inode.c's idle inodes */
		struct ext2_inode *ei = list_first_entry(&fs->idle, struct ext2_inode, idle);

		list_del(&ei->idle);
		list_del(&ei->hash);
		svc_free(fs->cap, ei);
	}
	ext2_journal_free(fs);
	if (fs->bd)
		svc_bdev_close(fs->cap, fs->bd);
	svc_free(fs->cap, fs->gdt);
	svc_lock_free(fs->cap, fs->lock);
	svc_lock_free(fs->cap, fs->wlock);
	svc_lock_free(fs->cap, fs->plock);
	svc_free(fs->cap, fs);
}

void *ext2_block_alloc(struct ext2_fs *fs)
{
	return svc_alloc(fs->cap, fs->bsize);
}

void ext2_block_free(struct ext2_fs *fs, void *buf)
{
	svc_free(fs->cap, buf);
}

int ext2_read_block(struct ext2_fs *fs, uint64_t blk, void *buf)
{
	struct svc_buf *b;
	int err = 0;

	if (blk >= fs->blocks_count)
		return -EUCLEAN;
	b = svc_bread(fs->cap, fs->bd, blk, fs->bsize, &err);
	if (!b)
		return err == -EINVAL ? -EUCLEAN : -EIO;
	svc_buf_read(b, 0, buf, fs->bsize);
	svc_brelse(fs->cap, b);
	return 0;
}

static const uint8_t *group_desc(const struct ext2_fs *fs, uint32_t g)
{
	return fs->gdt + (size_t)g * fs->desc_size;
}

static uint64_t gd_field(const struct ext2_fs *fs, const uint8_t *gd, size_t lo, size_t hi,
			 bool wide)
{
	uint64_t v = wide ? le32_at(gd, lo) : le16_at(gd, lo);

	if (fs->desc_size >= GD_SIZE_64BIT_MIN)
		v |= (uint64_t)(wide ? le32_at(gd, hi) : le16_at(gd, hi)) << (wide ? 32 : 16);
	return v;
}

uint64_t ext2_inode_table(const struct ext2_fs *fs, uint32_t group)
{
	return gd_field(fs, group_desc(fs, group), GD_INODE_TABLE_LO, GD_INODE_TABLE_HI, true);
}

/* sparse_super keeps backups of the superblock and descriptors only in
 * groups 0, 1 and the powers of 3, 5 and 7. */
bool ext2_group_has_super(const struct ext2_fs *fs, uint32_t g)
{
	if (!(fs->ro_compat & RO_COMPAT_SPARSE_SUPER) || g <= 1)
		return true;
	for (uint32_t base = 3; base <= 7; base += 2) {
		uint64_t p = base;

		while (p < g)
			p *= base;
		if (p == g)
			return true;
	}
	return false;
}

/* Where descriptor block `i` lives: after the superblock, or with
 * meta_bg in the first group of its meta group. */
uint64_t ext2_gdt_block(const struct ext2_fs *fs, uint32_t i)
{
	uint32_t per_block = fs->bsize / fs->desc_size;
	uint64_t first_meta = le32_at(fs->raw_sb, SB_FIRST_META_BG);
	uint64_t g;

	if (!(fs->incompat & INCOMPAT_META_BG) || i < first_meta)
		return fs->first_data_block + 1 + (uint64_t)i;
	g = (uint64_t)i * per_block;
	return fs->first_data_block + g * fs->blocks_per_group +
	       (ext2_group_has_super(fs, g) ? 1 : 0);
}

static int read_gdt(struct ext2_fs *fs)
{
	uint32_t per_block = fs->bsize / fs->desc_size;
	uint32_t nblocks = (fs->groups + per_block - 1) / per_block;
	uint8_t *blk = ext2_block_alloc(fs);
	int err = 0;

	fs->gdt = svc_alloc(fs->cap, (size_t)nblocks * fs->bsize);
	if (!fs->gdt || !blk) {
		err = -ENOMEM;
		goto out;
	}
	for (uint32_t i = 0; i < nblocks && !err; i++) {
		err = ext2_read_block(fs, ext2_gdt_block(fs, i), blk);
		if (!err)
			memcpy(fs->gdt + (size_t)i * fs->bsize, blk, fs->bsize);
	}
	for (uint32_t g = 0; g < fs->groups && !err; g++) {
		uint64_t itab = ext2_inode_table(fs, g);
		uint64_t itab_blocks =
			((uint64_t)fs->inodes_per_group * fs->inode_size + fs->bsize - 1) /
			fs->bsize;

		if (!ext2_gd_csum_ok(fs, g, group_desc(fs, g))) {
			/* as Linux: fatal only to a mount that asked to write */
			svc_log("EXT4-fs (%s): ext4_check_descriptors: Checksum for group %u "
				"failed",
				fs->sb->source, g);
			if (!fs->sb->read_only)
				err = -EUCLEAN;
		}
		if (err)
			break;
		if (itab < fs->first_data_block || itab + itab_blocks > fs->blocks_count) {
			svc_log("EXT4-fs (%s): ext4_check_descriptors: Inode table for group %u "
				"not in group",
				fs->sb->source, g);
			err = -EUCLEAN;
		}
	}
out:
	ext2_block_free(fs, blk);
	return err;
}

static bool power_of_two(uint32_t v)
{
	return v && !(v & (v - 1));
}

/* Read and check the superblock into fs (its geometry and features). */
static int parse_super(struct ext2_fs *fs, const char *source)
{
	const uint8_t *s = fs->raw_sb;
	uint32_t rev = le32_at(s, SB_REV_LEVEL), log = le32_at(s, SB_LOG_BLOCK_SIZE);
	uint64_t data_blocks;

	if (le16_at(s, SB_MAGIC) != EXT2_MAGIC) {
		svc_log("VFS: Can't find ext4 filesystem on %s", source);
		return -EINVAL;
	}
	fs->compat = rev ? le32_at(s, SB_FEATURE_COMPAT) : 0;
	fs->incompat = rev ? le32_at(s, SB_FEATURE_INCOMPAT) : 0;
	fs->ro_compat = rev ? le32_at(s, SB_FEATURE_RO_COMPAT) : 0;
	fs->csum = fs->ro_compat & RO_COMPAT_METADATA_CSUM;
	if (fs->csum && s[SB_CHECKSUM_TYPE] != 1) {
		svc_log("EXT4-fs (%s): VFS: Found ext4 filesystem with unknown checksum algorithm",
			source);
		return -EINVAL;
	}
	if (!ext2_sb_csum_ok(fs, s)) {
		svc_log("EXT4-fs (%s): VFS: Found ext4 filesystem with invalid superblock "
			"checksum.  Run e2fsck?",
			source);
		return -EBADMSG;
	}
	if (fs->incompat & ~EXT2_INCOMPAT_SUPPORTED) {
		svc_log("EXT4-fs (%s): Couldn't mount because of unsupported optional features "
			"(%x)",
			source, fs->incompat & ~EXT2_INCOMPAT_SUPPORTED);
		return -EINVAL;
	}
	if (log > 6) {
		svc_log("EXT4-fs (%s): Invalid log block size: %u", source, log);
		return -EINVAL;
	}
	fs->log_bsize = 10 + log;
	fs->bsize = 1024u << log;
	fs->blocks_count = le32_at(s, SB_BLOCKS_COUNT_LO);
	fs->r_blocks = le32_at(s, SB_R_BLOCKS_COUNT_LO);
	if (fs->incompat & INCOMPAT_64BIT) {
		fs->blocks_count |= (uint64_t)le32_at(s, SB_BLOCKS_COUNT_HI) << 32;
		fs->r_blocks |= (uint64_t)le32_at(s, SB_R_BLOCKS_COUNT_HI) << 32;
		fs->desc_size = le16_at(s, SB_DESC_SIZE);
		if (fs->desc_size < GD_SIZE_64BIT_MIN || fs->desc_size > 1024 ||
		    !power_of_two(fs->desc_size)) {
			svc_log("EXT4-fs (%s): unsupported descriptor size %u", source,
				fs->desc_size);
			return -EINVAL;
		}
	} else {
		fs->desc_size = GD_SIZE_MIN;
	}
	fs->first_data_block = le32_at(s, SB_FIRST_DATA_BLOCK);
	fs->inodes_count = le32_at(s, SB_INODES_COUNT);
	fs->blocks_per_group = le32_at(s, SB_BLOCKS_PER_GROUP);
	fs->inodes_per_group = le32_at(s, SB_INODES_PER_GROUP);
	fs->inode_size = rev ? le16_at(s, SB_INODE_SIZE) : EXT2_GOOD_OLD_ISIZE;
	fs->first_ino = rev ? le32_at(s, SB_FIRST_INO) : 11;
	if (fs->inode_size < EXT2_GOOD_OLD_ISIZE || fs->inode_size > fs->bsize ||
	    !power_of_two(fs->inode_size) || fs->blocks_per_group == 0 ||
	    fs->blocks_per_group > 8 * fs->bsize || fs->inodes_per_group == 0 ||
	    fs->inodes_per_group > 8 * fs->bsize || fs->first_data_block >= fs->blocks_count ||
	    fs->first_data_block != (fs->bsize == 1024 ? 1u : 0u) || fs->desc_size > fs->bsize ||
	    fs->first_ino <= EXT2_ROOT_INO) {
		svc_log("EXT4-fs (%s): corrupt superblock geometry", source);
		return -EINVAL;
	}
	data_blocks = fs->blocks_count - fs->first_data_block;
	if ((data_blocks + fs->blocks_per_group - 1) / fs->blocks_per_group > UINT32_MAX / 2)
		return -EINVAL;
	fs->groups = (uint32_t)((data_blocks + fs->blocks_per_group - 1) / fs->blocks_per_group);
	if ((uint64_t)fs->groups * fs->inodes_per_group != fs->inodes_count ||
	    fs->first_ino > fs->inodes_count) {
		svc_log("EXT4-fs (%s): inodes count not valid: %u vs %llu", source,
			fs->inodes_count, (unsigned long long)fs->groups * fs->inodes_per_group);
		return -EINVAL;
	}
	if (fs->incompat & INCOMPAT_CSUM_SEED)
		fs->csum_seed = le32_at(s, SB_CHECKSUM_SEED);
	else
		fs->csum_seed = crc32c(~0u, s + SB_UUID, 16);
	for (int i = 0; i < 4; i++)
		fs->hash_seed[i] = le32_at(s, SB_HASH_SEED + 4 * i);
	fs->def_hash = s[SB_DEF_HASH_VERSION];
	fs->hash_unsigned = le32_at(s, SB_FLAGS) & SB_FLAG_UNSIGNED_HASH;
	return 0;
}

/* Mounted as "ext2" or "ext3", the volume must need no more than that
 * revision reads (ext3: and have a journal), as Linux's ext4 driver
 * checks when it serves those names; the ro_compat set matters only to a
 * mount that asked to write. */
static int check_type(struct ext2_fs *fs, const char *type, const char *source)
{
	const uint32_t ro = RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE | 0x4 /* btree_dir */;
	bool ext3 = !strcmp(type, "ext3");
	uint32_t incompat = INCOMPAT_FILETYPE | INCOMPAT_META_BG | (ext3 ? INCOMPAT_RECOVER : 0);

	if (strcmp(type, "ext2") && !ext3)
		return 0;
	if ((fs->incompat & ~incompat) || (ext3 && !(fs->compat & COMPAT_HAS_JOURNAL)) ||
	    (!fs->sb->read_only && (fs->ro_compat & ~ro))) {
		svc_log("EXT4-fs (%s): couldn't mount as %s due to feature incompatibilities",
			source, type);
		return -EINVAL;
	}
	return 0;
}

static int read_super(struct ext2_fs *fs, const char *source)
{
	int err = 0;
	struct svc_buf *b;

	if (svc_bdev_bytes(fs->bd) < EXT2_SB_OFFSET + EXT2_SB_SIZE) {
		svc_log("VFS: Can't find ext4 filesystem on %s", source);
		return -EINVAL;
	}
	b = svc_bread(fs->cap, fs->bd, EXT2_SB_OFFSET / EXT2_SB_SIZE, EXT2_SB_SIZE, &err);
	if (!b)
		return -EIO;
	svc_buf_read(b, 0, fs->raw_sb, EXT2_SB_SIZE);
	svc_brelse(fs->cap, b);
	err = parse_super(fs, source);
	if (!err)
		err = check_type(fs, fs->sb->type ? fs->sb->type->name : "ext4", source);
	if (!err && (uint64_t)fs->blocks_count * fs->bsize > svc_bdev_bytes(fs->bd)) {
		svc_log("EXT4-fs (%s): bad geometry: block count %llu exceeds size of device",
			source, (unsigned long long)fs->blocks_count);
		err = -EINVAL;
	}
	return err;
}

#define SB_MTIME     0x2c
#define SB_WTIME     0x30
#define SB_MNT_COUNT 0x34
#define SB_STATE     0x3a
#define STATE_VALID  0x0001
#define SB_MTIME_HI  0x275
#define SB_WTIME_HI  0x274

static void sb_set_time(struct ext2_fs *fs, size_t at, size_t hi)
{
	struct vfs_time now = svc_now();

	put_le32(fs->raw_sb, at, (uint32_t)now.sec);
	fs->raw_sb[hi] = (uint8_t)(now.sec >> 32);
}

/* Mark the volume in use (mounting, `clean` false) or cleanly unmounted,
 * and write everything back: 0 or -EIO. */
static int set_state(struct ext2_fs *fs, bool clean)
{
	struct ext2_tx *tx;
	int err = ext2_tx_begin(fs, 1, &tx);

	if (err)
		return err;
	if (clean) {
		put_le16(fs->raw_sb, SB_STATE, le16_at(fs->raw_sb, SB_STATE) | STATE_VALID);
	} else {
		put_le16(fs->raw_sb, SB_STATE, le16_at(fs->raw_sb, SB_STATE) & ~STATE_VALID);
		put_le16(fs->raw_sb, SB_MNT_COUNT, le16_at(fs->raw_sb, SB_MNT_COUNT) + 1);
		sb_set_time(fs, SB_MTIME, SB_MTIME_HI);
	}
	sb_set_time(fs, SB_WTIME, SB_WTIME_HI);
	err = ext2_super_write(tx);
	ext2_tx_end(tx);
	if (!err)
		err = ext2_tx_sync(fs);
	return err;
}

/* Whether this volume may be written: 0 or -EINVAL/-EROFS with Linux's
 * log line. */
static int check_writable(struct ext2_fs *fs, const char *source)
{
	if (fs->bsize > SVC_PAGE_SIZE) {
		svc_log("EXT4-fs (%s): couldn't mount RDWR: block size %u above the page size",
			source, fs->bsize);
		return -EINVAL;
	}
	if (fs->ro_compat & ~EXT2_RO_COMPAT_WRITABLE) {
		svc_log("EXT4-fs (%s): couldn't mount RDWR because of unsupported optional "
			"features (%x)",
			source, fs->ro_compat & ~EXT2_RO_COMPAT_WRITABLE);
		return -EINVAL;
	}
	if ((fs->incompat & INCOMPAT_RECOVER) && !fs->journal && fs->sb->root) {
		/* a read-only mount that skipped its recovery (noload) */
		svc_log("EXT4-fs (%s): journal needs recovery: cannot remount read-write", source);
		return -EROFS;
	}
	return 0;
}

static void ext2_release(struct vfs_sb *sb)
{
	struct ext2_fs *fs = sb->priv;

	if (!sb->read_only) {
		svc_lock(fs->cap, fs->wlock);
		if (set_state(fs, true))
			svc_log("EXT4-fs (%s): error writing the superblock at unmount",
				sb->source);
		if (ext2_journal_stop(fs))
			svc_log("EXT4-fs (%s): journal not stopped cleanly: it will be replayed",
				sb->source);
		svc_unlock(fs->cap, fs->wlock);
	}
	ext2_fs_put(fs);
}

static int ext2_remount(struct vfs_sb *sb, bool read_only, const char *data, size_t len)
{
	struct ext2_fs *fs = sb->priv;
	struct svc_bdev *bd;
	int err = 0;

	if (read_only == sb->read_only)
		return 0;
	svc_lock(fs->cap, fs->wlock);
	if (read_only) {
		/* everything reaches the disk, then the volume is clean */
		err = set_state(fs, true);
		if (!err)
			err = ext2_journal_stop(fs);
		if (!err)
			sb->read_only = true;
		goto out;
	}
	err = check_writable(fs, sb->source);
	if (!err && (fs->ro_compat & RO_COMPAT_READONLY))
		err = -EROFS;
	if (err)
		goto out;
	/* the device was opened read-only: open it again for writing */
	bd = svc_bdev_open(fs->cap, sb->source, true, &err);
	if (!bd)
		goto out;
	svc_bdev_close(fs->cap, fs->bd);
	fs->bd = bd;
	err = ext2_journal_start(fs);
	if (err)
		goto out;
	sb->read_only = false;
	err = set_state(fs, false);
	if (err)
		sb->read_only = true;
out:
	svc_unlock(fs->cap, fs->wlock);
	if (!err && !read_only && ext2_orphan_recover(fs))
		svc_log("EXT4-fs (%s): orphan cleanup failed", sb->source);
	return err;
}

/* The blocks the filesystem's own structures take: the superblock and
 * descriptor copies, bitmaps and inode tables, and the journal, which
 * statfs leaves out of f_blocks, as Linux's ext4 does. */
static uint64_t overhead(struct ext2_fs *fs)
{
	uint64_t kept = le32_at(fs->raw_sb, SB_OVERHEAD_CLUSTERS);
	uint32_t per_block = fs->bsize / fs->desc_size;
	uint64_t gdt_blocks = (fs->groups + per_block - 1) / per_block;
	uint64_t itab =
		((uint64_t)fs->inodes_per_group * fs->inode_size + fs->bsize - 1) / fs->bsize;
	uint64_t total = fs->first_data_block;
	struct inode *j;

	if (kept)
		return kept;
	for (uint32_t g = 0; g < fs->groups; g++) {
		total += 2 + itab; /* the two bitmaps and the table, wherever flex_bg put them */
		if (!ext2_group_has_super(fs, g))
			continue;
		total += 1;
		if (!(fs->incompat & INCOMPAT_META_BG))
			total += gdt_blocks + le16_at(fs->raw_sb, SB_RESERVED_GDT_BLOCKS);
	}
	if ((fs->compat & COMPAT_HAS_JOURNAL) && le32_at(fs->raw_sb, SB_JOURNAL_INUM) &&
	    !ext2_iget(fs, le32_at(fs->raw_sb, SB_JOURNAL_INUM), &j)) {
		total += EI(j)->size / fs->bsize;
		svc_inode_put(fs->cap, j);
	}
	return total;
}

static int ext2_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	struct ext2_fs *fs = sb->priv;
	uint64_t bfree = 0, ifree = 0, over = overhead(fs), resv = 0;

	for (uint32_t g = 0; g < fs->groups; g++) {
		const uint8_t *gd = group_desc(fs, g);

		bfree += gd_field(fs, gd, GD_FREE_BLOCKS_LO, GD_FREE_BLOCKS_HI, false);
		ifree += gd_field(fs, gd, GD_FREE_INODES_LO, GD_FREE_INODES_HI, false);
	}
	st->magic = 0xef53; /* EXT4_SUPER_MAGIC, which ext2 and ext3 share */
	st->bsize = fs->bsize;
	st->blocks = fs->blocks_count > over ? fs->blocks_count - over : 0;
	st->bfree = bfree;
	/* ext4 (with extents) also holds back 2% of the blocks, at most 4096,
	 * for delayed allocation: Linux leaves them out of f_bavail */
	if (fs->incompat & INCOMPAT_EXTENTS)
		resv = MIN(fs->blocks_count / 50, 4096);
	st->bavail = bfree > fs->r_blocks + resv ? bfree - fs->r_blocks - resv : 0;
	st->files = fs->inodes_count;
	st->ffree = ifree;
	return 0;
}

/* sync(2), syncfs(2), a directory's fsync (wait) and the kernel's
 * flusher every 5 s (not): the journal's running transaction commits (all
 * of it, or only when it is due). */
static int ext2_sync_fs(struct vfs_sb *sb, bool wait)
{
	struct ext2_fs *fs = sb->priv;
	int err = 0;

	if (sb->read_only)
		return 0;
	svc_lock(fs->cap, fs->wlock);
	if (wait)
		err = ext2_tx_sync(fs);
	else if (fs->journal)
		err = ext2_journal_tick(fs->journal);
	svc_unlock(fs->cap, fs->wlock);
	return err;
}

static const struct vfs_sb_ops ext2_sb_ops = {
	.getxattr = ext2_getxattr,
	.setxattr = ext2_setxattr,
	.listxattr = ext2_listxattr,
	.removexattr = ext2_removexattr,
	.getflags = ext2_getflags,
	.setflags = ext2_setflags,
	.evict = ext2_evict,
	.release = ext2_release,
	.remount = ext2_remount,
	.statfs = ext2_statfs,
	.sync_fs = ext2_sync_fs,
};

static int ext2_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	struct ext2_fs *fs = svc_alloc(sb->cap, sizeof(*fs));
	int err = -ENOMEM;
	bool reread;

	if (!fs)
		return -ENOMEM;
	fs->cap = sb->cap;
	fs->sb = sb;
	fs->refs = 1;
	for (unsigned i = 0; i < ICACHE_BUCKETS; i++)
		list_init(&fs->icache[i]);
	list_init(&fs->orphans);
	list_init(&fs->idle);
	ext2_ncache_init(fs);
	fs->lock = svc_lock_new(fs->cap, "ext2_icache");
	fs->wlock = svc_lock_new(fs->cap, "ext2_write");
	fs->plock = svc_lock_new(fs->cap, "ext2_pages");
	if (!fs->lock || !fs->wlock || !fs->plock)
		goto err_free;
	fs->bd = svc_bdev_open(fs->cap, source, !sb->read_only, &err);
	if (!fs->bd)
		goto err_free;
	err = read_super(fs, source);
	if (err)
		goto err_free;
	if (fs->ro_compat & RO_COMPAT_READONLY) {
		svc_log("EXT4-fs (%s): filesystem is read-only", source);
		if (!sb->read_only) {
			/* reopen the device read-only, as the mount now is */
			svc_bdev_close(fs->cap, fs->bd);
			sb->read_only = true;
			fs->bd = svc_bdev_open(fs->cap, source, false, &err);
			if (!fs->bd)
				goto err_free;
		}
	}
	if (!sb->read_only) {
		err = check_writable(fs, source);
		if (err)
			goto err_free;
	}
	err = read_gdt(fs);
	if (err)
		goto err_free;
	/* from here inodes may be read and dropped (evict needs the ops) */
	sb->ops = &ext2_sb_ops;
	sb->priv = fs;
	err = ext2_journal_load(fs, source, data, len, &reread);
	if (!err && reread) {
		/* the replay may have rewritten both */
		svc_free(fs->cap, fs->gdt);
		fs->gdt = NULL;
		err = read_super(fs, source);
		if (!err)
			err = read_gdt(fs);
	}
	if (err)
		goto err_unset;
	err = ext2_iget(fs, EXT2_ROOT_INO, &sb->root);
	if (!err && sb->root->kind != INODE_DIR) {
		svc_inode_put(fs->cap, sb->root);
		err = -EUCLEAN;
	}
	if (err) {
		svc_log("EXT4-fs (%s): get root inode failed", source);
		goto err_unset;
	}
	if (!sb->read_only) {
		err = ext2_journal_start(fs);
		if (!err) {
			svc_lock(fs->cap, fs->wlock);
			err = set_state(fs, false);
			svc_unlock(fs->cap, fs->wlock);
		}
		if (err) {
			svc_inode_put(fs->cap, sb->root);
			goto err_unset;
		}
		if (ext2_orphan_recover(fs))
			svc_log("EXT4-fs (%s): orphan cleanup failed", source);
	}
	return 0;
err_unset:
	sb->ops = NULL;
	sb->priv = NULL;
	sb->root = NULL;
err_free:
	ext2_fs_put(fs);
	return err;
}

static const void *const ext2_ops_tables[] = {
	&ext2_sb_ops, &ext2_dir_ops, &ext2_file_ops, &ext2_special_ops, &ext2_symlink_ops, NULL,
};

const struct fs_type ext2_fs_type = {
	.name = "ext2",
	.mount = ext2_mount,
	.ops_tables = ext2_ops_tables,
	.requires_dev = true,
};
const struct fs_type ext3_fs_type = {
	.name = "ext3",
	.mount = ext2_mount,
	.ops_tables = ext2_ops_tables,
	.requires_dev = true,
};
const struct fs_type ext4_fs_type = {
	.name = "ext4",
	.mount = ext2_mount,
	.ops_tables = ext2_ops_tables,
	.requires_dev = true,
};
VFS_SERVICE(ext2_fs_type);
VFS_SERVICE(ext3_fs_type);
VFS_SERVICE(ext4_fs_type);
