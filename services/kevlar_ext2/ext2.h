/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_ext2: the ext2/ext3/ext4 service (ring 2), read path.  One
 * service, three filesystem type names; a mount reads the superblock and
 * the group descriptors of the device mount(2) names through the service
 * API's buffer cache (svc_bread) and hands out inodes on demand.
 *
 * On-disk structures are read field by field from byte offsets (all
 * little-endian), never through packed structs, so a short or hostile
 * block is bounds-checked at each read.  The layout is the one the ext4
 * documentation describes; the offsets below are named after its fields.
 *
 * Errors as Linux's ext4 reports them: a metadata checksum that does not
 * match is -EBADMSG (ext4's EFSBADCRC), a structure that cannot be right
 * (a block past the end, a bad extent header, a malformed directory
 * entry) is -EUCLEAN (EFSCORRUPTED), a device read that failed is -EIO.
 *
 * Writing: alloc.c (bitmaps and counts), inode.c (ext2_inode_write),
 * extent.c and indirect.c (block maps), file.c (file data), every
 * metadata change through a transaction (tx.h) under fs->wlock.
 *
 * Locking: fs->lock guards the inode cache (fs->icache) and is never held
 * across a disk read or a call back into the service.  fs->wlock guards
 * everything the write path changes: an inode's fields and raw copy, its
 * block map, the group descriptors (fs->gdt), fs->raw_sb and the bitmaps;
 * readers of a block map hold it too (file.c), and nobody holds it across
 * a copy to or from user memory.
 */
#pragma once

#include <klib/compiler.h>
#include <klib/list.h>
#include <klib/types.h>
#include <kevlar_vfs/service.h>

/* ---- little-endian field access ---- */

static inline uint16_t le16_at(const uint8_t *p, size_t off)
{
	return (uint16_t)(p[off] | p[off + 1] << 8);
}

static inline uint32_t le32_at(const uint8_t *p, size_t off)
{
	return (uint32_t)p[off] | (uint32_t)p[off + 1] << 8 | (uint32_t)p[off + 2] << 16 |
	       (uint32_t)p[off + 3] << 24;
}

static inline void put_le16(uint8_t *p, size_t off, uint16_t v)
{
	p[off] = (uint8_t)(v & 0xff);
	p[off + 1] = (uint8_t)(v >> 8);
}

static inline void put_le32(uint8_t *p, size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[off + i] = (uint8_t)((v >> (8 * i)) & 0xff);
}

/* ---- superblock (1024 bytes at byte 1024 of the device) ---- */

#define EXT2_SB_OFFSET	       1024
#define EXT2_SB_SIZE	       1024
#define EXT2_MAGIC	       0xef53
#define SB_INODES_COUNT	       0x00
#define SB_BLOCKS_COUNT_LO     0x04
#define SB_R_BLOCKS_COUNT_LO   0x08
#define SB_FREE_BLOCKS_LO      0x0c
#define SB_FREE_INODES	       0x10
#define SB_FIRST_DATA_BLOCK    0x14
#define SB_LOG_BLOCK_SIZE      0x18
#define SB_BLOCKS_PER_GROUP    0x20
#define SB_INODES_PER_GROUP    0x28
#define SB_MAGIC	       0x38
#define SB_REV_LEVEL	       0x4c
#define SB_FIRST_INO	       0x54
#define SB_INODE_SIZE	       0x58
#define SB_FEATURE_COMPAT      0x5c
#define SB_FEATURE_INCOMPAT    0x60
#define SB_FEATURE_RO_COMPAT   0x64
#define SB_UUID		       0x68
#define SB_RESERVED_GDT_BLOCKS 0xce
#define SB_JOURNAL_INUM	       0xe0
#define SB_LAST_ORPHAN	       0xe8
#define SB_HASH_SEED	       0xec
#define SB_DEF_HASH_VERSION    0xfc
#define SB_DESC_SIZE	       0xfe
#define SB_FIRST_META_BG       0x104
#define SB_BLOCKS_COUNT_HI     0x150
#define SB_R_BLOCKS_COUNT_HI   0x154
#define SB_FREE_BLOCKS_HI      0x158
#define SB_WANT_EXTRA_ISIZE    0x15e
#define SB_FLAGS	       0x160
#define SB_CHECKSUM_TYPE       0x175
#define SB_OVERHEAD_CLUSTERS   0x248
#define SB_CHECKSUM_SEED       0x270
#define SB_CHECKSUM	       0x3fc
#define SB_FLAG_SIGNED_HASH    0x1
#define SB_FLAG_UNSIGNED_HASH  0x2

#define COMPAT_HAS_JOURNAL	 0x0004
#define COMPAT_EXT_ATTR		 0x0008
#define COMPAT_DIR_INDEX	 0x0020
#define INCOMPAT_FILETYPE	 0x0002
#define INCOMPAT_RECOVER	 0x0004
#define INCOMPAT_META_BG	 0x0010
#define INCOMPAT_EXTENTS	 0x0040
#define INCOMPAT_64BIT		 0x0080
#define INCOMPAT_FLEX_BG	 0x0200
#define INCOMPAT_CSUM_SEED	 0x2000
#define INCOMPAT_LARGEDIR	 0x4000
#define RO_COMPAT_SPARSE_SUPER	 0x0001
#define RO_COMPAT_LARGE_FILE	 0x0002
#define RO_COMPAT_HUGE_FILE	 0x0008
#define RO_COMPAT_GDT_CSUM	 0x0010
#define RO_COMPAT_DIR_NLINK	 0x0020
#define RO_COMPAT_EXTRA_ISIZE	 0x0040
#define RO_COMPAT_QUOTA		 0x0100
#define RO_COMPAT_METADATA_CSUM	 0x0400
#define RO_COMPAT_READONLY	 0x1000
#define RO_COMPAT_PROJECT	 0x2000
#define RO_COMPAT_ORPHAN_PRESENT 0x10000

/* What this service reads: an incompat feature outside the set refuses the
 * mount; an ro_compat one outside it is fine read-only (all mounts are). */
#define EXT2_INCOMPAT_SUPPORTED                                                       \
	(INCOMPAT_FILETYPE | INCOMPAT_RECOVER | INCOMPAT_META_BG | INCOMPAT_EXTENTS | \
	 INCOMPAT_64BIT | INCOMPAT_FLEX_BG | INCOMPAT_CSUM_SEED | INCOMPAT_LARGEDIR)
#define EXT2_RO_COMPAT_SUPPORTED                                                              \
	(RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE | RO_COMPAT_HUGE_FILE |                \
	 RO_COMPAT_GDT_CSUM | RO_COMPAT_DIR_NLINK | RO_COMPAT_EXTRA_ISIZE | RO_COMPAT_QUOTA | \
	 RO_COMPAT_METADATA_CSUM | RO_COMPAT_READONLY | RO_COMPAT_PROJECT |                   \
	 RO_COMPAT_ORPHAN_PRESENT)

/* What it writes: a read-write mount of a volume with another ro_compat
 * feature is refused (quota files it would not keep up to date, the
 * orphan file, bigalloc...). */
#define EXT2_RO_COMPAT_WRITABLE                                                                  \
	(RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE | RO_COMPAT_HUGE_FILE |                   \
	 RO_COMPAT_GDT_CSUM | RO_COMPAT_DIR_NLINK | RO_COMPAT_EXTRA_ISIZE | RO_COMPAT_READONLY | \
	 RO_COMPAT_METADATA_CSUM | RO_COMPAT_PROJECT)

/* ---- group descriptors (32 bytes, or s_desc_size with 64bit) ---- */

#define GD_INODE_TABLE_LO 0x08
#define GD_FREE_BLOCKS_LO 0x0c
#define GD_FREE_INODES_LO 0x0e
#define GD_CHECKSUM	  0x1e
#define GD_INODE_TABLE_HI 0x28
#define GD_FREE_BLOCKS_HI 0x2c
#define GD_FREE_INODES_HI 0x2e
#define GD_SIZE_MIN	  32
#define GD_SIZE_64BIT_MIN 64

/* ---- inodes ---- */

#define EXT2_ROOT_INO	     2
#define EXT2_GOOD_OLD_ISIZE  128
#define I_MODE		     0x00
#define I_UID_LO	     0x02
#define I_SIZE_LO	     0x04
#define I_ATIME		     0x08
#define I_CTIME		     0x0c
#define I_MTIME		     0x10
#define I_GID_LO	     0x18
#define I_DTIME		     0x14
#define I_LINKS_COUNT	     0x1a
#define I_BLOCKS_LO	     0x1c
#define I_FLAGS		     0x20
#define I_BLOCK		     0x28 /* 15 words: block map, extent root or symlink */
#define I_BLOCK_SIZE	     60
#define I_GENERATION	     0x64
#define I_FILE_ACL_LO	     0x68
#define I_SIZE_HIGH	     0x6c
#define I_BLOCKS_HIGH	     0x74
#define I_FILE_ACL_HIGH	     0x76
#define I_UID_HIGH	     0x78
#define I_GID_HIGH	     0x7a
#define I_CHECKSUM_LO	     0x7c
#define I_EXTRA_ISIZE	     0x80
#define I_CHECKSUM_HI	     0x82
#define I_CTIME_EXTRA	     0x84
#define I_MTIME_EXTRA	     0x88
#define I_ATIME_EXTRA	     0x8c
#define I_CRTIME	     0x90
#define I_CRTIME_EXTRA	     0x94
#define INODE_FL_IMMUTABLE   0x00000010
#define INODE_FL_APPEND	     0x00000020
#define INODE_FL_INDEX	     0x00001000
#define INODE_FL_HUGE_FILE   0x00040000
#define INODE_FL_EXTENTS     0x00080000
#define INODE_FL_EA_INODE    0x00200000
#define INODE_FL_INLINE_DATA 0x10000000

/* ---- directories ---- */

#define DIRENT_HEADER	 8 /* inode(4) rec_len(2) name_len(1) file_type(1) */
#define DIRENT_TAIL_SIZE 12
#define DIRENT_TAIL_FT	 0xde

/* ---- the mount ---- */

#define ICACHE_BUCKETS	64
#define ICACHE_IDLE_MAX 512 /* evicted inodes kept for their next iget */

struct ext2_fs {
	struct svc_cap cap;
	struct vfs_sb *sb;
	struct svc_bdev *bd;
	int refs; /* atomic: the mount and each live inode */
	uint8_t raw_sb[EXT2_SB_SIZE];
	uint32_t bsize, log_bsize;
	uint64_t blocks_count, r_blocks;
	uint32_t first_data_block;
	uint32_t inodes_count, inodes_per_group, blocks_per_group, groups;
	uint32_t inode_size, desc_size, first_ino;
	uint32_t compat, incompat, ro_compat;
	bool csum;	    /* metadata_csum: verify every checksum below */
	uint32_t csum_seed; /* crc32c of the uuid, or s_checksum_seed */
	uint32_t hash_seed[4];
	unsigned def_hash;
	bool hash_unsigned;
	uint8_t *gdt; /* groups * desc_size bytes, verified at mount */
	struct svc_lock *lock;
	struct list_head icache[ICACHE_BUCKETS]; /* lock: struct ext2_inode.hash */
	/* lock: the cached inodes no vfs inode holds (evicted, still named),
	 * least recently used first (struct ext2_inode.idle) */
	struct list_head idle;
	unsigned nidle;
	/* wlock: the names lookups found or missed (dir.c); NULL if none */
	struct ext2_nc_slot *ncache;
	uint64_t dgen_next;  /* atomic: the last directory generation handed out */
	uint8_t *bitmap_buf; /* wlock: alloc.c's bitmap copy, made at first use */
	uint8_t *dir_buf;    /* wlock: ext2_dir_scratch's block, made at first use */
	/* Serializes every change of the mount (an op that writes holds it
	 * from ext2_tx_begin to ext2_tx_end, tx.h) and the readers of what
	 * such a change rewrites (block maps, directories, xattrs).  Taken
	 * before fs->lock, never held across a wait for another op. */
	struct svc_lock *wlock;
	/* Serializes changes of file data with their copy into the cached
	 * pages (pages.c); taken before wlock. */
	struct svc_lock *plock;
	struct ext2_journal *journal; /* journal.c: NULL on ext2 or without has_journal */
	/* wlock: the inodes on the orphan list (struct ext2_inode.orphan_link)
	 * in the on-disk chain's order, newest (s_last_orphan) first */
	struct list_head orphans;
	/* lock: the cached pages holding data for blocks mapped in the
	 * running transaction, by range: its commit writes them first
	 * (pages.c, ordered mode) */
	struct ext2_ord *ord;
	unsigned nord, ord_cap;
};

struct ext2_ord {
	struct ext2_inode *ei; /* NULL: evicted meanwhile */
	uint64_t lo, hi;       /* page indexes */
};

struct ext2_inode {
	struct ext2_fs *fs;
	struct inode *vfs;     /* lock: cleared by evict */
	struct list_head hash; /* lock */
	struct list_head idle; /* lock: on fs->idle while vfs is NULL */
	uint32_t ino;
	uint32_t mode, uid, gid, nlink, flags, generation;
	uint64_t size, blocks512, file_acl;
	uint64_t rdev;
	struct vfs_time atime, mtime, ctime, btime;
	bool has_btime;
	uint32_t csum_seed; /* per-inode seed for extent, directory and xattr checksums */
	/* wlock: a directory's generation, new at each change of its entries
	 * or inode (ext2_dir_changed): the name cache's entries carry it */
	uint64_t dgen;
	uint32_t extra_end; /* 128 + i_extra_isize: where in-inode xattrs start */
	/* wlock: on fs->orphans (an unlinked inode still open, a tmpfile):
	 * freed at its last evict while its link count is 0 (orphan.c) */
	bool orphan;
	bool tmpfile;		      /* wlock: an O_TMPFILE link() may still name */
	struct list_head orphan_link; /* wlock */
	unsigned nord;		      /* fs->lock: its ranges in fs->ord */
	/* wlock: the journal transaction that last changed the inode, and
	 * the last one that changed what fdatasync needs (its size and
	 * block map, not bare times): fsync commits only while it runs
	 * (Linux's i_sync_tid, i_datasync_tid; tx.c) */
	uint32_t sync_tid, datasync_tid;
	/* read-ahead hints (pages.c), unlocked: a race costs a window */
	uint64_t ra_next;
	uint64_t ra_mark; /* 1 + the page whose read starts the next window; 0 none */
	uint32_t ra_pages;
	uint8_t raw[]; /* the on-disk inode, inode_size bytes */
};

static inline struct ext2_inode *EI(const struct inode *i)
{
	return i->priv;
}

/* super.c */
extern const struct file_ops ext2_file_ops, ext2_special_ops;
extern const struct dir_ops ext2_dir_ops;
extern const struct symlink_ops ext2_symlink_ops;
extern const struct fs_type ext2_fs_type, ext3_fs_type, ext4_fs_type;
void ext2_fs_put(struct ext2_fs *fs);
uint64_t ext2_inode_table(const struct ext2_fs *fs, uint32_t group);
/* Block `blk` whole into `buf` (fs->bsize bytes): 0, -EIO, -EUCLEAN (past
 * the filesystem's end). */
int ext2_read_block(struct ext2_fs *fs, uint64_t blk, void *buf) __must_check;
void *ext2_block_alloc(struct ext2_fs *fs) __must_check;
void ext2_block_free(struct ext2_fs *fs, void *buf);
/* sparse_super: whether group g keeps a superblock (and descriptor) copy. */
bool ext2_group_has_super(const struct ext2_fs *fs, uint32_t g);
/* Where descriptor block i (of the primary table) lives. */
uint64_t ext2_gdt_block(const struct ext2_fs *fs, uint32_t i);

/* csum.c */
bool ext2_sb_csum_ok(const struct ext2_fs *fs, const uint8_t *sb);
uint32_t ext2_sb_csum(const struct ext2_fs *fs, const uint8_t *sb);
bool ext2_gd_csum_ok(const struct ext2_fs *fs, uint32_t group, const uint8_t *gd);
/* The checksum a descriptor should carry (crc16 or crc32c's low half; 0
 * without either feature). */
uint16_t ext2_gd_csum(const struct ext2_fs *fs, uint32_t group, const uint8_t *gd);
/* crc32c of a block or inode bitmap's first `bytes` bytes (metadata_csum). */
uint32_t ext2_bitmap_csum(const struct ext2_fs *fs, const uint8_t *bitmap, size_t bytes);
void ext2_inode_csum_set(const struct ext2_fs *fs, uint32_t ino, uint8_t *raw);
void ext2_extent_csum_set(const struct ext2_inode *ei, uint8_t *blk, unsigned max_entries);
bool ext2_inode_csum_ok(const struct ext2_fs *fs, uint32_t ino, const uint8_t *raw);
uint32_t ext2_inode_seed(const struct ext2_fs *fs, uint32_t ino, uint32_t generation);
bool ext2_extent_csum_ok(const struct ext2_inode *ei, const uint8_t *blk, unsigned max_entries);
bool ext2_dirblock_csum_ok(const struct ext2_inode *ei, const uint8_t *blk);
bool ext2_dx_csum_ok(const struct ext2_inode *ei, const uint8_t *blk, unsigned count_off);
bool ext2_xattr_block_csum_ok(const struct ext2_fs *fs, uint64_t blk, const uint8_t *b);

/* inode.c */
/* A new reference to inode `ino`: 0, -EUCLEAN (a number out of range, a
 * malformed inode), -EBADMSG (its checksum), -EIO, -ENOMEM. */
int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct inode **out) __must_check;
void ext2_evict(struct inode *ino);
int ext2_stat(struct inode *ino, struct vfs_stat *st);

