/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the ext2/ext3/ext4 service against images the host's
 * mke2fs makes at test time (ext2_test_images.py: one source tree, eight
 * feature sets and block sizes, indexed and linear directories, each hash
 * and signedness).  Each image is mounted through the fs_type and walked
 * whole through the ops tables, and every name, type, mode, owner, size,
 * link count, time, device number, symlink target, byte of content and
 * extended attribute is compared with the source tree.  Then: the hash
 * index answers every lookup itself; readdir positions resume; a flipped
 * byte in a checksummed inode, directory block, extent block or the
 * superblock is -EBADMSG; unsupported features refuse the mount; a journal
 * needing recovery is replayed; and random byte flips in the
 * metadata (200 rounds, a fixed seed) never crash or read out of bounds
 * (the build has ASan and UBSan) and leak nothing.
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
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <cmocka.h>
#include <klib/crc32c.h>
#include <klib/errno.h>
#include <hosttest/bdev_stub.h>
#include <hosttest/files.h>
#include <hosttest/fsimage.h>
#include <hosttest/service_stub.h>
#include "ext2.h"

#define MAX_ENTS 4096

/* Where the images are made: memory if the host has a tmpfs at /dev/shm
 * (a loaded disk makes mke2fs slow), else the build directory. */
static char out[128];
static char images[16][64];

/* A path under `out` (one of four rotating buffers). */
static const char *at(const char *fmt, const char *arg)
{
	static char bufs[4][512];
	static int next;
	char rel[256];

	snprintf(rel, sizeof(rel), fmt, arg);
	next = (next + 1) % 4;
	snprintf(bufs[next], sizeof(bufs[next]), "%s/%s", out, rel);
	return bufs[next];
}
static int nimages;
static struct vfs_sb sb;
static char img_path[256];

/* ---- mounting ---- */

static int try_mount(const char *name, bool read_only)
{
	snprintf(img_path, sizeof(img_path), "%s", at("%s.img", name));
	return host_mount(&sb, &ext4_fs_type, img_path, name, 7, read_only, NULL);
}

/* Read-only: these tests read the shared images (ext2_write_test.c
 * writes its own). */
static void mount_img(const char *name)
{
	int err = try_mount(name, true);

	if (err)
		fail_msg("mount %s: %d (%s)", name, err, stub_last_log);
	assert_true(sb.read_only);
}

static void umount_img(void)
{
	host_umount(&sb);
}

static struct ext2_fs *FS(void)
{
	return sb.priv;
}

/* ---- comparing with the source tree ---- */

static void compare_content(const char *path, struct inode *ino)
{
	size_t len, got = 0;
	uint8_t *want = host_read_file(path, &len), *have = malloc(len + 10000);
	unsigned step = 1;

	/* reads of odd sizes, across block and extent boundaries */
	while (got < len + 1) {
		size_t n = 1 + (step * 7919u) % 9000u;
		ssize_t r = stub_read(ino, got, have + got, n);

		assert_true(r >= 0);
		if (r == 0)
			break;
		got += (size_t)r;
		step++;
	}
	assert_int_equal(got, len);
	if (memcmp(want, have, len))
		fail_msg("%s: content differs", path);
	assert_int_equal(stub_read(ino, len + 5, have, 10), 0);
	free(want);
	free(have);
}

/* A file too big to hold: its first and last bytes, and zeros between. */
static void compare_ends(const char *path, struct inode *ino, uint64_t size)
{
	char want[4096], have[4096];
	FILE *f = fopen(path, "rb");
	uint64_t at[3] = {0, size / 2, size - sizeof(want)};

	assert_non_null(f);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(fseeko(f, (off_t)at[i], SEEK_SET), 0);
		assert_int_equal(fread(want, 1, sizeof(want), f), sizeof(want));
		assert_int_equal(stub_read(ino, at[i], have, sizeof(have)), sizeof(have));
		assert_memory_equal(want, have, sizeof(want));
	}
	assert_int_equal(stub_read(ino, size - 2, have, sizeof(have)), 2);
	fclose(f);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted NUL-separated names into an array of pointers; their count. */
static size_t split_names(char *list, size_t len, char **out, size_t max)
{
	size_t n = 0;

	for (size_t at = 0; at < len; at += strlen(list + at) + 1) {
		assert_true(n < max);
		out[n++] = list + at;
	}
	qsort(out, n, sizeof(*out), cmp_str);
	return n;
}

