/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the tmpfs service, through its ops tables and the host
 * service API (tests/host/include/hosttest/service_stub.h).  Each test
 * mounts an empty instance and pins one area of Linux's tmpfs behaviour:
 * file data (holes, truncation, appends, limits), directories and their
 * link counts, every errno of the namespace ops, rename's cases, readdir
 * positions across deletions, timestamps (the stub's clock is moved to see
 * them change), unlinked files that stay open, failed allocations, and
 * inodes that outlive the unmount.  Every test ends by unmounting and
 * checking that every allocation and inode was freed.
 */
/* hosttest-sources: services/kevlar_tmpfs/dir.c services/kevlar_tmpfs/file.c */
/* hosttest-sources: services/kevlar_tmpfs/node.c services/kevlar_tmpfs/pages.c */
/* hosttest-sources: services/kevlar_tmpfs/xattr.c */
/* hosttest-sources: tests/host/include/hosttest/service_stub.c */
/* hosttest-cflags: -Ilibs/kevlar_vfs/include -include sys/stat.h */
/* (glibc's S_IF* macros for the service sources: the UAPI <linux/stat.h>
 * leaves them to glibc when it sees glibc.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <klib/errno.h>
#include <hosttest/service_stub.h>
#include "node.h"
#include "tmpfs.h"

#define T_APPEND  02000	   /* O_APPEND, as <linux/fcntl.h> has it */
#define T_NOATIME 01000000 /* O_NOATIME */
#define T_KEEP	  0x01	   /* FALLOC_FL_KEEP_SIZE, as <linux/falloc.h> has it */
#define T_PUNCH	  0x02	   /* FALLOC_FL_PUNCH_HOLE */
#define PG	  4096
#define MAX_NAMES 2048

static struct vfs_sb sb;

static void mount(void)
{
	memset(&sb, 0, sizeof(sb));
	sb.type = &tmpfs_fs_type;
	sb.dev_id = 9;
	assert_int_equal(tmpfs_fs_type.mount(&sb, "tmpfs", NULL, 0), 0);
	assert_non_null(sb.root);
	assert_false(sb.read_only);
}

/* Drop the root reference, release, and check everything was freed. */
static void umount(void)
{
	inode_put(sb.root);
	sb.ops->release(&sb);
	assert_int_equal(stub_live_inodes, 0);
	assert_int_equal(stub_live_allocs, 0);
}

static int setup(void **state)
{
	stub_reset();
	mount();
	return 0;
}

static int teardown(void **state)
{
	umount();
	return 0;
}

/* ---- helpers: paths are relative to the root, "" is the root ---- */

static struct inode *get(const char *path)
{
	return stub_get(sb.root, path);
}

static int lookup_err(const char *path)
{
	return stub_lookup_err(sb.root, path);
}

static struct vfs_stat stat_of(struct inode *i)
{
	struct vfs_stat s;

	assert_int_equal(stub_stat(i, &s), 0);
	return s;
}

static struct vfs_stat st(const char *path)
{
	struct inode *i = get(path);
	struct vfs_stat s = stat_of(i);

	inode_put(i);
	return s;
}

static int do_create(const char *dir, const char *name, uint32_t mode)
{
	struct inode *d = get(dir), *out = NULL;
	int err = d->ops.dir->create(d, name, strlen(name), mode, &out);

	if (!err) {
		assert_non_null(out);
		inode_put(out);
	}
	inode_put(d);
	return err;
}

static int do_mkdir(const char *dir, const char *name)
{
	struct inode *d = get(dir), *out = NULL;
	int err = d->ops.dir->mkdir(d, name, strlen(name), 0755, &out);

	if (!err)
		inode_put(out);
	inode_put(d);
	return err;
}

static int do_symlink(const char *dir, const char *name, const char *target, size_t tlen)
{
	struct inode *d = get(dir), *out = NULL;
	int err = d->ops.dir->symlink(d, name, strlen(name), target, tlen, &out);

	if (!err)
		inode_put(out);
	inode_put(d);
	return err;
}

static int do_link(const char *dir, const char *name, const char *target)
{
	struct inode *d = get(dir), *t = get(target);
	int err = d->ops.dir->link(d, name, strlen(name), t);

	inode_put(t);
	inode_put(d);
	return err;
}

static int do_unlink(const char *dir, const char *name)
{
	struct inode *d = get(dir);
	int err = d->ops.dir->unlink(d, name, strlen(name));

	inode_put(d);
	return err;
}

static int do_rmdir(const char *dir, const char *name)
{
	struct inode *d = get(dir);
	int err = d->ops.dir->rmdir(d, name, strlen(name));

	inode_put(d);
	return err;
}

static int do_rename(const char *od, const char *on, const char *nd, const char *nn)
{
	struct inode *o = get(od), *n = get(nd);
	int err = o->ops.dir->rename(o, on, strlen(on), n, nn, strlen(nn));

	inode_put(n);
	inode_put(o);
	return err;
}

static ssize_t wr(struct inode *i, uint64_t off, const void *data, size_t len, unsigned flags)
{
	struct iobuf b = {.user = false, .kbuf = (void *)data, .len = len};

	return i->ops.file->write(i, off, &b, flags);
}

static ssize_t rd(struct inode *i, uint64_t off, void *buf, size_t len, unsigned flags)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = len};

	return i->ops.file->read(i, off, &b, flags);
}

/* A new regular file at path (in the root) holding `data`; returned held. */
static struct inode *file_with(const char *name, const char *data)
{
	struct inode *f;

	assert_int_equal(do_create("", name, 0644), 0);
	f = get(name);
	if (data)
		assert_int_equal(wr(f, 0, data, strlen(data), 0), (ssize_t)strlen(data));
	return f;
}

/* The whole file as a string (files under 8 KiB). */
static const char *contents(struct inode *f)
{
	static char buf[8192];
	ssize_t n = rd(f, 0, buf, sizeof(buf) - 1, 0);

	assert_true(n >= 0);
	buf[n] = '\0';
	return buf;
}

static struct stub_dirent list[MAX_NAMES];

/* The listing of `path` as one string: ". .. a b". */
static const char *listing(const char *path)
{
	static char out[16384];
	struct inode *d = get(path);
	uint64_t pos = 0;
	long n = stub_readdir(d, &pos, -1, list, MAX_NAMES);

	assert_true(n >= 0);
	out[0] = '\0';
	for (long k = 0; k < n; k++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", k ? " " : "",
			 list[k].name);
	inode_put(d);
	return out;
}

static const char *readlink_of(const char *path)
{
	static char buf[PG + 1];
	struct inode *i = get(path);
	ssize_t n = i->ops.symlink->readlink(i, buf, PG);

	assert_true(n >= 0 && n <= PG);
	buf[n] = '\0';
	inode_put(i);
	return buf;
}

static bool is_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i])
			return false;
	}
	return true;
}

/* ---- the filesystem type and the root ---- */

static void fs_type_and_root(void **state)
{
	struct vfs_stat s = st("");
	uint64_t blocks, bfree, files;

	assert_string_equal(tmpfs_fs_type.name, "tmpfs");
	assert_int_equal(vfs_register_fs(&tmpfs_fs_type), 0);
	assert_ptr_equal(stub_find_fs("tmpfs"), &tmpfs_fs_type);
	assert_int_equal(sb.root->kind, INODE_DIR);
	assert_ptr_equal(sb.root->sb, &sb);
	assert_int_equal(s.mode, S_IFDIR | 01777);
	assert_int_equal(s.nlink, 2);
	assert_int_equal(s.size, 40);
	assert_int_equal(s.blocks, 0);
	assert_int_equal(s.uid, 0);
	assert_int_equal(s.blksize, 4096);
	assert_int_equal(s.dev, 9);
	assert_int_equal(s.mtime.sec, STUB_NOW_SEC);
	assert_int_equal(s.mtime.nsec, STUB_NOW_NSEC);
	assert_string_equal(listing(""), ". ..");
	assert_int_equal(stub_statfs_used(&sb, &blocks, &bfree, &files), 0);
	assert_int_equal(files, 1);
	assert_int_equal(blocks, 0);
	assert_int_equal(lookup_err("nope"), -ENOENT);
}

/* Mount options: the limits statfs reports, the root's mode and owner, what
 * /proc/mounts lists, and remount's checks. */
