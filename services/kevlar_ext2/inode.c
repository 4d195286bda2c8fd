/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Inodes: reading one from its group's inode table (checked: its
 * checksum, its extra size, its type), the cache that gives every user of
 * an inode number the same struct inode while it lives, and stat.
 *
 * The cache (fs->icache, under fs->lock) holds inodes without a reference
 * of its own.  When the last reference to one goes, evict() keeps it
 * idle (no vfs inode; on fs->idle, at most ICACHE_IDLE_MAX, the least
 * recently used dropped first), as Linux keeps unused inodes: the next
 * iget gives it a new vfs inode instead of reading, checking and decoding
 * the on-disk copy again.  An idle inode is exactly what is on the disk
 * (every change of one goes through its fields and ext2_inode_write); one
 * without links or on the orphan list is freed, not kept.  A lookup that
 * finds an inode whose count already reached zero (its evict is on its
 * way) leaves it and reads a fresh copy, so it never revives it; that
 * evict then sees the fresh copy and frees its own.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/stat.h>
#include "ext2.h"
#include "tx.h"

/* Whether the on-disk inode is big enough to hold the field ending at `end`. */
static bool fits(const struct ext2_inode *ei, size_t end)
{
	return end <= ei->extra_end;
}

static struct vfs_time decode_time(const struct ext2_inode *ei, size_t at, size_t extra_at)
{
	struct vfs_time t = {.sec = (int32_t)le32_at(ei->raw, at)};

	if (fits(ei, extra_at + 4)) {
		uint32_t extra = le32_at(ei->raw, extra_at);

		t.sec += (int64_t)(extra & 3) << 32;
		t.nsec = extra >> 2;
		if (t.nsec >= 1000000000u)
			t.nsec = 0;
	}
	return t;
}

static uint64_t decode_rdev(const uint8_t *raw)
{
	uint32_t old = le32_at(raw, I_BLOCK), v = le32_at(raw, I_BLOCK + 4);
	uint32_t major, minor;

	if (old) {
		major = (old >> 8) & 0xff;
		minor = old & 0xff;
	} else {
		major = (v & 0xfff00) >> 8;
		minor = (v & 0xff) | ((v >> 12) & 0xfff00);
	}
	return (minor & 0xff) | (uint64_t)major << 8 | (uint64_t)(minor & ~0xffu) << 12;
}

/* Fill the decoded fields from ei->raw: 0 or -EUCLEAN. */
static int decode(struct ext2_fs *fs, struct ext2_inode *ei)
{
	const uint8_t *r = ei->raw;
	uint64_t blocks;

	ei->extra_end = EXT2_GOOD_OLD_ISIZE;
	if (fs->inode_size > EXT2_GOOD_OLD_ISIZE) {
		uint32_t extra = le16_at(r, I_EXTRA_ISIZE);

		if (EXT2_GOOD_OLD_ISIZE + extra > fs->inode_size || (extra & 3)) {
			svc_log("EXT4-fs error (device %s): iget: inode #%u: bad extra_isize %u",
				fs->sb->source, ei->ino, extra);
			return -EUCLEAN;
		}
		ei->extra_end += extra;
	}
	ei->mode = le16_at(r, I_MODE);
	ei->uid = le16_at(r, I_UID_LO) | (uint32_t)le16_at(r, I_UID_HIGH) << 16;
	ei->gid = le16_at(r, I_GID_LO) | (uint32_t)le16_at(r, I_GID_HIGH) << 16;
	ei->nlink = le16_at(r, I_LINKS_COUNT);
	ei->flags = le32_at(r, I_FLAGS);
	ei->generation = le32_at(r, I_GENERATION);
	ei->size = le32_at(r, I_SIZE_LO) | (uint64_t)le32_at(r, I_SIZE_HIGH) << 32;
	ei->file_acl = le32_at(r, I_FILE_ACL_LO);
	if (fs->incompat & INCOMPAT_64BIT)
		ei->file_acl |= (uint64_t)le16_at(r, I_FILE_ACL_HIGH) << 32;
	blocks = le32_at(r, I_BLOCKS_LO);
	if (fs->ro_compat & RO_COMPAT_HUGE_FILE) {
		blocks |= (uint64_t)le16_at(r, I_BLOCKS_HIGH) << 32;
		if (ei->flags & INODE_FL_HUGE_FILE)
			blocks <<= fs->log_bsize - 9;
	}
	ei->blocks512 = blocks;
	ei->atime = decode_time(ei, I_ATIME, I_ATIME_EXTRA);
	ei->mtime = decode_time(ei, I_MTIME, I_MTIME_EXTRA);
	ei->ctime = decode_time(ei, I_CTIME, I_CTIME_EXTRA);
	ei->has_btime = fits(ei, I_CRTIME_EXTRA + 4);
	if (ei->has_btime)
		ei->btime = decode_time(ei, I_CRTIME, I_CRTIME_EXTRA);
	ei->csum_seed = ext2_inode_seed(fs, ei->ino, ei->generation);
	if (ei->mode == 0 && ei->nlink == 0)
		return -EUCLEAN; /* a free inode: the entry naming it is stale */
	switch (ei->mode & S_IFMT) {
	case S_IFCHR:
	case S_IFBLK:
		ei->rdev = decode_rdev(r);
		break;
	case S_IFREG:
	case S_IFDIR:
	case S_IFLNK:
	case S_IFIFO:
	case S_IFSOCK:
		break;
	default:
		svc_log("EXT4-fs error (device %s): iget: inode #%u: bogus i_mode (%o)",
			fs->sb->source, ei->ino, ei->mode);
		return -EUCLEAN;
	}
	if (ei->flags & (INODE_FL_INLINE_DATA | INODE_FL_EA_INODE))
		return -EUCLEAN; /* features the mount refused: not on this volume */
	return 0;
}