/* bmap.c */
/* Map logical block `lblk` of the file: *pblk (0 for a hole or an
 * unwritten extent, read as zeros) and in *run how many blocks from lblk
 * on map the same way (contiguous, or all holes), at least 1. */
int ext2_bmap(struct ext2_inode *ei, uint64_t lblk, uint64_t *pblk, uint64_t *run) __must_check;

/* file.c */
struct ext2_tx;
/* chmod, chown, utimes, truncate of any inode of the mount (ctime now). */
int ext2_setattr(struct inode *ino, const struct vfs_setattr *a);
/* chmod, chown and utimes of a setattr into ei's fields (file.c). */
void ext2_apply_attrs(struct ext2_inode *ei, const struct vfs_setattr *a);
int ext2_readpage(struct ext2_inode *ei, uint64_t pgoff, uint8_t *page) __must_check;
int ext2_writepage(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t pgoff, const uint8_t *page,
		   size_t from, size_t to, uint32_t hint) __must_check;

/* pages.c: regular files on ring 1's page cache */
ssize_t ext2_pc_read(struct ext2_inode *ei, uint64_t off, struct iobuf *b);
/* The dirty (or under writeback) cached pages [lo, hi] of ei to their
 * mapped blocks now (holes skipped): fs->wlock held.  0 or -errno. */
