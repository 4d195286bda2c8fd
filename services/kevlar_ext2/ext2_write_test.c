/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests of the ext2/ext3/ext4 write path against images the host's
 * mke2fs makes (ext4 with 4 KiB and 1 KiB blocks, ext4 without
 * metadata_csum (gdt_csum instead), ext3 and ext2), each a fresh copy per
 * test.  Files mke2fs put there are written through the ops tables as the
 * VFS would (sizes from 0 to past the indirect blocks, sparse writes,
 * O_APPEND, overwrites, truncate both ways, fallocate's modes, an extent
 * tree grown to depth 2 and shrunk back, setattr), every byte read back
 * through the service and compared with a model; then the image is
 * unmounted and the host's `e2fsck -fn` must find it clean and
 * `debugfs -R cat` must show exactly the model's bytes.  A random
 * write/truncate/punch/fallocate stress with a fixed seed ends the same
 * way.  The build has ASan and UBSan, and every allocation, buffer and
 * inode must be released at unmount.
 */
/* hosttest-sources: services/kevlar_ext2/super.c services/kevlar_ext2/csum.c */
/* hosttest-sources: services/kevlar_ext2/inode.c services/kevlar_ext2/bmap.c */
/* hosttest-sources: services/kevlar_ext2/file.c services/kevlar_ext2/dir.c */
/* hosttest-sources: services/kevlar_ext2/pages.c services/kevlar_ext2/direct.c */
/* hosttest-sources: services/kevlar_ext2/htree.c services/kevlar_ext2/xattr.c */
/* hosttest-sources: services/kevlar_ext2/dx_readdir.c services/kevlar_ext2/tx.c */
/* hosttest-sources: services/kevlar_ext2/alloc.c services/kevlar_ext2/extent.c */
/* hosttest-sources: services/kevlar_ext2/indirect.c services/kevlar_ext2/journal.c */
/* hosttest-sources: services/kevlar_ext2/commit.c services/kevlar_ext2/recovery.c */
/* hosttest-sources: services/kevlar_ext2/dirwrite.c services/kevlar_ext2/dx_insert.c */
/* hosttest-sources: services/kevlar_ext2/namei.c services/kevlar_ext2/orphan.c */
/* hosttest-sources: services/kevlar_ext2/xattr_write.c services/kevlar_ext2/flags.c */
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
#include <klib/errno.h>
#include <linux/falloc.h>
#include <linux/fiemap.h>
#include <linux/mount.h>
#include <hosttest/bdev_stub.h>
#include <hosttest/fsimage.h>
#include <hosttest/service_stub.h>
#include "ext2.h"
#include "journal.h"

#ifndef O_NOATIME
#define O_NOATIME 01000000
#endif

struct image {
	const char *name, *opts, *size;
	bool extents;
	unsigned bsize;
};

static const struct image imgs[] = {
	{"ext4-4k", "-t ext4 -b 4096", "64M", true, 4096},
	{"ext4-1k", "-t ext4 -b 1024", "64M", true, 1024},
	{"ext4-nocsum", "-t ext4 -b 4096 -O ^metadata_csum,^64bit,uninit_bg", "64M", true, 4096},
	{"ext3-1k", "-t ext3 -b 1024", "64M", false, 1024},
	{"ext2-4k", "-t ext2 -b 4096", "64M", false, 4096},
};
#define NIMG ARRAY_SIZE(imgs)

static char dir[128];
static char img[256];
static bool have_tools;
static struct vfs_sb sb;

static struct ext2_fs *FS(void)
{
	return sb.priv;
}

/* ---- images ---- */

static int group_setup(void **state)
{
	have_tools = host_have_e2fsprogs() && host_workdir(dir, sizeof(dir), "ext2w") == 0;
	if (!have_tools)
		return 0;
	/* the tree every image starts with: empty files, and one with data */
	if (host_run("mkdir -p %s/tree && cd %s/tree && for i in $(seq 0 39); do "
		     ": > f$i; done && head -c 10000 /dev/urandom > pre",
		     dir, dir))
		have_tools = false;
	return 0;
}

static int group_teardown(void **state)
{
	if (dir[0])
		host_run("rm -rf %s", dir);
	return 0;
}

static int setup(void **state)
{
	stub_reset();
	stub_bdev_clean();
	stub_live_bufs = stub_live_bdevs = 0;
	stub_bdev_writable = true;
	if (!have_tools)
		skip();
	return 0;
}

static void make_image(const struct image *im)
{
	snprintf(img, sizeof(img), "%s/%s.img", dir, im->name);
	if (host_run("rm -f %s && mke2fs -q -F %s -E root_owner=0:0 -d %s/tree %s %s >/dev/null "
		     "2>&1",
		     img, im->opts, dir, img, im->size))
		fail_msg("mke2fs %s failed", im->name);
}

static void wmount(void)
{
	int err;

	/* the kernel keeps mount(2)'s source here (remount reopens it) */
	assert_true(strlen(img) < sizeof(sb.source));
	err = host_mount(&sb, &ext4_fs_type, img, img, 9, false, NULL);
	if (err)
		fail_msg("mount %s: %d (%s)", img, err, stub_last_log);
	assert_false(sb.read_only);
}

static void wumount(void)
{
	host_umount(&sb);
}

/* e2fsck -fn must find nothing to fix. */
static void fsck_clean(void)
{
	host_fsck_clean(img);
}

/* What debugfs reads of /path: the bytes, their count in *len. */
static uint8_t *debugfs_cat(const char *path, size_t *len)
{
	return host_debugfs_cat(img, path, len);
}

/* ---- files and a model of their bytes ---- */

struct model {
	uint8_t *data;
	size_t size, cap;
};