static int read_raw(struct ext2_fs *fs, uint32_t ino, uint8_t *raw)
{
	uint32_t group = (ino - 1) / fs->inodes_per_group;
	uint64_t byte = (uint64_t)((ino - 1) % fs->inodes_per_group) * fs->inode_size;
	uint64_t blk = ext2_inode_table(fs, group) + byte / fs->bsize;
	struct svc_buf *b;
	int err = 0;

	if (blk >= fs->blocks_count)
		return -EUCLEAN;
	b = svc_bread(fs->cap, fs->bd, blk, fs->bsize, &err);
	if (!b)
		return -EIO;
	svc_buf_read(b, byte % fs->bsize, raw, fs->inode_size);
	svc_brelse(fs->cap, b);
	if (!ext2_inode_csum_ok(fs, ino, raw)) {
		svc_log("EXT4-fs error (device %s): iget: inode #%u: checksum invalid",
			fs->sb->source, ino);
		return -EBADMSG;
	}
	return 0;
}

/* ---- writing an inode back ---- */

static void encode_time(struct ext2_inode *ei, size_t at, size_t extra_at, struct vfs_time t)
{
	put_le32(ei->raw, at, (uint32_t)(int32_t)t.sec);
	if (fits(ei, extra_at + 4)) {
		/* the epoch bits: how many 2^32 s the 32-bit field wrapped */
		uint32_t epoch = (uint32_t)((uint64_t)(t.sec - (int32_t)t.sec) >> 32) & 3;

		put_le32(ei->raw, extra_at, epoch | t.nsec << 2);
	}
}

/* Linux's encoding of a device number in i_block: the old 8:8 form in
 * word 0 when it fits, else the new 12:20 one in word 1. */
static void encode_rdev(uint8_t *raw, uint64_t rdev)
{
	uint32_t major = (uint32_t)((rdev >> 8) & 0xfff);
	uint32_t minor = (uint32_t)((rdev & 0xff) | ((rdev >> 12) & 0xfff00));

	memset(raw + I_BLOCK, 0, 12);
	if (major < 256 && minor < 256)
		put_le32(raw, I_BLOCK, major << 8 | minor);
	else
		put_le32(raw, I_BLOCK + 4, (minor & 0xff) | major << 8 | (minor & ~0xffu) << 12);
}

/* i_blocks: 512-byte units in 32 bits, 48 with huge_file, or file system
 * blocks with the inode's HUGE_FILE flag beyond that. */
static int encode_blocks(struct ext2_fs *fs, struct ext2_inode *ei)
{
	uint64_t v = ei->blocks512;

	ei->flags &= ~INODE_FL_HUGE_FILE;
	if (v > UINT32_MAX && !(fs->ro_compat & RO_COMPAT_HUGE_FILE))
		return -EFBIG;
	if (v >= 1ull << 48) {
		v >>= fs->log_bsize - 9;
		if (v >= 1ull << 48)
			return -EFBIG;
		ei->flags |= INODE_FL_HUGE_FILE;
	}
	put_le32(ei->raw, I_BLOCKS_LO, (uint32_t)v);
	put_le16(ei->raw, I_BLOCKS_HIGH, (uint16_t)(v >> 32));
	return 0;
}

