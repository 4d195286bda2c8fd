/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Host tests for the initramfs service, through its ops tables and the
 * host service API (tests/host/include/hosttest/service_stub.h).  Archives
 * come from GNU cpio over a tree made at test time, whose every path is
 * then compared with lstat(), readlink(), the file's bytes and the
 * directory's listing on the host; and from entries written here to pin
 * Linux's unpacking rules one at a time (replacement, hard links, device
 * nodes, symlinks in parent paths, skipped entries).  Every test ends by
 * unmounting and checking that every allocation and inode was freed;
 * malformed archives and each failed allocation in turn must fail the
 * mount with nothing left behind.
 */
/* hosttest-sources: services/kevlar_initramfs/tree.c services/kevlar_initramfs/ops.c */
/* hosttest-sources: services/kevlar_initramfs/unpack.c services/kevlar_initramfs/cpio.c */
/* hosttest-sources: tests/host/include/hosttest/service_stub.c */
/* hosttest-cflags: -Ilibs/kevlar_vfs/include -D_GNU_SOURCE -include sys/stat.h */
/* (glibc's S_IF* macros for the service sources: the UAPI <linux/stat.h>
 * leaves them to glibc when it sees glibc; _GNU_SOURCE for nftw, scandir.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <cmocka.h>
#include <klib/errno.h>
#include <hosttest/files.h>
#include <hosttest/service_stub.h>
#include "initramfs.h"

#define AR_CAP	    (1u << 20)
#define MAX_NAMES   512
#define T_MTIME	    1234567890u
#define BOGO_DIRENT 20

/* ---- archives written here ---- */

static uint8_t ar[AR_CAP];
static size_t ar_len;
static uint32_t ar_ino;

/* One entry: unset fields default to nlink 1, a fresh ino, and the
 * data's strlen for size. */
struct ent {
	const char *name;
	uint32_t mode;
	const char *data;
	size_t size;
	uint32_t nlink, ino, uid, gid, mtime, dmaj, dmin, rmaj, rmin;
};

static void put(const void *p, size_t n)
{
	assert_true(ar_len + n <= AR_CAP);
	if (n)
		memcpy(ar + ar_len, p, n);
	ar_len += n;
}

static void pad4(void)
{
	while (ar_len % 4)
		ar[ar_len++] = 0;
}

static void add(struct ent e)
{
	char hdr[160];
	size_t namesize = strlen(e.name) + 1;
	int n;

	if (e.data && !e.size)
		e.size = strlen(e.data);
	n = snprintf(hdr, sizeof(hdr),
		     "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		     e.ino ? e.ino : ar_ino++, e.mode, e.uid, e.gid, e.nlink ? e.nlink : 1, e.mtime,
		     e.size, e.dmaj, e.dmin, e.rmaj, e.rmin, namesize, 0u);
	assert_int_equal(n, 110);
	put(hdr, 110);
	put(e.name, namesize);
	pad4();
	put(e.data, e.size);
	pad4();
}
#define ADD(...) add((struct ent){__VA_ARGS__})

static void ar_reset(void)
{
	memset(ar, 0, sizeof(ar));
	ar_len = 0;
	ar_ino = 1000;
}

static void ar_end(void)
{
	ADD(.name = "TRAILER!!!");
}

/* ---- mounting and looking ---- */

static struct vfs_sb sb;

static int mount_buf(const void *buf, size_t len)
{
	int err;

	memset(&sb, 0, sizeof(sb));
	sb.type = &initramfs_fs_type;
	sb.dev_id = 7;
	err = initramfs_fs_type.mount(&sb, "rootfs", buf, len);
	if (err) { /* a failed mount leaves nothing behind */
		assert_null(sb.root);
		assert_int_equal(stub_live_allocs, 0);
		assert_int_equal(stub_live_inodes, 0);
	} else {
		assert_non_null(sb.root);
		assert_true(sb.read_only);
	}
	return err;
}

static void mount_ar(void)
{
	assert_int_equal(mount_buf(ar, ar_len), 0);
}

/* Drop the root reference, release, and check everything was freed. */
static void umount(void)
{
	inode_put(sb.root);
	sb.ops->release(&sb);
	assert_int_equal(stub_live_inodes, 0);
	assert_int_equal(stub_live_allocs, 0);
}

static struct inode *get(const char *path)
{
	return stub_get(sb.root, path);
}

static int lookup_err(const char *path)
{
	return stub_lookup_err(sb.root, path);
}

static struct vfs_stat st(const char *path)
{
	struct inode *i = get(path);
	struct vfs_stat s;

	assert_int_equal(stub_stat(i, &s), 0);
	inode_put(i);
	return s;
}

/* The file's whole contents equal data/len. */
static void expect_file(const char *path, const void *data, size_t len)
{
	struct inode *i = get(path);
	char buf[8192];

	assert_true(len < sizeof(buf));
	assert_int_equal(st(path).size, len);
	assert_int_equal(stub_read(i, 0, buf, sizeof(buf)), len);
	assert_memory_equal(buf, data, len);
	inode_put(i);
}

static const char *target(const char *path)
{
	static char buf[PATH_MAX + 1];
	struct inode *i = get(path);
	ssize_t n;

	assert_int_equal(i->kind, INODE_SYMLINK);
	n = i->ops.symlink->readlink(i, buf, PATH_MAX);
	assert_true(n >= 0 && n <= PATH_MAX);
	buf[n] = '\0';
	inode_put(i);
	return buf;
}

static uint64_t ino_of(const char *path)
{
	return st(path).ino;
}

static struct stub_dirent list[MAX_NAMES];

/* The listing of `path` as one string: "., .., a, b". */
static const char *listing(const char *path)
{
	static char out[8192];
	struct inode *d = get(path);
	uint64_t pos = 0;
	long n = stub_readdir(d, &pos, -1, list, MAX_NAMES);

	out[0] = '\0';
	for (long k = 0; k < n; k++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", k ? ", " : "",
			 list[k].name);
	inode_put(d);
	return out;
}

static int setup(void **state)
{
	stub_reset();
	ar_reset();
	return 0;
}

/* ---- the filesystem type and an empty image ---- */