static void compare_xattrs(const char *path, struct inode *ino)
{
	char want[4096], have[4096], *wn[64], *hn[64], v1[4096], v2[4096];
	ssize_t wl = llistxattr(path, want, sizeof(want));
	struct iobuf b = {.kbuf = have, .len = sizeof(have)}, q = {.kbuf = NULL, .len = 0};
	ssize_t hl = sb.ops->listxattr(ino, &b);
	size_t n;

	assert_true(wl >= 0);
	assert_int_equal(sb.ops->listxattr(ino, &q), hl);
	if (hl != wl)
		fail_msg("%s: xattr list %zd vs %zd", path, hl, wl);
	n = split_names(want, (size_t)wl, wn, 64);
	assert_int_equal(split_names(have, (size_t)hl, hn, 64), n);
	for (size_t i = 0; i < n; i++) {
		struct iobuf vb = {.kbuf = v2, .len = sizeof(v2)}, sz = {.kbuf = NULL, .len = 0};
		ssize_t l1 = lgetxattr(path, wn[i], v1, sizeof(v1));
		ssize_t l2 = sb.ops->getxattr(ino, hn[i], &vb);

		assert_string_equal(wn[i], hn[i]);
		if (l1 != l2 || memcmp(v1, v2, (size_t)l1))
			fail_msg("%s: xattr %s: %zd vs %zd bytes", path, wn[i], l2, l1);
		assert_int_equal(sb.ops->getxattr(ino, hn[i], &sz), l2);
		if (l2 > 1) { /* (an empty buffer asks for the size) */
			struct iobuf small = {.kbuf = v2, .len = (size_t)l2 - 1};

			assert_int_equal(sb.ops->getxattr(ino, hn[i], &small), -ERANGE);
		}
	}
	if (wl > 1) {
		struct iobuf small = {.kbuf = have, .len = (size_t)wl - 1};

		assert_int_equal(sb.ops->listxattr(ino, &small), -ERANGE);
	}
}

static void compare_node(const char *path, struct inode *ino, int depth);

static void compare_dir(const char *path, struct inode *dir, int depth)
{
	struct stub_dirent *ents = calloc(MAX_ENTS, sizeof(*ents));
	char **want = calloc(MAX_ENTS, sizeof(char *)), **have = calloc(MAX_ENTS, sizeof(char *));
	struct dirent *de;
	uint64_t pos = 0;
	long n = stub_readdir(dir, &pos, -1, ents, MAX_ENTS);
	size_t nw = 0, nh = 0;
	DIR *d = opendir(path);
	bool dot = false, dotdot = false;

	assert_non_null(d);
	assert_true(n >= 2);
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			want[nw++] = strdup(de->d_name);
	}
	closedir(d);
	for (long i = 0; i < n; i++) {
		if (!strcmp(ents[i].name, ".")) {
			dot = true;
			assert_int_equal(ents[i].ino, dir->ino);
			continue;
		}
		if (!strcmp(ents[i].name, "..")) {
			dotdot = true;
			continue;
		}
		if (depth == 0 && !strcmp(ents[i].name, "lost+found"))
			continue;
		have[nh++] = ents[i].name;
	}
	assert_true(dot && dotdot);
	qsort(want, nw, sizeof(char *), cmp_str);
	qsort(have, nh, sizeof(char *), cmp_str);
	if (nw != nh)
		fail_msg("%s: %zu entries vs %zu", path, nh, nw);
	for (size_t i = 0; i < nw; i++) {
		assert_string_equal(want[i], have[i]);
		free(want[i]);
	}
	/* every entry by lookup, its type as readdir gave it */
	for (long i = 0; i < n; i++) {
		char sub[4096];
		struct inode *child;
		struct vfs_stat st;

		if (!strcmp(ents[i].name, ".") || !strcmp(ents[i].name, "..") ||
		    (depth == 0 && !strcmp(ents[i].name, "lost+found")))
			continue;
		if (dir->ops.dir->lookup(dir, ents[i].name, ents[i].len, &child))
			fail_msg("%s: lookup %s failed", path, ents[i].name);
		assert_int_equal(child->ino, ents[i].ino);
		assert_int_equal(stub_stat(child, &st), 0);
		assert_int_equal(ents[i].type, VFS_DTYPE(st.mode));
		snprintf(sub, sizeof(sub), "%s/%s", path, ents[i].name);
		compare_node(sub, child, depth + 1);
		inode_put(child);
	}
	free(ents);
	free(want);
	free(have);
}

static void compare_node(const char *path, struct inode *ino, int depth)
{
	struct stat want;
	struct vfs_stat st;
	bool times = depth > 0 && !strstr(path, "nest1/leaf"); /* test_timestamps' */

	assert_int_equal(lstat(path, &want), 0);
	assert_int_equal(stub_stat(ino, &st), 0);
	assert_int_equal(st.mode, want.st_mode);
	assert_int_equal(st.uid, want.st_uid);
	assert_int_equal(st.gid, want.st_gid);
	if (times) { /* mke2fs -d gives the root its own times */
		assert_int_equal(st.mtime.sec, want.st_mtim.tv_sec);
		assert_int_equal(st.ctime.sec, want.st_ctim.tv_sec);
	}
	if (S_ISDIR(want.st_mode)) {
		assert_int_equal(ino->kind, INODE_DIR);
		assert_int_equal(st.nlink, want.st_nlink + (depth == 0)); /* lost+found */
		compare_dir(path, ino, depth);
		return;
	}
	assert_int_equal(st.nlink, want.st_nlink);
	assert_int_equal(st.size, want.st_size);
	assert_int_equal(st.blksize, FS()->bsize);
	if (S_ISREG(want.st_mode)) {
		static uint64_t linked; /* a hard-linked inode already compared */

		if (st.nlink > 1 && linked == (ino->ino | (uint64_t)FS()->bsize << 32))
			return; /* deep/'s 3000 names of one file */
		if (st.nlink > 1)
			linked = ino->ino | (uint64_t)FS()->bsize << 32;
		if (want.st_size > (64 << 20))
			compare_ends(path, ino, (uint64_t)want.st_size);
		else
			compare_content(path, ino);
		compare_xattrs(path, ino);
	} else if (S_ISLNK(want.st_mode)) {
		char t1[4096], t2[4096];
		ssize_t l1 = readlink(path, t1, sizeof(t1));

		assert_int_equal(ino->kind, INODE_SYMLINK);
		assert_int_equal(ino->ops.symlink->readlink(ino, t2, sizeof(t2)), l1);
		assert_memory_equal(t1, t2, (size_t)l1);
	} else {
		assert_true(ino->ops.file->special);
		if (S_ISCHR(want.st_mode) || S_ISBLK(want.st_mode)) {
			assert_int_equal((st.rdev >> 8) & 0xfff, major(want.st_rdev));
			assert_int_equal((st.rdev & 0xff) | ((st.rdev >> 12) & 0xfff00),
					 minor(want.st_rdev));
		}
	}
}