/* Whether bytes [off, off + n) of the cached block already read `want`
 * (n >= EXT2_GOOD_OLD_ISIZE); the first EXT2_GOOD_OLD_ISIZE of them are
 * left in `first` either way. */
static bool same_bytes(struct svc_buf *b, size_t off, const uint8_t *want, size_t n,
		       uint8_t first[EXT2_GOOD_OLD_ISIZE])
{
	uint8_t more[EXT2_GOOD_OLD_ISIZE];

	for (size_t at = 0; at < n; at += EXT2_GOOD_OLD_ISIZE) {
		size_t k = MIN((size_t)EXT2_GOOD_OLD_ISIZE, n - at);
		uint8_t *have = at ? more : first;

		svc_buf_read(b, off + at, have, k);
		if (memcmp(have, want + at, k))
			return false;
	}
	return true;
}

/* Whether what fdatasync must make durable differs between two raw
 * inodes (their first 128 bytes): the size and the block map (i_block,
 * i_blocks, the flags that say how i_block reads), not the times. */
static bool data_changed(const uint8_t *a, const uint8_t *b)
{
	static const struct {
		uint8_t off, len;
	} fields[] = {
		{I_SIZE_LO, 4},	    {I_SIZE_HIGH, 4}, {I_BLOCKS_LO, 4},
		{I_BLOCKS_HIGH, 2}, {I_FLAGS, 4},     {I_BLOCK, I_BLOCK_SIZE},
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (memcmp(a + fields[i].off, b + fields[i].off, fields[i].len))
			return true;
	}
	return false;
}

int ext2_inode_write(struct ext2_tx *tx, struct ext2_inode *ei)
{
	struct ext2_fs *fs = ext2_tx_fs(tx);
	uint8_t *r = ei->raw, old[EXT2_GOOD_OLD_ISIZE];
	bool changed;
	uint32_t group = (ei->ino - 1) / fs->inodes_per_group;
	uint64_t byte = (uint64_t)((ei->ino - 1) % fs->inodes_per_group) * fs->inode_size;
	uint64_t blk = ext2_inode_table(fs, group) + byte / fs->bsize;
	struct svc_buf *b;
	int err;

	if (ei->ino == 0 || ei->ino > fs->inodes_count || blk >= fs->blocks_count)
		return -EUCLEAN;
	if (ei->extra_end < EXT2_GOOD_OLD_ISIZE) {
		/* a new inode: the extra fields Linux keeps (32 bytes) */
		uint32_t extra = MIN(32u, fs->inode_size - EXT2_GOOD_OLD_ISIZE);

		ei->extra_end = EXT2_GOOD_OLD_ISIZE + extra;
		if (extra)
			put_le16(r, I_EXTRA_ISIZE, (uint16_t)extra);
	}
	err = encode_blocks(fs, ei);
	if (err)
		return err;
	put_le16(r, I_MODE, (uint16_t)ei->mode);
	put_le16(r, I_UID_LO, (uint16_t)ei->uid);
	put_le16(r, I_UID_HIGH, (uint16_t)(ei->uid >> 16));
	put_le16(r, I_GID_LO, (uint16_t)ei->gid);
	put_le16(r, I_GID_HIGH, (uint16_t)(ei->gid >> 16));
	put_le16(r, I_LINKS_COUNT, (uint16_t)ei->nlink);
	put_le32(r, I_SIZE_LO, (uint32_t)ei->size);
	put_le32(r, I_SIZE_HIGH, (uint32_t)(ei->size >> 32));
	put_le32(r, I_FLAGS, ei->flags);
	put_le32(r, I_GENERATION, ei->generation);
	put_le32(r, I_FILE_ACL_LO, (uint32_t)ei->file_acl);
	if (fs->incompat & INCOMPAT_64BIT)
		put_le16(r, I_FILE_ACL_HIGH, (uint16_t)(ei->file_acl >> 32));
	encode_time(ei, I_ATIME, I_ATIME_EXTRA, ei->atime);
	encode_time(ei, I_MTIME, I_MTIME_EXTRA, ei->mtime);
	encode_time(ei, I_CTIME, I_CTIME_EXTRA, ei->ctime);
	ei->has_btime = fits(ei, I_CRTIME_EXTRA + 4);
	if (ei->has_btime)
		encode_time(ei, I_CRTIME, I_CRTIME_EXTRA, ei->btime);
	if (S_ISCHR(ei->mode) || S_ISBLK(ei->mode))
		encode_rdev(r, ei->rdev);
	ei->csum_seed = ext2_inode_seed(fs, ei->ino, ei->generation);
	ext2_inode_csum_set(fs, ei->ino, r);
	b = ext2_tx_bread(tx, blk, &err);
	if (!b)
		return -EIO;
	changed = !same_bytes(b, byte % fs->bsize, r, fs->inode_size, old);
	ext2_tx_write_inode(tx, ei, b, byte % fs->bsize, changed, changed && data_changed(old, r));
	svc_brelse(fs->cap, b);
	return 0;
}