static void fs_type_and_ops(void **state)
{
	struct iobuf none = {.user = false, .kbuf = NULL, .len = 0};
	struct inode *f;

	assert_string_equal(initramfs_fs_type.name, "rootfs");
	assert_int_equal(vfs_register_fs(&initramfs_fs_type), 0);
	assert_ptr_equal(stub_find_fs("rootfs"), &initramfs_fs_type);
	ADD(.name = "f", .mode = 0100644, .data = "x");
	ar_end();
	mount_ar();
	assert_int_equal(sb.root->kind, INODE_DIR);
	assert_ptr_equal(sb.root->sb, &sb);
	/* Read-only: every mutation slot is empty, and so is write. */
	assert_null(sb.root->ops.dir->create);
	assert_null(sb.root->ops.dir->mkdir);
	assert_null(sb.root->ops.dir->symlink);
	assert_null(sb.root->ops.dir->link);
	assert_null(sb.root->ops.dir->unlink);
	assert_null(sb.root->ops.dir->rmdir);
	assert_null(sb.root->ops.dir->rename);
	assert_null(sb.root->ops.dir->setattr);
	assert_null(sb.root->ops.dir->mknod);
	f = get("f");
	assert_null(f->ops.file->write);
	assert_null(f->ops.file->setattr);
	assert_null(f->ops.file->truncate);
	/* extended attributes: none, as an empty rootfs (tmpfs) shows */
	assert_int_equal(sb.ops->getxattr(f, "user.a", &none), -ENODATA);
	assert_int_equal(sb.ops->getxattr(f, "security.selinux", &none), -ENODATA);
	assert_int_equal(sb.ops->getxattr(f, "system.posix_acl_access", &none), -ENODATA);
	assert_int_equal(sb.ops->getxattr(f, "user.", &none), -EINVAL);
	assert_int_equal(sb.ops->getxattr(f, "other.a", &none), -EOPNOTSUPP);
	assert_null(sb.ops->setxattr); /* read-only: the kernel's EROFS first */
	assert_null(sb.ops->listxattr);
	inode_put(f);
	umount();
}

static void empty_image(void **state)
{
	static const uint8_t zeros[1024];
	struct vfs_stat s;
	uint64_t files, blocks, bfree;

	for (int k = 0; k < 3; k++) {
		assert_int_equal(k == 0	  ? mount_buf(NULL, 0)
				 : k == 1 ? mount_buf(zeros, sizeof(zeros))
					  : (ar_end(), mount_buf(ar, ar_len)),
				 0);
		s = st("");
		assert_int_equal(s.mode, 040755);
		assert_int_equal(s.nlink, 2);
		assert_int_equal(s.size, 2 * BOGO_DIRENT);
		assert_int_equal(s.uid, 0);
		assert_int_equal(s.ino, 1);
		assert_int_equal(s.mtime.sec, STUB_NOW_SEC);
		assert_int_equal(s.atime.sec, STUB_NOW_SEC);
		assert_string_equal(listing(""), "., ..");
		assert_int_equal(list[0].ino, 1);
		assert_int_equal(list[1].ino, 1); /* the root is its own parent */
		assert_int_equal(list[0].type, 4 /* DT_DIR */);
		assert_int_equal(stub_statfs_used(&sb, &blocks, &bfree, &files), 0);
		assert_int_equal(files, 1);
		assert_int_equal(bfree, 0);
		umount();
	}
}

/* The root entry sets the root's attributes, in any spelling. */
static void root_entry(void **state)
{
	static const char *names[] = {".", "/", "./", "./."};

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		ar_reset();
		ADD(.name = names[k], .mode = 040701, .uid = 5, .gid = 6, .mtime = T_MTIME);
		ADD(.name = ".", .mode = 0100644, .data = "not a dir"); /* ignored */
		ADD(.name = ".", .mode = 0120777, .data = "x");		/* ignored */
		ar_end();
		mount_ar();
		struct vfs_stat s = st("");
		assert_int_equal(s.mode, 040701);
		assert_int_equal(s.uid, 5);
		assert_int_equal(s.gid, 6);
		assert_int_equal(s.mtime.sec, T_MTIME);
		assert_string_equal(listing(""), "., ..");
		umount();
	}
}

/* ---- a tree made by GNU cpio, compared with the host's view ---- */

static char tmpdir[] = "build/host/initramfs_test.XXXXXX";
static char root[PATH_MAX];
static bool have_tmpdir;

static void sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_int_equal(system(cmd), 0);
}