int ext2_pc_flush_pages(struct ext2_inode *ei, uint64_t lo, uint64_t hi) __must_check;
int ext2_pc_readpage(struct inode *ino, uint64_t pgoff, struct svc_page *pg);
int ext2_pc_writepage(struct inode *ino, uint64_t pgoff, struct svc_page *pg, size_t len);
int ext2_pc_writepages(struct inode *ino, const uint64_t *idx, struct svc_page *const *pgs,
		       unsigned n, uint64_t size);
/* write(2) of n bytes at `pos` from the kernel buffer `src` into the
 * cached pages (fs->plock held): the bytes written or -errno. */
ssize_t ext2_pc_write(struct ext2_inode *ei, uint64_t pos, const uint8_t *src, size_t n);
/* A journal commit: the cached data of the blocks it maps first. */
int ext2_pc_flush_ordered(struct ext2_fs *fs) __must_check;
/* Pages [lo, hi] of ei are ordered data (tx.h): 0 or -ENOMEM.  Evict:
 * ei is gone (fs->lock held). */
int ext2_pc_order(struct ext2_inode *ei, uint64_t lo, uint64_t hi) __must_check;
void ext2_pc_forget(struct ext2_inode *ei);

/* direct.c: O_DIRECT reads and writes of regular files; `limit` is the
 * largest size the file may have (EFBIG at it) */