/* ---- the tests ---- */

static int build_images(void **state)
{
	FILE *f;

	/* per process: runs from two worktrees at once must not share it */
	if (!host_have_e2fsprogs() || host_workdir(out, sizeof(out), "ext2-test") ||
	    host_run("python3 services/kevlar_ext2/ext2_test_images.py %s >/dev/null 2>&1", out))
		return 0; /* no e2fsprogs: each test skips */
	f = fopen(at("images", ""), "r");
	while (f && nimages < 16 && fscanf(f, "%63s", images[nimages]) == 1)
		nimages++;
	if (f)
		fclose(f);
	return 0;
}

static int remove_images(void **state)
{
	if (out[0])
		host_run("rm -rf %s", out);
	return 0;
}

static int setup(void **state)
{
	stub_reset();
	stub_bdev_clean();
	stub_live_bufs = stub_live_bdevs = 0;
	stub_bread_fail_countdown = 0;
	stub_bdev_writable = false;
	if (nimages == 0)
		skip();
	return 0;
}

static void test_tree(void **state)
{
	for (int i = 0; i < nimages; i++) {
		mount_img(images[i]);
		compare_node(at("tree", ""), sb.root, 0);
		umount_img();
	}
}

/* Nanoseconds and the epoch bits of the extra time fields (mke2fs -d keeps
 * whole seconds; the image script set one file's mtime_extra). */
static void test_timestamps(void **state)
{
	for (int i = 0; i < nimages; i++) {
		struct inode *f;
		struct vfs_stat st;
		struct stat want;

		mount_img(images[i]);
		f = stub_get(sb.root, "nest0/nest1/leaf");
		assert_int_equal(stub_stat(f, &st), 0);
		assert_int_equal(lstat(at("tree/nest0/nest1/leaf", ""), &want), 0);
		if (EI(f)->extra_end >= I_MTIME_EXTRA + 4) {
			assert_int_equal(st.mtime.sec, want.st_mtim.tv_sec + (1ll << 32));
			assert_int_equal(st.mtime.nsec, 123456789);
			assert_true(st.has_btime);
			assert_int_equal(st.btime.sec, 1700000000); /* E2FSPROGS_FAKE_TIME */
		} else {
			assert_int_equal(st.mtime.sec, want.st_mtim.tv_sec);
			assert_int_equal(st.mtime.nsec, 0);
		}
		inode_put(f);
		umount_img();
	}
}

static void test_dx_lookup(void **state)
{
	const char *dirs[] = {"big", "deep"};

	for (int i = 0; i < nimages; i++) {
		mount_img(images[i]);
		for (int d = 0; d < 2; d++) {
			char path[256];
			struct dirent *de;
			struct inode *dir = stub_get(sb.root, dirs[d]);
			DIR *h;
			bool idx = EI(dir)->flags & INODE_FL_INDEX;

			snprintf(path, sizeof(path), "%s", at("tree/%s", dirs[d]));
			h = opendir(path);
			while ((de = readdir(h))) {
				if (de->d_name[0] == '.')
					continue; /* the VFS answers "." and ".." itself */
				long ino = ext2_dx_lookup(EI(dir), de->d_name, strlen(de->d_name));

				if (idx && ino <= 0)
					fail_msg("%s: %s/%s: %ld", images[i], dirs[d], de->d_name,
						 ino);
			}
			closedir(h);
			assert_int_equal(stub_lookup_err(dir, "no-such-name"), -ENOENT);
			assert_int_equal(stub_lookup_err(dir, "entry-00001x"), -ENOENT);
			inode_put(dir);
		}
		umount_img();
	}
}

/* readdir in small batches, and from a saved position, gives the same
 * entries as one pass; a position inside an entry resumes at the next. */
/* Hash order (dx_readdir.c): "." and ".." first in an indexed directory,
 * then names by (hash, minor hash), as Linux reads them.  (The whole order
 * of every directory here matched a loop mount of the same images on
 * Linux 6.18 when this was written; the host test cannot mount.) */
