/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests of the jbd2 journal (journal.c, commit.c, recovery.c)
 * against images the host's mke2fs makes and journals the host's debugfs
 * writes, checked by the host's e2fsck:
 *
 *  - replay of journals Linux's tools wrote (debugfs journal_open /
 *    journal_write / journal_close: csum v3 with 64-bit tags, csum v2,
 *    none; 1 KiB and 4 KiB blocks; ext3 and ext4; a revoked block, an
 *    escaped block, an uncommitted transaction): the blocks end where
 *    e2fsck's own replay puts them, and e2fsck -fn is clean after;
 *  - our own transactions, crashed at every write: a workload of
 *    operations through tx.h (whole and partial block writes, an inode
 *    and the superblock with their checksums, blocks beginning with the
 *    journal's magic, a metadata block freed and reused as file data, a
 *    commit due after 5 s, a log that wraps and checkpoints) records
 *    every write the cache sends to the image; the image after each
 *    write k is then mounted (replayed) and must hold exactly the state
 *    after some operation j, never a mix, with j at least the last one
 *    ext2_tx_sync returned for before write k; e2fsck -fn is clean, and
 *    e2fsck's replay of the same crash image gives the same blocks;
 *  - a transaction filling a descriptor to its last tag, its later blocks
 *    freed in it: e2fsck replays it (no unwritten descriptor slot);
 *  - the mount decisions Linux makes: noload, a read-only device, a log
 *    without the needs_recovery flag (wiped, not replayed), a bad commit
 *    checksum (the log ends before it), a bad journal superblock.
 */
/* hosttest-sources: services/kevlar_ext2/super.c services/kevlar_ext2/csum.c */
/* hosttest-sources: services/kevlar_ext2/inode.c services/kevlar_ext2/bmap.c */
/* hosttest-sources: services/kevlar_ext2/file.c services/kevlar_ext2/dir.c */
/* hosttest-sources: services/kevlar_ext2/pages.c services/kevlar_ext2/direct.c */
/* hosttest-sources: services/kevlar_ext2/htree.c services/kevlar_ext2/xattr.c */
/* hosttest-sources: services/kevlar_ext2/dx_readdir.c services/kevlar_ext2/tx.c */
/* hosttest-sources: services/kevlar_ext2/commit.c services/kevlar_ext2/recovery.c */
/* hosttest-sources: services/kevlar_ext2/alloc.c services/kevlar_ext2/extent.c */
/* hosttest-sources: services/kevlar_ext2/indirect.c services/kevlar_ext2/dirwrite.c */
/* hosttest-sources: services/kevlar_ext2/dx_insert.c services/kevlar_ext2/namei.c */
/* hosttest-sources: services/kevlar_ext2/orphan.c services/kevlar_ext2/xattr_write.c */
/* hosttest-sources: services/kevlar_ext2/flags.c */
/* hosttest-sources: libs/klib/crc32c.c tests/host/include/hosttest/service_stub.c */
/* hosttest-sources: tests/host/include/hosttest/bdev_stub.c */
/* hosttest-sources: tests/host/include/hosttest/fsimage.c */
/* hosttest-cflags: -Ilibs/kevlar_vfs/include -include sys/stat.h */
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <klib/crc32c.h>
#include <klib/errno.h>
#include <hosttest/bdev_stub.h>
#include <hosttest/files.h>
#include <hosttest/fsimage.h>
#include <hosttest/service_stub.h>
#include "journal.h"
#include "tx.h"

static char dir[128];
static struct vfs_sb sb;

static const char *path(const char *name)
{
	static char bufs[16][256];
	static int next;

	next = (next + 1) % 16;
	snprintf(bufs[next], sizeof(bufs[next]), "%s/%s", dir, name);
	return bufs[next];
}

static int mount_img(const char *file, bool ro, const char *opts)
{
	return host_mount(&sb, &ext4_fs_type, file, "jtest", 9, ro, opts);
}

static void umount_img(void)
{
	host_umount(&sb);
}

static struct ext2_fs *FS(void)
{
	return sb.priv;
}

static uint32_t le32(const uint8_t *p)
{
	return le32_at(p, 0);
}

/* The superblock's incompat flags in an image. */
static uint32_t image_incompat(const char *file)
{
	size_t len;
	uint8_t *b = host_read_file(file, &len);
	uint32_t v = le32(b + EXT2_SB_OFFSET + SB_FEATURE_INCOMPAT);

	free(b);
	return v;
}

static int setup(void **state)
{
	if (!host_have_e2fsprogs() || host_workdir(dir, sizeof(dir), "journal-test"))
		return -1;
	stub_bdev_writable = true;
	return 0;
}

static int teardown(void **state)
{
	host_run("rm -rf %s", dir);
	return 0;
}

/* ---- journals written by debugfs ---- */

struct dcase {
	const char *name, *mkfs, *jo;
	unsigned bsize;
	uint32_t want_incompat; /* journal features debugfs must have set */
};

static const struct dcase dcases[] = {
	{"ext4-1k-v3", "-t ext4 -b 1024 -J size=1", "jo -c -v 3", 1024,
	 JBD2_INCOMPAT_CSUM_V3 | JBD2_INCOMPAT_64BIT},
	{"ext4-1k-v2", "-t ext4 -O ^64bit -b 1024 -J size=1", "jo -c -v 2", 1024,
	 JBD2_INCOMPAT_CSUM_V2},
	{"ext4-4k-none", "-t ext4 -O ^metadata_csum,^64bit -b 4096 -J size=4", "jo", 4096, 0},
	{"ext3-1k", "-t ext3 -b 1024 -J size=1", "jo", 1024, 0},
};