ssize_t ext2_direct_read(struct ext2_inode *ei, uint64_t off, struct iobuf *b);
ssize_t ext2_direct_write(struct ext2_inode *ei, uint64_t off, struct iobuf *b, unsigned flags,
			  uint64_t limit);

/* dir.c */
int ext2_dir_lookup(struct inode *dir, const char *name, size_t len, struct inode **out);
int ext2_readdir(struct inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx);
/* Search one directory block (already verified) for `name`: its inode
 * number, 0 if absent, -EUCLEAN if its entry is malformed. */
long ext2_dirblock_find(struct ext2_fs *fs, const uint8_t *blk, const char *name, size_t len);
/* Read logical block `lblk` of directory `ei` and check it as a leaf
 * (entries and tail checksum): 0, -EBADMSG, -EUCLEAN, -EIO. */
int ext2_dir_read_leaf(struct ext2_inode *ei, uint64_t lblk, uint8_t *buf) __must_check;

/* htree.c */
/* Look `name` up through the directory's hash index: its inode number
 * (> 0), 0 when absent, 1 - 2 = -1 never; -EAGAIN when the index cannot be
 * used (the caller scans linearly, as Linux falls back), or -errno. */
long ext2_dx_lookup(struct ext2_inode *dir, const char *name, size_t len);
/* The hash of a name as the index orders it, and in *minor (if not NULL)
 * the minor hash that orders equal hashes in readdir. */