static void test_readdir_hash_order(void **state)
{
	static struct stub_dirent ents[MAX_ENTS];

	for (int i = 0; i < nimages; i++) {
		struct inode *dir;
		struct ext2_fs *fs;
		uint64_t pos = 0, last = 0;
		unsigned version;
		long n;

		mount_img(images[i]);
		fs = FS();
		dir = stub_get(sb.root, "deep");
		if (!(EI(dir)->flags & INODE_FL_INDEX)) {
			inode_put(dir);
			umount_img();
			continue;
		}
		version = fs->def_hash + (fs->hash_unsigned ? DX_HASH_LEGACY_UNSIGNED : 0);
		n = stub_readdir(dir, &pos, -1, ents, MAX_ENTS);
		assert_int_equal(n, 3002);
		assert_string_equal(ents[0].name, ".");
		assert_string_equal(ents[1].name, "..");
		for (long k = 2; k < n; k++) {
			uint32_t minor, hash = ext2_dx_hash(ents[k].name, ents[k].len, version,
							    fs->hash_seed, &minor);
			uint64_t c = (uint64_t)(hash >> 1) << 32 | minor;

			assert_true(c > last);
			last = c;
		}
		assert_int_equal(pos, 0x7fffffffffffffffull); /* the end cookie */
		inode_put(dir);
		umount_img();
	}
}

static void test_readdir_positions(void **state)
{
	static struct stub_dirent all[MAX_ENTS], part[MAX_ENTS];
	struct inode *dir;
	uint64_t pos = 0, mid = 0;
	long n, m = 0, k;

	mount_img(images[0]);
	dir = stub_get(sb.root, "big");
	n = stub_readdir(dir, &pos, -1, all, MAX_ENTS);
	assert_true(n > 2000);
	assert_int_equal(stub_readdir(dir, &pos, -1, part, MAX_ENTS), 0);
	pos = 0;
	while ((k = stub_readdir(dir, &pos, 13, part + m, MAX_ENTS - m)) > 0) {
		m += k;
		if (m > 1000 && !mid)
			mid = pos;
	}
	assert_int_equal(m, n);
	for (long i = 0; i < n; i++)
		assert_string_equal(all[i].name, part[i].name);
	pos = mid;
	k = stub_readdir(dir, &pos, -1, part, MAX_ENTS);
	assert_true(k > 0 && k < n);
	assert_string_equal(part[0].name, all[n - k].name);
	pos = mid + 1; /* inside an entry: the next one */
	assert_int_equal(stub_readdir(dir, &pos, -1, part, MAX_ENTS), k - 1);
	assert_string_equal(part[0].name, all[n - k + 1].name);
	inode_put(dir);
	umount_img();
}

static void test_statfs(void **state)
{
	struct vfs_statfs st;
	char cmd[512], line[256];
	uint64_t free_blocks = 0, bcount = 0, free_inodes = 0, icount = 0;

	for (int i = 0; i < nimages; i++) {
		FILE *p;

		snprintf(cmd, sizeof(cmd), "dumpe2fs -h %s 2>/dev/null", at("%s.img", images[i]));
		p = popen(cmd, "r");
		while (fgets(line, sizeof(line), p)) {
			sscanf(line, "Free blocks: %lu", &free_blocks);
			sscanf(line, "Block count: %lu", &bcount);
			sscanf(line, "Free inodes: %lu", &free_inodes);
			sscanf(line, "Inode count: %lu", &icount);
		}
		pclose(p);
		mount_img(images[i]);
		memset(&st, 0, sizeof(st));
		assert_int_equal(sb.ops->statfs(&sb, &st), 0);
		assert_int_equal(st.magic, 0xef53);
		assert_int_equal(st.bsize, FS()->bsize);
		assert_int_equal(st.bfree, free_blocks);
		assert_int_equal(st.files, icount);
		assert_int_equal(st.ffree, free_inodes);
		assert_true(st.blocks < bcount && st.blocks > bcount / 2);
		assert_true(st.bavail <= st.bfree);
		/* (f_blocks and f_bavail matched Linux's loop mounts of these images
		 * exactly when this was written; the host test cannot mount) */
		umount_img();
	}
}

static void test_read_only(void **state)
{
	struct inode *f, *d, *t;
	char buf[4];
	struct iobuf b = {.kbuf = buf, .len = 4};
	struct vfs_setattr a = {.valid = VFS_SET_MODE, .mode = 0600};

	mount_img(images[0]);
	f = stub_get(sb.root, "small.txt");
	d = stub_get(sb.root, "nest0");
	assert_int_equal(f->ops.file->write(f, 0, &b, 0), -EROFS);
	assert_int_equal(f->ops.file->truncate(f, 0), -EROFS);
	assert_int_equal(f->ops.file->setattr(f, &a), -EROFS);
	assert_int_equal(d->ops.dir->setattr(d, &a), -EROFS);
	assert_int_equal(d->ops.dir->create(d, "new", 3, 0644, &t), -EROFS);
	assert_int_equal(d->ops.dir->unlink(d, "x", 1), -EROFS);
	assert_int_equal(sb.ops->remount(&sb, false, NULL, 0), -EROFS);
	assert_int_equal(sb.ops->remount(&sb, true, NULL, 0), 0);
	/* hard links are one inode while it lives */
	{
		struct inode *h1 = stub_get(sb.root, "hard1"),
			     *h2 = stub_get(sb.root, "nest0/hard2");

		assert_ptr_equal(h1, f);
		assert_ptr_equal(h2, f);
		inode_put(h1);
		inode_put(h2);
	}
	inode_put(f);
	inode_put(d);
	umount_img();
}

/* A user buffer that faults part way: the bytes up to the fault, as
 * Linux's read returns them; none at all: -EFAULT. */