/* Room for `size` bytes (grown by doubling: ASan makes reallocs dear). */
static void model_room(struct model *m, size_t size)
{
	if (size <= m->cap && m->data)
		return;
	m->cap = MAX(size, 2 * m->cap);
	m->cap = MAX(m->cap, (size_t)4096);
	m->data = realloc(m->data, m->cap);
	assert_non_null(m->data);
}

static struct inode *file(const char *name)
{
	return stub_get(sb.root, name);
}

static ssize_t do_write(struct inode *f, uint64_t off, const void *src, size_t n, unsigned flags)
{
	struct iobuf b = {.user = false, .kbuf = (void *)src, .len = n};

	return f->ops.file->write(f, off, &b, flags);
}

static void model_write(struct model *m, uint64_t off, const uint8_t *src, size_t n)
{
	if (off + n > m->size) {
		model_room(m, off + n);
		memset(m->data + m->size, 0, off + n - m->size);
		m->size = off + n;
	}
	memcpy(m->data + off, src, n);
}

static void model_resize(struct model *m, size_t size)
{
	model_room(m, size);
	if (size > m->size)
		memset(m->data + m->size, 0, size - m->size);
	m->size = size;
}

static void write_both(struct inode *f, struct model *m, uint64_t off, size_t n, unsigned seed)
{
	uint8_t *buf = malloc(n ? n : 1);

	srand(seed);
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)rand();
	assert_int_equal(do_write(f, off, buf, n, 0), (ssize_t)n);
	model_write(m, off, buf, n);
	free(buf);
}

/* The file reads back as the model, through the service. */
static void check_read(struct inode *f, const struct model *m, const char *what)
{
	uint8_t *have = malloc(m->size + 4096);
	size_t got = 0;
	struct vfs_stat st;

	assert_int_equal(f->ops.file->stat(f, &st), 0);
	if ((size_t)st.size != m->size)
		fail_msg("%s: size %lld, want %zu", what, (long long)st.size, m->size);
	while (got < m->size + 1) {
		ssize_t r = stub_read(f, got, have + got, MIN((size_t)7777, m->size + 1 - got));

		assert_true(r >= 0);
		if (r == 0)
			break;
		got += (size_t)r;
	}
	assert_int_equal(got, m->size);
	if (m->size && memcmp(have, m->data, m->size)) {
		for (size_t i = 0; i < m->size; i++)
			if (have[i] != m->data[i])
				fail_msg("%s: byte %zu is %02x, want %02x", what, i, have[i],
					 m->data[i]);
	}
	free(have);
}

/* debugfs reads the unmounted image's /name as the model. */
static void check_debugfs(const char *name, const struct model *m)
{
	char path[64];
	size_t len;
	uint8_t *have;

	snprintf(path, sizeof(path), "/%s", name);
	have = debugfs_cat(path, &len);
	if (len != m->size)
		fail_msg("debugfs cat %s of %s: %zu bytes, want %zu", path, img, len, m->size);
	if (m->size && memcmp(have, m->data, m->size))
		fail_msg("debugfs cat %s of %s: content differs", path, img);
	free(have);
}

static int root_depth(struct inode *f)
{
	return le16_at(EI(f)->raw + I_BLOCK, 6);
}

struct fie_got {
	unsigned n;
	uint64_t logical[16], len[16];
	uint32_t flags[16];
};

static int fie_collect(void *ctx, uint64_t logical, uint64_t physical, uint64_t len, uint32_t flags)
{
	struct fie_got *g = ctx;

	if (g->n == 16)
		return 1;
	g->logical[g->n] = logical;
	g->len[g->n] = len;
	g->flags[g->n++] = flags;
	return 0;
}

/* ---- the tests ---- */

static const size_t sizes[] = {0,     1,     511,   1023,   1024,    4095,    4096,   4097,
			       12288, 12289, 49153, 100000, 1 << 20, 3000000, 4300000};
#define NSIZES ARRAY_SIZE(sizes)

/* Files of many sizes, written whole in pieces of odd lengths. */
static void test_write_sizes(void **state)
{
	for (size_t i = 0; i < NIMG; i++) {
		struct model m[NSIZES] = {0};
		char name[16];

		make_image(&imgs[i]);
		wmount();
		for (size_t k = 0; k < NSIZES; k++) {
			struct inode *f;
			size_t off = 0, step = 1 + (k * 7919) % 70000;

			snprintf(name, sizeof(name), "f%zu", k);
			f = file(name);
			while (off < sizes[k]) {
				size_t n = MIN(step, sizes[k] - off);

				write_both(f, &m[k], off, n, (unsigned)(k * 1000 + off));
				off += n;
			}
			check_read(f, &m[k], name);
			/* i_blocks counts every data block (and the map's) */
			assert_true(EI(f)->blocks512 * 512 >=
				    sizes[k] / imgs[i].bsize * imgs[i].bsize);
			inode_put(f);
		}
		wumount();
		fsck_clean();
		for (size_t k = 0; k < NSIZES; k++) {
			snprintf(name, sizeof(name), "f%zu", k);
			check_debugfs(name, &m[k]);
		}
		/* and it mounts again and reads the same */
		wmount();
		{
			struct inode *f = file("f14");

			check_read(f, &m[NSIZES - 1], "f14 after remount");
			inode_put(f);
		}
		wumount();
		fsck_clean();
		for (size_t k = 0; k < NSIZES; k++)
			free(m[k].data);
	}
}

/* Sparse writes, overwrites of a file mke2fs wrote, O_APPEND, and
 * truncate both ways (the tail of the last block reads as zeros when the
 * file grows again). */