static uint64_t journal_block0(const char *file)
{
	return host_run_num("debugfs -R 'bmap <8> 0' %s 2>/dev/null", file);
}

static void read_block(const char *file, uint64_t blk, unsigned bsize, uint8_t *out)
{
	int fd = open(file, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(pread(fd, out, bsize, (off_t)(blk * bsize)), (ssize_t)bsize);
	close(fd);
}

/* Up to `want` free blocks of `img` from block `from` on (debugfs ffb),
 * into out[]; returns how many debugfs found. */
static unsigned free_blocks(const char *img, unsigned want, unsigned from, uint64_t *out)
{
	char line[2048];
	unsigned n = 0;
	FILE *p;

	snprintf(line, sizeof(line), "debugfs -R 'ffb %u %u' %s 2>/dev/null", want, from, img);
	p = popen(line, "r");
	assert_non_null(p);
	assert_non_null(fgets(line, sizeof(line), p));
	pclose(p);
	for (char *s = strchr(line, ':'); s && n < want;) {
		char *end;
		uint64_t v = strtoull(s + 1, &end, 10);

		if (end == s + 1)
			break;
		out[n++] = v;
		s = end;
	}
	return n;
}

/* Make an image whose journal debugfs filled: transaction 1 logs A and
 * B, 2 revokes A, 3 logs C (beginning with the journal's magic: escaped)
 * and D, 4 logs E and F without a commit block. */
static void make_debugfs_journal(const struct dcase *c, uint64_t blk[6])
{
	const char *img = path("d.img");
	unsigned size = c->bsize == 1024 ? 4096 : 16384;
	uint8_t *data = calloc(2, c->bsize);

	assert_int_equal(
		host_run("rm -f %s; mke2fs -q %s %s %uk >/dev/null 2>&1", img, c->mkfs, img, size),
		0);
	assert_int_equal(free_blocks(img, 6, size / 2, blk), 6);
	put_be32(data, 0, JBD2_MAGIC);
	memset(data + 4, 0x5a, c->bsize - 4);
	memset(data + c->bsize, 0xa5, c->bsize);
	host_write_file(path("data"), data, 2 * c->bsize);
	free(data);
	assert_int_equal(
		host_run("printf '%%s\\n' '%s' 'jw -b %llu,%llu %s' 'jw -r %llu /dev/null' "
			 "'jw -b %llu,%llu %s' 'jw -b %llu,%llu -c %s' 'jc' | "
			 "debugfs -w -f - %s >/dev/null 2>&1",
			 c->jo, (unsigned long long)blk[0], (unsigned long long)blk[1],
			 path("data"), (unsigned long long)blk[0], (unsigned long long)blk[2],
			 (unsigned long long)blk[3], path("data"), (unsigned long long)blk[4],
			 (unsigned long long)blk[5], path("data"), img),
		0);
}

static void test_replay_debugfs(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(dcases); i++) {
		const struct dcase *c = &dcases[i];
		char img[256], ref[256];
		uint8_t *want = malloc(c->bsize), *got = malloc(c->bsize), *mine, *theirs;
		uint64_t blk[6], jsb_blk;
		size_t len, rlen;

		snprintf(img, sizeof(img), "%s", path("d.img"));
		snprintf(ref, sizeof(ref), "%s", path("ref.img"));
		make_debugfs_journal(c, blk);
		/* what Linux's tools see before any replay */
		assert_true(image_incompat(img) & INCOMPAT_RECOVER);
		assert_int_equal(
			host_run("e2fsck -fn %s 2>&1 | grep -q 'skipping journal recovery'", img),
			0);
		assert_int_equal(
			host_run("debugfs -R 'logdump' %s 2>/dev/null | grep -q 'revoke table'",
				 img),
			0);
		jsb_blk = journal_block0(img);
		read_block(img, jsb_blk, c->bsize, got);
		assert_int_equal(be32_at(got, JSB_FEATURE_INCOMPAT) & c->want_incompat,
				 c->want_incompat);
		/* e2fsck's replay, for reference */
		host_run("cp %s %s && e2fsck -y -E journal_only %s >/dev/null 2>&1", img, ref, ref);
		/* ours: a read-only mount replays too */
		stub_reset();
		if (mount_img(img, true, NULL))
			fail_msg("%s: mount: %s", c->name, stub_last_log);
		assert_non_null(FS()->journal);
		umount_img();
		assert_false(image_incompat(img) & INCOMPAT_RECOVER);
		read_block(img, blk[0], c->bsize, got);
		memset(want, 0, c->bsize);
		assert_memory_equal(got, want, c->bsize); /* revoked */
		read_block(img, blk[1], c->bsize, got);
		memset(want, 0xa5, c->bsize);
		assert_memory_equal(got, want, c->bsize);
		read_block(img, blk[2], c->bsize, got);
		put_be32(want, 0, JBD2_MAGIC);
		memset(want + 4, 0x5a, c->bsize - 4);
		assert_memory_equal(got, want, c->bsize); /* unescaped */
		read_block(img, blk[3], c->bsize, got);
		memset(want, 0xa5, c->bsize);
		assert_memory_equal(got, want, c->bsize);
		for (int k = 4; k < 6; k++) { /* never committed */
			read_block(img, blk[k], c->bsize, got);
			memset(want, 0, c->bsize);
			assert_memory_equal(got, want, c->bsize);
		}
		read_block(img, jsb_blk, c->bsize, got);
		assert_int_equal(be32_at(got, JSB_START), 0);
		if (host_fsck(img))
			fail_msg("%s: e2fsck -fn after our replay: see %s.fsck", c->name, img);
		/* the same blocks as e2fsck's replay, but for the superblocks
		 * (times, counts e2fsck updates) */
		mine = host_read_file(img, &len);
		theirs = host_read_file(ref, &rlen);
		assert_int_equal(len, rlen);
		for (size_t b = 0; b < len / c->bsize; b++) {
			if (b == EXT2_SB_OFFSET / c->bsize || b == jsb_blk)
				continue;
			if (memcmp(mine + b * c->bsize, theirs + b * c->bsize, c->bsize))
				fail_msg("%s: block %zu differs from e2fsck's replay", c->name, b);
		}
		free(mine);
		free(theirs);
		/* a writable mount and a clean unmount leave it clean too */
		stub_reset();
		assert_int_equal(mount_img(img, false, NULL), 0);
		assert_true(FS()->journal->live);
		assert_true(image_incompat(img) & INCOMPAT_RECOVER);
		umount_img();
		assert_false(image_incompat(img) & INCOMPAT_RECOVER);
		if (host_fsck(img))
			fail_msg("%s: e2fsck -fn after a rw mount: see %s.fsck", c->name, img);
		free(want);
		free(got);
	}
}