static void test_partial_read(void **state)
{
	static char buf[100000];
	struct iobuf b = {.user = true, .kbuf = buf, .len = sizeof(buf)};
	struct inode *f;

	mount_img("ext4-1k");
	f = stub_get(sb.root, "three-mb");
	stub_user_good = 5000;
	assert_int_equal(f->ops.file->read(f, 100, &b, 0), 5000);
	stub_user_good = 0;
	assert_int_equal(f->ops.file->read(f, 100, &b, 0), -EFAULT);
	inode_put(f);
	f = stub_get(sb.root, "sparse"); /* through a hole */
	stub_user_good = 7000;
	assert_int_equal(f->ops.file->read(f, 4096, &b, 0), 7000);
	inode_put(f);
	umount_img();
}

/* The device offset of inode `ino`'s on-disk copy. */
static uint64_t inode_offset(uint32_t ino)
{
	struct ext2_fs *fs = FS();
	uint64_t byte = (uint64_t)((ino - 1) % fs->inodes_per_group) * fs->inode_size;

	return ext2_inode_table(fs, (ino - 1) / fs->inodes_per_group) * fs->bsize + byte;
}

static uint64_t block_of(const char *path, uint64_t lblk)
{
	struct inode *i = stub_get(sb.root, path);
	uint64_t pblk, run;

	assert_int_equal(ext2_bmap(EI(i), lblk, &pblk, &run), 0);
	inode_put(i);
	return pblk;
}

static void test_bad_checksums(void **state)
{
	struct inode *i;
	uint64_t off, blk;
	uint32_t ino;
	char buf[16];

	mount_img("ext4-1k");
	i = stub_get(sb.root, "small.txt");
	ino = (uint32_t)i->ino;
	inode_put(i);
	off = inode_offset(ino);
	blk = block_of("nest0", 0) * FS()->bsize;
	umount_img();

	/* an inode: its lookup fails, the rest of the tree still reads */
	stub_bdev_corrupt(off + I_MTIME, 0x40);
	mount_img("ext4-1k");
	assert_int_equal(stub_lookup_err(sb.root, "small.txt"), -EBADMSG);
	assert_non_null(strstr(stub_last_log, "checksum invalid"));
	i = stub_get(sb.root, "nest0/leaf");
	assert_int_equal(stub_read(i, 0, buf, 1), 1);
	inode_put(i);
	umount_img();
	stub_bdev_clean();

	/* a directory block: lookups and readdir in it fail */
	stub_bdev_corrupt(blk + 40, 0x01);
	mount_img("ext4-1k");
	assert_int_equal(stub_lookup_err(sb.root, "nest0/leaf"), -EBADMSG);
	{
		struct stub_dirent ents[8];
		uint64_t pos = 0;

		i = stub_get(sb.root, "nest0"); /* one block: read in hash order, as Linux */
		assert_int_equal(stub_readdir(i, &pos, -1, ents, 8), -EBADMSG);
		inode_put(i);
	}
	umount_img();
	stub_bdev_clean();

	/* the superblock */
	stub_bdev_corrupt(EXT2_SB_OFFSET + 0x30, 0x01);
	assert_int_equal(try_mount("ext4-1k", true), -EBADMSG);
	stub_bdev_clean();
	assert_int_equal(stub_live_allocs, 0);
	assert_int_equal(stub_live_bdevs, 0);
}

/* A group descriptor whose checksum (crc32c, or gdt_csum's crc16) is wrong:
 * a mount that asked to write is refused, a read-only one goes on, as on
 * Linux. */
static void test_bad_group_desc(void **state)
{
	const char *imgs[] = {"ext4-4k", "ext4-2k-nocsum"};

	for (int i = 0; i < 2; i++) {
		uint64_t gdt;

		mount_img(imgs[i]);
		gdt = (FS()->first_data_block + 1) * FS()->bsize;
		umount_img();
		stub_bdev_corrupt(gdt + GD_FREE_BLOCKS_LO, 0x01);
		stub_bdev_writable = true; /* refused before anything is written */
		assert_int_equal(try_mount(imgs[i], false), -EUCLEAN);
		stub_bdev_writable = false;
		assert_non_null(strstr(stub_last_log, "Checksum for group 0"));
		assert_int_equal(try_mount(imgs[i], true), 0);
		umount_img();
		stub_bdev_clean();
	}
}

/* A malformed entry where no checksum catches it: a lookup of its own
 * name is -EUCLEAN, of a name before it works, of one after it is not
 * found; readdir gives what comes before it (as a loop mount on Linux). */
static void test_bad_dirent(void **state)
{
	struct stub_dirent ents[8];
	uint64_t pos = 0, blk;
	struct inode *d;

	mount_img("ext4-2k-nocsum");
	blk = block_of("nest0", 0);
	umount_img();
	/* nest0: ".", "..", "hard2", "leaf", "nest1" in that order: leaf's rec_len */
	stub_bdev_corrupt(blk * 2048 + 12 + 12 + 16 + 4, 0x0c ^ 0x03);
	mount_img("ext4-2k-nocsum");
	d = stub_get(sb.root, "nest0");
	assert_int_equal(stub_lookup_err(d, "hard2"), 0);
	assert_int_equal(stub_lookup_err(d, "leaf"), -EUCLEAN);
	assert_int_equal(stub_lookup_err(d, "nest1"), -ENOENT);
	assert_int_equal(stub_readdir(d, &pos, -1, ents, 8), 3);
	inode_put(d);
	umount_img();
}

