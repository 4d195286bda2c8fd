/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the service API's block devices and buffers, used as a
 * disk filesystem would (kevlar_ext2's calls): open the device a path
 * names in /dev, read a block, change it, hold it across a "commit",
 * sync, and see the bytes through the device node's own read, which
 * shares the cache.  Errors: not a block device, no such device, a
 * writable open of a read-only disk, a second writable mount.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <kernel/blkdev.h>
#include <kernel/pagecache.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include "contain.h"
#include "fs.h"
#include "svc_cap.h"

#define SECTORS 64

struct ram {
	struct blk_disk d;
	uint8_t data[SECTORS * BLK_SECTOR];
	int writes;
};

static void ram_submit(struct blk_disk *d, struct blk_batch *b)
{
	struct ram *r = d->priv;

	for (unsigned i = 0; i < b->n; i++) {
		struct blk_req *q = &b->reqs[i];
		uint8_t *at = r->data + q->sector * BLK_SECTOR;

		q->status = 0;
		if (q->op == BLK_READ)
			blk_req_copy(q, at, true);
		else if (q->op == BLK_WRITE && ++r->writes)
			blk_req_copy(q, at, false);
	}
	b->done(b);
}

static const struct blk_disk_ops ram_ops = {.submit = ram_submit};

/* The calling kernel thread resolves paths in a private devtmpfs. */
struct env {
	struct test_mount m;
	struct fs_context fs;
	struct ram *r;
	struct vfs_sb sb; /* the instance whose token the calls present */
};

static int env_setup(struct ktest_ctx *t, struct env *e, bool ro)
{
	memset(e, 0, sizeof(*e));
	if (test_mount(&e->m, "devtmpfs", 77, NULL, 0))
		return -1;
	e->fs.refs = 1;
	spin_lock_init(&e->fs.lock, "fs_context", LOCK_RANK_NONE);
	e->fs.root = e->fs.cwd = e->m.root;
	current_thread()->fs = &e->fs;
	e->r = kzalloc(sizeof(*e->r));
	strlcpy(e->r->d.name, "ktsvc", sizeof(e->r->d.name));
	e->r->d.major = 240;
	e->r->d.minor = 100;
	e->r->d.sectors = SECTORS;
	e->r->d.read_only = ro;
	e->r->d.ops = &ram_ops;
	e->r->d.priv = e->r;
	memcpy(e->r->data + 2048, "superblock", 10);
	KTEST_EXPECT_EQ(t, blk_disk_add(&e->r->d), 0);
	KTEST_EXPECT_EQ(t, svc_cap_mint(&e->sb), 0);
	return 0;
}

static void env_teardown(struct env *e)
{
	svc_cap_revoke(&e->sb);
	blk_disk_del(&e->r->d);
	kfree(e->r);
	current_thread()->fs = NULL;
	test_unmount(&e->m);
}

KTEST(service_bio, a_disk_filesystem_uses_the_cache)
{
	struct env e;
	struct svc_bdev *bd;
	struct svc_buf *b;
	char buf[16] = "";
	struct inode *node;
	struct iobuf io = {.user = false, .kbuf = buf, .len = 10};
	char *big;
	int err = 0;

	if (env_setup(t, &e, false)) {
		ktest_skip(t, "no devtmpfs");
		return;
	}
	bd = svc_bdev_open(e.sb.cap, "/ktsvc", true, &err);
	KTEST_EXPECT(t, bd != NULL);
	if (!bd)
		goto out;
	KTEST_EXPECT_EQ(t, svc_bdev_bytes(bd), SECTORS * BLK_SECTOR);
	KTEST_EXPECT(t, !svc_bdev_read_only(bd));
	KTEST_EXPECT(t, svc_bdev_open(e.sb.cap, "/ktsvc", true, &err) == NULL && err == -EBUSY);
	b = svc_bread(e.sb.cap, bd, 2, 1024, &err);
	KTEST_EXPECT(t, b != NULL);
	svc_buf_read(b, 0, buf, 10);
	KTEST_EXPECT(t, !memcmp(buf, "superblock", 10));
	big = kmalloc(1024); /* a whole block: bounced through the heap */
	if (big) {
		memset(big, 'b', 1024);
		svc_buf_write(b, 0, big, 1024);
		memset(big, 0, 1024);
		svc_buf_read(b, 0, big, 1024);
		KTEST_EXPECT(t, big[0] == 'b' && big[1023] == 'b');
		svc_buf_write(b, 0, "superblock", 10);
		kfree(big);
	}
	svc_buf_hold(b, true);
	svc_buf_write(b, 0, "journaled", 9);
	KTEST_EXPECT_EQ(t, svc_bdev_sync(e.sb.cap, bd), 0);
	KTEST_EXPECT(t, !memcmp(e.r->data + 2048, "superblock", 10)); /* held back */
	/* the device node sees the cached bytes at once */
	KTEST_EXPECT_EQ(t, vfs_lookup_inode(e.m.root, e.m.root, "/ktsvc", 0, &node), 0);
	KTEST_EXPECT_EQ(t, vfs_read(node, 2048, &io, O_RDONLY), 10);
	KTEST_EXPECT(t, !memcmp(buf, "journaledk", 10));
	inode_put(node);
	svc_buf_hold(b, false);
	KTEST_EXPECT_EQ(t, svc_buf_sync(e.sb.cap, b), 0);
	KTEST_EXPECT(t, !memcmp(e.r->data + 2048, "journaled", 9));
	svc_brelse(e.sb.cap, b);
	b = svc_bget(e.sb.cap, bd, 5, 1024, &err);
	KTEST_EXPECT(t, b != NULL);
	svc_buf_write(b, 1020, "end!", 4);
	svc_brelse(e.sb.cap, b); /* released dirty: the close writes it back */
	KTEST_EXPECT(t, svc_bread(e.sb.cap, bd, 64, 1024, &err) == NULL && err == -EINVAL);
	svc_bdev_close(e.sb.cap, bd);
	KTEST_EXPECT(t, !memcmp(e.r->data + 5 * 1024 + 1020, "end!", 4));
out:
	env_teardown(&e);
}

static struct svc_page *filled_page(struct env *e, char c)
{
	struct svc_page *pg = svc_page_alloc(e->sb.cap, 0);
	char line[64];

	if (!pg)
		return NULL;
	memset(line, c, sizeof(line));
	for (size_t off = 0; off < SVC_PAGE_SIZE; off += sizeof(line))
		svc_page_write(pg, off, line, sizeof(line));
	return pg;
}

static bool page_is(struct svc_page *pg, size_t off, const char *s, size_t n)
{
	char buf[64];

	svc_page_read(pg, off, buf, n);
	return !memcmp(buf, s, n);
}

/* Inside a call of the instance's, as a service makes them: in fortress
 * the frames are checked to be the instance's. */
static int page_io(struct ktest_ctx *t, struct env *ep)
{
	struct env *e = ep;
	struct svc_page *w[2] = {NULL, NULL}, *r[2] = {NULL, NULL};
	struct svc_bdev *bd;
	struct svc_buf *b;
	struct svc_bio *bio;
	int err = 0;

	bd = svc_bdev_open(e->sb.cap, "/ktsvc", true, &err);
	w[0] = filled_page(e, 'A');
	w[1] = filled_page(e, 'B');
	r[0] = filled_page(e, 0);
	r[1] = filled_page(e, 0);
	KTEST_EXPECT(t, bd && w[0] && w[1] && r[0] && r[1]);
	if (!bd || !w[0] || !w[1] || !r[0] || !r[1])
		goto out;
	/* two pages, one request, to bytes 4096..12287 */
	KTEST_EXPECT_EQ(t, svc_bdev_write_pages(e->sb.cap, bd, 4096, w, 2), 0);
	KTEST_EXPECT(t, e->r->data[4096] == 'A' && e->r->data[8191] == 'A' &&
				e->r->data[8192] == 'B' && e->r->data[12287] == 'B');
	KTEST_EXPECT_EQ(t, svc_bdev_read_pages(e->sb.cap, bd, 4096, r, 2), 0);
	KTEST_EXPECT(t, page_is(r[0], 4090, "AAAAAA", 6) && page_is(r[1], 0, "BBBB", 4));
	/* a dirty metadata buffer, then a data write over its block: the
	 * buffer takes the data and is never written back over it */
	b = svc_bread(e->sb.cap, bd, 13, 1024, &err); /* bytes 13312..14335 */
	KTEST_EXPECT(t, b != NULL);
	if (b) {
		svc_buf_write(b, 0, "metadata", 8);
		svc_brelse(e->sb.cap, b);
	}
	KTEST_EXPECT_EQ(t, svc_bdev_write_pages(e->sb.cap, bd, 12288, w + 1, 1), 0);
	KTEST_EXPECT_EQ(t, svc_bdev_sync(e->sb.cap, bd), 0);
	KTEST_EXPECT(t, e->r->data[13312] == 'B' && e->r->data[14335] == 'B');
	b = svc_bread(e->sb.cap, bd, 13, 1024, &err);
	if (b) {
		char buf[4];

		svc_buf_read(b, 0, buf, 4);
		KTEST_EXPECT(t, !memcmp(buf, "BBBB", 4));
		svc_brelse(e->sb.cap, b);
	}
	/* a read sees a dirty buffer's bytes, not the disk's older ones */
	b = svc_bread(e->sb.cap, bd, 21, 1024, &err); /* bytes 21504.. */
	KTEST_EXPECT(t, b != NULL);
	if (b) {
		svc_buf_write(b, 8, "dirtybuf", 8);
		svc_brelse(e->sb.cap, b);
	}
	bio = svc_bdev_submit_pages(e->sb.cap, bd, false, 20480, r, 1, &err);
	KTEST_EXPECT(t, bio != NULL);
	if (bio)
		KTEST_EXPECT_EQ(t, svc_bio_wait(e->sb.cap, bio), 0);
	KTEST_EXPECT(t, page_is(r[0], 1024 + 8, "dirtybuf", 8));
	KTEST_EXPECT(t, e->r->data[21504 + 8] != 'd');
	/* alignment and range */
	KTEST_EXPECT_EQ(t, svc_bdev_read_pages(e->sb.cap, bd, 100, r, 1), -EINVAL);
	KTEST_EXPECT_EQ(t, svc_bdev_read_pages(e->sb.cap, bd, SECTORS * BLK_SECTOR - 4096, r, 2),
			-EINVAL);
	KTEST_EXPECT_EQ(t, svc_bdev_read_pages(e->sb.cap, bd, 0, r, 0), -EINVAL);
	/* a handle not waited for is the close's to finish */
	bio = svc_bdev_submit_pages(e->sb.cap, bd, true, 0, w, 1, &err);
	KTEST_EXPECT(t, bio != NULL);
	svc_bdev_close(e->sb.cap, bd);
	KTEST_EXPECT(t, e->r->data[0] == 'A' && e->r->data[4095] == 'A');
	bd = NULL;
out:
	for (int i = 0; i < 2; i++) {
		svc_page_put(e->sb.cap, w[i]);
		svc_page_put(e->sb.cap, r[i]);
	}
	if (bd)
		svc_bdev_close(e->sb.cap, bd);
	return 0;
}

KTEST(service_bio, page_io_is_coherent_with_the_buffers)
{
	static const struct fs_type type = {.name = "ktest-bio"};
	struct env e;

	if (env_setup(t, &e, false)) {
		ktest_skip(t, "no devtmpfs");
		return;
	}
	e.sb.type = &type;
	e.sb.service = true;
	KTEST_EXPECT_EQ(t, SVC_CALL(&e.sb, SVC_OP_READ, NULL, page_io(t, &e)), 0);
	KTEST_EXPECT(t, !e.sb.failed);
	svc_instance_free(&e.sb);
	env_teardown(&e);
}

/* The verified mark (svc_buf_set_verified): one per buffer, seen by
 * every handle; refused for bytes that changed since the handle read
 * them; cleared by any write; gone once the block is read from the disk
 * again (a block corrupted there is checked anew). */
KTEST(service_bio, the_verified_mark)
{
	struct env e;
	struct svc_bdev *bd;
	struct svc_buf *a, *b;
	char buf[8] = "raw!";
	struct iobuf io = {.user = false, .kbuf = buf, .len = 4};
	struct inode *node = NULL;
	int err = 0;

	if (env_setup(t, &e, false)) {
		ktest_skip(t, "no devtmpfs");
		return;
	}
	bd = svc_bdev_open(e.sb.cap, "/ktsvc", true, &err);
	a = bd ? svc_bread(e.sb.cap, bd, 3, 1024, &err) : NULL;
	b = bd ? svc_bread(e.sb.cap, bd, 3, 1024, &err) : NULL;
	KTEST_EXPECT(t, a && b);
	if (!a || !b || vfs_lookup_inode(e.m.root, e.m.root, "/ktsvc", 0, &node))
		goto out;
	svc_buf_read(a, 0, buf + 4, 4);
	KTEST_EXPECT(t, !svc_buf_verified(a));
	svc_buf_set_verified(a);
	KTEST_EXPECT(t, svc_buf_verified(a) && svc_buf_verified(b));
	/* a write through the device node: the mark goes, and a mark for
	 * what `a` read before it is refused */
	KTEST_EXPECT_EQ(t, vfs_write(node, 3 * 1024, &io, O_RDWR), 4);
	KTEST_EXPECT(t, !svc_buf_verified(a));
	svc_buf_set_verified(a);
	KTEST_EXPECT(t, !svc_buf_verified(a));
	svc_buf_read(b, 0, buf + 4, 4);
	svc_buf_set_verified(b);
	KTEST_EXPECT(t, svc_buf_verified(a));
	/* the service's own write: cleared, and its mark covers what it wrote */
	svc_buf_write(a, 0, "svc!", 4);
	KTEST_EXPECT(t, !svc_buf_verified(b));
	svc_buf_set_verified(b); /* b's bytes are older than a's write */
	KTEST_EXPECT(t, !svc_buf_verified(b));
	svc_buf_set_verified(a);
	KTEST_EXPECT(t, svc_buf_verified(b));
	svc_brelse(e.sb.cap, a);
	svc_brelse(e.sb.cap, b);
	/* corrupted on the disk, then read again: no mark */
	KTEST_EXPECT_EQ(t, svc_bdev_sync(e.sb.cap, bd), 0);
	KTEST_EXPECT_EQ(t, vfs_ioctl(node, BLKFLSBUF, 0), 0);
	e.r->data[3 * 1024] ^= 0xff;
	a = svc_bread(e.sb.cap, bd, 3, 1024, &err);
	KTEST_EXPECT(t, a != NULL);
	if (a) {
		svc_buf_read(a, 0, buf, 4);
		KTEST_EXPECT(t, buf[0] == (char)('s' ^ 0xff) && !svc_buf_verified(a));
		svc_brelse(e.sb.cap, a);
	}
out:
	if (node)
		inode_put(node);
	if (bd)
		svc_bdev_close(e.sb.cap, bd);
	env_teardown(&e);
}

KTEST(service_bio, open_errors)
{
	struct env e;
	struct svc_bdev *bd;
	int err = 0;

	if (env_setup(t, &e, true)) {
		ktest_skip(t, "no devtmpfs");
		return;
	}
	KTEST_EXPECT(t, svc_bdev_open(e.sb.cap, "/null", false, &err) == NULL && err == -ENOTBLK);
	KTEST_EXPECT(t, svc_bdev_open(e.sb.cap, "/nope", false, &err) == NULL && err == -ENOENT);
	KTEST_EXPECT(t, svc_bdev_open(e.sb.cap, "/ktsvc", true, &err) == NULL && err == -EROFS);
	bd = svc_bdev_open(e.sb.cap, "/ktsvc", false, &err);
	KTEST_EXPECT(t, bd && svc_bdev_read_only(bd));
	svc_bdev_close(e.sb.cap, bd);
	env_teardown(&e);
}

/* An instance that goes with devices and buffers still open (a failed
 * one) has them closed and released for it. */
KTEST(service_bio, release_of_an_instance)
{
	struct env e;
	struct svc_bdev *bd;
	struct svc_buf *b;
	int err = 0;

	if (env_setup(t, &e, false)) {
		ktest_skip(t, "no devtmpfs");
		return;
	}
	bd = svc_bdev_open(e.sb.cap, "/ktsvc", true, &err);
	b = bd ? svc_bread(e.sb.cap, bd, 1, 1024, &err) : NULL;
	KTEST_EXPECT(t, b != NULL);
	if (b)
		svc_buf_hold(b, true);
	svc_bio_release(NULL); /* outside a crossing the owner is NULL */
	KTEST_EXPECT_EQ(t, blk_disk_openers(&e.r->d), 0);
	bd = svc_bdev_open(e.sb.cap, "/ktsvc", true, &err); /* no longer busy */
	KTEST_EXPECT(t, bd != NULL);
	svc_bdev_close(e.sb.cap, bd);
	env_teardown(&e);
}

/* A regular file as the source: the kernel attaches a loop device to it
 * for the mount, and the loop lets the file go when the mount closes it. */
KTEST(service_bio, a_file_source_gets_a_loop_device)
{
	struct test_mount m;
	struct fs_context fs = {.refs = 1};
	struct vfs_sb sb = {.ops = NULL};
	char data[1024] = "", back[8] = "";
	struct iobuf io = {.user = false, .kbuf = data, .len = sizeof(data)};
	struct iobuf in = {.user = false, .kbuf = back, .len = 5};
	struct inode *file = NULL;
	struct svc_bdev *bd;
	struct svc_buf *b;
	struct blk_info info;
	int err = 0;

	if (test_mount(&m, "tmpfs", 78, NULL, 0)) {
		ktest_skip(t, "no tmpfs");
		return;
	}
	KTEST_EXPECT_EQ(t, vfs_create(m.sb->root, "img", 3, 0600, &file), 0);
	for (int i = 0; file && i < 64; i++)
		KTEST_EXPECT_EQ(t, vfs_write(file, (uint64_t)i * 1024, &io, O_RDWR), 1024);
	spin_lock_init(&fs.lock, "fs_context", LOCK_RANK_NONE);
	fs.root = fs.cwd = m.root;
	current_thread()->fs = &fs;
	KTEST_EXPECT_EQ(t, svc_cap_mint(&sb), 0);
	bd = svc_bdev_open(sb.cap, "/img", true, &err);
	KTEST_EXPECT(t, bd != NULL);
	if (bd) {
		KTEST_EXPECT_EQ(t, svc_bdev_bytes(bd), 65536);
		b = svc_bget(sb.cap, bd, 7, 1024, &err);
		KTEST_EXPECT(t, b != NULL);
		if (b) {
			svc_buf_write(b, 0, "loop!", 5);
			svc_brelse(sb.cap, b);
		}
		KTEST_EXPECT_EQ(t, blk_info_by_name("loop0", 5, &info), 0);
		KTEST_EXPECT_EQ(t, info.sectors, 128);
		svc_bdev_close(sb.cap, bd);
	}
	KTEST_EXPECT_EQ(t, vfs_read(file, 7 * 1024, &in, O_RDONLY), 5);
	KTEST_EXPECT(t, !memcmp(back, "loop!", 5));
	KTEST_EXPECT_EQ(t, blk_info_by_name("loop0", 5, &info), 0);
	KTEST_EXPECT_EQ(t, info.sectors, 0); /* autoclear: unbound again */
	KTEST_EXPECT(t, svc_bdev_open(sb.cap, "/", false, &err) == NULL && err == -ENOTBLK);
	svc_cap_revoke(&sb);
	current_thread()->fs = NULL;
	inode_put(file);
	test_unmount(&m);
}

/* A file with a page cache on the disk (svc_pcache_read_ahead's). */
static int ra_readpage(struct inode *i, uint64_t idx, struct svc_page *pg)
{
	return -EIO; /* never called: the test fills its pages itself */
}

static const struct file_ops ra_file_ops = {.readpage = ra_readpage};
static const struct dir_ops ra_dir_ops;
static void ra_evict(struct inode *i)
{
}
static const struct vfs_sb_ops ra_sb_ops = {.evict = ra_evict};

static int ra_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	sb->ops = &ra_sb_ops;
	sb->root = svc_inode_alloc(sb->cap, sb, INODE_DIR, &ra_dir_ops, 1);
	return sb->root ? 0 : -ENOMEM;
}