static void test_sparse_append_truncate(void **state)
{
	for (size_t i = 0; i < NIMG; i++) {
		struct model a = {0}, p = {0}, t = {0};
		struct inode *f, *g, *h;
		size_t len;

		make_image(&imgs[i]);
		wmount();
		f = file("f0");
		write_both(f, &a, 5000000, 100, 1);
		write_both(f, &a, 70000, 3000, 2);
		write_both(f, &a, 12 * imgs[i].bsize - 7, 20, 3); /* across direct/indirect */
		check_read(f, &a, "sparse");
		/* holes stay holes: far fewer blocks than the size */
		assert_true(EI(f)->blocks512 * 512 < 200000);
		{
			/* SEEK_DATA/SEEK_HOLE find them, a block at a time */
			int64_t bs = imgs[i].bsize, d0 = (12 * bs - 7) / bs * bs;

			assert_int_equal(f->ops.file->seek_data(f, 0, false), d0);
			assert_int_equal(f->ops.file->seek_data(f, 0, true), 0);
			assert_int_equal(f->ops.file->seek_data(f, d0 + 1, false), d0 + 1);
			assert_int_equal(f->ops.file->seek_data(f, d0, true), d0 + 2 * bs);
			assert_int_equal(f->ops.file->seek_data(f, 100000, false),
					 5000000 / bs * bs);
			assert_int_equal(f->ops.file->seek_data(f, 5000000, true), 5000100);
			assert_int_equal(f->ops.file->seek_data(f, 5000100, false), -ENXIO);
		}

		g = file("pre");
		p.data = debugfs_cat("/pre", &len);
		p.size = len;
		p.cap = 1 << 20;
		assert_int_equal(len, 10000);
		write_both(g, &p, 4000, 3000, 4);
		{
			uint8_t x[300];

			memset(x, 'A', sizeof(x));
			assert_int_equal(do_write(g, 0, x, sizeof(x), O_APPEND), 300);
			model_write(&p, p.size, x, sizeof(x));
		}
		check_read(g, &p, "append");

		h = file("f1");
		write_both(h, &t, 0, 50000, 5);
		assert_int_equal(h->ops.file->truncate(h, 12345), 0);
		model_resize(&t, 12345);
		assert_int_equal(h->ops.file->truncate(h, 40000), 0);
		model_resize(&t, 40000);
		check_read(h, &t, "truncate");
		assert_int_equal(h->ops.file->truncate(h, 0), 0);
		model_resize(&t, 0);
		assert_int_equal(EI(h)->blocks512, 0);
		write_both(h, &t, 1, 10, 6);
		assert_int_equal(h->ops.file->truncate(h, 3 * 1024 * 1024), 0);
		model_resize(&t, 3 * 1024 * 1024);
		check_read(h, &t, "truncate up");
		inode_put(f);
		inode_put(g);
		inode_put(h);
		wumount();
		fsck_clean();
		check_debugfs("f0", &a);
		check_debugfs("pre", &p);
		check_debugfs("f1", &t);
		free(a.data);
		free(p.data);
		free(t.data);
	}
}

/* An extent tree grown to depth 2 by a file of single-block extents
 * (every other block), its holes filled in (the extents merge), and then
 * truncated back; and punched holes in a contiguous file. */
static void test_extent_tree(void **state)
{
	for (size_t i = 0; i < NIMG; i++) {
		const struct image *im = &imgs[i];
		unsigned per_leaf = (im->bsize - 12) / 12;
		size_t n = (size_t)per_leaf * 4 + 50; /* more extents than four leaves hold */
		struct model m = {0}, q = {0};
		struct inode *f, *g;

		if (!im->extents)
			continue;
		make_image(im);
		wmount();
		f = file("f2");
		for (size_t k = 0; k < n; k++)
			write_both(f, &m, (uint64_t)k * 2 * im->bsize, 100, (unsigned)k);
		assert_int_equal(root_depth(f), 2);
		check_read(f, &m, "depth 2");
		inode_put(f);
		wumount();
		fsck_clean();
		check_debugfs("f2", &m);

		wmount();
		f = file("f2");
		for (size_t k = n; k-- > 0;)
			write_both(f, &m, (uint64_t)(2 * k + 1) * im->bsize, im->bsize,
				   (unsigned)k);
		check_read(f, &m, "filled");
		assert_int_equal(f->ops.file->truncate(f, (uint64_t)im->bsize * 7 + 3), 0);
		model_resize(&m, (size_t)im->bsize * 7 + 3);
		check_read(f, &m, "truncated back");
		assert_true(EI(f)->blocks512 <= 8 * im->bsize / 512 + 2 * im->bsize / 512);

		g = file("f3");
		write_both(g, &q, 0, 2 << 20, 7);
		for (unsigned k = 0; k < 40; k++) {
			uint64_t off = (uint64_t)k * 50000 + 333, len = 1000 + k * 997;

			assert_int_equal(
				g->ops.file->fallocate(
					g, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off, len),
				0);
			memset(q.data + off, 0, len);
		}
		check_read(g, &q, "punched");
		inode_put(f);
		inode_put(g);
		wumount();
		fsck_clean();
		check_debugfs("f2", &m);
		check_debugfs("f3", &q);
		free(m.data);
		free(q.data);
	}
}

/* fallocate: preallocation (unwritten extents read as zeros, KEEP_SIZE
 * leaves the size), ZERO_RANGE; ext2 and ext3 refuse them as Linux does
 * (but punch holes). */