/* A bad xattr block checksum: the names in it and the list are -EBADMSG,
 * those kept in the inode still read (as on Linux). */
static void test_bad_xattr_block(void **state)
{
	char v[2048];
	struct iobuf b = {.kbuf = v, .len = sizeof(v)};
	struct inode *i;
	uint64_t blk;

	mount_img("ext4-1k");
	i = stub_get(sb.root, "xattrs");
	blk = EI(i)->file_acl;
	assert_true(blk != 0);
	inode_put(i);
	umount_img();
	stub_bdev_corrupt(blk * 1024 + 200, 0x80);
	mount_img("ext4-1k");
	i = stub_get(sb.root, "xattrs");
	assert_int_equal(sb.ops->getxattr(i, "user.big", &b), -EBADMSG);
	assert_int_equal(sb.ops->getxattr(i, "user.small", &b), 1);
	assert_int_equal(sb.ops->listxattr(i, &b), -EBADMSG);
	inode_put(i);
	umount_img();
}

static void test_bad_extent_block(void **state)
{
	struct inode *i;
	uint8_t raw[64];
	uint64_t idx;
	char buf[64];

	mount_img("ext4-1k");
	i = stub_get(sb.root, "frag");
	memcpy(raw, EI(i)->raw + I_BLOCK, I_BLOCK_SIZE);
	assert_true(le16_at(raw, 6) >= 2); /* depth: the tree has index levels */
	idx = le32_at(raw, 12 + 4);	   /* the first index entry's child */
	inode_put(i);
	umount_img();

	stub_bdev_corrupt(idx * 1024 + 20, 0x80);
	mount_img("ext4-1k");
	i = stub_get(sb.root, "frag");
	/* EIO, as Linux's read(2) reports it (its log says "checksum") */
	assert_int_equal(stub_read(i, 0, buf, sizeof(buf)), -EIO);
	assert_non_null(strstr(stub_last_log, "checksum invalid"));
	inode_put(i);
	umount_img();
}

/* Set superblock bits in what is read (and fix its checksum as a tool
 * would): the mount's answer. */
static int mount_with_features(uint32_t incompat, uint32_t ro_compat, bool read_only)
{
	uint8_t s[EXT2_SB_SIZE];
	FILE *f;
	uint32_t crc, c2;
	int err;

	snprintf(img_path, sizeof(img_path), "%s", at("ext4-4k.img", ""));
	f = fopen(img_path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, EXT2_SB_OFFSET, SEEK_SET), 0);
	assert_int_equal(fread(s, 1, sizeof(s), f), sizeof(s));
	fclose(f);
	for (int b = 0; b < 32; b++) {
		if (incompat & (1u << b))
			stub_bdev_corrupt(EXT2_SB_OFFSET + SB_FEATURE_INCOMPAT + b / 8,
					  1u << (b % 8));
		if (ro_compat & (1u << b))
			stub_bdev_corrupt(EXT2_SB_OFFSET + SB_FEATURE_RO_COMPAT + b / 8,
					  1u << (b % 8));
	}
	for (int k = 0; k < 4; k++) {
		s[SB_FEATURE_INCOMPAT + k] ^= (uint8_t)(incompat >> (8 * k));
		s[SB_FEATURE_RO_COMPAT + k] ^= (uint8_t)(ro_compat >> (8 * k));
	}
	crc = crc32c(~0u, s, SB_CHECKSUM);
	c2 = le32_at(s, SB_CHECKSUM);
	for (int k = 0; k < 4; k++) {
		uint8_t m = (uint8_t)((crc ^ c2) >> (8 * k));

		if (m)
			stub_bdev_corrupt(EXT2_SB_OFFSET + SB_CHECKSUM + k, m);
	}
	err = try_mount("ext4-4k", read_only);
	stub_bdev_clean();
	return err;
}

static void test_features(void **state)
{
	/* every writable mount below is refused before it writes (the
	 * features are flipped only in what the stub reads) */
	stub_bdev_writable = true;
	stub_last_log[0] = '\0';
	assert_int_equal(mount_with_features(0x8000 /* inline_data */, 0, false), -EINVAL);
	assert_non_null(strstr(stub_last_log, "unsupported optional features (8000)"));
	assert_int_equal(mount_with_features(0x10000 /* encrypt */, 0, true), -EINVAL);
	assert_int_equal(stub_live_allocs, 0);
	/* an unknown ro_compat feature: fine read-only, refused read-write;
	 * quota too (its files would not be kept up to date) */
	assert_int_equal(mount_with_features(0, 0x40000000, false), -EINVAL);
	assert_non_null(strstr(stub_last_log, "couldn't mount RDWR"));
	assert_int_equal(mount_with_features(0, RO_COMPAT_QUOTA, false), -EINVAL);
	assert_int_equal(mount_with_features(0, 0x40000000, true), 0);
	assert_true(sb.read_only);
	umount_img();
	/* a journal needing recovery is replayed (journal_test.c has the
	 * cases), on a read-only mount too, as Linux does */
	assert_int_equal(mount_with_features(INCOMPAT_RECOVER, 0, false), 0);
	assert_non_null(FS()->journal);
	umount_img();
	assert_int_equal(mount_with_features(INCOMPAT_RECOVER, 0, true), 0);
	assert_non_null(FS()->journal);
	umount_img();
	stub_bdev_writable = false;
	memset(&sb, 0, sizeof(sb));
	sb.read_only = true;
	assert_int_equal(ext4_fs_type.mount(&sb, "services", NULL, 0), -ENOTBLK);
	assert_int_equal(ext4_fs_type.mount(&sb, at("nonexistent", ""), NULL, 0), -ENXIO);
	assert_int_equal(stub_live_allocs, 0);
}