static void options_limits_and_remount(void **state)
{
	static const char opts[] = "size=1m,nr_inodes=100,mode=700,uid=5,gid=6";
	struct vfs_statfs st = {.blocks = 1000, .files = 1000};
	struct vfs_sb other = {.type = &tmpfs_fs_type, .dev_id = 10};
	struct vfs_stat s;
	char buf[128];

	assert_int_equal(tmpfs_fs_type.mount(&other, "x", "size=12q", 8), -EINVAL);
	assert_int_equal(tmpfs_fs_type.mount(&other, "x", "uid=-1", 6), -EINVAL);
	assert_int_equal(tmpfs_fs_type.mount(&other, "x", opts, sizeof(opts) - 1), 0);
	assert_int_equal(stub_stat(other.root, &s), 0);
	assert_int_equal(s.mode, S_IFDIR | 0700);
	assert_int_equal(s.uid, 5);
	assert_int_equal(s.gid, 6);
	assert_int_equal(other.ops->statfs(&other, &st), 0);
	assert_int_equal(st.blocks, 256);
	assert_int_equal(st.bfree, 256);
	assert_int_equal(st.files, 100);
	assert_int_equal(st.ffree, 99);
	assert_int_equal(other.ops->show_options(&other, buf, sizeof(buf)), 46);
	assert_string_equal(buf, ",size=1024k,nr_inodes=100,mode=700,uid=5,gid=6");
	assert_int_equal(other.ops->show_options(&other, buf, 10), -ENAMETOOLONG);
	assert_int_equal(other.ops->remount(&other, true, "size=2m", 7), 0);
	assert_int_equal(other.ops->remount(&other, true, "nr_inodes=0k", 12), 0);
	assert_int_equal(other.ops->remount(&other, true, "bogus", 5), -EINVAL);
	/* nr_inodes=0 is no limit, not the default: listed, and never limited again */
	assert_int_equal(other.ops->show_options(&other, buf, sizeof(buf)), 44);
	assert_string_equal(buf, ",size=2048k,nr_inodes=0,mode=700,uid=5,gid=6");
	assert_int_equal(other.ops->remount(&other, true, "nr_inodes=50", 12), -EINVAL);
	assert_int_equal(other.ops->statfs(&other, &st), 0);
	assert_int_equal(st.files, 0);
	assert_int_equal(st.ffree, 0);
	inode_put(other.root);
	other.ops->release(&other);
	/* the default instance lists nothing: half the RAM, half its pages */
	assert_int_equal(sb.ops->show_options(&sb, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_int_equal(sb.ops->statfs(&sb, &st), 0);
	assert_int_equal(st.blocks, STUB_RAM_PAGES / 2);
	assert_int_equal(st.files, STUB_RAM_PAGES / 2);
	/* size=N% of the RAM, rounded up to pages */
	assert_int_equal(tmpfs_fs_type.mount(&other, "x", "size=25%", 8), 0);
	assert_int_equal(other.ops->statfs(&other, &st), 0);
	assert_int_equal(st.blocks, STUB_RAM_PAGES / 4);
	assert_int_equal(other.ops->remount(&other, false, "size=0", 6), 0);
	assert_int_equal(other.ops->remount(&other, false, "size=1m", 7), -EINVAL);
	assert_int_equal(other.ops->statfs(&other, &st), 0);
	assert_int_equal(st.blocks, 0);
	assert_int_equal(tmpfs_fs_type.mount(&other, "x", "size=%", 6), -EINVAL);
	inode_put(other.root);
	other.ops->release(&other);
}

static void mount_out_of_memory(void **state)
{
	struct vfs_sb other;
	long k;

	for (k = 1;; k++) {
		int err;

		memset(&other, 0, sizeof(other));
		stub_fail_countdown = k;
		err = tmpfs_fs_type.mount(&other, "tmpfs", NULL, 0);
		stub_fail_countdown = 0;
		if (!err)
			break;
		assert_int_equal(err, -ENOMEM);
		assert_null(other.root);
		assert_null(other.priv);
	}
	assert_true(k > 3); /* fs, lock, node, inode at least */
	inode_put(other.root);
	other.ops->release(&other);
}

/* ---- regular files ---- */

static void create_write_read(void **state)
{
	struct inode *f = file_with("f", "hello");
	char buf[16] = "";
	struct vfs_stat s;

	assert_int_equal(f->kind, INODE_FILE);
	assert_string_equal(contents(f), "hello");
	assert_int_equal(rd(f, 1, buf, 3, 0), 3);
	assert_memory_equal(buf, "ell", 3);
	assert_int_equal(rd(f, 5, buf, 3, 0), 0);
	assert_int_equal(rd(f, 1000, buf, 3, 0), 0);
	assert_int_equal(wr(f, 0, "", 0, 0), 0);
	assert_int_equal(wr(f, 1, "ipp", 3, 0), 3); /* overwrite in place */
	assert_string_equal(contents(f), "hippo");
	s = stat_of(f);
	assert_int_equal(s.mode, S_IFREG | 0644);
	assert_int_equal(s.size, 5);
	assert_int_equal(s.blocks, 8);
	assert_int_equal(s.nlink, 1);
	assert_int_not_equal(s.ino, sb.root->ino);
	assert_int_equal(f->ops.file->fsync(f, false), 0);
	inode_put(f);

	assert_int_equal(do_create("", "f", 0644), -EEXIST);
	assert_int_equal(do_create("", "d", S_IFDIR | 0755), -EINVAL);
	assert_int_equal(do_create("", "l", S_IFLNK | 0777), -EINVAL);
	assert_int_equal(do_create("", "m", 0100600), 0); /* S_IFREG spelled out */
	assert_int_equal(st("m").mode, S_IFREG | 0600);
	assert_int_equal(do_create("", "s", 04755), 0); /* setuid bits kept */
	assert_int_equal(st("s").mode, S_IFREG | 04755);
	assert_int_equal(st("").size, 40 + 3 * 20);
}

static void multi_page_data(void **state)
{
	static char big[3 * PG + 100], back[sizeof(big)];
	struct inode *f = file_with("f", NULL);

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + 3);
	assert_int_equal(wr(f, 10, big, sizeof(big), 0), sizeof(big));
	assert_int_equal(st("f").size, sizeof(big) + 10);
	assert_int_equal(st("f").blocks, 4 * 8);
	assert_int_equal(rd(f, 10, back, sizeof(back), 0), sizeof(back));
	assert_memory_equal(back, big, sizeof(big));
	assert_int_equal(rd(f, 0, back, 10, 0), 10);
	assert_true(is_zero(back, 10));
	inode_put(f);
}

static void holes_read_as_zeros(void **state)
{
	static char buf[3 * PG];
	struct inode *f = file_with("f", NULL);
	uint64_t blocks, bfree, files;

	/* one byte at the end of a 1 MiB file: one page, the rest holes */
	assert_int_equal(wr(f, (1 << 20) - 1, "x", 1, 0), 1);
	assert_int_equal(st("f").size, 1 << 20);
	assert_int_equal(st("f").blocks, 8);
	memset(buf, 0x55, sizeof(buf));
	assert_int_equal(rd(f, 0, buf, sizeof(buf), 0), sizeof(buf));
	assert_true(is_zero(buf, sizeof(buf)));
	memset(buf, 0x55, sizeof(buf));
	assert_int_equal(rd(f, (1 << 20) - 10, buf, sizeof(buf), 0), 10);
	assert_true(is_zero(buf, 9));
	assert_int_equal(buf[9], 'x');
	/* a write in the middle of a hole fills one page */
	assert_int_equal(wr(f, 5 * PG + 100, "yz", 2, 0), 2);
	assert_int_equal(st("f").blocks, 16);
	assert_int_equal(rd(f, 5 * PG + 99, buf, 4, 0), 4);
	assert_memory_equal(buf, "\0yz\0", 4);
	assert_int_equal(stub_statfs_used(&sb, &blocks, &bfree, &files), 0);
	assert_int_equal(blocks, 2);
	assert_int_equal(files, 2);
	inode_put(f);
}

static void far_offsets_and_limits(void **state)
{
	struct inode *f = file_with("f", NULL);
	long allocs = stub_live_allocs;
	char buf[8];

	assert_int_equal(wr(f, 1ull << 40, "far", 3, 0), 3);
	assert_int_equal(st("f").size, (1ll << 40) + 3);
	assert_int_equal(st("f").blocks, 8);
	assert_int_equal(rd(f, 1ull << 40, buf, sizeof(buf), 0), 3);
	assert_memory_equal(buf, "far", 3);
	assert_int_equal(rd(f, (1ull << 40) - 4, buf, 4, 0), 4);
	assert_true(is_zero(buf, 4));
	/* the largest offset: the write stops at the limit, then -EFBIG */
	assert_int_equal(wr(f, INT64_MAX - 2, "abcdef", 6, 0), 2);
	assert_int_equal(st("f").size, INT64_MAX);
	assert_int_equal(rd(f, INT64_MAX - 2, buf, sizeof(buf), 0), 2);
	assert_memory_equal(buf, "ab", 2);
	assert_int_equal(wr(f, INT64_MAX, "a", 1, 0), -EFBIG);
	assert_int_equal(wr(f, 0, "a", 1, T_APPEND), -EFBIG);
	assert_int_equal(wr(f, UINT64_MAX, "a", 1, 0), -EFBIG);
	assert_int_equal(rd(f, UINT64_MAX, buf, 1, 0), 0);
	/* truncating to 0 gives every page and index node back */
	assert_int_equal(f->ops.file->truncate(f, 0), 0);
	assert_int_equal(stub_live_allocs, allocs);
	assert_int_equal(st("f").blocks, 0);
	assert_int_equal(f->ops.file->truncate(f, UINT64_MAX), -EINVAL);
	assert_int_equal(f->ops.file->truncate(f, 1ull << 63), -EINVAL);
	assert_int_equal(f->ops.file->truncate(f, INT64_MAX), 0);
	assert_int_equal(st("f").size, INT64_MAX);
	assert_int_equal(st("f").blocks, 0);
	inode_put(f);
}

static void fallocate_reserves_and_punches(void **state)
{
	static char buf[3 * PG];
	struct inode *f = file_with("f", NULL);
	long allocs = stub_live_allocs;

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(wr(f, 0, buf, sizeof(buf), 0), sizeof(buf));
	/* KEEP_SIZE reserves pages past the end; mode 0 grows the size */
	assert_int_equal(f->ops.file->fallocate(f, T_KEEP, 3 * PG, 2 * PG), 0);
	assert_int_equal(st("f").size, 3 * PG);
	assert_int_equal(st("f").blocks, 40);
	assert_int_equal(f->ops.file->fallocate(f, 0, 0, 5 * PG + 1), 0);
	assert_int_equal(st("f").size, 5 * PG + 1);
	assert_int_equal(st("f").blocks, 48);
	/* a hole from byte 100 of page 0 to byte 100 of page 2: page 1 goes */
	assert_int_equal(f->ops.file->fallocate(f, T_PUNCH | T_KEEP, 100, 2 * PG), 0);
	assert_int_equal(st("f").blocks, 40);
	assert_int_equal(st("f").size, 5 * PG + 1);
	assert_int_equal(rd(f, 0, buf, sizeof(buf), 0), sizeof(buf));
	assert_int_equal(buf[99], 'x');
	assert_true(is_zero(buf + 100, 2 * PG));
	assert_int_equal(buf[2 * PG + 100], 'x');
	/* far away: a lone reserved page, a punch that finds nothing */
	assert_int_equal(f->ops.file->fallocate(f, T_KEEP, 1ull << 50, 1), 0);
	assert_int_equal(st("f").blocks, 48);
	assert_int_equal(f->ops.file->fallocate(f, T_PUNCH | T_KEEP, 1ull << 40, PG), 0);
	assert_int_equal(f->ops.file->fallocate(f, T_PUNCH | T_KEEP, 1ull << 50, PG), 0);
	assert_int_equal(st("f").blocks, 40);
	/* modes tmpfs does not do */
	assert_int_equal(f->ops.file->fallocate(f, 0x10, 0, PG), -EOPNOTSUPP);
	assert_int_equal(f->ops.file->truncate(f, 0), 0);
	assert_int_equal(stub_live_allocs, allocs);
	inode_put(f);
}

/* a splice_read sink that keeps up to `limit` bytes */
struct sink {
	char buf[3 * PG];
	size_t len, limit;
	int calls;
};

static ssize_t sink_take(void *ctx, const void *data, size_t len)
{
	struct sink *k = ctx;
	size_t n = MIN(len, k->limit - k->len);

	memcpy(k->buf + k->len, data, n);
	k->len += n;
	k->calls++;
	return (ssize_t)n;
}

static void splice_read_hands_out_pages(void **state)
{
	struct inode *f = file_with("f", NULL);
	struct sink k = {.limit = sizeof(k.buf)};

	assert_int_equal(wr(f, 10, "abc", 3, 0), 3);
	assert_int_equal(wr(f, 2 * PG + 5, "z", 1, 0), 1); /* page 1 is a hole */
	assert_int_equal(f->ops.file->splice_read(f, 8, 3 * PG, 0, sink_take, &k), 2 * PG - 2);
	assert_int_equal(k.len, 2 * PG - 2); /* cut at the end of the file */
	assert_int_equal(k.calls, 3);	     /* one piece per page */
	assert_true(is_zero(k.buf, 2));
	assert_memory_equal(k.buf + 2, "abc", 3);
	assert_true(is_zero(k.buf + 5, 2 * PG - 8));
	assert_int_equal(k.buf[2 * PG - 3], 'z');
	/* a sink that takes less stops the walk */
	k = (struct sink){.limit = 100};
	assert_int_equal(f->ops.file->splice_read(f, 0, 3 * PG, 0, sink_take, &k), 100);
	assert_int_equal(k.calls, 1);
	assert_int_equal(f->ops.file->splice_read(f, 2 * PG + 6, 10, 0, sink_take, &k), 0);
	inode_put(f);
}

static void truncate_shrinks_and_grows(void **state)
{
	static char buf[3 * PG];
	struct inode *f = file_with("f", NULL);

	memset(buf, 'a', sizeof(buf));
	assert_int_equal(wr(f, 0, buf, sizeof(buf), 0), sizeof(buf));
	assert_int_equal(st("f").blocks, 24);
	assert_int_equal(f->ops.file->truncate(f, PG + 10), 0);
	assert_int_equal(st("f").size, PG + 10);
	assert_int_equal(st("f").blocks, 16); /* the third page is gone */
	assert_int_equal(rd(f, 0, buf, sizeof(buf), 0), PG + 10);
	/* growing again: the bytes cut off do not come back */
	assert_int_equal(f->ops.file->truncate(f, 3 * PG), 0);
	assert_int_equal(st("f").size, 3 * PG);
	assert_int_equal(st("f").blocks, 16);
	memset(buf, 0x55, sizeof(buf));
	assert_int_equal(rd(f, 0, buf, sizeof(buf), 0), sizeof(buf));
	assert_int_equal(buf[PG + 9], 'a');
	assert_true(is_zero(buf + PG + 10, 2 * PG - 10));
	/* a write past the end after a shrink leaves zeros between */
	assert_int_equal(f->ops.file->truncate(f, 5), 0);
	assert_int_equal(st("f").blocks, 8);
	assert_int_equal(wr(f, 20, "z", 1, 0), 1);
	assert_int_equal(rd(f, 0, buf, 64, 0), 21);
	assert_memory_equal(buf, "aaaaa", 5);
	assert_true(is_zero(buf + 5, 15));
	assert_int_equal(buf[20], 'z');
	assert_int_equal(f->ops.file->truncate(f, 0), 0);
	assert_int_equal(rd(f, 0, buf, 64, 0), 0);
	assert_int_equal(st("f").blocks, 0);
	inode_put(f);
}

static void append(void **state)
{
	struct inode *f = file_with("f", "ab");

	/* O_APPEND ignores the offset the kernel passes */
	assert_int_equal(wr(f, 0, "cd", 2, T_APPEND), 2);
	assert_int_equal(wr(f, 100, "ef", 2, T_APPEND), 2);
	assert_string_equal(contents(f), "abcdef");
	assert_int_equal(st("f").size, 6);
	inode_put(f);
}

static void bad_buffers(void **state)
{
	struct inode *f = file_with("f", "keep me");
	char dummy[4];
	struct iobuf bad = {.user = true, .ubuf = dummy, .len = 4}; /* the stub faults these */

	assert_int_equal(f->ops.file->write(f, 0, &bad, 0), -EFAULT);
	assert_string_equal(contents(f), "keep me"); /* not zeroed by the failed copy */
	assert_int_equal(st("f").size, 7);
	assert_int_equal(f->ops.file->write(f, 100, &bad, 0), -EFAULT);
	assert_int_equal(st("f").size, 7);
	assert_int_equal(f->ops.file->read(f, 0, &bad, 0), -EFAULT);
	stub_fail_countdown = 1; /* user memory goes through a bounce page */
	assert_int_equal(f->ops.file->write(f, 0, &bad, 0), -ENOMEM);
	stub_fail_countdown = 0;
	inode_put(f);
}

/* A user buffer that faults part-way: the bytes before the fault move and
 * count, as Linux's read/write report a partial transfer. */
static void partial_buffers(void **state)
{
	struct inode *f = file_with("f", NULL);
	static char data[3 * 4096];
	struct iobuf b = {.user = true, .kbuf = data, .len = sizeof(data)};

	memset(data, 'u', sizeof(data));
	stub_user_good = 4096 + 100; /* into the second page */
	assert_int_equal(f->ops.file->write(f, 10, &b, 0), 4096 + 100);
	assert_int_equal(st("f").size, 10 + 4096 + 100);
	memset(data, 0, sizeof(data));
	stub_user_good = 50;
	assert_int_equal(f->ops.file->read(f, 0, &b, 0), 50);
	assert_int_equal(data[9], 0);
	assert_int_equal(data[10], 'u');
	assert_int_equal(data[50], 0);
	stub_user_good = 0;
	assert_int_equal(f->ops.file->read(f, 0, &b, 0), -EFAULT);
	assert_int_equal(f->ops.file->write(f, 0, &b, 0), -EFAULT);
	assert_int_equal(st("f").size, 10 + 4096 + 100);
	inode_put(f);
}

static void write_out_of_memory(void **state)
{
	static char buf[2 * PG];
	struct inode *f = file_with("f", NULL);
	long allocs;

	memset(buf, 'q', sizeof(buf));
	/* a kernel buffer is copied without a bounce page */
	stub_fail_countdown = 1; /* the index root */
	assert_int_equal(wr(f, 0, buf, sizeof(buf), 0), -ENOMEM);
	assert_int_equal(st("f").size, 0);
	stub_fail_countdown = 2; /* the first data page, after the root */
	assert_int_equal(wr(f, 0, buf, sizeof(buf), 0), -ENOMEM);
	assert_int_equal(st("f").size, 0);
	stub_fail_countdown = 2; /* the second data page: a short write */
	assert_int_equal(wr(f, 0, buf, sizeof(buf), 0), PG);
	assert_int_equal(st("f").size, PG);
	stub_fail_countdown = 0;
	assert_int_equal(wr(f, PG, buf, PG, 0), PG);
	assert_int_equal(st("f").size, 2 * PG);
	allocs = stub_live_allocs;
	assert_int_equal(f->ops.file->truncate(f, 0), 0);
	assert_int_equal(stub_live_allocs, allocs - 3); /* two pages, the root */
	inode_put(f);
}

static void get_page(void **state)
{
	struct inode *f = file_with("f", "data");
	struct svc_page *page = NULL, *again = NULL;

	assert_int_equal(f->ops.file->get_page(f, 0, &page), 0);
	assert_memory_equal(stub_page_data(page), "data", 4);
	assert_int_equal(f->ops.file->get_page(f, 1, &again), -ENXIO);
	assert_int_equal(f->ops.file->truncate(f, 3 * PG), 0);
	assert_int_equal(st("f").blocks, 8);
	assert_int_equal(f->ops.file->get_page(f, 2, &again), 0); /* a hole gets a page */
	assert_true(is_zero(stub_page_data(again), PG));
	assert_int_equal(st("f").blocks, 16);
	memcpy(stub_page_data(again), "mapped", 6);
	char buf[6];
	assert_int_equal(rd(f, 2 * PG, buf, 6, 0), 6);
	assert_memory_equal(buf, "mapped", 6);
	assert_int_equal(f->ops.file->get_page(f, 3, &again), -ENXIO);
	inode_put(f);

	/* bytes a mapping wrote past the end never show when the file grows */
	f = file_with("g", "abc");
	assert_int_equal(f->ops.file->get_page(f, 0, &page), 0);
	memset((char *)stub_page_data(page) + 3, 'J', PG - 3);
	assert_int_equal(f->ops.file->truncate(f, 10), 0);
	assert_int_equal(rd(f, 0, buf, 6, 0), 6);
	assert_memory_equal(buf, "abc\0\0\0", 6);
	memset((char *)stub_page_data(page) + 10, 'J', PG - 10);
	assert_int_equal(wr(f, 20, "z", 1, 0), 1);
	assert_int_equal(rd(f, 8, buf, 6, 0), 6);
	assert_true(is_zero(buf, 6));
	inode_put(f);
}

static void special_nodes(void **state)
{
	struct inode *fifo;

	assert_int_equal(do_create("", "fifo", S_IFIFO | 0600), 0);
	assert_int_equal(do_create("", "sock", S_IFSOCK | 0600), 0);
	assert_int_equal(do_create("", "chr", S_IFCHR | 0600), 0);
	assert_int_equal(do_create("", "blk", S_IFBLK | 0600), 0);
	fifo = get("fifo");
	assert_int_equal(fifo->kind, INODE_FILE);
	assert_int_equal(stat_of(fifo).mode, S_IFIFO | 0600);
	assert_int_equal(stat_of(fifo).size, 0);
	assert_true(fifo->ops.file->special); /* the kernel opens a pipe instead */
	assert_null(fifo->ops.file->read);
	assert_null(fifo->ops.file->write);
	assert_null(fifo->ops.file->truncate); /* the dispatcher's -EINVAL */
	inode_put(fifo);
	assert_int_equal(st("chr").mode, S_IFCHR | 0600);
	assert_int_equal(st("blk").mode, S_IFBLK | 0600);
	assert_int_equal(st("sock").mode, S_IFSOCK | 0600);
	assert_string_equal(listing(""), ". .. fifo sock chr blk");
	assert_int_equal(list[2].type, VFS_DTYPE(S_IFIFO));
	assert_int_equal(list[3].type, VFS_DTYPE(S_IFSOCK));
	assert_int_equal(list[4].type, VFS_DTYPE(S_IFCHR));
	assert_int_equal(list[5].type, VFS_DTYPE(S_IFBLK));
	assert_int_equal(do_unlink("", "fifo"), 0);
}

static bool get_special(const char *path)
{
	struct inode *i = get(path);
	bool special = i->ops.file->special;

	inode_put(i);
	return special;
}

static int do_mknod(const char *name, uint32_t mode, uint64_t rdev)
{
	struct inode *out = NULL;
	int err = sb.root->ops.dir->mknod(sb.root, name, strlen(name), mode, rdev, &out);

	if (!err)
		inode_put(out);
	return err;
}

static void mknod_keeps_rdev(void **state)
{
	assert_int_equal(do_mknod("null", S_IFCHR | 0666, 0x103), 0);
	assert_int_equal(do_mknod("disk", S_IFBLK | 0600, 0xfffff801u), 0);
	assert_int_equal(do_mknod("fifo", S_IFIFO | 0644, 0x103), 0);
	assert_int_equal(do_mknod("sock", S_IFSOCK | 0755, 7), 0);
	assert_int_equal(st("null").mode, S_IFCHR | 0666);
	assert_int_equal(st("null").rdev, 0x103);
	assert_int_equal(st("disk").rdev, 0xfffff801u);
	assert_int_equal(st("fifo").rdev, 0); /* only devices have numbers */
	assert_int_equal(st("sock").rdev, 0);
	assert_int_equal(st("sock").mode, S_IFSOCK | 0755);
	assert_true(get_special("null"));
	assert_int_equal(do_mknod("null", S_IFIFO | 0644, 0), -EEXIST);
	assert_int_equal(do_mknod("reg", S_IFREG | 0644, 0), -EINVAL);
	assert_int_equal(do_mknod("dir", S_IFDIR | 0755, 0), -EINVAL);
	assert_int_equal(lookup_err("reg"), -ENOENT);
}

/* ---- directories ---- */

static void mkdir_rmdir_and_link_counts(void **state)
{
	assert_int_equal(do_mkdir("", "a"), 0);
	assert_int_equal(do_mkdir("", "b"), 0);
	assert_int_equal(do_mkdir("a", "c"), 0);
	assert_int_equal(do_create("a", "f", 0644), 0);
	assert_int_equal(st("").nlink, 4);
	assert_int_equal(st("a").nlink, 3);
	assert_int_equal(st("a/c").nlink, 2);
	assert_int_equal(st("a").mode, S_IFDIR | 0755);
	assert_int_equal(st("a").size, 40 + 2 * 20);
	assert_int_equal(do_mkdir("", "a"), -EEXIST);
	assert_int_equal(do_mkdir("a", "f"), -EEXIST);
	assert_int_equal(do_rmdir("", "a"), -ENOTEMPTY);
	assert_int_equal(do_rmdir("a", "f"), -ENOTDIR);
	assert_int_equal(do_rmdir("a", "zz"), -ENOENT);
	assert_int_equal(do_unlink("", "a"), -EISDIR);
	assert_int_equal(do_unlink("", "zz"), -ENOENT);
	assert_int_equal(do_rmdir("a", "c"), 0);
	assert_int_equal(st("a").nlink, 2);
	assert_int_equal(do_unlink("a", "f"), 0);
	assert_int_equal(st("a").size, 40);
	assert_int_equal(do_rmdir("", "a"), 0);
	assert_int_equal(st("").nlink, 3);
	assert_int_equal(lookup_err("a"), -ENOENT);
	assert_string_equal(listing(""), ". .. b");
}

static void removed_directory_stays_usable_but_empty(void **state)
{
	struct inode *d, *out = NULL;
	uint64_t pos = 0;

	assert_int_equal(do_mkdir("", "d"), 0);
	d = get("d");
	assert_int_equal(do_rmdir("", "d"), 0);
	assert_int_equal(stat_of(d).nlink, 0);
	assert_int_equal(stat_of(d).mode, S_IFDIR | 0755);
	assert_int_equal(d->ops.dir->create(d, "x", 1, 0644, &out), -ENOENT);
	assert_int_equal(d->ops.dir->mkdir(d, "x", 1, 0755, &out), -ENOENT);
	assert_int_equal(d->ops.dir->symlink(d, "x", 1, "t", 1, &out), -ENOENT);
	assert_int_equal(d->ops.dir->lookup(d, "x", 1, &out), -ENOENT);
	assert_int_equal(stub_readdir(d, &pos, -1, list, MAX_NAMES), -ENOENT);
	assert_int_equal(do_create("", "f", 0644), 0);
	out = get("f");
	assert_int_equal(d->ops.dir->link(d, "x", 1, out), -ENOENT);
	assert_int_equal(sb.root->ops.dir->rename(sb.root, "f", 1, d, "x", 1), -ENOENT);
	inode_put(out);
	inode_put(d);
	assert_int_equal(st("").nlink, 2);
}

static void readdir_lists_everything_with_types(void **state)
{
	assert_int_equal(do_mkdir("", "sub"), 0);
	assert_int_equal(do_create("", "file", 0644), 0);
	assert_int_equal(do_symlink("", "link", "file", 4), 0);
	assert_string_equal(listing(""), ". .. sub file link");
	assert_int_equal(list[0].ino, sb.root->ino);
	assert_int_equal(list[1].ino, sb.root->ino); /* the root's ".." is itself */
	assert_int_equal(list[0].type, VFS_DTYPE(S_IFDIR));
	assert_int_equal(list[1].type, VFS_DTYPE(S_IFDIR));
	assert_int_equal(list[2].type, VFS_DTYPE(S_IFDIR));
	assert_int_equal(list[3].type, VFS_DTYPE(S_IFREG));
	assert_int_equal(list[4].type, VFS_DTYPE(S_IFLNK));
	assert_int_equal(list[2].ino, st("sub").ino);
	assert_int_equal(list[4].ino, st("link").ino);
	assert_string_equal(listing("sub"), ". ..");
	assert_int_equal(list[0].ino, st("sub").ino);
	assert_int_equal(list[1].ino, sb.root->ino);
}

/* Positions stay valid while names come and go between calls. */
static void readdir_positions_survive_changes(void **state)
{
	struct inode *root = get("");
	char name[16];
	uint64_t pos = 0, end;
	long n;

	for (int i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		assert_int_equal(do_create("", name, 0644), 0);
	}
	/* three at a time, like a small getdents buffer */
	assert_int_equal(stub_readdir(root, &pos, 3, list, MAX_NAMES), 3);
	assert_string_equal(list[2].name, "f0");
	/* remove what was listed and what comes next, add a name */
	assert_int_equal(do_unlink("", "f0"), 0);
	assert_int_equal(do_unlink("", "f1"), 0);
	assert_int_equal(do_unlink("", "f3"), 0);
	assert_int_equal(do_create("", "new", 0644), 0);
	assert_int_equal(stub_readdir(root, &pos, 3, list, MAX_NAMES), 3);
	assert_string_equal(list[0].name, "f2");
	assert_string_equal(list[1].name, "f4");
	assert_string_equal(list[2].name, "f5");
	/* a name re-created with a name already listed is new: it comes last */
	assert_int_equal(do_create("", "f0", 0644), 0);
	n = stub_readdir(root, &pos, -1, list, MAX_NAMES);
	assert_int_equal(n, 6);
	assert_string_equal(list[0].name, "f6");
	assert_string_equal(list[3].name, "f9");
	assert_string_equal(list[4].name, "new");
	assert_string_equal(list[5].name, "f0");
	/* at the end: nothing more, and the position stays */
	end = pos;
	assert_int_equal(stub_readdir(root, &pos, -1, list, MAX_NAMES), 0);
	assert_int_equal(pos, end);
	/* a name added after the end shows up from the same position */
	assert_int_equal(do_create("", "late", 0644), 0);
	assert_int_equal(stub_readdir(root, &pos, -1, list, MAX_NAMES), 1);
	assert_string_equal(list[0].name, "late");
	/* a budget of 0 emits nothing and keeps the position */
	pos = 1;
	assert_int_equal(stub_readdir(root, &pos, 0, list, MAX_NAMES), 0);
	assert_int_equal(pos, 1);
	assert_int_equal(stub_readdir(root, &pos, 1, list, MAX_NAMES), 1);
	assert_string_equal(list[0].name, "..");
	inode_put(root);
}

static void many_names(void **state)
{
	char name[16];

	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "n%04d", i);
		assert_int_equal(do_create("", name, 0644), 0);
	}
	assert_int_equal(st("").size, 40 + 1000 * 20);
	for (int i = 0; i < 1000; i += 37) {
		snprintf(name, sizeof(name), "n%04d", i);
		assert_int_equal(lookup_err(name), 0);
	}
	listing("");
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "n%04d", i);
		assert_string_equal(list[i + 2].name, name);
	}
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "n%04d", i);
		assert_int_equal(do_unlink("", name), 0);
	}
	assert_string_equal(listing(""), ". ..");
	/* names differ by bytes and length, not by a terminator */
	assert_int_equal(do_create("", "ab", 0644), 0);
	assert_int_equal(sb.root->ops.dir->create(sb.root, "abc", 2, 0644, NULL), -EEXIST);
	assert_int_equal(lookup_err("a"), -ENOENT);
	assert_int_equal(lookup_err("abc"), -ENOENT);
}