static void write_file(const char *rel, const void *data, size_t n)
{
	char p[2 * PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	host_write_file(p, data, n);
}

/* Build the tree once and return cpio's newc archive of it (NULL if cpio
 * is missing): every kind of entry cpio stores without root privileges. */
static uint8_t *real_archive(size_t *len)
{
	static uint8_t blob[5003];
	char longname[256], p[PATH_MAX];

	if (system("command -v cpio >/dev/null 2>&1") != 0)
		return NULL;
	if (!have_tmpdir) {
		assert_non_null(mkdtemp(tmpdir));
		have_tmpdir = true;
		snprintf(root, sizeof(root), "%s/t", tmpdir);
		sh("mkdir -p %s/dir/sub/deeper %s/emptydir %s/many", root, root, root);
		write_file("file", "hello, world\n", 13);
		write_file("empty", "", 0);
		sh("cd %s && ln -s file link && ln -s /no/such/target dir/dangling && "
		   "ln -s ../file dir/up",
		   root);
		write_file("dir/hard1", "linked\n", 7);
		sh("cd %s && ln dir/hard1 hard2 && ln dir/hard1 dir/sub/hard3", root);
		sh("cd %s && mkfifo fifo && chmod 4751 file && chmod 700 emptydir", root);
		for (size_t i = 0; i < sizeof(blob); i++)
			blob[i] = (uint8_t)(i * 7 + i / 256);
		write_file("dir/blob", blob, sizeof(blob));
		for (int i = 0; i < 40; i++) {
			snprintf(p, sizeof(p), "many/f%02d", (i * 17) % 40);
			write_file(p, p, (size_t)i);
		}
		write_file("with space\nand newline", "w", 1);
		memset(longname, 'n', 255);
		longname[255] = '\0';
		write_file(longname, "long", 4);
		memset(longname, 'd', 255);
		snprintf(p, sizeof(p), "%s", root);
		for (int d = 0; d < 8; d++) {
			strcat(p, "/");
			strcat(p, longname);
			assert_int_equal(mkdir(p, 0750), 0);
		}
		strcat(p, "/leaf");
		assert_int_equal(symlink("leaf-target", p), 0);
		sh("touch -h -d @1234567890 %s/file %s/link %s/dir", root, root, root);
		sh("cd %s && find . -print0 | LC_ALL=C sort -z | cpio -o0 -H newc --quiet > "
		   "../t.cpio",
		   root);
	}
	snprintf(p, sizeof(p), "%s/t.cpio", tmpdir);
	return host_read_file(p, len);
}

static const char *walk_names[MAX_NAMES];
static size_t walk_n;

static int walk_cb(const char *path, const struct stat *s, int type, struct FTW *ftw)
{
	const char *rel = path + strlen(root);

	assert_true(walk_n < MAX_NAMES);
	walk_names[walk_n++] = strdup(*rel == '/' ? rel + 1 : rel);
	return 0;
}

static int by_bytes(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Our listing of a directory equals the host's, in byte order, with "."
 * and ".." first, and each entry's ino and type match its stat. */
static void check_dir(const char *rel, const char *host, const struct vfs_stat *s)
{
	struct dirent **names;
	int n = scandir(host, &names, NULL, by_bytes);
	struct inode *d = get(rel);
	uint64_t pos = 0;
	long got = stub_readdir(d, &pos, -1, list, MAX_NAMES);
	char child[2 * PATH_MAX];
	int subdirs = 0;

	assert_true(n >= 2);
	assert_int_equal(got, n);
	assert_int_equal(s->size, n * BOGO_DIRENT);
	assert_string_equal(list[0].name, ".");
	assert_int_equal(list[0].ino, s->ino);
	assert_string_equal(list[1].name, "..");
	for (int k = 0, j = 2; k < n; k++) {
		if (!strcmp(names[k]->d_name, ".") || !strcmp(names[k]->d_name, "..")) {
			free(names[k]);
			continue;
		}
		assert_string_equal(list[j].name, names[k]->d_name);
		snprintf(child, sizeof(child), "%s%s%s", rel, *rel ? "/" : "", names[k]->d_name);
		struct vfs_stat cs = st(child);
		assert_int_equal(list[j].ino, cs.ino);
		assert_int_equal(list[j].type, (cs.mode & S_IFMT) >> 12);
		assert_int_equal(list[j].type, names[k]->d_type);
		subdirs += S_ISDIR(cs.mode);
		free(names[k]);
		j++;
	}
	free(names);
	assert_int_equal(s->nlink, 2 + subdirs);
	/* ".." is the parent's inode */
	if (*rel) {
		char parent[PATH_MAX];
		char *slash;

		snprintf(parent, sizeof(parent), "%s", rel);
		slash = strrchr(parent, '/');
		*(slash ? slash : parent) = '\0';
		assert_int_equal(list[1].ino, ino_of(parent));
	} else {
		assert_int_equal(list[1].ino, s->ino);
	}
	inode_put(d);
}

/* Contents by whole reads and by chunks at every alignment. */
static void check_file(const char *rel, const char *host, size_t size)
{
	size_t n;
	uint8_t *want = host_read_file(host, &n), *got = malloc(n + 64);
	struct inode *f = get(rel);
	static const size_t chunks[] = {1, 3, 512, 4096, 100000};

	assert_int_equal(n, size);
	assert_int_equal(stub_read(f, 0, got, n + 64), n);
	assert_memory_equal(got, want, n);
	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		size_t off = 0;
		ssize_t r;

		memset(got, 0, n + 64);
		while ((r = stub_read(f, off, got + off, chunks[c])) > 0)
			off += (size_t)r;
		assert_int_equal(r, 0);
		assert_int_equal(off, n);
		assert_memory_equal(got, want, n);
	}
	free(want);
	free(got);
	inode_put(f);
}

static void real_tree(void **state)
{
	size_t len;
	uint8_t *buf = real_archive(&len);
	uint64_t host_ino[MAX_NAMES], our_ino[MAX_NAMES];
	char host[2 * PATH_MAX], tgt[PATH_MAX];

	if (!buf)
		skip();
	assert_int_equal(mount_buf(buf, len), 0);
	walk_n = 0;
	assert_int_equal(nftw(root, walk_cb, 16, FTW_PHYS), 0);
	assert_true(walk_n > 60);
	for (size_t k = 0; k < walk_n; k++) {
		const char *rel = walk_names[k];
		struct stat hs;
		struct vfs_stat s = st(rel);

		snprintf(host, sizeof(host), "%s%s%s", root, *rel ? "/" : "", rel);
		assert_int_equal(lstat(host, &hs), 0);
		assert_int_equal(s.mode, hs.st_mode);
		assert_int_equal(s.uid, hs.st_uid);
		assert_int_equal(s.gid, hs.st_gid);
		assert_int_equal(s.nlink, hs.st_nlink);
		assert_int_equal(s.mtime.sec, hs.st_mtime);
		assert_int_equal(s.atime.sec, s.mtime.sec);
		assert_int_equal(s.ctime.sec, s.mtime.sec);
		assert_int_equal(s.rdev, 0);
		assert_int_equal(s.blksize, 4096);
		if (S_ISDIR(hs.st_mode)) {
			assert_int_equal(s.blocks, 0);
			check_dir(rel, host, &s);
		} else {
			assert_int_equal(s.size, hs.st_size);
			assert_int_equal(s.blocks, (s.size + 511) / 512);
		}
		if (S_ISREG(hs.st_mode))
			check_file(rel, host, (size_t)hs.st_size);
		if (S_ISLNK(hs.st_mode)) {
			ssize_t n = readlink(host, tgt, sizeof(tgt) - 1);

			assert_true(n > 0);
			tgt[n] = '\0';
			assert_string_equal(target(rel), tgt);
		}
		/* Inode numbers: equal exactly for hard links. */
		host_ino[k] = hs.st_ino;
		our_ino[k] = s.ino;
		for (size_t j = 0; j < k; j++)
			assert_true((host_ino[j] == host_ino[k]) == (our_ino[j] == our_ino[k]));
	}
	assert_int_equal(st("dir/sub/hard3").nlink, 3);
	assert_int_equal(ino_of("hard2"), ino_of("dir/hard1"));
	for (size_t k = 0; k < walk_n; k++)
		free((void *)walk_names[k]);
	umount();
	free(buf);
}

/* Every prefix of the real archive mounts or fails cleanly (mount_buf
 * checks that a failure leaves nothing). */
static void real_prefixes(void **state)
{
	size_t len, ok = 0, bad = 0;
	uint8_t *buf = real_archive(&len);

	if (!buf)
		skip();
	for (size_t l = 0; l <= len; l += (l < 2048 ? 1 : 97)) {
		uint8_t *copy = malloc(l ? l : 1);
		int err;

		memcpy(copy, buf, l);
		err = mount_buf(copy, l);
		assert_true(err == 0 || err == -EINVAL);
		if (!err) {
			umount();
			ok++;
		} else {
			bad++;
		}
		free(copy);
	}
	assert_int_equal(mount_buf(buf, len), 0);
	umount();
	assert_true(ok >= 1 && bad > 100);
	free(buf);
}

/* ---- reading ---- */

static void read_offsets(void **state)
{
	static char data[1000];
	static const uint64_t offs[] = {0, 1, 3, 511, 512, 999, 1000, 1001, 5000, UINT64_MAX};
	static const size_t lens[] = {0, 1, 7, 512, 999, 1000, 2000};
	char buf[2048];
	struct inode *f;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 23);
	ADD(.name = "f", .mode = 0100644, .data = data, .size = sizeof(data));
	ADD(.name = "e", .mode = 0100644);
	ar_end();
	mount_ar();
	f = get("f");
	for (size_t o = 0; o < sizeof(offs) / sizeof(offs[0]); o++) {
		for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
			uint64_t off = offs[o];
			size_t want = off >= sizeof(data) ? 0 : sizeof(data) - (size_t)off;

			want = want < lens[l] ? want : lens[l];
			memset(buf, 0, sizeof(buf));
			assert_int_equal(stub_read(f, off, buf, lens[l]), want);
			if (want)
				assert_memory_equal(buf, data + off, want);
		}
	}
	/* A user buffer goes through iobuf_put, which fails on the host. */
	struct iobuf ub = {.user = true, .len = 16};
	assert_int_equal(f->ops.file->read(f, 0, &ub, 0), -EFAULT);
	assert_int_equal(f->ops.file->read(f, 1000, &ub, 0), 0);
	inode_put(f);
	expect_file("e", "", 0);
	assert_int_equal(st("e").blocks, 0);
	assert_int_equal(st("f").blocks, 2);
	umount();
}