/* The names ext2 and ext3 mount only what those revisions read, as on
 * Linux (an ext3 volume mounts as ext2, its journal ignored; the cases
 * matched loop mounts on Linux 6.18); ext4 mounts all three. */
static void test_type_names(void **state)
{
	static const struct {
		const char *img;
		const struct fs_type *type;
		bool read_only;
		int want;
	} cases[] = {
		{"ext2-4k", &ext2_fs_type, false, 0},
		{"ext2-4k", &ext3_fs_type, true, -EINVAL},
		{"ext2-4k", &ext4_fs_type, false, 0},
		{"ext3-1k", &ext2_fs_type, false, 0},
		{"ext3-1k", &ext3_fs_type, false, 0},
		{"ext3-1k", &ext4_fs_type, false, 0},
		{"ext4-4k", &ext2_fs_type, true, -EINVAL},
		{"ext4-4k", &ext3_fs_type, true, -EINVAL},
		{"ext4-4k", &ext4_fs_type, false, 0},
	};

	stub_bdev_writable = true; /* the read-write mounts write only the superblock */
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int err;

		memset(&sb, 0, sizeof(sb));
		sb.type = cases[i].type;
		sb.read_only = cases[i].read_only;
		snprintf(img_path, sizeof(img_path), "%s", at("%s.img", cases[i].img));
		err = cases[i].type->mount(&sb, img_path, NULL, 0);
		if (err != cases[i].want)
			fail_msg("%s as %s: %d", cases[i].img, cases[i].type->name, err);
		if (!err)
			umount_img();
		else
			assert_non_null(strstr(stub_last_log, "feature incompatibilities"));
		assert_int_equal(stub_live_allocs, 0);
	}
	stub_bdev_writable = false;
}

static void test_device_errors(void **state)
{
	struct inode *i;
	char buf[4096];

	for (long n = 1; n < 40; n++) {
		stub_reset();
		stub_bread_fail_countdown = n;
		if (try_mount("ext4-1k", false) != 0) {
			assert_int_equal(stub_live_allocs, 0);
			continue;
		}
		if (stub_lookup_path(sb.root, "nest0/nest1/leaf", &i) == 0) {
			ssize_t r = stub_read(i, 0, buf, sizeof(buf));

			assert_true(r == -EIO || r == 101);
			inode_put(i);
		}
		umount_img();
	}
}

/* ---- fuzzing ---- */

static unsigned fuzz_budget;
static unsigned long fuzz_nodes, fuzz_mounts; /* how far the campaign got */

static void fuzz_walk(struct inode *ino, int depth)
{
	static char buf[65536];
	struct stub_dirent ents[64];
	struct vfs_stat st;
	uint64_t pos = 0;
	long n, visited = 0; /* children walked: at most 48 a directory */

	if (fuzz_budget == 0 || depth > 6)
		return;
	fuzz_budget--;
	fuzz_nodes++;
	(void)stub_stat(ino, &st);
	{
		struct iobuf b = {.kbuf = buf, .len = sizeof(buf)};

		if (sb.ops->listxattr(ino, &b) >= 0) {
			struct iobuf v = {.kbuf = buf + 4096, .len = 4096};

			(void)sb.ops->getxattr(ino, "user.big", &v);
			(void)sb.ops->getxattr(ino, "system.posix_acl_access", &v);
		}
	}
	if (ino->kind == INODE_SYMLINK) {
		(void)ino->ops.symlink->readlink(ino, buf, sizeof(buf));
		return;
	}
	if (ino->kind == INODE_FILE) {
		if (!ino->ops.file->special)
			for (uint64_t off = 0; off < (256u << 10); off += sizeof(buf))
				if (stub_read(ino, off, buf, sizeof(buf)) <= 0)
					break;
		return;
	}
	while ((n = stub_readdir(ino, &pos, 64, ents, 64)) > 0 && visited < 48) {
		for (long i = 0; i < n && visited < 48; i++) {
			struct inode *c;

			if (!strcmp(ents[i].name, ".") || !strcmp(ents[i].name, ".."))
				continue;
			visited++;
			if (ino->ops.dir->lookup(ino, ents[i].name, ents[i].len, &c) == 0) {
				fuzz_walk(c, depth + 1);
				inode_put(c);
			}
		}
	}
}