static const void *const ra_tables[] = {&ra_file_ops, &ra_dir_ops, &ra_sb_ops, NULL};
static const struct fs_type ra_type = {
	.name = "ktest-ra", .mount = ra_mount, .ops_tables = ra_tables};

/* Pages [first, first + 2) of i, got to fill, started from byte `off`. */
static int ra_start(struct vfs_sb *sb, struct svc_bdev *bd, struct inode *i, uint64_t first,
		    uint64_t off)
{
	struct svc_page *pg[2];
	bool up;
	int err;

	for (unsigned k = 0; k < 2; k++)
		pg[k] = svc_pcache_get(sb->cap, i, first + k, SVC_PCACHE_CREATE, &up);
	if (!pg[0] || !pg[1])
		return -ENOMEM;
	err = svc_pcache_read_ahead(sb->cap, bd, off, i, first, pg, 2);
	for (unsigned k = 0; k < 2; k++)
		svc_pcache_put(sb->cap, pg[k]);
	return err;
}

/* Whether page idx of i is cached, uptodate, holding `c` (not waiting). */
static bool ra_page_is(struct vfs_sb *sb, struct inode *i, uint64_t idx, char c)
{
	bool up = false;
	struct svc_page *pg = svc_pcache_get(sb->cap, i, idx, SVC_PCACHE_NOWAIT, &up);
	char buf[4] = "";

	if (!pg)
		return false;
	svc_page_read(pg, SVC_PAGE_SIZE - 4, buf, 4);
	svc_pcache_put(sb->cap, pg);
	return up && buf[0] == c && buf[3] == c;
}