/* ---- symlinks ---- */

static void symlinks(void **state)
{
	static char longt[TMPFS_SYMLINK_MAX + 2];
	struct inode *l;
	char small[3];

	assert_int_equal(do_symlink("", "l", "some/target", 11), 0);
	l = get("l");
	assert_int_equal(l->kind, INODE_SYMLINK);
	assert_string_equal(readlink_of("l"), "some/target");
	assert_int_equal(l->ops.symlink->readlink(l, small, sizeof(small)), 11);
	assert_memory_equal(small, "som", 3);
	assert_int_equal(stat_of(l).mode, S_IFLNK | 0777);
	assert_int_equal(stat_of(l).size, 11);
	assert_int_equal(stat_of(l).blocks, 0);
	assert_int_equal(stat_of(l).nlink, 1);
	inode_put(l);
	assert_int_equal(do_symlink("", "l", "x", 1), -EEXIST);
	assert_int_equal(do_symlink("", "e", "x", 0), -ENOENT);
	memset(longt, 'p', sizeof(longt));
	assert_int_equal(do_symlink("", "big", longt, TMPFS_SYMLINK_MAX + 1), -ENAMETOOLONG);
	assert_int_equal(do_symlink("", "big", longt, TMPFS_SYMLINK_MAX), 0);
	assert_int_equal(st("big").size, TMPFS_SYMLINK_MAX);
	assert_int_equal(st("big").blocks, 8);
	assert_int_equal(do_symlink("", "s127", longt, 127), 0);
	assert_int_equal(st("s127").blocks, 0);
	assert_int_equal(do_symlink("", "s128", longt, 128), 0);
	assert_int_equal(st("s128").blocks, 8);
	assert_int_equal(strlen(readlink_of("big")), TMPFS_SYMLINK_MAX);
	assert_int_equal(do_unlink("", "big"), 0);
}