static void test_fuzz(void **state)
{
	const char *imgs[] = {"ext4-1k", "ext4-2k-nocsum", "ext2-2k-tea-unsigned", "ext3-1k"};
	uint64_t meta[4][4096];
	unsigned nmeta[4] = {0};
	int rounds;

	/* the metadata blocks of each image: superblock, descriptors, the inode
	 * table blocks of the inodes in use, and every directory block */
	for (int m = 0; m < 4; m++) {
		struct ext2_fs *fs;
		static struct stub_dirent ents[MAX_ENTS];
		const char *dirs[] = {"", "big", "deep", "nest0", "modes"};

		mount_img(imgs[m]);
		fs = FS();
		meta[m][nmeta[m]++] = 0;
		meta[m][nmeta[m]++] = 1;
		meta[m][nmeta[m]++] = fs->first_data_block + 1;
		{
			/* the xattr block, and frag's extent tree or indirect blocks */
			struct inode *x = stub_get(sb.root, "xattrs"),
				     *f = stub_get(sb.root, "frag");

			if (EI(x)->file_acl)
				meta[m][nmeta[m]++] = EI(x)->file_acl;
			for (int k = 0; k < 15; k++) {
				uint32_t b = le32_at(EI(f)->raw, I_BLOCK + 4 * k);

				if (b > fs->first_data_block && b < fs->blocks_count)
					meta[m][nmeta[m]++] = b;
			}
			inode_put(x);
			inode_put(f);
		}
		for (int d = 0; d < 5; d++) {
			struct inode *dir = stub_get(sb.root, dirs[d]);
			uint64_t pos = 0;
			long n = stub_readdir(dir, &pos, -1, ents, MAX_ENTS);

			for (uint64_t b = 0; b < EI(dir)->size / fs->bsize && nmeta[m] < 4000;
			     b++) {
				uint64_t p, r;

				if (!ext2_bmap(EI(dir), b, &p, &r) && p)
					meta[m][nmeta[m]++] = p;
			}
			for (long i = 0; i < n && nmeta[m] < 4000; i += 50)
				meta[m][nmeta[m]++] =
					inode_offset((uint32_t)ents[i].ino) / fs->bsize;
			inode_put(dir);
		}
		umount_img();
	}
	/* EXT2_FUZZ_ROUNDS and EXT2_FUZZ_SEED run a longer or another campaign */
	rounds = getenv("EXT2_FUZZ_ROUNDS") ? atoi(getenv("EXT2_FUZZ_ROUNDS")) : 200;
	srand(getenv("EXT2_FUZZ_SEED") ? (unsigned)atoi(getenv("EXT2_FUZZ_SEED")) : 20261205u);
	for (int round = 0; round < rounds; round++) {
		int m = round % 4, flips = 1 + rand() % 8;
		struct ext2_fs probe;

		stub_reset();
		stub_bdev_clean();
		mount_img(imgs[m]);
		probe = *FS();
		umount_img();
		for (int f = 0; f < flips; f++) {
			uint64_t blk = meta[m][(unsigned)rand() % nmeta[m]];

			stub_bdev_corrupt(blk * probe.bsize + (unsigned)rand() % probe.bsize,
					  (uint8_t)(1 + rand() % 255));
		}
		if (try_mount(imgs[m], true) == 0) {
			fuzz_mounts++;
			fuzz_budget = 200;
			fuzz_walk(sb.root, 0);
			{
				struct vfs_statfs st;

				(void)sb.ops->statfs(&sb, &st);
			}
			umount_img();
		}
		assert_int_equal(stub_live_allocs, 0);
		assert_int_equal(stub_live_bufs, 0);
		assert_int_equal(stub_live_bdevs, 0);
	}
	stub_bdev_clean();
	print_message("# fuzz: %d rounds, %lu mounted, %lu nodes walked\n", rounds, fuzz_mounts,
		      fuzz_nodes);
	assert_true(fuzz_mounts > (unsigned long)rounds / 2);
}

static void test_hash_vectors(void **state)
{
	/* the default seed; values from debugfs's dx_hash on the same names */
	uint32_t zero[4] = {0};

	assert_int_equal(ext2_dx_hash("a", 1, DX_HASH_LEGACY, zero, NULL) & 1, 0);
	assert_int_equal(ext2_dx_hash("abc", 3, DX_HASH_HALF_MD4, zero, NULL),
			 ext2_dx_hash("abc", 3, DX_HASH_HALF_MD4_UNSIGNED, zero, NULL));
	assert_int_not_equal(ext2_dx_hash("caf\xc3\xa9", 5, DX_HASH_TEA, zero, NULL),
			     ext2_dx_hash("caf\xc3\xa9", 5, DX_HASH_TEA_UNSIGNED, zero, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_hash_vectors, setup),
		cmocka_unit_test_setup(test_tree, setup),
		cmocka_unit_test_setup(test_timestamps, setup),
		cmocka_unit_test_setup(test_dx_lookup, setup),
		cmocka_unit_test_setup(test_readdir_hash_order, setup),
		cmocka_unit_test_setup(test_readdir_positions, setup),
		cmocka_unit_test_setup(test_statfs, setup),
		cmocka_unit_test_setup(test_read_only, setup),
		cmocka_unit_test_setup(test_partial_read, setup),
		cmocka_unit_test_setup(test_bad_checksums, setup),
		cmocka_unit_test_setup(test_bad_group_desc, setup),
		cmocka_unit_test_setup(test_bad_dirent, setup),
		cmocka_unit_test_setup(test_bad_xattr_block, setup),
		cmocka_unit_test_setup(test_bad_extent_block, setup),
		cmocka_unit_test_setup(test_features, setup),
		cmocka_unit_test_setup(test_type_names, setup),
		cmocka_unit_test_setup(test_device_errors, setup),
		cmocka_unit_test_setup(test_fuzz, setup),
	};

	return cmocka_run_group_tests(tests, build_images, remove_images);
}