/* ---- lookup and readdir ---- */

static void lookup_errors(void **state)
{
	struct inode *d, *a, *b;

	ADD(.name = "bin", .mode = 040755);
	ADD(.name = "bin/sh", .mode = 0100755, .data = "#!");
	ADD(.name = "bin/sha", .mode = 0100755, .data = "#!");
	ar_end();
	mount_ar();
	assert_int_equal(lookup_err("nope"), -ENOENT);
	assert_int_equal(lookup_err("bi"), -ENOENT);
	assert_int_equal(lookup_err("binx"), -ENOENT);
	assert_int_equal(lookup_err("BIN"), -ENOENT);
	assert_int_equal(lookup_err("bin/s"), -ENOENT);
	assert_int_equal(lookup_err("bin/shx"), -ENOENT);
	assert_int_equal(lookup_err("bin/sh/x"), -ENOTDIR);
	assert_int_equal(lookup_err("bin/sha"), 0);
	/* Each lookup is a new reference to the one inode. */
	d = get("bin");
	assert_int_equal(d->ops.dir->lookup(d, "sh", 2, &a), 0);
	assert_int_equal(d->ops.dir->lookup(d, "sh", 2, &b), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(a->refs, 3);
	assert_int_equal(d->ops.dir->lookup(d, "shx", 2, &b), 0); /* length, not NUL */
	assert_ptr_equal(a, b);
	inode_put(a);
	inode_put(a);
	inode_put(b);
	inode_put(d);
	umount();
}

static void readdir_resume(void **state)
{
	static struct stub_dirent all[64], part[64];
	char name[16];
	struct inode *d;
	uint64_t pos;
	long n, total = 0;

	ADD(.name = "d", .mode = 040755);
	for (int i = 29; i >= 0; i--) { /* stored in byte order whatever the archive's */
		snprintf(name, sizeof(name), "d/%c%d", 'a' + i % 5, i);
		ADD(.name = name, .mode = i % 3 ? 0100644 : 040755);
	}
	ar_end();
	mount_ar();
	d = get("d");
	pos = 0;
	assert_int_equal(stub_readdir(d, &pos, -1, all, 64), 32);
	assert_int_equal(pos, 32);
	for (int i = 3; i < 32; i++)
		assert_true(strcmp(all[i - 1].name, all[i].name) < 0);
	/* One entry per call: nothing lost or repeated at the stop. */
	for (long budget = 1; budget <= 7; budget += 3) {
		pos = 0;
		total = 0;
		while ((n = stub_readdir(d, &pos, budget, part + total, 64 - (size_t)total)) > 0) {
			assert_true(n <= budget);
			total += n;
			assert_int_equal(pos, (uint64_t)total);
		}
		assert_int_equal(n, 0);
		assert_int_equal(total, 32);
		for (int i = 0; i < 32; i++) {
			assert_string_equal(part[i].name, all[i].name);
			assert_int_equal(part[i].ino, all[i].ino);
		}
	}
	/* A full buffer at once: nothing emitted, pos unchanged. */
	pos = 5;
	assert_int_equal(stub_readdir(d, &pos, 0, part, 64), 0);
	assert_int_equal(pos, 5);
	assert_int_equal(stub_readdir(d, &pos, -1, part, 64), 27);
	assert_string_equal(part[0].name, all[5].name);
	pos = 32;
	assert_int_equal(stub_readdir(d, &pos, -1, part, 64), 0);
	pos = 1000;
	assert_int_equal(stub_readdir(d, &pos, -1, part, 64), 0);
	assert_int_equal(st("d").nlink, 2 + 10);
	inode_put(d);
	umount();
}

/* ---- Linux's unpacking rules ---- */

static void implicit_parents(void **state)
{
	ADD(.name = "a/b/c", .mode = 0100600, .data = "c", .mtime = T_MTIME);
	ADD(.name = "x/./y//z/", .mode = 040700);
	ADD(.name = "p/../q", .mode = 0100644, .data = "q");
	ADD(.name = "./a/b/../b2", .mode = 040711);
	ar_end();
	mount_ar();
	assert_string_equal(listing(""), "., .., a, p, q, x");
	assert_string_equal(listing("a"), "., .., b, b2");
	struct vfs_stat s = st("a/b");
	assert_int_equal(s.mode, 040755);
	assert_int_equal(s.uid, 0);
	assert_int_equal(s.mtime.sec, STUB_NOW_SEC);
	assert_int_equal(s.nlink, 2);
	assert_int_equal(st("a").nlink, 4);
	assert_int_equal(st("").nlink, 2 + 3);
	assert_int_equal(st("a/b/c").mtime.sec, T_MTIME);
	assert_int_equal(st("x/y/z").mode, 040700);
	assert_int_equal(st("a/b2").mode, 040711);
	expect_file("q", "q", 1);
	assert_string_equal(listing("p"), "., ..");
	umount();
}

static void replace_same_type(void **state)
{
	ADD(.name = "f", .mode = 0100644, .data = "old contents", .uid = 1);
	ADD(.name = "h1", .mode = 0100644, .data = "shared", .nlink = 2, .ino = 7);
	ADD(.name = "h2", .mode = 0100644, .nlink = 2, .ino = 7);
	ADD(.name = "d", .mode = 040755, .uid = 1);
	ADD(.name = "d/kid", .mode = 0100644, .data = "kid");
	ADD(.name = "fifo", .mode = 010644, .uid = 1);
	ADD(.name = "t", .mode = 0100644, .data = "to be truncated");
	ar_end();
	ADD(.name = "f", .mode = 0100600, .data = "new", .uid = 2, .mtime = T_MTIME);
	ADD(.name = "h2", .mode = 0100640, .data = "rewritten");
	ADD(.name = "d", .mode = 040700, .uid = 3);
	ADD(.name = "fifo", .mode = 010600, .uid = 4, .rmaj = 9);
	ADD(.name = "t", .mode = 0100644);
	ar_end();
	mount_ar();
	/* A file over a file: that inode is truncated and rewritten. */
	assert_int_equal(ino_of("f"), 2);
	expect_file("f", "new", 3);
	assert_int_equal(st("f").mode, 0100600);
	assert_int_equal(st("f").uid, 2);
	assert_int_equal(st("f").mtime.sec, T_MTIME);
	/* ... and so another name of it sees the new contents, as on Linux. */
	assert_int_equal(ino_of("h1"), ino_of("h2"));
	expect_file("h1", "rewritten", 9);
	assert_int_equal(st("h1").mode, 0100640);
	assert_int_equal(st("h1").nlink, 2);
	/* A directory over a directory keeps its children. */
	assert_string_equal(listing("d"), "., .., kid");
	assert_int_equal(st("d").mode, 040700);
	assert_int_equal(st("d").uid, 3);
	/* A device over its own type: new mode and owner, same node. */
	assert_int_equal(st("fifo").mode, 010600);
	assert_int_equal(st("fifo").uid, 4);
	assert_int_equal(st("fifo").rdev, 0);
	/* an empty file over a file: O_TRUNC */
	expect_file("t", "", 0);
	umount();
}

static void replace_other_type(void **state)
{
	ADD(.name = "f2l", .mode = 0100644, .data = "file");
	ADD(.name = "l2f", .mode = 0120777, .data = "target");
	ADD(.name = "f2d", .mode = 0100644, .data = "file");
	ADD(.name = "empty2f", .mode = 040755);
	ADD(.name = "full2f", .mode = 040755);
	ADD(.name = "full2f/kid", .mode = 0100644);
	ADD(.name = "full2l", .mode = 040755);
	ADD(.name = "full2l/kid", .mode = 0100644);
	ADD(.name = "f2c", .mode = 0100644, .data = "file");
	ADD(.name = "l2l", .mode = 0120777, .data = "one");
	ADD(.name = "f2l", .mode = 0120777, .data = "f2d");
	ADD(.name = "l2f", .mode = 0100644, .data = "now a file");
	ADD(.name = "f2d", .mode = 040750);
	ADD(.name = "empty2f", .mode = 0100644, .data = "was empty");
	ADD(.name = "full2f", .mode = 0100644, .data = "skipped");
	ADD(.name = "full2l", .mode = 0120777, .data = "skipped");
	ADD(.name = "f2c", .mode = 020620, .rmaj = 1, .rmin = 3);
	ADD(.name = "l2l", .mode = 0120777, .data = "two");
	ar_end();
	mount_ar();
	assert_string_equal(target("f2l"), "f2d");
	expect_file("l2f", "now a file", 10);
	assert_int_equal(st("f2d").mode, 040750);
	assert_string_equal(listing("f2d"), "., ..");
	expect_file("empty2f", "was empty", 9);
	assert_string_equal(listing("full2f"), "., .., kid");
	assert_string_equal(listing("full2l"), "., .., kid");
	assert_int_equal(st("f2c").mode, 020620);
	assert_int_equal(st("f2c").rdev, makedev(1, 3));
	assert_string_equal(target("l2l"), "two");
	assert_int_equal(st("").nlink, 2 + 3);
	/* Replaced nodes are gone, not leaked until unmount. */
	uint64_t blocks, bfree, files;
	assert_int_equal(stub_statfs_used(&sb, &blocks, &bfree, &files), 0);
	assert_int_equal(files, 1 + 8 + 2);
	umount();
}

static void hard_links(void **state)
{
	/* GNU cpio's way: data with the last name. */
	ADD(.name = "a", .mode = 0100755, .nlink = 3, .ino = 5, .dmaj = 8, .dmin = 1);
	ADD(.name = "b", .mode = 0100755, .nlink = 3, .ino = 5, .dmaj = 8, .dmin = 1);
	ADD(.name = "sub/c", .mode = 0100700, .nlink = 3, .ino = 5, .dmaj = 8, .dmin = 1,
	    .data = "data", .uid = 9);
	/* data with the first: later empty names keep it */
	ADD(.name = "x", .mode = 0100644, .nlink = 2, .ino = 6, .data = "first");
	ADD(.name = "y", .mode = 0100644, .nlink = 2, .ino = 6);
	/* same ino, other device or type, or nlink 1: separate files */
	ADD(.name = "dev2", .mode = 0100644, .nlink = 3, .ino = 5, .dmaj = 8, .dmin = 2);
	ADD(.name = "fifo", .mode = 010644, .nlink = 3, .ino = 5, .dmaj = 8, .dmin = 1);
	ADD(.name = "single", .mode = 0100644, .nlink = 1, .ino = 6);
	/* device nodes link too */
	ADD(.name = "tty", .mode = 020666, .nlink = 2, .ino = 20, .rmaj = 5);
	ADD(.name = "tty2", .mode = 020666, .nlink = 2, .ino = 20, .rmaj = 5);
	ar_end();
	mount_ar();
	assert_int_equal(ino_of("a"), ino_of("b"));
	assert_int_equal(ino_of("a"), ino_of("sub/c"));
	assert_int_equal(st("a").nlink, 3);
	assert_int_equal(st("a").mode, 0100700);
	assert_int_equal(st("b").uid, 9);
	expect_file("a", "data", 4);
	expect_file("b", "data", 4);
	expect_file("y", "first", 5);
	assert_int_equal(ino_of("x"), ino_of("y"));
	assert_true(ino_of("dev2") != ino_of("a"));
	assert_true(ino_of("fifo") != ino_of("a"));
	assert_true(ino_of("single") != ino_of("x"));
	assert_int_equal(st("dev2").nlink, 1);
	assert_int_equal(ino_of("tty"), ino_of("tty2"));
	assert_int_equal(st("tty").nlink, 2);
	umount();
}

/* Linux forgets links at each trailer: concatenated archives (a base
 * image and an overlay) with renumbered inodes must not link. */
static void hard_links_per_archive(void **state)
{
	ADD(.name = "a", .mode = 0100644, .nlink = 2, .ino = 1, .data = "one");
	ADD(.name = "b", .mode = 0100644, .nlink = 2, .ino = 1);
	ar_end();
	ar_len += 508; /* cpio's padding to 512 */
	ADD(.name = "c", .mode = 0100644, .nlink = 2, .ino = 1, .data = "two");
	ADD(.name = "d", .mode = 0100644, .nlink = 2, .ino = 1);
	ar_end();
	mount_ar();
	assert_int_equal(ino_of("a"), ino_of("b"));
	assert_int_equal(ino_of("c"), ino_of("d"));
	assert_true(ino_of("a") != ino_of("c"));
	expect_file("b", "one", 3);
	expect_file("d", "two", 3);
	assert_int_equal(st("a").nlink, 2);
	umount();
}

static void device_nodes(void **state)
{
	static const struct {
		const char *name;
		uint32_t mode, maj, min;
	} devs[] = {
		{"console", 020600, 5, 1},	 {"sda", 060660, 8, 0},
		{"nvme", 060660, 259, 0x12345},	 {"tty63", 020620, 4, 63},
		{"fifo", 010644, 3, 3},		 {"sock", 0140755, 4, 4},
		{"big", 020600, 0xfff, 0xfffff},
	};

	for (size_t k = 0; k < sizeof(devs) / sizeof(devs[0]); k++)
		ADD(.name = devs[k].name, .mode = devs[k].mode, .rmaj = devs[k].maj,
		    .rmin = devs[k].min, .uid = 3, .mtime = T_MTIME);
	ar_end();
	mount_ar();
	for (size_t k = 0; k < sizeof(devs) / sizeof(devs[0]); k++) {
		struct inode *i = get(devs[k].name);
		struct vfs_stat s;

		assert_int_equal(i->kind, INODE_FILE);
		assert_int_equal(stub_stat(i, &s), 0);
		assert_int_equal(s.mode, devs[k].mode);
		if (S_ISCHR(s.mode) || S_ISBLK(s.mode))
			assert_int_equal(s.rdev, makedev(devs[k].maj, devs[k].min));
		else
			assert_int_equal(s.rdev, 0); /* as Linux's init_special_inode() */
		assert_int_equal(s.size, 0);
		assert_int_equal(s.nlink, 1);
		assert_int_equal(s.uid, 3);
		assert_int_equal(s.mtime.sec, T_MTIME);
		assert_true(i->ops.file->special); /* the kernel opens what it names */
		assert_null(i->ops.file->read);
		assert_null(i->ops.file->write);
		inode_put(i);
	}
	assert_int_equal(st("console").rdev, 0x501);
	umount();
}

static void symlinks(void **state)
{
	char buf[8];
	struct inode *l;
	static char longtarget[4098];

	memset(longtarget, 't', sizeof(longtarget) - 1);
	ADD(.name = "l", .mode = 0120644, .data = "some/where", .uid = 4, .mtime = T_MTIME);
	ADD(.name = "nul", .mode = 0120777, .data = "ab\0cd", .size = 5);
	ADD(.name = "empty", .mode = 0120777);
	ADD(.name = "long", .mode = 0120777, .data = longtarget, .size = 4097);
	ADD(.name = "max", .mode = 0120777, .data = longtarget, .size = 4096);
	ar_end();
	mount_ar();
	l = get("l");
	assert_int_equal(l->ops.symlink->readlink(l, buf, sizeof(buf)), 10);
	assert_memory_equal(buf, "some/whe", 8);
	assert_int_equal(l->ops.symlink->readlink(l, buf, 0), 10);
	inode_put(l);
	struct vfs_stat s = st("l");
	assert_int_equal(s.mode, 0120777); /* always 0777, as on Linux */
	assert_int_equal(s.size, 10);
	assert_int_equal(s.uid, 4);
	assert_int_equal(s.mtime.sec, T_MTIME);
	assert_int_equal(s.nlink, 1);
	assert_string_equal(target("nul"), "ab");
	assert_int_equal(lookup_err("empty"), -ENOENT);
	assert_int_equal(lookup_err("long"), -ENOENT);
	assert_int_equal(st("max").size, 4096);
	umount();
}

/* Parent paths resolve through symlinks, "..", and stop at files. */
static void symlinks_in_paths(void **state)
{
	char name[64], tgt[64];

	ADD(.name = "usr/lib", .mode = 040755);
	ADD(.name = "lib", .mode = 0120777, .data = "usr/lib");
	ADD(.name = "lib/rel", .mode = 0100644, .data = "1");
	ADD(.name = "abs", .mode = 0120777, .data = "/usr/../usr");
	ADD(.name = "abs/lib/abs", .mode = 0100644, .data = "2");
	ADD(.name = "usr/up", .mode = 0120777, .data = "../lib/");
	ADD(.name = "usr/up/viaup", .mode = 0100644, .data = "3");
	ADD(.name = "chain1", .mode = 0120777, .data = "chain2/.");
	ADD(.name = "chain2", .mode = 0120777, .data = "lib");
	ADD(.name = "chain1/chained", .mode = 0100644, .data = "4");
	ADD(.name = "dangling", .mode = 0120777, .data = "made/here");
	ADD(.name = "dangling/k", .mode = 0100644, .data = "5");
	ADD(.name = "loop1", .mode = 0120777, .data = "loop2");
	ADD(.name = "loop2", .mode = 0120777, .data = "loop1");
	ADD(.name = "loop1/x", .mode = 0100644, .data = "skipped");
	ADD(.name = "self", .mode = 0120777, .data = "self/a/b");
	ADD(.name = "self/y", .mode = 0100644, .data = "skipped");
	ADD(.name = "file", .mode = 0100644, .data = "f");
	ADD(.name = "file/z", .mode = 0100644, .data = "skipped");
	/* 40 symlinks in one path are followed, 41 are a loop (MAXSYMLINKS) */
	for (int chain = 40; chain <= 41; chain++) {
		for (int k = 0; k < chain; k++) {
			snprintf(name, sizeof(name), "c%d_%d", chain, k);
			snprintf(tgt, sizeof(tgt), "c%d_%d", chain, k + 1);
			ADD(.name = name, .mode = 0120777, .data = k + 1 < chain ? tgt : "usr/lib");
		}
		snprintf(name, sizeof(name), "c%d_0/hops%d", chain, chain);
		ADD(.name = name, .mode = 0100644, .data = "7");
	}
	ADD(.name = "lib", .mode = 040755); /* a directory over a symlink */
	ADD(.name = "lib/own", .mode = 0100644, .data = "6");
	ar_end();
	mount_ar();
	assert_string_equal(listing("usr/lib"), "., .., abs, chained, hops40, rel, viaup");
	expect_file("usr/lib/rel", "1", 1);
	expect_file("usr/lib/abs", "2", 1);
	expect_file("usr/lib/viaup", "3", 1);
	expect_file("usr/lib/chained", "4", 1);
	expect_file("made/here/k", "5", 1);
	assert_string_equal(listing("lib"), "., .., own");
	assert_int_equal(lookup_err("lib"), 0);
	assert_int_equal(lookup_err("made"), 0);
	assert_int_equal(lookup_err("file"), 0);
	assert_int_equal(st("").nlink, 2 + 3); /* lib, made, usr */
	umount();
}

static void skipped_entries(void **state)
{
	static char name[4200], want[8192];

	ADD(.name = "dirdata", .mode = 040755, .data = "x");
	ADD(.name = "fifodata", .mode = 010644, .data = "x");
	ADD(.name = "notype", .mode = 0644);
	ADD(.name = "badtype", .mode = 0170644);
	ADD(.name = "slash/", .mode = 0100644, .data = "x");
	ADD(.name = "dot/.", .mode = 0100644); /* "dot" is made as a parent, then EISDIR */
	ADD(.name = "ok/", .mode = 040700);
	memset(name, 'n', 256);
	ADD(.name = name, .mode = 0100644); /* a component of 256 bytes */
	name[255] = '\0';
	ADD(.name = name, .mode = 0100644, .data = "255");
	/* Names of 99-byte components: 4096 bytes is too long, 4095 fits. */
	for (int k = 0; k < 4096; k++)
		name[k] = k % 100 == 99 ? '/' : 'p';
	name[4096] = '\0';
	ADD(.name = name, .mode = 0100644, .data = "4096");
	name[4095] = '\0';
	ADD(.name = name, .mode = 0100644, .data = "4095");
	ar_end();
	mount_ar();
	expect_file(name, "4095", 4);
	assert_int_equal(st("ok").mode, 040700);
	assert_int_equal(lookup_err("slash"), -ENOENT);
	memset(name, 'n', 255);
	name[255] = '\0';
	expect_file(name, "255", 3);
	snprintf(want, sizeof(want), "., .., dot, %s, ok, %.99s", name,
		 "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"
		 "pppppppppppppppppppppppppppppppppppppppppppppppppp");
	assert_string_equal(listing(""), want);
	assert_string_equal(listing("dot"), "., ..");
	umount();
}

/* ---- failures and lifetimes ---- */

static void malformed(void **state)
{
	size_t full;

	ADD(.name = "d", .mode = 040755);
	ADD(.name = "d/f", .mode = 0100644, .data = "contents");
	ADD(.name = "l", .mode = 0120777, .data = "d/f");
	ADD(.name = "h", .mode = 0100644, .nlink = 2, .ino = 3, .data = "h");
	ADD(.name = "h2", .mode = 0100644, .nlink = 2, .ino = 3);
	ar_end();
	full = ar_len;
	for (size_t l = 0; l <= full; l++) {
		int err = mount_buf(ar, l);

		/* only the empty prefix and those ending past the trailer's name */
		assert_int_equal(err, l == 0 || l + 3 >= full ? 0 : -EINVAL);
		if (!err)
			umount();
	}
	assert_memory_equal(ar + 112, "070701", 6); /* the second entry ("d" takes 112) */
	memcpy(ar + 112, "070707", 6);
	assert_int_equal(mount_buf(ar, full), -EINVAL);
	assert_int_equal(mount_buf("\x1f\x8b\x08\x00", 4), -EINVAL);
}

/* The n-th allocation fails, for every n, until the mount succeeds. */
static void out_of_memory(void **state)
{
	char name[32];
	long n, fails = 0;

	ADD(.name = "top/deep/er/file", .mode = 0100644, .data = "x");
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "many/%d", i);
		ADD(.name = name, .mode = 0100644, .nlink = 2, .ino = 100 + (uint32_t)i);
		snprintf(name, sizeof(name), "many/link%d", i);
		ADD(.name = name, .mode = 0100644, .nlink = 2, .ino = 100 + (uint32_t)i,
		    .data = "d");
	}
	ADD(.name = "many/3", .mode = 0120777, .data = "replaced");
	ADD(.name = "l", .mode = 0120777, .data = "top");
	ADD(.name = "l/via", .mode = 020600);
	ar_end();
	for (n = 1;; n++) {
		int err;

		stub_fail_countdown = n;
		err = mount_buf(ar, ar_len);
		if (!err)
			break;
		assert_int_equal(err, -ENOMEM);
		fails++;
	}
	stub_fail_countdown = 0;
	assert_true(fails > 50);
	assert_int_equal(st("many").nlink, 2);
	assert_int_equal(st("many/7").nlink, 2);
	assert_int_equal(st("top/via").mode, 020600);
	umount();
}