/* ---- hard links ---- */

static void hard_links(void **state)
{
	struct inode *f = file_with("f", "shared");
	uint64_t ino = stat_of(f).ino;

	assert_int_equal(do_mkdir("", "d"), 0);
	assert_int_equal(do_link("", "g", "f"), 0);
	assert_int_equal(do_link("d", "h", "f"), 0);
	assert_int_equal(stat_of(f).nlink, 3);
	assert_int_equal(st("d/h").ino, ino);
	assert_int_equal(st("g").nlink, 3);
	assert_int_equal(do_link("", "g", "f"), -EEXIST);
	assert_int_equal(do_link("", "dd", "d"), -EPERM);
	assert_int_equal(st("d").nlink, 2);
	assert_int_equal(do_symlink("", "l", "f", 1), 0);
	assert_int_equal(do_link("", "l2", "l"), 0); /* links to a symlink are fine */
	assert_int_equal(st("l").nlink, 2);
	assert_int_equal(do_unlink("", "f"), 0);
	assert_int_equal(stat_of(f).nlink, 2);
	assert_string_equal(contents(f), "shared");
	assert_int_equal(do_unlink("d", "h"), 0);
	assert_int_equal(do_unlink("", "g"), 0);
	assert_int_equal(stat_of(f).nlink, 0);
	/* unlinked but open: no new name for it */
	assert_int_equal(sb.root->ops.dir->link(sb.root, "back", 4, f), -ENOENT);
	inode_put(f);
}