static void test_fallocate(void **state)
{
	for (size_t i = 0; i < NIMG; i++) {
		const struct image *im = &imgs[i];
		struct model m = {0}, k = {0}, r = {0};
		struct inode *f, *g;

		make_image(im);
		wmount();
		f = file("f4");
		g = file("f5");
		if (!im->extents) {
			assert_int_equal(f->ops.file->fallocate(f, 0, 0, 4096), -EOPNOTSUPP);
			assert_int_equal(f->ops.file->fallocate(f, FALLOC_FL_ZERO_RANGE, 0, 4096),
					 -EOPNOTSUPP);
			write_both(f, &m, 0, 100000, 1);
			assert_int_equal(
				f->ops.file->fallocate(
					f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 1000, 60000),
				0);
			memset(m.data + 1000, 0, 60000);
			check_read(f, &m, "ind punch");
			goto done;
		}
		assert_int_equal(f->ops.file->fallocate(f, 0, 10000, 300000), 0);
		model_resize(&m, 310000);
		assert_true(EI(f)->blocks512 * 512 >= 300000);
		check_read(f, &m, "prealloc");
		/* preallocated blocks are a hole to SEEK_DATA, as on Linux */
		assert_int_equal(f->ops.file->seek_data(f, 0, false), -ENXIO);
		write_both(f, &m, 20000, 5000, 2);   /* into unwritten extents */
		write_both(f, &m, 300000, 20000, 3); /* across the end */
		check_read(f, &m, "prealloc written");
		assert_int_equal(g->ops.file->fallocate(g, FALLOC_FL_KEEP_SIZE, 0, 1 << 20), 0);
		check_read(g, &k, "keep size");
		assert_true(EI(g)->blocks512 * 512 >= 1 << 20);
		{
			/* FIEMAP: the preallocated extents flagged unwritten, the
			 * last one in the range flagged last, clipped to it */
			struct fie_got got = {0};

			assert_int_equal(g->ops.file->fiemap(g, 4096, 8192, fie_collect, &got), 0);
			assert_int_equal(got.n, 1);
			assert_int_equal(got.logical[0], 4096);
			assert_int_equal(got.len[0], 8192);
			assert_int_equal(got.flags[0],
					 FIEMAP_EXTENT_UNWRITTEN | FIEMAP_EXTENT_LAST);
		}
		write_both(g, &k, 4096 * 3 + 5, 10, 4);
		check_read(g, &k, "keep size written");
		/* ZERO_RANGE over written data, unaligned */
		write_both(f, &m, 0, 200000, 5);
		assert_int_equal(f->ops.file->fallocate(f, FALLOC_FL_ZERO_RANGE, 777, 150000), 0);
		memset(m.data + 777, 0, 150000);
		check_read(f, &m, "zero range");
		assert_int_equal(f->ops.file->fallocate(f, FALLOC_FL_ZERO_RANGE, 400000, 5000), 0);
		model_resize(&m, 405000);
		check_read(f, &m, "zero range past end");
		/* a truncate drops preallocated blocks past the end */
		assert_int_equal(g->ops.file->truncate(g, 5000), 0);
		model_resize(&k, 5000);
		assert_true(EI(g)->blocks512 * 512 <= 8192);
		{
			/* fio's random writes into a preallocated file: each
			 * converts a piece in the middle of an unwritten extent
			 * (in its leaf, joined to written neighbours), until
			 * the leaves split; then every page is written */
			struct inode *h = file("f6");
			uint64_t x = 88172645463325252ull, blocks = 1500;

			assert_int_equal(h->ops.file->fallocate(h, 0, 0, blocks * 4096), 0);
			model_resize(&r, blocks * 4096);
			for (unsigned w = 0; w < 1200; w++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				write_both(h, &r, (x % blocks) * 4096, 4096, 100 + w);
			}
			check_read(h, &r, "random into prealloc");
			for (uint64_t b = 0; b < blocks; b += 1 + b % 3)
				write_both(h, &r, b * 4096, 4096, 7000 + (unsigned)b);
			check_read(h, &r, "prealloc all written");
			inode_put(h);
		}
	done:
		inode_put(f);
		inode_put(g);
		wumount();
		fsck_clean();
		check_debugfs("f4", &m);
		check_debugfs("f5", &k);
		if (im->extents)
			check_debugfs("f6", &r);
		free(m.data);
		free(k.data);
		free(r.data);
	}
}

/* chmod, chown, utimes and the size through setattr reach the disk. */
static void test_setattr(void **state)
{
	struct vfs_setattr a = {.valid = VFS_SET_MODE | VFS_SET_UID | VFS_SET_GID | VFS_SET_ATIME |
					 VFS_SET_MTIME,
				.mode = 04751,
				.uid = 70000,
				.gid = 1234,
				.atime = {.sec = 5000000000ll, .nsec = 999},
				.mtime = {.sec = -5, .nsec = 123456789}};
	struct inode *f;
	struct vfs_stat st;

	make_image(&imgs[0]);
	wmount();
	f = file("f6");
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	inode_put(f);
	wumount();
	fsck_clean();
	wmount();
	f = file("f6");
	assert_int_equal(f->ops.file->stat(f, &st), 0);
	assert_int_equal(st.mode, S_IFREG | 04751);
	assert_int_equal(st.uid, 70000);
	assert_int_equal(st.gid, 1234);
	assert_int_equal(st.atime.sec, 5000000000ll);
	assert_int_equal(st.atime.nsec, 999);
	assert_int_equal(st.mtime.sec, -5);
	assert_int_equal(st.mtime.nsec, 123456789);
	assert_int_equal(st.ctime.sec, STUB_NOW_SEC);
	inode_put(f);
	wumount();
	assert_true(host_debugfs_says(img, "stat /f6", "Mode:  04751"));
	assert_true(host_debugfs_says(img, "stat /f6", "User: 70000"));
	assert_true(host_debugfs_says(img, "stat /f6", "Group:  1234"));
}

/* Reads update the access time as Linux's relatime does: the first read
 * after a change, then not again within a day; never on a noatime mount
 * or with O_NOATIME; and it reaches the disk. */