/* readpage(): page-aligned copies of the file into the kernel's (zeroed)
 * frame, zero past its end; past the end -ENXIO. */
static void page_cache(void **state)
{
	static char big[5000];
	struct inode *f;
	struct svc_page *p0, *p1;
	struct svc_cap cap = {};

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 26);
	ADD(.name = "big", .mode = 0100644, .data = big, .size = sizeof(big));
	ar_end();
	mount_ar();
	f = get("big");
	assert_null(f->ops.file->get_page);
	p0 = svc_page_alloc(cap, 0);
	p1 = svc_page_alloc(cap, 0);
	assert_int_equal(f->ops.file->readpage(f, 0, p0), 0);
	assert_memory_equal(stub_page_data(p0), big, 4096);
	assert_int_equal(f->ops.file->readpage(f, 1, p1), 0);
	assert_memory_equal(stub_page_data(p1), big + 4096, sizeof(big) - 4096);
	for (size_t i = sizeof(big) - 4096; i < 4096; i++)
		assert_int_equal(((const char *)stub_page_data(p1))[i], 0);
	assert_int_equal(f->ops.file->readpage(f, 2, p0), -ENXIO);
	svc_page_put(cap, p0);
	svc_page_put(cap, p1);
	inode_put(f);
}

/* References held across unmount keep working; the last put frees. */
static void refs_outlive_unmount(void **state)
{
	struct inode *f, *d, *l, *x;
	struct vfs_stat s;
	char buf[16];
	uint64_t pos = 0;
	long evictions;

	ADD(.name = "d/f", .mode = 0100644, .data = "survivor");
	ADD(.name = "d/l", .mode = 0120777, .data = "f");
	ADD(.name = "d/e", .mode = 040755);
	ar_end();
	mount_ar();
	f = get("d/f");
	d = get("d");
	l = get("d/l");
	assert_int_equal(f->refs, 2); /* the tree's and ours */
	inode_put(sb.root);
	sb.ops->release(&sb);
	assert_null(sb.priv);
	assert_int_equal(stub_live_inodes, 3);
	assert_int_equal(f->refs, 1);
	assert_int_equal(stub_read(f, 0, buf, sizeof(buf)), 8);
	assert_memory_equal(buf, "survivor", 8);
	assert_int_equal(stub_stat(f, &s), 0);
	assert_int_equal(s.nlink, 1);
	assert_int_equal(l->ops.symlink->readlink(l, buf, sizeof(buf)), 1);
	/* A directory that outlived its mount is empty. */
	assert_int_equal(d->ops.dir->lookup(d, "f", 1, &x), -ENOENT);
	assert_int_equal(stub_readdir(d, &pos, -1, list, MAX_NAMES), 2);
	assert_int_equal(list[1].ino, d->ino);
	assert_int_equal(stub_stat(d, &s), 0);
	assert_int_equal(s.nlink, 2);
	evictions = stub_evictions;
	inode_put(f);
	inode_put(d);
	inode_put(l);
	assert_int_equal(stub_evictions, evictions + 3);
	assert_int_equal(stub_live_inodes, 0);
	assert_int_equal(stub_live_allocs, 0);
}