/* O_TMPFILE: no name, nlink 0; link() names it once, unless made
 * unlinkable; once its names are gone it cannot come back. */
static void tmpfile_links_once(void **state)
{
	struct inode *f = NULL, *x = NULL;
	long evictions = stub_evictions;

	assert_int_equal(sb.root->ops.dir->tmpfile(sb.root, 0600, true, &f), 0);
	assert_int_equal(stat_of(f).nlink, 0);
	assert_int_equal(stat_of(f).mode, S_IFREG | 0600);
	assert_int_equal(sb.root->ops.dir->link(sb.root, "a", 1, f), 0);
	assert_int_equal(stat_of(f).nlink, 1);
	assert_int_equal(st("a").ino, stat_of(f).ino);
	assert_int_equal(do_unlink("", "a"), 0);
	assert_int_equal(sb.root->ops.dir->link(sb.root, "b", 1, f), -ENOENT);
	assert_int_equal(stub_evictions, evictions);
	inode_put(f);
	assert_int_equal(stub_evictions, evictions + 1);

	assert_int_equal(sb.root->ops.dir->tmpfile(sb.root, 0600, false, &x), 0);
	assert_int_equal(sb.root->ops.dir->link(sb.root, "c", 1, x), -ENOENT);
	inode_put(x);
	assert_int_equal(stub_evictions, evictions + 2);
}