/* A live inode of the cache with a new reference, or NULL and in *idle
 * an idle one of that number if there is one (fs->lock held). */
static struct inode *cache_find(struct ext2_fs *fs, uint32_t ino, struct ext2_inode **idle)
{
	struct list_head *pos;

	*idle = NULL;
	list_for_each (pos, &fs->icache[ino % ICACHE_BUCKETS]) {
		struct ext2_inode *ei = container_of(pos, struct ext2_inode, hash);

		if (ei->ino != ino)
			continue;
		if (!ei->vfs)
			*idle = ei;
		else if (svc_inode_tryget(fs->cap, ei->vfs))
			return ei->vfs;
	}
	return NULL;
}

/* The idle inode numbered `ino`, if any (fs->lock held). */
static struct ext2_inode *cache_idle(struct ext2_fs *fs, uint32_t ino)
{
	struct list_head *pos;

	list_for_each (pos, &fs->icache[ino % ICACHE_BUCKETS]) {
		struct ext2_inode *ei = container_of(pos, struct ext2_inode, hash);

		if (ei->ino == ino && !ei->vfs)
			return ei;
	}
	return NULL;
}

/* Another inode of ei's number in the cache (fs->lock held). */
static bool cache_dup(struct ext2_fs *fs, const struct ext2_inode *ei)
{
	struct list_head *pos;

	list_for_each (pos, &fs->icache[ei->ino % ICACHE_BUCKETS]) {
		const struct ext2_inode *o = container_of(pos, struct ext2_inode, hash);

		if (o != ei && o->ino == ei->ino)
			return true;
	}
	return false;
}

static void kind_of(uint32_t mode, enum inode_kind *kind, const void **ops)
{
	if (S_ISDIR(mode)) {
		*kind = INODE_DIR;
		*ops = &ext2_dir_ops;
	} else if (S_ISLNK(mode)) {
		*kind = INODE_SYMLINK;
		*ops = &ext2_symlink_ops;
	} else {
		*kind = INODE_FILE;
		*ops = S_ISREG(mode) ? &ext2_file_ops : &ext2_special_ops;
	}
}

/* Give idle inode `ei` a vfs inode again: 0 or -ENOMEM (fs->lock held). */
static int revive(struct ext2_fs *fs, struct ext2_inode *ei, struct inode **out)
{
	enum inode_kind kind;
	const void *ops;
	struct inode *i;

	kind_of(ei->mode, &kind, &ops);
	i = svc_inode_alloc(fs->cap, fs->sb, kind, ops, ei->ino);
	if (!i)
		return -ENOMEM;
	list_del(&ei->idle);
	fs->nidle--;
	i->priv = ei;
	ei->vfs = i;
	__atomic_add_fetch(&fs->refs, 1, __ATOMIC_RELAXED);
	*out = i;
	return 0;
}