static void test_atime(void **state)
{
	struct model m = {0};
	struct inode *f;
	char buf[10];

	make_image(&imgs[0]);
	wmount();
	sb.flags = MS_RELATIME;
	f = file("f9");
	write_both(f, &m, 0, 100, 1);
	{
		/* mke2fs copied the tree's atime, the host's now: make it old */
		struct vfs_setattr a = {.valid = VFS_SET_ATIME,
					.atime = {.sec = STUB_NOW_SEC - 100}};

		assert_int_equal(f->ops.file->setattr(f, &a), 0);
	}
	stub_clock = 10;
	assert_int_equal(stub_read(f, 0, buf, 10), 10);
	assert_int_equal(EI(f)->atime.sec, STUB_NOW_SEC + 10);
	stub_clock = 20;
	assert_int_equal(stub_read(f, 0, buf, 10), 10);
	assert_int_equal(EI(f)->atime.sec, STUB_NOW_SEC + 10);
	stub_clock = 20 + 24 * 3600;
	sb.flags = MS_NOATIME;
	assert_int_equal(stub_read(f, 0, buf, 10), 10);
	assert_int_equal(EI(f)->atime.sec, STUB_NOW_SEC + 10);
	sb.flags = MS_RELATIME;
	{
		struct iobuf b = {.kbuf = buf, .len = 10};

		assert_int_equal(f->ops.file->read(f, 0, &b, O_NOATIME), 10);
		assert_int_equal(EI(f)->atime.sec, STUB_NOW_SEC + 10);
	}
	assert_int_equal(stub_read(f, 0, buf, 10), 10);
	assert_int_equal(EI(f)->atime.sec, STUB_NOW_SEC + 20 + 24 * 3600);
	inode_put(f);
	wumount();
	fsck_clean();
	wmount();
	f = file("f9");
	assert_int_equal(EI(f)->atime.sec, STUB_NOW_SEC + 20 + 24 * 3600);
	inode_put(f);
	wumount();
	free(m.data);
}

/* Regular files on the page cache (pages.c): a read leaves its pages
 * cached; a write lands in the cached page (written back later); a
 * store into a cached page (a shared mapping's) reaches the disk through
 * writepage, into a hole too (allocated in a transaction: e2fsck clean);
 * truncate and PUNCH_HOLE zero or drop the cached pages. */
static void test_page_cache(void **state)
{
	static uint8_t buf[12000], back[12000];
	struct vfs_setattr a = {.valid = VFS_SET_SIZE};
	struct svc_page *pg;
	struct inode *f;
	bool up;

	make_image(&imgs[0]);
	wmount();
	f = file("f9");
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7 + 1);
	assert_int_equal(do_write(f, 0, buf, 10000, 0), 10000);
	assert_int_equal(stub_read(f, 0, back, 10000), 10000);
	assert_memory_equal(back, buf, 10000);
	pg = stub_pcache_page(f, 1);
	assert_non_null(pg);
	assert_memory_equal(stub_page_data(pg), buf + 4096, 4096);

	/* write-back: the write lands in the cached page */
	assert_int_equal(do_write(f, 5000, "written", 7, 0), 7);
	assert_memory_equal((uint8_t *)stub_page_data(pg) + 904, "written", 7);
	memcpy(buf + 5000, "written", 7);

	/* a store into cached page 2, then writeback: on disk */
	memcpy((uint8_t *)stub_page_data(stub_pcache_page(f, 2)) + 100, "stored", 6);
	assert_int_equal(svc_pcache_dirty(sb.cap, f, 2), 0);
	assert_int_equal(stub_pcache_writeback(f, 10000), 0);
	memcpy(buf + 8192 + 100, "stored", 6);
	stub_pcache_drop(f);
	assert_int_equal(stub_read(f, 0, back, 10000), 10000);
	assert_memory_equal(back, buf, 10000);

	/* truncate down: page 2 goes, page 1's tail is zeroed; up again:
	 * zeros */
	a.size = 6000;
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	assert_null(stub_pcache_page(f, 2));
	assert_int_equal(((uint8_t *)stub_page_data(pg = stub_pcache_page(f, 1)))[6000 - 4096], 0);
	a.size = 40000;
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	memset(buf + 6000, 0, sizeof(buf) - 6000);
	assert_int_equal(stub_read(f, 0, back, 12000), 12000);
	assert_memory_equal(back, buf, 12000);

	/* a store into a hole (page 8): writepage allocates its block */
	pg = svc_pcache_get(sb.cap, f, 8, SVC_PCACHE_CREATE, &up);
	assert_non_null(pg);
	assert_false(up);
	assert_int_equal(f->ops.file->readpage(f, 8, pg), 0);
	svc_pcache_filled(sb.cap, f, 8, true);
	svc_page_write(pg, 10, "in a hole", 9);
	assert_int_equal(svc_pcache_dirty(sb.cap, f, 8), 0);
	svc_pcache_put(sb.cap, pg);
	assert_int_equal(stub_pcache_writeback(f, 40000), 0);

	/* PUNCH_HOLE over cached page 0: it reads as zeros at once */
	assert_int_equal(stub_read(f, 0, back, 100), 100);
	assert_int_equal(
		f->ops.file->fallocate(f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4096), 0);
	/* the whole page goes, dirty or not (a writeback would fill the
	 * hole again), as Linux's truncate_pagecache_range */
	assert_null(stub_pcache_page(f, 0));
	assert_int_equal(stub_read(f, 0, back, 100), 100);
	assert_true(back[50] == 0);
	inode_put(f);
	wumount();
	fsck_clean();
	wmount();
	f = file("f9");
	assert_int_equal(stub_read(f, 0, back, 4096), 4096);
	for (size_t i = 0; i < 4096; i++)
		assert_int_equal(back[i], 0);
	assert_int_equal(stub_read(f, 4096, back, 1904), 1904);
	assert_memory_equal(back, buf + 4096, 1904);
	assert_int_equal(stub_read(f, 8 * 4096, back, 40), 40);
	assert_memory_equal(back + 10, "in a hole", 9);
	inode_put(f);
	wumount();
}