/* ---- the mount decisions ---- */

static void test_mount_rules(void **state)
{
	const struct dcase *c = &dcases[0];
	char img[256];
	uint64_t blk[6], jsb_blk;
	uint8_t *b = malloc(c->bsize);

	/* noload: a read-only mount without replay; a writable one refused */
	snprintf(img, sizeof(img), "%s", path("d.img"));
	make_debugfs_journal(c, blk);
	stub_reset();
	assert_int_equal(mount_img(img, false, "noload"), -EINVAL);
	assert_non_null(strstr(stub_last_log, "recovery suppressed"));
	assert_int_equal(mount_img(img, true, "ro,noload"), 0);
	assert_null(FS()->journal);
	umount_img();
	assert_true(image_incompat(img) & INCOMPAT_RECOVER);
	/* a read-only device cannot be recovered */
	stub_bdev_writable = false;
	assert_int_equal(mount_img(img, true, NULL), -EROFS);
	assert_non_null(strstr(stub_last_log, "write access unavailable"));
	stub_bdev_writable = true;
	assert_int_equal(stub_live_allocs, 0);
	assert_true(image_incompat(img) & INCOMPAT_RECOVER);

	/* a log without the needs_recovery flag: wiped, as Linux does */
	assert_int_equal(
		host_run("debugfs -w -R 'feature -needs_recovery' %s >/dev/null 2>&1", img), 0);
	stub_reset();
	assert_int_equal(mount_img(img, false, NULL), 0);
	umount_img();
	read_block(img, blk[1], c->bsize, b);
	assert_int_equal(b[0], 0); /* not replayed */
	jsb_blk = journal_block0(img);
	read_block(img, jsb_blk, c->bsize, b);
	assert_int_equal(be32_at(b, JSB_START), 0);
	assert_int_equal(host_fsck(img), 0);

	/* a bad commit checksum ends the log before that transaction: the
	 * second commit block (journal block 6) is flipped */
	make_debugfs_journal(c, blk);
	jsb_blk = journal_block0(img);
	{
		uint64_t commit2 = host_run_num("debugfs -R 'bmap <8> 6' %s 2>/dev/null", img);
		int fd = open(img, O_RDWR);

		read_block(img, commit2, c->bsize, b);
		assert_int_equal(be32_at(b, JH_BLOCKTYPE), JBD2_COMMIT_BLOCK);
		b[JC_COMMIT_SEC + 7] ^= 1;
		assert_int_equal(pwrite(fd, b, c->bsize, (off_t)(commit2 * c->bsize)),
				 (ssize_t)c->bsize);
		close(fd);
	}
	stub_reset();
	assert_int_equal(mount_img(img, true, NULL), 0);
	umount_img();
	read_block(img, blk[0], c->bsize, b);
	assert_int_equal(b[0], 0xc0); /* transaction 1 replayed, its revoke not */
	read_block(img, blk[3], c->bsize, b);
	assert_int_equal(b[0], 0); /* transaction 3 not */
	assert_int_equal(host_fsck(img), 0);

	/* a journal superblock with a bad checksum refuses the mount */
	make_debugfs_journal(c, blk);
	{
		int fd = open(img, O_RDWR);
		uint8_t x;

		jsb_blk = journal_block0(img);
		assert_int_equal(pread(fd, &x, 1, (off_t)(jsb_blk * c->bsize + JSB_MAXLEN + 3)), 1);
		x ^= 1;
		assert_int_equal(pwrite(fd, &x, 1, (off_t)(jsb_blk * c->bsize + JSB_MAXLEN + 3)),
				 1);
		close(fd);
	}
	stub_reset();
	{
		int err = mount_img(img, true, NULL);

		if (err != -EBADMSG)
			fail_msg("bad journal superblock: %d (%s)", err, stub_last_log);
	}
	assert_int_equal(stub_live_allocs, 0);
	free(b);
}