uint32_t ext2_dx_hash(const char *name, size_t len, unsigned version, const uint32_t seed[4],
		      uint32_t *minor);
/* readdir in hash order, as Linux reads every directory of a dir_index
 * filesystem that is indexed or one block long; *pos is a hash cookie.
 * -EAGAIN when the index cannot be used (the caller reads linearly). */
int ext2_dx_readdir(struct ext2_inode *dir, uint64_t *pos, vfs_dirent_fn emit, void *ctx);
bool ext2_dirent_ok(const struct ext2_fs *fs, const uint8_t *blk, size_t off, unsigned *rec);
#define DX_ROOT_INFO	0x18 /* after the "." and ".." entries */
#define DX_ROOT_ENTRIES 0x20
#define DX_NODE_ENTRIES 0x08
/* The index entry of an array at `count_off` whose range holds `hash`:
 * its position in *idx; -EAGAIN if the array is malformed. */
int ext2_dx_pick(const uint8_t *blk, size_t bsize, size_t count_off, uint32_t hash, unsigned *idx);
#define DX_HASH_LEGACY		  0
#define DX_HASH_HALF_MD4	  1
#define DX_HASH_TEA		  2
#define DX_HASH_LEGACY_UNSIGNED	  3
#define DX_HASH_HALF_MD4_UNSIGNED 4
#define DX_HASH_TEA_UNSIGNED	  5