/* Fill the volume: ENOSPC, the reserved blocks kept from a user that is
 * not root, and a clean image after. */
static void test_enospc(void **state)
{
	const struct image *im = &imgs[1];
	static uint8_t buf[1 << 16];
	struct vfs_statfs st;
	struct inode *f;
	uint64_t off = 0;
	ssize_t r;

	make_image(im);
	wmount();
	f = file("f7");
	stub_fsuid = 1000;
	while ((r = do_write(f, off, buf, sizeof(buf), 0)) > 0)
		off += (uint64_t)r;
	assert_int_equal(r, -ENOSPC);
	assert_int_equal(sb.ops->statfs(&sb, &st), 0);
	assert_true(st.bfree >= FS()->r_blocks);
	assert_true(st.bfree < FS()->r_blocks + 64);
	stub_fsuid = 0; /* root gets the reserve */
	assert_int_equal(do_write(f, off, buf, 4096, 0), 4096);
	inode_put(f);
	wumount();
	fsck_clean();
}

/* Remounting read-only writes everything back and marks the volume
 * clean; read-write again marks it in use. */
static void test_remount(void **state)
{
	struct inode *f;
	struct model m = {0};
	char buf[8];

	make_image(&imgs[0]);
	wmount();
	assert_int_equal(le16_at(FS()->raw_sb, 0x3a) & 1, 0);
	f = file("f8");
	write_both(f, &m, 0, 5000, 9);
	assert_int_equal(sb.ops->remount(&sb, true, NULL, 0), 0);
	sb.read_only = true;
	fsck_clean();
	assert_int_equal(le16_at(FS()->raw_sb, 0x3a) & 1, 1);
	assert_int_equal(do_write(f, 0, buf, 8, 0), -EROFS);
	assert_int_equal(sb.ops->remount(&sb, false, NULL, 0), 0);
	sb.read_only = false;
	write_both(f, &m, 5000, 5000, 10);
	inode_put(f);
	wumount();
	fsck_clean();
	check_debugfs("f8", &m);
	free(m.data);
}

/* Random writes, truncates, punches and preallocations over a few files,
 * checked against the model (fixed seed), then e2fsck and debugfs. */
static void test_stress(void **state)
{
	for (size_t i = 0; i < NIMG; i++) {
		const struct image *im = &imgs[i];
		struct model m[4] = {0};
		struct inode *f[4];
		char name[16];
		unsigned seed = getenv("EXT2W_SEED") ? (unsigned)atoi(getenv("EXT2W_SEED")) : 12345;

		make_image(im);
		wmount();
		for (int k = 0; k < 4; k++) {
			snprintf(name, sizeof(name), "f%d", 10 + k);
			f[k] = file(name);
		}
		for (int op = 0; op < 600; op++) {
			int k = rand_r(&seed) % 4, what = rand_r(&seed) % 10;
			uint64_t off = (uint64_t)(rand_r(&seed) % (3 << 20));
			size_t len = 1 + (size_t)(rand_r(&seed) % 70000);

			if (what < 5) {
				write_both(f[k], &m[k], off, len, (unsigned)op);
			} else if (what == 5) {
				off = m[k].size ? (uint64_t)(rand_r(&seed) % (m[k].size + 10000))
						: off;
				assert_int_equal(f[k]->ops.file->truncate(f[k], off), 0);
				model_resize(&m[k], off);
			} else if (what == 6 && m[k].size) {
				off %= m[k].size;
				assert_int_equal(f[k]->ops.file->fallocate(
							 f[k],
							 FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
							 off, len),
						 0);
				memset(m[k].data + off, 0, MIN(len, m[k].size - off));
			} else if (what == 7 && im->extents) {
				int mode = rand_r(&seed) % 3;

				if (mode == 2) {
					assert_int_equal(
						f[k]->ops.file->fallocate(
							f[k], FALLOC_FL_ZERO_RANGE, off, len),
						0);
					if (off < m[k].size)
						memset(m[k].data + off, 0,
						       MIN(len, m[k].size - off));
					if (off + len > m[k].size)
						model_resize(&m[k], off + len);
				} else {
					assert_int_equal(f[k]->ops.file->fallocate(
								 f[k],
								 mode ? FALLOC_FL_KEEP_SIZE : 0,
								 off, len),
							 0);
					if (!mode && off + len > m[k].size)
						model_resize(&m[k], off + len);
				}
			} else if (what == 8) {
				write_both(f[k], &m[k], m[k].size, len, (unsigned)op);
			}
			if (op % 100 == 99)
				check_read(f[k], &m[k], "stress");
		}
		for (int k = 0; k < 4; k++) {
			check_read(f[k], &m[k], "stress end");
			inode_put(f[k]);
		}
		wumount();
		fsck_clean();
		for (int k = 0; k < 4; k++) {
			snprintf(name, sizeof(name), "f%d", 10 + k);
			check_debugfs(name, &m[k]);
			free(m[k].data);
		}
	}
}

/* Many small extents in one file (single blocks written at random, small
 * punches, preallocations and zeroed ranges among them): leaf and index
 * splits, merges, keys moved up, emptied nodes freed, on 1 KiB blocks
 * where a leaf holds 84 extents; checked against the model and e2fsck,
 * at the end and midway. */