/* ---- our own transactions, crashed at every write ---- */

#define NOPS	       200
#define NSCRATCH       6 /* blocks every operation rewrites whole or in part */
#define BASE	       0x60000000u
#define SB_VOLUME_NAME 0x78 /* what no mount rewrites: the op's witness */

struct workload {
	uint64_t scratch[NSCRATCH], xc; /* free blocks of the image */
	uint64_t itab_blk;		/* the inode table block of inode 12 */
	size_t ioff;
	unsigned bsize;
	uint32_t mtime0, wtime0;
	long durable_at[NOPS + 1]; /* writes done when op i's sync returned, or -1 */
	uint64_t jfirst, jlast;	   /* the journal's blocks lie in [jfirst, jlast) */
};

static struct workload wl;

struct write_rec {
	uint64_t off;
	uint8_t *data;
	size_t n;
};

static struct write_rec *writes;
static size_t nwrites, writes_cap;

static void record_write(uint64_t off, const void *data, size_t n)
{
	if (nwrites == writes_cap) {
		writes_cap = writes_cap ? 2 * writes_cap : 1024;
		writes = realloc(writes, writes_cap * sizeof(*writes));
		assert_non_null(writes);
	}
	writes[nwrites].off = off;
	writes[nwrites].n = n;
	writes[nwrites].data = malloc(n);
	assert_non_null(writes[nwrites].data);
	memcpy(writes[nwrites].data, data, n);
	nwrites++;
}

static void pattern(uint8_t *b, unsigned bsize, uint32_t id, bool magic)
{
	memset(b, (int)(id & 0xff), bsize);
	if (magic) {
		put_be32(b, 0, JBD2_MAGIC);
		for (int k = 0; k < 4; k++)
			b[4 + k] = (uint8_t)(id >> (8 * k));
	} else {
		for (int k = 0; k < 4; k++)
			b[k] = (uint8_t)(id >> (8 * k));
	}
}

static uint32_t pattern_id(const uint8_t *b)
{
	return be32_at(b, 0) == JBD2_MAGIC ? le32(b + 4) : le32(b);
}

static void inode_csum(struct ext2_fs *fs, uint32_t ino, uint8_t *raw)
{
	uint8_t nr[4] = {(uint8_t)ino, (uint8_t)(ino >> 8), (uint8_t)(ino >> 16),
			 (uint8_t)(ino >> 24)};
	uint32_t crc;
	bool hi = fs->inode_size > EXT2_GOOD_OLD_ISIZE &&
		  EXT2_GOOD_OLD_ISIZE + le16_at(raw, I_EXTRA_ISIZE) >= I_CHECKSUM_HI + 2;

	if (!fs->csum)
		return;
	raw[I_CHECKSUM_LO] = raw[I_CHECKSUM_LO + 1] = 0;
	if (hi)
		raw[I_CHECKSUM_HI] = raw[I_CHECKSUM_HI + 1] = 0;
	crc = crc32c(fs->csum_seed, nr, 4);
	crc = crc32c(crc, raw + I_GENERATION, 4);
	crc = crc32c(crc, raw, fs->inode_size);
	raw[I_CHECKSUM_LO] = (uint8_t)crc;
	raw[I_CHECKSUM_LO + 1] = (uint8_t)(crc >> 8);
	if (hi) {
		raw[I_CHECKSUM_HI] = (uint8_t)(crc >> 16);
		raw[I_CHECKSUM_HI + 1] = (uint8_t)(crc >> 24);
	}
	assert_true(ext2_inode_csum_ok(fs, ino, raw));
}

/* Operation i: every scratch block, inode 12's mtime and the
 * superblock's volume name say i; op 10 (mod 100) logs block xc, op 20 frees
 * it (a revoke) and writes it as file data. */
static void one_op(uint32_t i)
{
	struct ext2_fs *fs = FS();
	unsigned bs = wl.bsize;
	uint8_t *blk = malloc(bs), ino[1024];
	struct ext2_tx *tx;
	struct svc_buf *b;
	int err = 0;

	assert_int_equal(ext2_tx_begin(fs, 10, &tx), 0);
	for (int k = 0; k < NSCRATCH; k++) {
		pattern(blk, bs, i, (i + k) % 7 == 3);
		if (k % 2 == 0) {
			b = ext2_tx_new(tx, wl.scratch[k], &err);
			assert_non_null(b);
			ext2_tx_write(tx, b, 0, blk, bs);
		} else {
			/* a block changed piecewise, as a bitmap or a directory */
			b = ext2_tx_bread(tx, wl.scratch[k], &err);
			assert_non_null(b);
			ext2_tx_write(tx, b, bs / 2, blk + bs / 2, bs / 2);
			ext2_tx_write(tx, b, 0, blk, bs / 2);
		}
		svc_brelse(fs->cap, b);
	}
	b = ext2_tx_bread(tx, wl.itab_blk, &err);
	assert_non_null(b);
	svc_buf_read(b, wl.ioff, ino, fs->inode_size);
	put_le32(ino, I_MTIME, BASE + i);
	inode_csum(fs, 12, ino);
	ext2_tx_write(tx, b, wl.ioff, ino, fs->inode_size);
	svc_brelse(fs->cap, b);
	/* the superblock as the write path keeps it: its in-memory copy,
	 * written whole with its checksum */
	put_le32(fs->raw_sb, SB_VOLUME_NAME, BASE + i);
	assert_int_equal(ext2_super_write(tx), 0);
	if (i % 100 == 10) {
		pattern(blk, bs, i, false);
		b = ext2_tx_new(tx, wl.xc, &err);
		assert_non_null(b);
		ext2_tx_write(tx, b, 0, blk, bs);
		svc_brelse(fs->cap, b);
	} else if (i % 100 == 20) {
		ext2_tx_forget(tx, wl.xc);
		b = svc_bget(fs->cap, fs->bd, wl.xc, bs, &err);
		assert_non_null(b);
		memset(blk, 0xd0, bs);
		svc_buf_write(b, 0, blk, bs);
		svc_brelse(fs->cap, b);
		ext2_tx_ordered(tx, wl.xc, 1);
	}
	assert_int_equal(ext2_tx_end(tx), 0);
	free(blk);
}