/* ---- the namespace's write path (dirwrite.c, dx_insert.c, namei.c,
 * orphan.c); every call runs inside a transaction with fs->wlock held ---- */
struct ext2_tx;
#define EXT2_LINK_MAX 65000 /* ext4's EXT4_LINK_MAX: dir_nlink's threshold */
/* Where a name sits in a directory: its block, its entry's offset and
 * the offset of the entry before it in the block (SIZE_MAX: it is the
 * first), and what it names. */
struct ext2_dirslot {
	uint64_t lblk;
	size_t off, prev;
	uint32_t ino;
	uint8_t ftype;
};
/* ext4's file_type byte for a mode (0 without the filetype feature). */
uint8_t ext2_ftype(const struct ext2_fs *fs, uint32_t mode);
/* The bytes of a leaf block entries may use (less the checksum tail). */
size_t ext2_leaf_space(const struct ext2_fs *fs);
/* Store a record length, as ext4 encodes 64 KiB. */
void ext2_put_rec(const struct ext2_fs *fs, uint8_t *blk, size_t off, size_t rec);
/* A leaf block's checksum tail (metadata_csum), set whole. */
void ext2_dirblock_tail(const struct ext2_inode *ei, uint8_t *blk);
/* Write directory block `lblk` of `dir` (read with ext2_dir_read_leaf)
 * back in the transaction with its checksum: of an index block whose
 * count sits at `count_off` (0: found from the block, a leaf if none);
 * `fresh`: a block just allocated. */
int ext2_dir_put(struct ext2_tx *tx, struct ext2_inode *dir, uint64_t lblk, uint8_t *buf,
		 size_t dx_count_off, bool fresh) __must_check;
/* Try to place an entry in a leaf block: 0, -ENOSPC (no room), -EUCLEAN. */
int ext2_leaf_add(const struct ext2_fs *fs, uint8_t *blk, const char *name, size_t len,
		  uint32_t ino, uint8_t ftype);
/* Add `name` -> ino to dir (the caller knows it is absent): 0, -ENOSPC,
 * -EMLINK (an index that cannot grow), -EIO, -EUCLEAN. */
int ext2_dir_add(struct ext2_tx *tx, struct ext2_inode *dir, const char *name, size_t len,
		 uint32_t ino, uint32_t mode) __must_check;
/* dir.c: the name cache.  Set up and free with the mount; a directory
 * gets a new generation (dropping its cached names) at every change, and
 * an op that changed it may then record what a name now is (`slot` NULL:
 * not where; `ino` 0: absent).  fs->wlock held but for the setup. */
void ext2_ncache_init(struct ext2_fs *fs); /* without memory: no cache */
void ext2_ncache_free(struct ext2_fs *fs);
void ext2_dir_changed(struct ext2_inode *dir);
void ext2_ncache_set(struct ext2_inode *dir, const char *name, size_t len, uint32_t ino,
		     const struct ext2_dirslot *slot);
/* A block-sized buffer for a search or change of one directory block
 * that calls no other user of it (lookup, ext2_dir_find, ext2_dir_remove):
 * kept per mount, not zeroed.  fs->wlock held; NULL: -ENOMEM. */
uint8_t *ext2_dir_scratch(struct ext2_fs *fs);
/* What the cache knows for ext2_dir_find: -ENOENT, 0 and *slot, or 1. */
int ext2_ncache_find(struct ext2_inode *dir, const char *name, size_t len,
		     struct ext2_dirslot *slot) __must_check;
/* Find `name`: 0 and *slot, -ENOENT, -EUCLEAN, -EBADMSG, -EIO. */
int ext2_dir_find(struct ext2_inode *dir, const char *name, size_t len, struct ext2_dirslot *slot)
	__must_check;
/* Remove the entry at `slot`, or point it at another inode. */
int ext2_dir_remove(struct ext2_tx *tx, struct ext2_inode *dir, const struct ext2_dirslot *slot)
	__must_check;
int ext2_dir_retarget(struct ext2_tx *tx, struct ext2_inode *dir, const struct ext2_dirslot *slot,
		      uint32_t ino, uint32_t mode) __must_check;
/* 1 if the directory holds nothing but "." and "..", 0 if it does, -errno. */
int ext2_dir_is_empty(struct ext2_inode *dir) __must_check;
/* The inode ".." names, and pointing it at `parent`. */
int ext2_dir_parent(struct ext2_inode *dir, uint32_t *parent) __must_check;
int ext2_dir_set_parent(struct ext2_tx *tx, struct ext2_inode *dir, uint32_t parent) __must_check;
/* dx_insert.c: add to an indexed directory; turn a full one-block
 * directory into an indexed one; the leaf that would hold `name`. */