static void unlinked_file_stays_open(void **state)
{
	struct inode *f = file_with("f", "before");
	long evictions = stub_evictions, allocs;
	uint64_t blocks, bfree, files;

	assert_int_equal(do_unlink("", "f"), 0);
	assert_int_equal(lookup_err("f"), -ENOENT);
	assert_int_equal(stub_evictions, evictions);
	assert_int_equal(stat_of(f).nlink, 0);
	assert_string_equal(contents(f), "before");
	assert_int_equal(wr(f, 6, " and after", 10, 0), 10);
	assert_string_equal(contents(f), "before and after");
	assert_int_equal(wr(f, 3 * PG, "x", 1, 0), 1);
	assert_int_equal(stat_of(f).blocks, 16);
	assert_int_equal(f->ops.file->truncate(f, 3), 0);
	assert_string_equal(contents(f), "bef");
	assert_int_equal(wr(f, 3 * PG, "x", 1, 0), 1);
	/* a new file of the same name is another inode */
	assert_int_equal(do_create("", "f", 0644), 0);
	assert_int_not_equal(st("f").ino, f->ino);
	assert_int_equal(st("f").size, 0);
	assert_int_equal(stub_statfs_used(&sb, &blocks, &bfree, &files), 0);
	assert_int_equal(files, 3);
	assert_int_equal(blocks, 2);
	allocs = stub_live_allocs;
	inode_put(f); /* the last reference: the memory goes */
	assert_int_equal(stub_evictions, evictions + 1);
	assert_true(stub_live_allocs <= allocs - 4); /* two pages, index, node */
	assert_int_equal(stub_statfs_used(&sb, &blocks, &bfree, &files), 0);
	assert_int_equal(files, 2);
	assert_int_equal(blocks, 0);
}

/* ---- rename ---- */

static void rename_files(void **state)
{
	struct inode *held;

	struct inode *b;

	held = file_with("a", "A");
	inode_put(held);
	held = file_with("b", "B");
	assert_int_equal(do_mkdir("", "d"), 0);
	/* file over file: b's inode loses its name, stays readable if held */
	assert_int_equal(do_rename("", "a", "", "b"), 0);
	assert_int_equal(lookup_err("a"), -ENOENT);
	b = get("b");
	assert_string_equal(contents(b), "A");
	inode_put(b);
	assert_int_equal(stat_of(held).nlink, 0);
	assert_string_equal(contents(held), "B");
	inode_put(held);
	/* into another directory, under a new name */
	assert_int_equal(do_rename("", "b", "d", "c"), 0);
	assert_string_equal(listing(""), ". .. d");
	assert_string_equal(listing("d"), ". .. c");
	assert_int_equal(st("d/c").nlink, 1);
	/* onto itself: nothing happens */
	assert_int_equal(do_rename("d", "c", "d", "c"), 0);
	assert_int_equal(st("d/c").nlink, 1);
	/* onto another link of the same file: nothing happens, both stay */
	assert_int_equal(do_link("", "x", "d/c"), 0);
	assert_int_equal(do_rename("", "x", "d", "c"), 0);
	assert_int_equal(st("x").nlink, 2);
	assert_int_equal(st("d/c").nlink, 2);
	/* errors */
	assert_int_equal(do_rename("", "nope", "", "y"), -ENOENT);
	assert_int_equal(do_mkdir("", "e"), 0);
	assert_int_equal(do_rename("", "x", "", "e"), -EISDIR);
	assert_int_equal(do_rename("", "e", "", "x"), -ENOTDIR);
	/* symlinks move like files */
	assert_int_equal(do_symlink("", "l", "target", 6), 0);
	assert_int_equal(do_rename("", "l", "e", "l"), 0);
	assert_string_equal(readlink_of("e/l"), "target");
}

static void rename_directories(void **state)
{
	assert_int_equal(do_mkdir("", "a"), 0);
	assert_int_equal(do_mkdir("a", "b"), 0);
	assert_int_equal(do_mkdir("a/b", "c"), 0);
	assert_int_equal(do_mkdir("", "empty"), 0);
	assert_int_equal(do_mkdir("", "full"), 0);
	assert_int_equal(do_create("full", "f", 0644), 0);
	assert_int_equal(st("").nlink, 5);

	/* into itself or its own subtree */
	assert_int_equal(do_rename("", "a", "a", "x"), -EINVAL);
	assert_int_equal(do_rename("", "a", "a/b/c", "x"), -EINVAL);
	assert_int_equal(do_rename("a", "b", "a/b/c", "x"), -EINVAL);
	/* over an ancestor of the source (Linux checks this before kinds) */
	assert_int_equal(do_rename("a/b", "c", "", "a"), -ENOTEMPTY);
	assert_int_equal(do_create("a/b", "f", 0644), 0);
	assert_int_equal(do_rename("a/b", "f", "", "a"), -ENOTEMPTY);
	assert_int_equal(do_unlink("a/b", "f"), 0);
	/* over a non-empty directory */
	assert_int_equal(do_rename("", "empty", "", "full"), -ENOTEMPTY);
	/* onto itself */
	assert_int_equal(do_rename("", "a", "", "a"), 0);
	assert_int_equal(st("a").nlink, 3);

	/* over an empty directory: it is removed */
	struct inode *victim = get("empty");
	assert_int_equal(do_rename("", "full", "", "empty"), 0);
	assert_int_equal(stat_of(victim).nlink, 0);
	inode_put(victim);
	assert_int_equal(lookup_err("full"), -ENOENT);
	assert_int_equal(lookup_err("empty/f"), 0);
	assert_int_equal(st("").nlink, 4);

	/* a subtree moves: link counts of both parents, and ".." */
	assert_int_equal(do_rename("a", "b", "empty", "moved"), 0);
	assert_int_equal(st("a").nlink, 2);
	assert_int_equal(st("empty").nlink, 3);
	assert_int_equal(lookup_err("empty/moved/c"), 0);
	listing("empty/moved");
	assert_int_equal(list[1].ino, st("empty").ino);
	/* and may now go where it could not before */
	assert_int_equal(do_rename("empty", "moved", "a", "back"), 0);
	assert_int_equal(st("a").nlink, 3);
	assert_int_equal(st("empty").nlink, 2);
	assert_int_equal(st("").nlink, 4);
	/* into a deeper level of another tree, then up to the root */
	assert_int_equal(do_rename("a/back", "c", "", "c"), 0);
	assert_int_equal(st("").nlink, 5);
	assert_int_equal(st("a/back").nlink, 2);
	assert_string_equal(listing(""), ". .. a empty c");
}

static int do_exchange(const char *od, const char *on, const char *nd, const char *nn)
{
	struct inode *o = get(od), *n = get(nd);
	int err = o->ops.dir->exchange(o, on, strlen(on), n, nn, strlen(nn));

	inode_put(n);
	inode_put(o);
	return err;
}

static void exchange(void **state)
{
	struct inode *f = file_with("f", "data"), *g = file_with("g", "other");
	struct vfs_stat before = stat_of(f);

	assert_int_equal(do_mkdir("", "a"), 0);
	assert_int_equal(do_mkdir("a", "sub"), 0);
	assert_int_equal(do_create("a/sub", "in", 0644), 0);
	assert_int_equal(do_mkdir("", "b"), 0);
	/* two files in one directory: the names keep their places */
	stub_clock = 5;
	assert_int_equal(do_exchange("", "f", "", "g"), 0);
	assert_string_equal(listing(""), ". .. f g a b");
	assert_string_equal(contents(g), "other");
	assert_int_equal(lookup_err("f"), 0);
	assert_int_equal(st("f").ino, stat_of(g).ino);
	assert_int_equal(stat_of(f).ctime.sec, before.ctime.sec + 5);
	assert_int_equal(st("").mtime.sec, STUB_NOW_SEC + 5);
	/* a directory and a file across directories: link counts follow */
	assert_int_equal(do_rename("", "f", "b", "f"), 0);
	assert_int_equal(do_exchange("a", "sub", "b", "f"), 0);
	assert_int_equal(st("a").nlink, 2);
	assert_int_equal(st("b").nlink, 3);
	assert_true(S_ISREG(st("a/sub").mode));
	assert_int_equal(lookup_err("b/f/in"), 0);
	assert_int_equal(do_rmdir("", "b"), -ENOTEMPTY);
	/* errors: a missing name, a directory and its own subtree */
	assert_int_equal(do_exchange("", "a", "", "nope"), -ENOENT);
	assert_int_equal(do_exchange("", "nope", "", "a"), -ENOENT);
	assert_int_equal(do_exchange("", "b", "b/f", "in"), -EINVAL);
	assert_int_equal(do_exchange("b/f", "in", "", "b"), -EINVAL);
	assert_int_equal(do_exchange("", "b", "b", "f"), -EINVAL);
	/* one inode under both names: nothing happens */
	assert_int_equal(do_link("", "g2", "g"), 0);
	assert_int_equal(do_exchange("", "g", "", "g2"), 0);
	assert_int_equal(do_exchange("", "a", "", "a"), 0);
	assert_int_equal(st("g").nlink, 2);
	/* back again, then everything can go */
	assert_int_equal(do_exchange("b", "f", "a", "sub"), 0);
	assert_int_equal(st("a").nlink, 3);
	assert_int_equal(st("b").nlink, 2);
	assert_int_equal(do_unlink("a/sub", "in"), 0);
	assert_int_equal(do_rmdir("a", "sub"), 0);
	inode_put(f);
	inode_put(g);
}