static void make_workload_image(const char *mkfs)
{
	const char *img = path("w.img");
	uint64_t found[NSCRATCH + 1];

	assert_int_equal(
		host_run("rm -rf %s %s; mkdir %s && echo hello > %s/f && mke2fs -q %s -d %s "
			 "%s 4096k >/dev/null 2>&1",
			 img, path("tree"), path("tree"), path("tree"), mkfs, path("tree"), img),
		0);
	assert_int_equal(free_blocks(img, NSCRATCH + 1, 2500, found), NSCRATCH + 1);
	memcpy(wl.scratch, found, sizeof(wl.scratch));
	wl.xc = found[NSCRATCH];
	assert_int_equal(host_run_num("debugfs -R 'stat /f' %s 2>/dev/null | head -1 | "
				      "sed 's/Inode: \\([0-9]*\\).*/\\1/'",
				      img),
			 12);
}

static uint8_t *block_at(int fd, uint64_t blk)
{
	static uint8_t bufs[4][4096];
	static int next;

	next = (next + 1) % 4;
	assert_int_equal(pread(fd, bufs[next], wl.bsize, (off_t)(blk * wl.bsize)),
			 (ssize_t)wl.bsize);
	return bufs[next];
}

/* The state a crash image holds after our replay: the op it is at, or
 * -1 for a mix. */
static long image_state(const char *img, uint32_t *xc_id)
{
	int fd = open(img, O_RDONLY);
	unsigned bs = wl.bsize;
	uint32_t id, mt, wt;
	uint8_t *b;
	long state;

	assert_true(fd >= 0);
	id = pattern_id(block_at(fd, wl.scratch[0]));
	mt = le32(block_at(fd, wl.itab_blk) + wl.ioff + I_MTIME);
	wt = le32(block_at(fd, EXT2_SB_OFFSET / bs) + EXT2_SB_OFFSET % bs + SB_VOLUME_NAME);
	state = id;
	for (int k = 1; k < NSCRATCH; k++) {
		if (pattern_id(block_at(fd, wl.scratch[k])) != id)
			state = -1;
	}
	if (id == 0 ? (mt != wl.mtime0 || wt != wl.wtime0) : (mt != BASE + id || wt != BASE + id))
		state = -1;
	b = block_at(fd, wl.xc);
	*xc_id = b[0] == 0xd0 && b[5] == 0xd0 ? 0xd0d0d0d0u : pattern_id(b);
	close(fd);
	return state;
}

/* What a replay wrote to the crash image, to undo after the check. */
static uint64_t touched[4096];
static size_t ntouched;

static void note_write(uint64_t off, const void *data, size_t n)
{
	assert_true(ntouched < ARRAY_SIZE(touched));
	touched[ntouched++] = off;
}