int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct inode **out)
{
	struct ext2_inode *ei, *idle;
	enum inode_kind kind;
	const void *ops;
	struct inode *i;
	int err;

	if (ino == 0 || ino > fs->inodes_count)
		return -EUCLEAN;
	svc_lock(fs->cap, fs->lock);
	i = cache_find(fs, ino, &idle);
	err = !i && idle ? revive(fs, idle, &i) : 0;
	svc_unlock(fs->cap, fs->lock);
	if (err)
		return err;
	if (i) {
		*out = i;
		return 0;
	}
	/* read it without the lock (the disk may be slow; the lock guards
	 * only the cache), then insert it unless another reader was first */
	ei = svc_alloc(fs->cap, __builtin_offsetof(struct ext2_inode, raw) + fs->inode_size);
	if (!ei)
		return -ENOMEM;
	ei->fs = fs;
	ei->ino = ino;
	/* changes to it may be in the running transaction still */
	ei->sync_tid = ei->datasync_tid = ext2_tx_running(fs);
	err = read_raw(fs, ino, ei->raw);
	if (!err)
		err = decode(fs, ei);
	if (err)
		goto err_free;
	ext2_dir_changed(ei); /* a generation no cached name has */
	kind_of(ei->mode, &kind, &ops);
	err = -ENOMEM;
	svc_lock(fs->cap, fs->lock);
	i = cache_find(fs, ino, &idle);
	if (!i && idle) {
		err = revive(fs, idle, &i); /* an evict finished meanwhile */
		if (err) {
			svc_unlock(fs->cap, fs->lock);
			goto err_free;
		}
	}
	if (i) {
		svc_unlock(fs->cap, fs->lock);
		svc_free(fs->cap, ei);
		*out = i;
		return 0;
	}
	i = svc_inode_alloc(fs->cap, fs->sb, kind, ops, ino);
	if (!i) {
		svc_unlock(fs->cap, fs->lock);
		goto err_free;
	}
	i->priv = ei;
	ei->vfs = i;
	__atomic_add_fetch(&fs->refs, 1, __ATOMIC_RELAXED);
	list_add(&ei->hash, &fs->icache[ino % ICACHE_BUCKETS]);
	svc_unlock(fs->cap, fs->lock);
	*out = i;
	return 0;
err_free:
	svc_free(fs->cap, ei);
	return err;
}

int ext2_inode_install(struct ext2_fs *fs, struct ext2_inode *ei, struct inode **out)
{
	struct ext2_inode *stale;
	enum inode_kind kind;
	const void *ops;
	struct inode *i;

	kind_of(ei->mode, &kind, &ops);
	ext2_dir_changed(ei);
	svc_lock(fs->cap, fs->lock);
	i = svc_inode_alloc(fs->cap, fs->sb, kind, ops, ei->ino);
	if (!i) {
		svc_unlock(fs->cap, fs->lock);
		return -ENOMEM;
	}
	/* a number just allocated has no idle copy (a freed inode is never
	 * kept); should one be there, it is stale */
	stale = cache_idle(fs, ei->ino);
	if (stale) {
		list_del(&stale->idle);
		list_del(&stale->hash);
		fs->nidle--;
	}
	i->priv = ei;
	ei->vfs = i;
	__atomic_add_fetch(&fs->refs, 1, __ATOMIC_RELAXED);
	list_add(&ei->hash, &fs->icache[ei->ino % ICACHE_BUCKETS]);
	svc_unlock(fs->cap, fs->lock);
	if (stale)
		svc_free(fs->cap, stale);
	*out = i;
	return 0;
}

void ext2_evict(struct inode *ino)
{
	struct ext2_inode *ei = EI(ino), *old = NULL;
	struct ext2_fs *fs;
	bool keep;

	if (!ei)
		return;
	fs = ei->fs;
	if (ei->orphan && ei->nlink == 0 && !fs->sb->read_only && !fs->sb->failed)
		ext2_orphan_evict(ei); /* its last name went while it was open */
	svc_lock(fs->cap, fs->lock);
	if (ei->nord) /* no data left for a commit: it had none dirty */
		ext2_pc_forget(ei);
	ei->ra_next = 0; /* an idle copy keeps no read-ahead state */
	ei->ra_pages = 0;
	ei->vfs = NULL;
	keep = ei->nlink && !ei->orphan && !ei->tmpfile && !fs->sb->failed && !cache_dup(fs, ei);
	if (keep) {
		list_add_tail(&ei->idle, &fs->idle);
		if (++fs->nidle > ICACHE_IDLE_MAX) {
			old = list_first_entry(&fs->idle, struct ext2_inode, idle);
			list_del(&old->idle);
			list_del(&old->hash);
			fs->nidle--;
		}
	} else {
		list_del(&ei->hash);
	}
	svc_unlock(fs->cap, fs->lock);
	if (!keep)
		svc_free(fs->cap, ei);
	if (old)
		svc_free(fs->cap, old);
	ext2_fs_put(fs);
}

int ext2_stat(struct inode *ino, struct vfs_stat *st)
{
	const struct ext2_inode *ei = EI(ino);

	st->mode = ei->mode;
	st->nlink = ei->nlink;
	st->uid = ei->uid;
	st->gid = ei->gid;
	st->rdev = ei->rdev;
	st->size = (int64_t)ei->size;
	st->blksize = ei->fs->bsize;
	st->blocks = ei->blocks512;
	st->atime = ei->atime;
	st->mtime = ei->mtime;
	st->ctime = ei->ctime;
	st->btime = ei->btime;
	st->has_btime = ei->has_btime;
	return 0;
}