static void test_stress_fragmented(void **state)
{
	for (size_t i = 0; i < NIMG; i++) {
		const struct image *im = &imgs[i];
		struct model m = {0};
		unsigned seed = getenv("EXT2W_SEED") ? (unsigned)atoi(getenv("EXT2W_SEED")) : 777;
		unsigned bs = im->bsize, span = 6000;
		struct inode *f;
		int maxdepth = 0;

		if (im->bsize != 1024)
			continue;
		make_image(im);
		wmount();
		f = file("f20");
		for (int op = 0; op < 4000; op++) {
			int what = rand_r(&seed) % 10;
			uint64_t blk = (uint64_t)(rand_r(&seed) % span);
			size_t len = 1 + (size_t)(rand_r(&seed) % (4 * bs));

			if (what < 6) {
				write_both(f, &m, blk * bs + rand_r(&seed) % bs, 1 + len % bs,
					   (unsigned)op);
			} else if (what < 8 && m.size) {
				uint64_t off = blk * bs % m.size;

				assert_int_equal(f->ops.file->fallocate(f,
									FALLOC_FL_PUNCH_HOLE |
										FALLOC_FL_KEEP_SIZE,
									off, len),
						 0);
				memset(m.data + off, 0, MIN(len, m.size - off));
			} else if (what == 8 && im->extents) {
				bool zero = rand_r(&seed) % 2;

				assert_int_equal(
					f->ops.file->fallocate(f,
							       (zero ? FALLOC_FL_ZERO_RANGE : 0) |
								       FALLOC_FL_KEEP_SIZE,
							       blk * bs, len),
					0);
				if (zero && blk * bs < m.size)
					memset(m.data + blk * bs, 0, MIN(len, m.size - blk * bs));
			} else if (what == 9 && op % 50 == 9) {
				uint64_t to = (uint64_t)(rand_r(&seed) % (span * bs));

				assert_int_equal(f->ops.file->truncate(f, to), 0);
				model_resize(&m, to);
			}
			if (im->extents)
				maxdepth = MAX(maxdepth, root_depth(f));
			if (op % 1000 == 999)
				check_read(f, &m, "fragmented");
		}
		check_read(f, &m, "fragmented end");
		if (im->extents)
			assert_int_equal(maxdepth, 2);
		inode_put(f);
		wumount();
		fsck_clean();
		check_debugfs("f20", &m);
		free(m.data);
	}
}

/* The data path in few requests (pages.c), and ordered mode with
 * write-back.  A commit (sync_fs) right after a write, every page still
 * dirty, has put the data in the blocks it maps first: the image as a
 * crash then leaves it, replayed by e2fsck, reads the bytes written,
 * never the blocks' stale zeros.  Writeback of 2 MiB and a cold
 * sequential read of it move runs of pages per request (read-ahead
 * growing), not a block each.  The commit's flush of those ordered pages
 * (runs of 128) has its requests in flight together, every one waited
 * for before the commit goes on. */
static void test_page_requests(void **state)
{
	static uint8_t buf[2 << 20], back[65536];
	const size_t len = sizeof(buf), pages = len / 4096;
	char crash[250];
	uint8_t *have;
	struct inode *f;
	size_t n;
	long reqs;

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 13 + i / 4096 + 1);
	make_image(&imgs[0]); /* 4 KiB blocks */
	wmount();
	f = file("f11");
	assert_int_equal(do_write(f, 0, buf, len, 0), (ssize_t)len);
	stub_bios_max = 0;
	assert_int_equal(sb.ops->sync_fs(&sb, true), 0);
	assert_true(stub_pcache_dirty(f));
	assert_int_equal(stub_bios, 0);
	if (stub_bios_max < 2)
		fail_msg("the ordered flush of %zu pages: %ld requests at once", pages,
			 stub_bios_max);
	snprintf(crash, sizeof(crash), "%.200s.crash", img);
	assert_int_equal(host_run("cp %s %s", img, crash), 0);
	(void)host_run("e2fsck -fy -E journal_only %s >/dev/null 2>&1", crash);
	have = host_debugfs_cat(crash, "/f11", &n);
	assert_int_equal(n, len);
	if (memcmp(have, buf, len))
		fail_msg("a crash after the commit shows stale blocks");
	free(have);

	reqs = stub_page_reqs;
	assert_int_equal(stub_pcache_writeback(f, len), 0);
	assert_int_equal(stub_bios, 0);
	reqs = stub_page_reqs - reqs;
	if (reqs < 1 || reqs > (long)pages / 32)
		fail_msg("writeback of %zu pages: %ld page requests", pages, reqs);
	inode_put(f);
	wumount();
	fsck_clean();

	wmount();
	f = file("f11");
	reqs = stub_page_reqs;
	for (size_t off = 0; off < len; off += sizeof(back)) {
		assert_int_equal(stub_read(f, off, back, sizeof(back)), (ssize_t)sizeof(back));
		assert_memory_equal(back, buf + off, sizeof(back));
	}
	reqs = stub_page_reqs - reqs;
	if (reqs < 1 || reqs > (long)pages / 16)
		fail_msg("a sequential read of %zu pages: %ld page requests", pages, reqs);
	inode_put(f);
	wumount();
}

/* Overwrites of allocated blocks within one tick (svc_now() unchanged,
 * as the kernel's coarse file times give them) change no metadata: the
 * inode stays out of the running transaction and fsync writes the data
 * and flushes without a commit, as Linux's ext4_sync_file.  A write in a
 * later tick changes mtime: that fsync commits again. */