static void crash_every_write(const char *mkfs, unsigned step)
{
	char img[256], crash[256], ref[256];
	uint8_t *base, *work;
	size_t len, checked = 0, fscked = 0, compared = 0;
	long last_state = 0;
	bool wrapped = false;
	int fd;

	snprintf(img, sizeof(img), "%s", path("w.img"));
	snprintf(crash, sizeof(crash), "%s", path("crash.img"));
	snprintf(ref, sizeof(ref), "%s", path("cref.img"));
	make_workload_image(mkfs);
	base = host_read_file(img, &len);
	stub_reset();
	nwrites = 0;
	stub_write_hook = record_write; /* from the mount on: it writes too */
	assert_int_equal(mount_img(img, false, NULL), 0);
	wl.bsize = FS()->bsize;
	{
		uint32_t idx = 11; /* inode 12 */
		uint64_t byte = (uint64_t)idx * FS()->inode_size;

		wl.itab_blk = ext2_inode_table(FS(), 0) + byte / wl.bsize;
		wl.ioff = byte % wl.bsize;
	}
	wl.mtime0 = le32(base + wl.itab_blk * wl.bsize + wl.ioff + I_MTIME);
	wl.wtime0 = le32(base + EXT2_SB_OFFSET + SB_VOLUME_NAME);
	for (uint32_t i = 1; i <= NOPS; i++) {
		uint32_t head = FS()->journal->head;

		if (i == 61)
			stub_clock += 6; /* op 60's transaction is due at op 61's begin */
		one_op(i);
		wl.durable_at[i] = -1;
		if (i % 3 != 0) {
			assert_int_equal(ext2_tx_sync(FS()), 0);
			wl.durable_at[i] = (long)nwrites;
		}
		if (FS()->journal->head < head)
			wrapped = true;
	}
	wl.jfirst = UINT64_MAX;
	wl.jlast = 0;
	for (unsigned r = 0; r < FS()->journal->nmap; r++) {
		const struct jmap_run *m = &FS()->journal->map[r];

		wl.jfirst = MIN(wl.jfirst, m->pblk);
		wl.jlast = MAX(wl.jlast, m->pblk + m->count);
	}
	umount_img();
	stub_write_hook = NULL;
	if (!wrapped)
		fail_msg("the log did not wrap: %zu writes", nwrites);

	work = malloc(len);
	memcpy(work, base, len);
	host_write_file(crash, work, len);
	fd = open(crash, O_RDWR);
	assert_true(fd >= 0);
	for (size_t k = 0; k <= nwrites; k++) {
		uint32_t need = 0, xc;
		long state;
		bool full = k == nwrites || k % 211 == 0;
		int err;

		if (k) {
			const struct write_rec *w = &writes[k - 1];

			memcpy(work + w->off, w->data, w->n);
			assert_int_equal(pwrite(fd, w->data, w->n, (off_t)w->off), (ssize_t)w->n);
		}
		if (!full && k % step)
			continue;
		if (full) {
			size_t l3;
			uint8_t *now = host_read_file(crash, &l3);

			for (size_t b = 0; b < len / wl.bsize; b++) {
				if (memcmp(now + b * wl.bsize, work + b * wl.bsize, wl.bsize))
					fail_msg("k %zu: crash image block %zu not restored", k, b);
			}
			free(now);
			host_write_file(ref, work, len);
		}
		for (uint32_t i = 1; i <= NOPS; i++) {
			if (wl.durable_at[i] >= 0 && (size_t)wl.durable_at[i] <= k)
				need = i;
		}
		stub_reset();
		ntouched = 0;
		stub_write_hook = note_write;
		err = mount_img(crash, k % 2 == 0, NULL);
		if (err)
			fail_msg("crash after write %zu: mount %d (%s)", k, err, stub_last_log);
		umount_img();
		stub_write_hook = NULL;
		state = image_state(crash, &xc);
		if (state < 0 || (uint32_t)state < need)
			fail_msg("crash after write %zu: state %ld, at least %u durable", k, state,
				 need);
		/* the block freed by op 20 and written as data: never an
		 * old logged copy once op 20 is in */
		if (state % 100 >= 20 || (state >= 100 && state % 100 < 10))
			assert_int_equal(xc, 0xd0d0d0d0u);
		/* what was on the disk stays there */
		if (state < last_state)
			fail_msg("crash after write %zu: state %ld, after %ld before", k, state,
				 last_state);
		last_state = state;
		checked++;
		if (full) {
			if (host_fsck(crash))
				fail_msg("crash after write %zu: e2fsck -fn not clean: %s.fsck", k,
					 crash);
			fscked++;
			/* e2fsck's replay of the same crash image */
			if (image_incompat(ref) & INCOMPAT_RECOVER) {
				uint8_t *mine, *theirs;
				size_t l2;
				host_run("e2fsck -y -E journal_only %s >/dev/null 2>&1", ref);
				mine = host_read_file(crash, &l2);
				theirs = host_read_file(ref, &l2);
				for (size_t b = 0; b < len / wl.bsize; b++) {
					/* the superblock (times) and the log itself
					 * (e2fsck rewrites parts of it) aside */
					if (b == EXT2_SB_OFFSET / wl.bsize ||
					    (b >= wl.jfirst && b < wl.jlast))
						continue;
					if (memcmp(mine + b * wl.bsize, theirs + b * wl.bsize,
						   wl.bsize)) {
						host_run("cp %s %s; cp %s %s", crash,
							 path("fail-mine.img"), ref,
							 path("fail-ref.img"));
						fail_msg("crash after write %zu: block %zu differs "
							 "from e2fsck's replay",
							 k, b);
					}
				}
				free(mine);
				free(theirs);
				compared++;
			}
		}
		/* back to the crash image: what the replay wrote, undone */
		for (size_t t = 0; t < ntouched; t++) {
			uint64_t off = touched[t];

			assert_int_equal(pwrite(fd, work + off, wl.bsize, (off_t)off),
					 (ssize_t)wl.bsize);
		}
	}
	close(fd);
	assert_int_equal(last_state, NOPS);
	print_message("# %s: %zu writes, %zu crash images replayed, %zu checked by e2fsck, %zu "
		      "compared with e2fsck's replay\n",
		      mkfs, nwrites, checked, fscked, compared);
	assert_true(compared > 5);
	for (size_t k = 0; k < nwrites; k++)
		free(writes[k].data);
	free(base);
	free(work);
}

/* The image `base` (len bytes) with every recorded write applied, as a
 * crash right now leaves it, into `crash`; the records are freed. */
static void write_crash_image(const char *crash, uint8_t *base, size_t len)
{
	for (size_t k = 0; k < nwrites; k++) {
		memcpy(base + writes[k].off, writes[k].data, writes[k].n);
		free(writes[k].data);
	}
	host_write_file(crash, base, len);
}

/* A transaction whose blocks fill a descriptor to the last tag and whose
 * blocks after that were all freed in it (held, not logged): the next
 * descriptor is never begun, so the commit block follows the last logged
 * block.  Before, a descriptor slot was taken and left unwritten, and
 * every replay (ours, e2fsck's) ended the log at that hole: the
 * transaction and all after it were lost although ext2_tx_sync had
 * returned (crash.sh round 45 of CRASH_SEED=2000). */