static int cleanup(void **state)
{
	char cmd[128];

	if (have_tmpdir) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		return system(cmd);
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(fs_type_and_ops, setup),
		cmocka_unit_test_setup(empty_image, setup),
		cmocka_unit_test_setup(root_entry, setup),
		cmocka_unit_test_setup(real_tree, setup),
		cmocka_unit_test_setup(real_prefixes, setup),
		cmocka_unit_test_setup(read_offsets, setup),
		cmocka_unit_test_setup(lookup_errors, setup),
		cmocka_unit_test_setup(readdir_resume, setup),
		cmocka_unit_test_setup(implicit_parents, setup),
		cmocka_unit_test_setup(replace_same_type, setup),
		cmocka_unit_test_setup(replace_other_type, setup),
		cmocka_unit_test_setup(hard_links, setup),
		cmocka_unit_test_setup(hard_links_per_archive, setup),
		cmocka_unit_test_setup(device_nodes, setup),
		cmocka_unit_test_setup(symlinks, setup),
		cmocka_unit_test_setup(symlinks_in_paths, setup),
		cmocka_unit_test_setup(skipped_entries, setup),
		cmocka_unit_test_setup(malformed, setup),
		cmocka_unit_test_setup(out_of_memory, setup),
		cmocka_unit_test_setup(refs_outlive_unmount, setup),
		cmocka_unit_test_setup(page_cache, setup),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