static void test_overwrite_same_tick(void **state)
{
	static uint8_t buf[4096], back[4096];
	struct ext2_journal *j;
	struct inode *f;
	uint32_t tid;

	make_image(&imgs[0]);
	wmount();
	j = FS()->journal;
	assert_non_null(j);
	f = file("f12");
	memset(buf, 'a', sizeof(buf));
	assert_int_equal(do_write(f, 0, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	assert_int_equal(stub_pcache_writeback(f, sizeof(buf)), 0);
	assert_int_equal(f->ops.file->fsync(f, false), 0);
	assert_int_equal(j->nblocks, 0);
	tid = j->tid;

	for (int i = 0; i < 3; i++) {
		memset(buf, 'b' + i, sizeof(buf));
		assert_int_equal(do_write(f, 0, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
		if (j->nblocks)
			fail_msg("overwrite %d in the same tick joined %u blocks", i, j->nblocks);
		assert_int_equal(stub_pcache_writeback(f, sizeof(buf)), 0);
		assert_int_equal(f->ops.file->fsync(f, false), 0);
		if (j->tid != tid)
			fail_msg("fsync of overwrite %d committed", i);
	}

	stub_clock++;
	memset(buf, 'z', sizeof(buf));
	assert_int_equal(do_write(f, 0, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	assert_true(j->nblocks > 0);
	assert_int_equal(stub_pcache_writeback(f, sizeof(buf)), 0);
	assert_int_equal(f->ops.file->fsync(f, false), 0);
	assert_int_not_equal(j->tid, tid);
	inode_put(f);
	wumount();
	fsck_clean();
	wmount();
	f = file("f12");
	assert_int_equal(stub_read(f, 0, back, sizeof(back)), (ssize_t)sizeof(back));
	assert_memory_equal(back, buf, sizeof(back));
	inode_put(f);
	wumount();
}

/* fsync commits the running transaction only when it holds the inode's
 * last change (Linux's i_sync_tid), fdatasync only when it holds its last
 * change of size or block map (i_datasync_tid): a file whose change
 * committed already is synced without a commit while another file's
 * change stays in the running transaction, and an fdatasync after a
 * change of times alone does not commit. */
static void test_sync_tids(void **state)
{
	static uint8_t buf[4096], back[4096];
	struct ext2_journal *j;
	struct inode *a, *b;
	uint32_t tid;

	make_image(&imgs[0]);
	wmount();
	j = FS()->journal;
	assert_non_null(j);
	a = file("f13");
	b = file("f14");
	memset(buf, 'a', sizeof(buf));
	assert_int_equal(do_write(a, 0, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	assert_int_equal(do_write(b, 0, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	assert_int_equal(stub_pcache_writeback(a, sizeof(buf)), 0);
	assert_int_equal(stub_pcache_writeback(b, sizeof(buf)), 0);
	assert_int_equal(a->ops.file->fsync(a, false), 0);
	assert_int_equal(j->nblocks, 0);

	/* b's new mtime joins the running transaction; a is not in it */
	stub_clock++;
	memset(buf, 'b', sizeof(buf));
	assert_int_equal(do_write(b, 0, buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	assert_true(j->nblocks > 0);
	tid = j->tid;
	assert_int_equal(a->ops.file->fsync(a, false), 0);
	if (j->tid != tid || j->nblocks == 0)
		fail_msg("fsync of a file not in the running transaction committed it");
	assert_int_equal(a->ops.file->fsync(a, true), 0);
	assert_int_equal(j->tid, tid);
	/* b's times alone changed: fdatasync does not commit, fsync does */
	assert_int_equal(stub_pcache_writeback(b, sizeof(buf)), 0);
	assert_int_equal(b->ops.file->fsync(b, true), 0);
	if (j->tid != tid)
		fail_msg("fdatasync after a change of times alone committed");
	assert_int_equal(b->ops.file->fsync(b, false), 0);
	assert_int_not_equal(j->tid, tid);
	assert_int_equal(j->nblocks, 0);

	/* a grows (size, a new block): its fdatasync commits */
	stub_clock++;
	tid = j->tid;
	assert_int_equal(do_write(a, sizeof(buf), buf, sizeof(buf), 0), (ssize_t)sizeof(buf));
	assert_int_equal(stub_pcache_writeback(a, 2 * sizeof(buf)), 0);
	assert_int_equal(b->ops.file->fsync(b, true), 0);
	assert_int_equal(j->tid, tid);
	assert_int_equal(a->ops.file->fsync(a, true), 0);
	assert_int_not_equal(j->tid, tid);
	inode_put(a);
	inode_put(b);
	wumount();
	fsck_clean();
	wmount();
	a = file("f13");
	b = file("f14");
	assert_int_equal(stub_read(a, sizeof(buf), back, sizeof(back)), (ssize_t)sizeof(back));
	assert_memory_equal(back, buf, sizeof(back));
	assert_int_equal(stub_read(b, 0, back, sizeof(back)), (ssize_t)sizeof(back));
	assert_memory_equal(back, buf, sizeof(back));
	inode_put(a);
	inode_put(b);
	wumount();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_write_sizes, setup),
		cmocka_unit_test_setup(test_sparse_append_truncate, setup),
		cmocka_unit_test_setup(test_extent_tree, setup),
		cmocka_unit_test_setup(test_fallocate, setup),
		cmocka_unit_test_setup(test_setattr, setup),
		cmocka_unit_test_setup(test_atime, setup),
		cmocka_unit_test_setup(test_page_cache, setup),
		cmocka_unit_test_setup(test_enospc, setup),
		cmocka_unit_test_setup(test_remount, setup),
		cmocka_unit_test_setup(test_stress, setup),
		cmocka_unit_test_setup(test_stress_fragmented, setup),
		cmocka_unit_test_setup(test_page_requests, setup),
		cmocka_unit_test_setup(test_overwrite_same_tick, setup),
		cmocka_unit_test_setup(test_sync_tids, setup),
	};

	if (getenv("EXT2W_FILTER"))
		cmocka_set_test_filter(getenv("EXT2W_FILTER"));
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