static void test_desc_full_then_forgotten(void **state)
{
	const char *img = path("d.img"), *crash = path("dcrash.img");
	uint64_t blks[80];
	unsigned per, n, bs;
	uint8_t *base, *blk;
	size_t len;
	struct ext2_tx *tx;
	int err = 0;

	assert_int_equal(host_run("mke2fs -q -F -t ext4 -b 1024 %s 8192k >/dev/null 2>&1", img), 0);
	n = free_blocks(img, ARRAY_SIZE(blks), 3000, blks);
	base = host_read_file(img, &len);
	stub_reset();
	nwrites = 0;
	stub_write_hook = record_write;
	assert_int_equal(mount_img(img, false, NULL), 0);
	bs = FS()->bsize;
	per = (bs - JH_SIZE - JBD2_TAIL_SIZE - JBD2_UUID_BYTES) / FS()->journal->tag_bytes;
	assert_true(per + 2 <= n);
	blk = malloc(bs);
	assert_non_null(blk);
	assert_int_equal(ext2_tx_begin(FS(), per + 8, &tx), 0);
	for (unsigned i = 0; i < per + 2; i++) {
		struct svc_buf *b = ext2_tx_new(tx, blks[i], &err);

		assert_non_null(b);
		pattern(blk, bs, 0x7700 + i, false);
		ext2_tx_write(tx, b, 0, blk, bs);
		svc_brelse(FS()->cap, b);
	}
	ext2_tx_forget(tx, blks[per]);
	ext2_tx_forget(tx, blks[per + 1]);
	assert_int_equal(ext2_tx_end(tx), 0);
	assert_int_equal(ext2_tx_sync(FS()), 0);
	/* the crash: the image as the writes so far left it */
	write_crash_image(crash, base, len);
	stub_write_hook = NULL;
	umount_img();
	assert_true(image_incompat(crash) & INCOMPAT_RECOVER);
	/* 1: e2fsck changed the image (the replay) */
	assert_in_range(host_run("e2fsck -fy -E journal_only %s >/dev/null 2>&1", crash), 0, 1);
	for (unsigned i = 0; i < per; i++) {
		read_block(crash, blks[i], bs, blk);
		if (pattern_id(blk) != 0x7700 + i)
			fail_msg("block %u of %u lost in e2fsck's replay", i, per);
	}
	free(blk);
	free(base);
}

/* On 4 KiB blocks a commit's log blocks (descriptor and copies,
 * contiguous in the journal) go to the disk as one page request, not
 * through the buffers one by one, and its commit block as a second one
 * after a flush; a crash right after the commit is
 * replayed by e2fsck with every block's new bytes. */
static void test_log_pages(void **state)
{
	const char *img = path("p.img"), *crash = path("pcrash.img");
	uint64_t blks[3];
	unsigned n, bs;
	uint8_t *base, *blk;
	size_t len;
	struct ext2_tx *tx;
	long reqs;
	int err = 0;

	assert_int_equal(host_run("mke2fs -q -F -t ext4 -b 4096 %s 16384k >/dev/null 2>&1", img),
			 0);
	n = free_blocks(img, ARRAY_SIZE(blks), 3000, blks);
	assert_int_equal(n, 3);
	base = host_read_file(img, &len);
	stub_reset();
	nwrites = 0;
	stub_write_hook = record_write;
	assert_int_equal(mount_img(img, false, NULL), 0);
	bs = FS()->bsize;
	assert_int_equal(bs, 4096);
	blk = malloc(bs);
	assert_non_null(blk);
	assert_int_equal(ext2_tx_begin(FS(), 8, &tx), 0);
	for (unsigned i = 0; i < n; i++) {
		struct svc_buf *b = ext2_tx_new(tx, blks[i], &err);

		assert_non_null(b);
		pattern(blk, bs, 0x5500 + i, false);
		ext2_tx_write(tx, b, 0, blk, bs);
		svc_brelse(FS()->cap, b);
	}
	assert_int_equal(ext2_tx_end(tx), 0);
	reqs = stub_page_reqs;
	assert_int_equal(ext2_tx_sync(FS()), 0);
	/* the log's run (descriptor and blocks), then the commit block */
	if (stub_page_reqs - reqs != 2)
		fail_msg("a commit of %u blocks: %ld page requests", n, stub_page_reqs - reqs);
	assert_int_equal(stub_bios, 0);
	write_crash_image(crash, base, len);
	stub_write_hook = NULL;
	umount_img();
	assert_true(image_incompat(crash) & INCOMPAT_RECOVER);
	assert_in_range(host_run("e2fsck -fy -E journal_only %s >/dev/null 2>&1", crash), 0, 1);
	for (unsigned i = 0; i < n; i++) {
		read_block(crash, blks[i], bs, blk);
		if (pattern_id(blk) != 0x5500 + i)
			fail_msg("block %u of %u lost in e2fsck's replay", i, n);
	}
	free(blk);
	free(base);
}

/* A block changed again in a new transaction while its committed content
 * is still dirty in the cache is not written home first (jbd2 leaves it
 * to the checkpoint): the second operation writes nothing, and the image
 * after its commit, replayed by e2fsck, holds the newer content. */