struct ra_args {
	struct ktest_ctx *t;
	struct vfs_sb *sb;
	struct env *e;
};

static int read_ahead(struct ra_args *a)
{
	struct ktest_ctx *t = a->t;
	struct vfs_sb *sb = a->sb;
	struct svc_bdev *bd;
	struct inode *i;
	struct svc_page *none[1] = {NULL};
	struct page *p = NULL;
	int err = 0;

	memset(a->e->r->data + 8192, 'R', 8192);
	bd = svc_bdev_open(sb->cap, "/ktsvc", false, &err);
	i = svc_inode_alloc(sb->cap, sb, INODE_FILE, &ra_file_ops, 5);
	KTEST_EXPECT(t, bd && i);
	if (!bd || !i)
		goto out;
	KTEST_EXPECT_EQ(t, svc_pcache_read_ahead(sb->cap, bd, 0, i, 0, none, 0), -EINVAL);
	/* ended by the first get that would wait */
	KTEST_EXPECT_EQ(t, ra_start(sb, bd, i, 0, 8192), 0);
	KTEST_EXPECT(t, !ra_page_is(sb, i, 1, 'R')); /* NOWAIT: still being filled */
	KTEST_EXPECT_EQ(t, pcache_read_page(i, 1, &p), 0);
	if (p)
		page_put(p);
	KTEST_EXPECT(t, ra_page_is(sb, i, 0, 'R') && ra_page_is(sb, i, 1, 'R'));
	/* nobody asks: the device's close ends it */
	KTEST_EXPECT_EQ(t, ra_start(sb, bd, i, 2, 8192), 0);
	svc_bdev_close(sb->cap, bd);
	bd = NULL;
	KTEST_EXPECT(t, ra_page_is(sb, i, 2, 'R') && ra_page_is(sb, i, 3, 'R'));
out:
	if (bd)
		svc_bdev_close(sb->cap, bd);
	if (i)
		svc_inode_put(sb->cap, i);
	return 0;
}

/* svc_pcache_read_ahead: the pages' fills are the kernel's once the read
 * started; a get that would wait for one ends them, and so does the
 * device's close (a fill never outlives the device nor waits for the
 * service that started it). */
KTEST(service_bio, read_ahead_fills_are_ended_by_the_kernel)
{
	static bool registered;
	struct test_mount m;
	struct ra_args a;
	struct env e;

	if (env_setup(t, &e, true)) {
		ktest_skip(t, "no devtmpfs");
		return;
	}
	if (!registered && vfs_register_fs(&ra_type) == 0)
		registered = true;
	KTEST_EXPECT(t, registered);
	if (!registered || test_mount(&m, "ktest-ra", 78, NULL, 0)) {
		env_teardown(&e);
		return;
	}
	a = (struct ra_args){t, m.sb, &e};
	KTEST_EXPECT_EQ(t, SVC_CALL(m.sb, SVC_OP_READ, NULL, read_ahead(&a)), 0);
	KTEST_EXPECT(t, !m.sb->failed);
	test_unmount(&m);
	env_teardown(&e);
}