int ext2_dx_add(struct ext2_tx *tx, struct ext2_inode *dir, const char *name, size_t len,
		uint32_t ino, uint8_t ftype) __must_check;
int ext2_dx_make_indexed(struct ext2_tx *tx, struct ext2_inode *dir) __must_check;
int ext2_dx_find_leaf(struct ext2_inode *dir, const char *name, size_t len, uint64_t *lblk)
	__must_check;
/* csum.c: set what the _ok predicates check (no-ops without metadata_csum). */
void ext2_dirblock_csum_set(const struct ext2_inode *ei, uint8_t *blk);
void ext2_dx_csum_set(const struct ext2_inode *ei, uint8_t *blk, unsigned count_off);
void ext2_xattr_block_csum_set(const struct ext2_fs *fs, uint64_t blk, uint8_t *b);
/* orphan.c: the orphan list (s_last_orphan, chained through i_dtime). */
int ext2_orphan_add(struct ext2_tx *tx, struct ext2_inode *ei) __must_check;
int ext2_orphan_del(struct ext2_tx *tx, struct ext2_inode *ei) __must_check;
/* At the last evict of an orphan whose link count is 0: free it. */
void ext2_orphan_evict(struct ext2_inode *ei);
/* A writable mount: finish what a crash left on the list. */
int ext2_orphan_recover(struct ext2_fs *fs) __must_check;
/* inode.c: cache a new inode (its fields and raw set up): the vfs inode. */
int ext2_inode_install(struct ext2_fs *fs, struct ext2_inode *ei, struct inode **out) __must_check;
/* namei.c */
int ext2_setattr_common(struct inode *ino, const struct vfs_setattr *a);
/* file.c: what immutable and append-only forbid a setattr */
bool ext2_setattr_refused(const struct ext2_inode *ei, const struct vfs_setattr *a);
/* flags.c: FS_IOC_GETFLAGS/SETFLAGS */
int ext2_getflags(struct inode *ino, uint32_t *flags);
int ext2_setflags(struct inode *ino, uint32_t flags);

/* ---- the write path (alloc.c, inode.c, extent.c; the tx is tx.h's) ---- */
struct ext2_tx;
/* Allocate up to `want` contiguous blocks (at least 1) near `goal` (0: the
 * inode's group) for inode `ei` (NULL: metadata not of an inode), marking
 * them in the bitmap and the group and superblock counts: the first in
 * *first and the count in *got.  -ENOSPC (no free block outside the
 * reserve), -EIO, -EUCLEAN.  i_blocks is the caller's to update. */
int ext2_new_blocks(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t goal, uint32_t want,
		    uint64_t *first, uint32_t *got) __must_check;
/* Free blocks [first, first + count): bitmap, counts, and ext2_tx_forget
 * of each if `meta`. */
int ext2_free_blocks(struct ext2_tx *tx, uint64_t first, uint32_t count, bool meta) __must_check;
/* Allocate an inode for a new node of `mode` in directory `dir`: its
 * number in *ino (bitmap, counts, used_dirs, itable_unused updated).
 * -ENOSPC, -EIO. */
int ext2_new_inode(struct ext2_tx *tx, struct ext2_inode *dir, uint32_t mode, uint32_t *ino)
	__must_check;
/* Clear inode `ino`'s bit (counts, used_dirs); the caller has written
 * the inode itself (links 0, dtime) first. */
int ext2_free_inode(struct ext2_tx *tx, uint32_t ino, bool is_dir) __must_check;
/* Write fs->raw_sb (its counts and times, with its checksum) back: into
 * its block now, or, once that block is in the running transaction of a
 * journal, at the commit (ext2_super_fill). */
int ext2_super_write(struct ext2_tx *tx) __must_check;
/* The block holding the superblock. */
uint64_t ext2_super_block(const struct ext2_fs *fs);
/* Checksum fs->raw_sb and copy it into its block `b`. */
void ext2_super_fill(struct ext2_fs *fs, struct svc_buf *b);
/* Write ei's fields back into its raw inode and its inode table block,
 * with its checksum.  A new inode (ei->extra_end 0, raw zeroed but for
 * what the caller set, i_block included) gets i_extra_isize 32.  When the
 * block already holds those bytes (a write within the tick of the last
 * one), it is left out of the transaction.  Records the transaction in
 * ei->sync_tid/datasync_tid (ext2_tx_write_inode).  -EFBIG (i_blocks too
 * big for the features), -EIO, -EUCLEAN. */