static void test_join_leaves_home(void **state)
{
	const char *img = path("h.img"), *crash = path("hcrash.img");
	uint64_t blk;
	uint8_t *base, *buf;
	size_t len;
	struct ext2_tx *tx;
	struct svc_buf *b;
	long writes;
	int err = 0;

	assert_int_equal(host_run("mke2fs -q -F -t ext4 -b 4096 %s 16384k >/dev/null 2>&1", img),
			 0);
	assert_int_equal(free_blocks(img, 1, 3000, &blk), 1);
	base = host_read_file(img, &len);
	stub_reset();
	nwrites = 0;
	stub_write_hook = record_write;
	assert_int_equal(mount_img(img, false, NULL), 0);
	buf = malloc(FS()->bsize);
	assert_non_null(buf);
	for (uint32_t round = 0; round < 2; round++) {
		assert_int_equal(ext2_tx_begin(FS(), 1, &tx), 0);
		b = ext2_tx_bread(tx, blk, &err);
		assert_non_null(b);
		pattern(buf, FS()->bsize, 0x6600 + round, false);
		writes = stub_writes;
		ext2_tx_write(tx, b, 0, buf, FS()->bsize);
		if (round == 1 && stub_writes != writes)
			fail_msg("the join wrote %ld blocks home", stub_writes - writes);
		svc_brelse(FS()->cap, b);
		assert_int_equal(ext2_tx_end(tx), 0);
		assert_int_equal(ext2_tx_sync(FS()), 0);
		b = svc_bread(FS()->cap, FS()->bd, blk, FS()->bsize, &err);
		assert_non_null(b);
		assert_true(stub_buf_dirty(b)); /* committed, not home yet */
		svc_brelse(FS()->cap, b);
	}
	write_crash_image(crash, base, len);
	stub_write_hook = NULL;
	umount_img();
	assert_in_range(host_run("e2fsck -fy -E journal_only %s >/dev/null 2>&1", crash), 0, 1);
	read_block(crash, blk, 4096, buf);
	assert_int_equal(pattern_id(buf), 0x6601);
	free(buf);
	free(base);
}

/* The superblock joins a transaction once: a later change of fs->raw_sb
 * in the same transaction leaves its block alone (no checksum per
 * allocation), and the commit copies the last state in, checksummed, so
 * e2fsck's replay of the image after the commit has it. */
static void test_super_filled_at_commit(void **state)
{
	const char *img = path("s.img"), *crash = path("scrash.img");
	uint8_t *base, sb[EXT2_SB_SIZE];
	uint64_t sblk;
	size_t len, off;
	struct ext2_tx *tx;
	struct svc_buf *b;
	int err = 0;

	assert_int_equal(host_run("mke2fs -q -F -t ext4 -b 1024 %s 8192k >/dev/null 2>&1", img), 0);
	base = host_read_file(img, &len);
	stub_reset();
	nwrites = 0;
	stub_write_hook = record_write;
	assert_int_equal(mount_img(img, false, NULL), 0);
	sblk = ext2_super_block(FS());
	off = EXT2_SB_OFFSET % FS()->bsize;
	for (uint32_t k = 0; k < 2; k++) {
		assert_int_equal(ext2_tx_begin(FS(), 1, &tx), 0);
		put_le32(FS()->raw_sb, SB_VOLUME_NAME, 0x7700 + k);
		assert_int_equal(ext2_super_write(tx), 0);
		assert_int_equal(ext2_tx_end(tx), 0);
		b = svc_bread(FS()->cap, FS()->bd, sblk, FS()->bsize, &err);
		assert_non_null(b);
		svc_buf_read(b, off, sb, sizeof(sb));
		svc_brelse(FS()->cap, b);
		/* the second change waits for the commit */
		assert_int_equal(le32_at(sb, SB_VOLUME_NAME), 0x7700);
	}
	assert_int_equal(ext2_tx_sync(FS()), 0);
	b = svc_bread(FS()->cap, FS()->bd, sblk, FS()->bsize, &err);
	assert_non_null(b);
	svc_buf_read(b, off, sb, sizeof(sb));
	svc_brelse(FS()->cap, b);
	assert_int_equal(le32_at(sb, SB_VOLUME_NAME), 0x7701);
	assert_true(ext2_sb_csum_ok(FS(), sb));
	write_crash_image(crash, base, len);
	stub_write_hook = NULL;
	umount_img();
	assert_in_range(host_run("e2fsck -fy -E journal_only %s >/dev/null 2>&1", crash), 0, 1);
	assert_int_equal(host_run("e2fsck -fn %s >/dev/null 2>&1", crash), 0);
	read_block(crash, 1, 1024, sb);
	assert_int_equal(le32_at(sb, SB_VOLUME_NAME), 0x7701);
	free(base);
}

static void test_crash_ext4(void **state)
{
	crash_every_write("-t ext4 -b 1024 -J size=1", 1);
}

static void test_crash_ext3(void **state)
{
	/* every other write: the same code as ext4's, without checksums */
	crash_every_write("-t ext3 -b 1024 -J size=1", 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay_debugfs),
		cmocka_unit_test(test_mount_rules),
		cmocka_unit_test(test_desc_full_then_forgotten),
		cmocka_unit_test(test_log_pages),
		cmocka_unit_test(test_join_leaves_home),
		cmocka_unit_test(test_super_filled_at_commit),
		cmocka_unit_test(test_crash_ext4),
		cmocka_unit_test(test_crash_ext3),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