static void rename_out_of_memory(void **state)
{
	long k;
	int err;

	assert_int_equal(do_create("", "f", 0644), 0);
	assert_int_equal(do_mkdir("", "d"), 0);
	for (k = 1;; k++) {
		stub_fail_countdown = k;
		err = do_rename("", "f", "d", "g");
		stub_fail_countdown = 0;
		if (!err)
			break;
		assert_int_equal(err, -ENOMEM);
		assert_int_equal(lookup_err("f"), 0); /* nothing moved */
		assert_int_equal(lookup_err("d/g"), -ENOENT);
	}
	assert_true(k > 1);
	assert_int_equal(lookup_err("d/g"), 0);
	assert_int_equal(lookup_err("f"), -ENOENT);
	assert_int_equal(st("d/g").nlink, 1);
}

/* ---- attributes and times ---- */

/* New nodes belong to the creator (svc_creator: the stub's ids); in a
 * setgid directory they take its group and new directories its S_ISGID. */
static void new_nodes_owned_by_creator(void **state)
{
	struct inode *d, *t;
	struct vfs_setattr a = {.valid = VFS_SET_MODE | VFS_SET_GID, .mode = 02777, .gid = 50};

	(void)state;
	stub_fsuid = 1000;
	stub_fsgid = 100;
	assert_int_equal(do_create("", "f", S_IFREG | 0644), 0);
	assert_int_equal(do_mkdir("", "d"), 0);
	assert_int_equal(do_symlink("", "l", "f", 1), 0);
	assert_int_equal(st("f").uid, 1000);
	assert_int_equal(st("f").gid, 100);
	assert_int_equal(st("d").uid, 1000);
	assert_int_equal(st("l").gid, 100);
	d = get("d");
	assert_int_equal(d->ops.dir->setattr(d, &a), 0);
	assert_int_equal(sb.root->ops.dir->tmpfile(d, 0600, true, &t), 0);
	assert_int_equal(stat_of(t).gid, 50);
	assert_int_equal(stat_of(t).uid, 1000);
	inode_put(t);
	inode_put(d);
	stub_fsuid = 7;
	assert_int_equal(do_create("d", "g", S_IFREG | 02755), 0);
	assert_int_equal(do_mkdir("d", "sub"), 0);
	assert_int_equal(st("d/g").uid, 7);
	assert_int_equal(st("d/g").gid, 50);
	assert_int_equal(st("d/g").mode, S_IFREG | 02755);
	assert_int_equal(st("d/sub").gid, 50);
	assert_int_equal(st("d/sub").mode, S_IFDIR | 02755); /* inherits S_ISGID */
}

static void setattr_fields(void **state)
{
	struct inode *f = file_with("f", "0123456789");
	struct vfs_setattr a = {.valid = VFS_SET_MODE, .mode = S_IFDIR | 02640};
	struct vfs_stat s;

	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	assert_int_equal(stat_of(f).mode, S_IFREG | 02640); /* the type stays */
	a = (struct vfs_setattr){.valid = VFS_SET_UID | VFS_SET_GID, .uid = 1000, .gid = 100};
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	s = stat_of(f);
	assert_int_equal(s.uid, 1000);
	assert_int_equal(s.gid, 100);
	a = (struct vfs_setattr){.valid = VFS_SET_ATIME | VFS_SET_MTIME,
				 .atime = {.sec = 11, .nsec = 12},
				 .mtime = {.sec = 13, .nsec = 14}};
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	s = stat_of(f);
	assert_int_equal(s.atime.sec, 11);
	assert_int_equal(s.atime.nsec, 12);
	assert_int_equal(s.mtime.sec, 13);
	assert_int_equal(s.mtime.nsec, 14);
	a = (struct vfs_setattr){.valid = VFS_SET_SIZE, .size = 4};
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	assert_string_equal(contents(f), "0123");
	a.size = 1 << 20;
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	assert_int_equal(stat_of(f).size, 1 << 20);
	assert_int_equal(stat_of(f).blocks, 8);
	a.size = -1;
	assert_int_equal(f->ops.file->setattr(f, &a), -EINVAL);
	assert_int_equal(stat_of(f).size, 1 << 20);
	inode_put(f);

	a = (struct vfs_setattr){.valid = VFS_SET_SIZE, .size = 0};
	assert_int_equal(sb.root->ops.dir->setattr(sb.root, &a), -EISDIR);
	assert_int_equal(do_symlink("", "l", "t", 1), 0);
	f = get("l");
	assert_int_equal(f->ops.symlink->setattr(f, &a), -EINVAL);
	a = (struct vfs_setattr){.valid = VFS_SET_UID, .uid = 5}; /* lchown */
	assert_int_equal(f->ops.symlink->setattr(f, &a), 0);
	assert_int_equal(stat_of(f).uid, 5);
	assert_int_equal(stat_of(f).mode, S_IFLNK | 0777);
	inode_put(f);
	a = (struct vfs_setattr){.valid = VFS_SET_MODE, .mode = 0700};
	assert_int_equal(sb.root->ops.dir->setattr(sb.root, &a), 0);
	assert_int_equal(st("").mode, S_IFDIR | 0700);
}

/* Set every time of `path` to 0 (ctime follows the clock, so move it). */
static void age(const char *path)
{
	struct inode *i = get(path);
	struct vfs_setattr a = {.valid = VFS_SET_ATIME | VFS_SET_MTIME};

	stub_clock = -1000000;
	if (i->kind == INODE_FILE)
		assert_int_equal(i->ops.file->setattr(i, &a), 0);
	else if (i->kind == INODE_DIR)
		assert_int_equal(i->ops.dir->setattr(i, &a), 0);
	else
		assert_int_equal(i->ops.symlink->setattr(i, &a), 0);
	stub_clock = 0;
	inode_put(i);
}

#define NOW	  (STUB_NOW_SEC)
#define CTIME_OLD (STUB_NOW_SEC - 1000000)