int ext2_inode_write(struct ext2_tx *tx, struct ext2_inode *ei) __must_check;
/* Map logical blocks from `lblk` on, allocating what is a hole (zeroed
 * when `zero`, for directories and metadata-like data): up to `want`
 * blocks, the first physical one in *pblk and the count in *got. */
int ext2_bmap_alloc(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
		    bool zero, uint64_t *pblk, uint32_t *got) __must_check;
/* Free every block of the file from logical block `from` on (extent tree
 * or block map shrinks; i_blocks updated). */
int ext2_truncate_blocks(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t from) __must_check;
/* The same for logical blocks [start, end) (PUNCH_HOLE). */
int ext2_punch_blocks(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t start, uint64_t end)
	__must_check;

/* bmap.c, extent.c, indirect.c: the pieces behind the calls above */
int ext2_ext_check(const struct ext2_inode *ei, const uint8_t *h, unsigned room, unsigned depth);
/* Read the extent tree block `blk` of `depth` into `buf`, checked: its
 * header every time, its checksum once per cached copy (the buffer's
 * verified mark, as Linux verifies a buffer once; a change clears it).
 * 0, -EUCLEAN, -EBADMSG, -EIO. */
int ext2_ext_read_node(struct ext2_inode *ei, uint64_t blk, uint8_t *buf, unsigned depth)
	__must_check;
int ext2_ext_map_alloc(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
		       bool zero, uint64_t *pblk, uint32_t *got) __must_check;
/* fallocate: preallocate the hole at `lblk` (up to `want` blocks) as an
 * unwritten extent; with `unwrite`, turn written blocks there unwritten
 * too (ZERO_RANGE).  *got: how many blocks from lblk were handled. */
int ext2_ext_prealloc(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
		      bool unwrite, uint32_t *got) __must_check;
int ext2_ext_remove(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t start, uint64_t end)
	__must_check;
/* An empty extent tree in i_block (a new file of an extents filesystem). */
void ext2_ext_init_root(struct ext2_inode *ei);
/* The first extent that ends after `lblk`: *len 0 if none (FIEMAP,
 * SEEK_DATA). */
int ext2_ext_next(struct ext2_inode *ei, uint64_t lblk, uint64_t *start, uint64_t *len,
		  uint64_t *pblk, bool *unwritten) __must_check;
int ext2_ind_map_alloc(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t lblk, uint32_t want,
		       bool zero, uint64_t *pblk, uint32_t *got) __must_check;
int ext2_ind_remove(struct ext2_tx *tx, struct ext2_inode *ei, uint64_t start, uint64_t end)
	__must_check;

/* journal.c: the jbd2 journal of ext3/ext4 (journal.h) */
/* At mount, after the superblock and descriptors are read: find and
 * check the journal, replay it if the filesystem needs recovery (a
 * read-only mount too, as Linux, unless mount(2)'s `data` says noload or
 * norecovery; the device is then reopened writable from `source`), and
 * set fs->journal.  *reread: the replay may have changed the superblock
 * and descriptors, read them again.  0, -EINVAL (a journal this service
 * cannot use, an external one), -EROFS (recovery needed on a read-only
 * device), -EBADMSG, -EIO, -ENOMEM. */
int ext2_journal_load(struct ext2_fs *fs, const char *source, const void *data, size_t len,
		      bool *reread) __must_check;
/* A writable mount (or remount rw): log from now on, the superblock's
 * needs_recovery set.  0, -EINVAL, -EROFS, -EIO. */
int ext2_journal_start(struct ext2_fs *fs) __must_check;
/* Unmount or remount read-only: the last commit, every block home, the
 * log empty and needs_recovery cleared.  0 or -EIO. */
int ext2_journal_stop(struct ext2_fs *fs) __must_check;
void ext2_journal_free(struct ext2_fs *fs);

/* xattr.c */
ssize_t ext2_getxattr(struct inode *ino, const char *name, struct iobuf *buf);
ssize_t ext2_listxattr(struct inode *ino, struct iobuf *buf);
/* A full name's namespace index and the suffix stored: 0, -EINVAL (a
 * bare prefix), -EOPNOTSUPP (a namespace ext4 does not keep). */
int ext2_xattr_name(const char *name, uint8_t *index, const char **suffix);
#define XATTR_INDEX_ACL_ACCESS	2
#define XATTR_INDEX_ACL_DEFAULT 3
int ext2_setxattr(struct inode *ino, const char *name, const void *value, size_t size, int flags);
int ext2_removexattr(struct inode *ino, const char *name);
/* xattr_write.c: an inode being freed lets go of its xattr block (freed
 * when no other inode shares it). */
int ext2_xattr_drop(struct ext2_tx *tx, struct ext2_inode *ei) __must_check;