static void timestamps(void **state)
{
	struct inode *f;
	struct vfs_stat s;
	char buf[4];

	/* a new name moves its directory's mtime and ctime */
	age("");
	assert_int_equal(do_create("", "f", 0644), 0);
	s = st("");
	assert_int_equal(s.mtime.sec, NOW);
	assert_int_equal(s.ctime.sec, NOW);
	assert_int_equal(s.atime.sec, 0);
	s = st("f");
	assert_int_equal(s.atime.sec, NOW);
	assert_int_equal(s.mtime.sec, NOW);
	assert_int_equal(s.ctime.sec, NOW);

	/* write: mtime and ctime */
	f = get("f");
	age("f");
	assert_int_equal(st("f").ctime.sec, CTIME_OLD);
	assert_int_equal(wr(f, 0, "abc", 3, 0), 3);
	s = stat_of(f);
	assert_int_equal(s.mtime.sec, NOW);
	assert_int_equal(s.ctime.sec, NOW);
	assert_int_equal(s.atime.sec, 0);
	/* read: relatime moves an atime older than mtime, then leaves it */
	assert_int_equal(rd(f, 0, buf, 3, T_NOATIME), 3);
	assert_int_equal(stat_of(f).atime.sec, 0);
	assert_int_equal(rd(f, 0, buf, 3, 0), 3);
	assert_int_equal(stat_of(f).atime.sec, NOW);
	stub_clock = 10;
	assert_int_equal(rd(f, 0, buf, 3, 0), 3);
	assert_int_equal(stat_of(f).atime.sec, NOW + 10); /* atime == mtime still moves */
	stub_clock = 20;
	assert_int_equal(rd(f, 0, buf, 3, 0), 3);
	assert_int_equal(stat_of(f).atime.sec, NOW + 10); /* newer, and not a day old */
	stub_clock = 10 + 24 * 3600;
	assert_int_equal(rd(f, 0, buf, 3, 0), 3);
	assert_int_equal(stat_of(f).atime.sec, NOW + 10 + 24 * 3600);
	stub_clock = 0;

	/* truncate: always mtime and ctime; setattr size: only on a change */
	age("f");
	assert_int_equal(f->ops.file->truncate(f, 3), 0);
	assert_int_equal(stat_of(f).mtime.sec, NOW);
	assert_int_equal(stat_of(f).ctime.sec, NOW);
	age("f");
	struct vfs_setattr a = {.valid = VFS_SET_SIZE, .size = 3};
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	assert_int_equal(stat_of(f).mtime.sec, 0);
	assert_int_equal(stat_of(f).ctime.sec, CTIME_OLD);
	a.size = 2;
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	assert_int_equal(stat_of(f).mtime.sec, NOW);
	assert_int_equal(stat_of(f).ctime.sec, NOW);
	/* setattr of anything else: ctime only */
	age("f");
	a = (struct vfs_setattr){.valid = VFS_SET_MODE, .mode = 0600};
	assert_int_equal(f->ops.file->setattr(f, &a), 0);
	assert_int_equal(stat_of(f).ctime.sec, NOW);
	assert_int_equal(stat_of(f).mtime.sec, 0);
	/* a zero-length write changes nothing */
	age("f");
	assert_int_equal(wr(f, 0, "", 0, 0), 0);
	assert_int_equal(stat_of(f).mtime.sec, 0);

	/* link and unlink: the file's ctime, the directory's mtime and ctime */
	age("f");
	age("");
	assert_int_equal(do_link("", "g", "f"), 0);
	assert_int_equal(stat_of(f).ctime.sec, NOW);
	assert_int_equal(stat_of(f).mtime.sec, 0);
	assert_int_equal(st("").mtime.sec, NOW);
	age("f");
	age("");
	assert_int_equal(do_unlink("", "g"), 0);
	assert_int_equal(stat_of(f).ctime.sec, NOW);
	assert_int_equal(st("").mtime.sec, NOW);
	assert_int_equal(st("").ctime.sec, NOW);

	/* rename: both directories, and the moved inode's ctime */
	assert_int_equal(do_mkdir("", "d"), 0);
	age("f");
	age("d");
	age("");
	assert_int_equal(do_rename("", "f", "d", "f"), 0);
	assert_int_equal(stat_of(f).ctime.sec, NOW);
	assert_int_equal(stat_of(f).mtime.sec, 0);
	assert_int_equal(st("").mtime.sec, NOW);
	assert_int_equal(st("d").mtime.sec, NOW);
	assert_int_equal(st("d").ctime.sec, NOW);

	/* readdir and readlink are accesses (relatime) */
	age("d");
	listing("d");
	assert_int_equal(st("d").atime.sec, NOW);
	assert_int_equal(do_symlink("", "l", "t", 1), 0);
	age("l");
	readlink_of("l");
	assert_int_equal(st("l").atime.sec, NOW);
	/* rmdir: the directory's times */
	assert_int_equal(do_mkdir("", "e"), 0);
	age("");
	assert_int_equal(do_rmdir("", "e"), 0);
	assert_int_equal(st("").mtime.sec, NOW);
	inode_put(f);
}

/* ---- failures and the mount's end ---- */

/* Each op fails cleanly at every allocation it makes. */
static void namespace_out_of_memory(void **state)
{
	static const char *const names[] = {"file", "dir", "link", "hard"};
	long k;

	assert_int_equal(do_create("", "target", 0644), 0);
	for (unsigned op = 0; op < 4; op++) {
		for (k = 1;; k++) {
			int err;

			stub_fail_countdown = k;
			switch (op) {
			case 0:
				err = do_create("", names[op], 0644);
				break;
			case 1:
				err = do_mkdir("", names[op]);
				break;
			case 2:
				err = do_symlink("", names[op], "t", 1);
				break;
			default:
				err = do_link("", names[op], "target");
				break;
			}
			stub_fail_countdown = 0;
			if (!err)
				break;
			assert_int_equal(err, -ENOMEM);
			assert_int_equal(lookup_err(names[op]), -ENOENT);
		}
		assert_true(k > 1);
		assert_int_equal(lookup_err(names[op]), 0);
	}
	assert_int_equal(st("target").nlink, 2);
	assert_string_equal(listing(""), ". .. target file dir link hard");
}

static void inodes_outlive_the_unmount(void **state)
{
	struct inode *f, *d, *out = NULL;
	long before;

	assert_int_equal(do_mkdir("", "d"), 0);
	assert_int_equal(do_create("d", "x", 0644), 0);
	f = file_with("f", "still here");
	d = get("d");
	before = stub_evictions;
	inode_put(sb.root);
	sb.ops->release(&sb);
	assert_null(sb.priv);
	assert_int_equal(stub_live_inodes, 2);
	assert_int_equal(stub_evictions, before + 2); /* the root and d/x */
	assert_string_equal(contents(f), "still here");
	assert_int_equal(wr(f, 0, "STILL", 5, 0), 5);
	assert_string_equal(contents(f), "STILL here");
	assert_int_equal(stat_of(f).nlink, 0);
	assert_int_equal(d->ops.dir->lookup(d, "x", 1, &out), -ENOENT);
	assert_int_equal(d->ops.dir->create(d, "y", 1, 0644, &out), -ENOENT);
	inode_put(d);
	inode_put(f);
	assert_int_equal(stub_live_inodes, 0);
	assert_int_equal(stub_live_allocs, 0);
	mount(); /* for the teardown */
}

/* ---- the page index on its own ---- */

static void page_index(void **state)
{
	struct tmpfs_pages p = {0};
	long allocs = stub_live_allocs;
	struct svc_page *a, *b, *c;

	assert_null(tmpfs_page_find(&p, 0));
	a = tmpfs_page_get(&p, 5);
	assert_non_null(a);
	assert_int_equal(p.height, 1);
	assert_ptr_equal(tmpfs_page_find(&p, 5), a);
	assert_null(tmpfs_page_find(&p, 4));
	assert_null(tmpfs_page_find(&p, 512));
	b = tmpfs_page_get(&p, 512 * 512 + 3); /* grows two levels */
	assert_int_equal(p.height, 3);
	assert_ptr_equal(tmpfs_page_find(&p, 5), a);
	assert_ptr_equal(tmpfs_page_find(&p, 512 * 512 + 3), b);
	assert_ptr_equal(tmpfs_page_get(&p, 5), a);
	assert_int_equal(p.count, 2);
	c = tmpfs_page_get(&p, (1ull << 51) - 1); /* the last page below 2^63 */
	assert_non_null(c);
	assert_int_equal(p.height, 6);
	assert_int_equal(p.count, 3);
	tmpfs_pages_trunc(&p, 512 * 512 + 4); /* only c goes; the tree shrinks */
	assert_int_equal(p.count, 2);
	assert_int_equal(p.height, 3);
	assert_null(tmpfs_page_find(&p, (1ull << 51) - 1));
	tmpfs_pages_trunc(&p, 6);
	assert_int_equal(p.count, 1);
	assert_int_equal(p.height, 1);
	assert_ptr_equal(tmpfs_page_find(&p, 5), a);
	tmpfs_pages_trunc(&p, 5);
	assert_int_equal(p.count, 0);
	assert_null(p.root);
	assert_int_equal(stub_live_allocs, allocs);
	/* a tree born tall: the first index already needs two levels */
	assert_non_null(tmpfs_page_get(&p, 1000));
	assert_int_equal(p.height, 2);
	tmpfs_pages_trunc(&p, 0);
	assert_int_equal(stub_live_allocs, allocs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(fs_type_and_root),
		T(mount_out_of_memory),
		T(options_limits_and_remount),
		T(create_write_read),
		T(multi_page_data),
		T(holes_read_as_zeros),
		T(far_offsets_and_limits),
		T(fallocate_reserves_and_punches),
		T(splice_read_hands_out_pages),
		T(truncate_shrinks_and_grows),
		T(append),
		T(bad_buffers),
		T(partial_buffers),
		T(write_out_of_memory),
		T(get_page),
		T(special_nodes),
		T(mknod_keeps_rdev),
		T(mkdir_rmdir_and_link_counts),
		T(removed_directory_stays_usable_but_empty),
		T(readdir_lists_everything_with_types),
		T(readdir_positions_survive_changes),
		T(many_names),
		T(symlinks),
		T(hard_links),
		T(tmpfile_links_once),
		T(unlinked_file_stays_open),
		T(rename_files),
		T(rename_directories),
		T(rename_out_of_memory),
		T(exchange),
		T(setattr_fields),
		T(new_nodes_owned_by_creator),
		T(timestamps),
		T(namespace_out_of_memory),
		T(inodes_outlive_the_unmount),
		T(page_index),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
