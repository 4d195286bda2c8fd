/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * End-to-end self-test of ring 1 over the tmpfs service: "tmpfs" is
 * found among the registered types (VFS_SERVICE), mounted on a private
 * root, and used only through the kernel's path walk and dispatch
 * wrappers: create, write, read, mkdir, symlink, rename, unlink, rmdir,
 * readdir, stat, truncate, the wrappers' own checks (-EISDIR, -EPERM on a
 * directory hard link), an unlinked file that stays open, and kernel
 * threads appending to one file and creating names in one directory at
 * once (the service's locks, with real sleeping mutexes).
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <platform/page.h>
#include <kernel/clock.h>
#include <kernel/path.h>
#include <kernel/sched.h>
#include <kernel/vfs.h>
#include "fs.h"

static int mount_tmpfs(struct test_mount *m)
{
	return test_mount(m, "tmpfs", 78, NULL, 0);
}

static void unmount_tmpfs(struct test_mount *m)
{
	test_unmount(m);
}

static struct inode *get(struct test_mount *m, const char *path, unsigned flags, int *err)
{
	struct inode *i = NULL;

	*err = vfs_lookup_inode(m->root, m->root, path, flags, &i);
	return *err ? NULL : i;
}

enum op { OP_CREATE, OP_MKDIR, OP_UNLINK, OP_RMDIR };

/* One namespace op on the last component of `path`. */
static int at(struct test_mount *m, enum op op, const char *path)
{
	struct path_component *parent;
	struct inode *out = NULL;
	const char *name;
	size_t len;
	int err = vfs_resolve_parent(m->root, m->root, path, &parent, &name, &len);

	if (err)
		return err;
	switch (op) {
	case OP_CREATE:
		err = vfs_create(parent->inode, name, len, S_IFREG | 0644, &out);
		break;
	case OP_MKDIR:
		err = vfs_mkdir(parent->inode, name, len, 0755, &out);
		break;
	case OP_UNLINK:
		err = vfs_unlink(parent->inode, name, len);
		break;
	case OP_RMDIR:
		err = vfs_rmdir(parent->inode, name, len);
		break;
	}
	if (out)
		inode_put(out);
	path_put(parent);
	return err;
}

static int move(struct test_mount *m, const char *from, const char *to)
{
	struct path_component *op, *np;
	const char *on, *nn;
	size_t ol, nl;
	int err = vfs_resolve_parent(m->root, m->root, from, &op, &on, &ol);

	if (err)
		return err;
	err = vfs_resolve_parent(m->root, m->root, to, &np, &nn, &nl);
	if (!err) {
		err = vfs_rename(op->inode, on, ol, np->inode, nn, nl);
		path_put(np);
	}
	path_put(op);
	return err;
}

static ssize_t put_str(struct inode *i, uint64_t off, const char *s, unsigned flags)
{
	struct iobuf b = {.user = false, .kbuf = (void *)s, .len = strlen(s)};

	return vfs_write(i, off, &b, flags);
}

/* The file's first bytes as a string. */
static const char *read_str(struct inode *i, char *buf, size_t size)
{
	struct iobuf b = {.user = false, .kbuf = buf, .len = size - 1};
	ssize_t n = vfs_read(i, 0, &b, 0);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static int64_t size_of(struct inode *i)
{
	struct vfs_stat st;

	return vfs_stat(i, &st) ? -1 : st.size;
}

static int collect(void *ctx, const char *name, size_t len, uint64_t ino, unsigned type)
{
	char *list = ctx;
	size_t at = strlen(list);

	if (at + len + 2 > 128)
		return 1;
	list[at] = '|';
	memcpy(list + at + 1, name, len);
	list[at + 1 + len] = '\0';
	return 0;
}

KTEST(tmpfs, files_and_directories_through_the_vfs)
{
	struct test_mount m = {.sb = NULL, .root = NULL};
	struct inode *f, *g, *d, *l;
	struct vfs_stat st;
	char buf[64];
	char names[128] = "";
	uint64_t pos = 0;
	int err;

	KTEST_EXPECT_EQ(t, mount_tmpfs(&m), 0);
	if (!m.root)
		return;
	KTEST_EXPECT_EQ(t, at(&m, OP_MKDIR, "/etc"), 0);
	KTEST_EXPECT_EQ(t, at(&m, OP_MKDIR, "/etc"), -EEXIST);
	KTEST_EXPECT_EQ(t, at(&m, OP_CREATE, "/etc/motd"), 0);
	f = get(&m, "/etc/motd", 0, &err);
	KTEST_EXPECT_EQ(t, err, 0);
	if (!f)
		goto out_unmount;
	KTEST_EXPECT_EQ(t, put_str(f, 0, "Welcome", 0), 7);
	KTEST_EXPECT_EQ(t, put_str(f, 0, " to tmpfs", O_APPEND), 9);
	KTEST_EXPECT(t, !strcmp(read_str(f, buf, sizeof(buf)), "Welcome to tmpfs"));
	KTEST_EXPECT_EQ(t, put_str(f, 8192, "!", 0), 1); /* a hole of zeros */
	KTEST_EXPECT_EQ(t, vfs_stat(f, &st), 0);
	KTEST_EXPECT_EQ(t, st.size, 8193);
	KTEST_EXPECT_EQ(t, st.blocks, 16);
	KTEST_EXPECT_EQ(t, st.dev, 78);
	KTEST_EXPECT_EQ(t, st.mode, S_IFREG | 0644);
	KTEST_EXPECT_EQ(t, vfs_truncate(f, 16), 0);
	KTEST_EXPECT_EQ(t, size_of(f), 16);

	/* a symlink followed by the kernel's walk, and "..", land on it */
	d = get(&m, "/etc", 0, &err);
	KTEST_EXPECT_EQ(t, vfs_symlink(d, "link", 4, "../etc/motd", 11, &l), 0);
	inode_put(l);
	g = get(&m, "/etc/link", RESOLVE_FOLLOW, &err);
	KTEST_EXPECT(t, g == f);
	if (g)
		inode_put(g);
	/* the wrappers' checks reach the service's answers */
	KTEST_EXPECT_EQ(t, vfs_write(d, 0, &(struct iobuf){.kbuf = buf, .len = 1}, 0), -EISDIR);
	KTEST_EXPECT_EQ(t, vfs_link(d, "hard", 4, d), -EPERM);
	KTEST_EXPECT_EQ(t, vfs_link(d, "hard", 4, f), 0);
	KTEST_EXPECT_EQ(t, vfs_stat(f, &st), 0);
	KTEST_EXPECT_EQ(t, st.nlink, 2);
	KTEST_EXPECT_EQ(t, at(&m, OP_UNLINK, "/etc"), -EISDIR);
	KTEST_EXPECT_EQ(t, at(&m, OP_RMDIR, "/etc"), -ENOTEMPTY);

	/* rename across directories; the old path is gone */
	KTEST_EXPECT_EQ(t, at(&m, OP_MKDIR, "/var"), 0);
	KTEST_EXPECT_EQ(t, move(&m, "/etc/motd", "/var/motd"), 0);
	KTEST_EXPECT(t, get(&m, "/etc/motd", 0, &err) == NULL && err == -ENOENT);
	g = get(&m, "/var/motd", 0, &err);
	KTEST_EXPECT(t, g == f);
	if (g)
		inode_put(g);
	KTEST_EXPECT_EQ(t, move(&m, "/var", "/var/sub"), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_readdir(d, &pos, collect, names), 0);
	KTEST_EXPECT(t, !strcmp(names, "|.|..|link|hard"));
	inode_put(d);

	/* unlinked while open: still readable until the last reference */
	KTEST_EXPECT_EQ(t, at(&m, OP_UNLINK, "/var/motd"), 0);
	KTEST_EXPECT_EQ(t, at(&m, OP_UNLINK, "/etc/hard"), 0);
	KTEST_EXPECT_EQ(t, vfs_stat(f, &st), 0);
	KTEST_EXPECT_EQ(t, st.nlink, 0);
	KTEST_EXPECT(t, !strcmp(read_str(f, buf, sizeof(buf)), "Welcome to tmpfs"));
	inode_put(f);
	KTEST_EXPECT_EQ(t, at(&m, OP_RMDIR, "/var"), 0);
	KTEST_EXPECT_EQ(t, at(&m, OP_UNLINK, "/etc/link"), 0);
	KTEST_EXPECT_EQ(t, at(&m, OP_RMDIR, "/etc"), 0);
	d = get(&m, "/", 0, &err);
	KTEST_EXPECT_EQ(t, vfs_stat(d, &st), 0);
	KTEST_EXPECT_EQ(t, st.nlink, 2);
	KTEST_EXPECT_EQ(t, st.mode, S_IFDIR | 01777);
	inode_put(d);
out_unmount:
	unmount_tmpfs(&m);
}

#define WORKERS 4
#define ROUNDS	40

struct worker {
	struct test_mount *m;
	struct inode *log; /* shared, appended to by everyone */
	int id;
	int errors;
};

/* Each worker appends records to one file and creates, renames and
 * removes names in one shared directory. */
static void worker(void *arg)
{
	struct worker *w = arg;
	char path[32], to[32], rec[9];

	memset(rec, 'a' + w->id, 8);
	rec[8] = '\0';
	for (int r = 0; r < ROUNDS; r++) {
		strlcpy(path, "/shared/w0-00", sizeof(path));
		path[9] = (char)('0' + w->id);
		path[11] = (char)('0' + r / 10);
		path[12] = (char)('0' + r % 10);
		strlcpy(to, path, sizeof(to));
		to[8] = 'v';
		if (put_str(w->log, 0, rec, O_APPEND) != 8)
			w->errors++;
		if (at(w->m, OP_CREATE, path) || move(w->m, path, to))
			w->errors++;
		if (r % 2 && at(w->m, OP_UNLINK, to))
			w->errors++;
		if (r % 8 == 0)
			sched_yield_cpu();
	}
}

/* A write stamps mtime and ctime from the coarse clock (Linux's
 * current_time): between two reads of CLOCK_REALTIME_COARSE, and equal
 * to them when they fall in one tick, so back-to-back writes in a tick
 * change no metadata. */
KTEST(tmpfs, write_times_from_the_coarse_clock)
{
	struct test_mount m = {.sb = NULL, .root = NULL};
	int same_tick = 0, outside = 0, err;
	struct inode *f;

	KTEST_EXPECT_EQ(t, mount_tmpfs(&m), 0);
	if (!m.root)
		return;
	KTEST_EXPECT_EQ(t, at(&m, OP_CREATE, "/f"), 0);
	f = get(&m, "/f", 0, &err);
	KTEST_EXPECT(t, f != NULL);
	for (int i = 0; f && i < 100; i++) {
		int64_t c0 = clock_realtime_coarse_ns(), c1, mt, ct;
		struct vfs_stat st;

		KTEST_EXPECT_EQ(t, put_str(f, 0, "x", 0), 1);
		KTEST_EXPECT_EQ(t, vfs_stat(f, &st), 0);
		c1 = clock_realtime_coarse_ns();
		mt = st.mtime.sec * 1000000000ll + st.mtime.nsec;
		ct = st.ctime.sec * 1000000000ll + st.ctime.nsec;
		outside += mt < c0 || mt > c1 || ct != mt;
		same_tick += c0 == c1;
	}
	KTEST_EXPECT_EQ(t, outside, 0);
	KTEST_EXPECT(t, same_tick > 0);
	if (f)
		inode_put(f);
	KTEST_EXPECT_EQ(t, at(&m, OP_UNLINK, "/f"), 0);
	unmount_tmpfs(&m);
}

/* A read-only instance: a taken name is EEXIST before EROFS (mkdir -p of
 * a mount point), a new one EROFS; statfs and remount through the slots. */
KTEST(tmpfs, read_only_instance_and_statfs)
{
	struct test_mount m = {.sb = NULL, .root = NULL};
	struct vfs_statfs st = {.blocks = 100, .files = 100};
	struct inode *d = NULL;
	struct pmm_stats mem;

	KTEST_EXPECT_EQ(t, mount_tmpfs(&m), 0);
	if (!m.root)
		return;
	KTEST_EXPECT_EQ(t, at(&m, OP_MKDIR, "/tmp"), 0);
	KTEST_EXPECT_EQ(t, vfs_remount(m.sb, true, "size=8k", 7), 0);
	m.sb->read_only = true;
	KTEST_EXPECT_EQ(t, at(&m, OP_MKDIR, "/tmp"), -EEXIST);
	KTEST_EXPECT_EQ(t, at(&m, OP_CREATE, "/tmp"), -EEXIST);
	KTEST_EXPECT_EQ(t, vfs_symlink(m.root->inode, "tmp", 3, "x", 1, &d), -EEXIST);
	KTEST_EXPECT_EQ(t, at(&m, OP_MKDIR, "/new"), -EROFS);
	KTEST_EXPECT_EQ(t, at(&m, OP_RMDIR, "/tmp"), -EROFS);
	KTEST_EXPECT_EQ(t, at(&m, OP_UNLINK, "/nope"), -EROFS);
	KTEST_EXPECT_EQ(t, vfs_statfs(m.sb, &st), 0);
	KTEST_EXPECT_EQ(t, st.blocks, 2);
	KTEST_EXPECT_EQ(t, st.bfree, 2);
	pmm_stats(&mem); /* nr_inodes= defaults to half the RAM's pages */
	KTEST_EXPECT_EQ(t, st.files, mem.total_pages / 2);
	KTEST_EXPECT_EQ(t, st.ffree, mem.total_pages / 2 - 2);
	m.sb->read_only = false;
	KTEST_EXPECT_EQ(t, vfs_remount(m.sb, false, "size=x", 6), -EINVAL);
	KTEST_EXPECT_EQ(t, at(&m, OP_RMDIR, "/tmp"), 0);
	unmount_tmpfs(&m);
}

KTEST(tmpfs, concurrent_appends_and_names)
{
	struct test_mount m = {.sb = NULL, .root = NULL};
	struct worker w[WORKERS];
	struct thread *th[WORKERS];
	struct inode *log, *dir;
	char names[128] = "", buf[8 * WORKERS * ROUNDS + 1];
	uint64_t pos = 0;
	int counts[WORKERS] = {0};
	struct iobuf b = {.user = false, .kbuf = buf, .len = sizeof(buf)};
	struct vfs_stat st;
	int err;

	KTEST_EXPECT_EQ(t, mount_tmpfs(&m), 0);
	if (!m.root)
		return;
	KTEST_EXPECT_EQ(t, at(&m, OP_MKDIR, "/shared"), 0);
	KTEST_EXPECT_EQ(t, at(&m, OP_CREATE, "/log"), 0);
	log = get(&m, "/log", 0, &err);
	dir = get(&m, "/shared", 0, &err);
	if (!log || !dir)
		goto out_unmount;
	for (int i = 0; i < WORKERS; i++) {
		w[i] = (struct worker){.m = &m, .log = log, .id = i};
		th[i] = thread_create("tmpfs-w", worker, &w[i]);
		KTEST_EXPECT(t, th[i] != NULL);
	}
	for (int i = 0; i < WORKERS; i++) {
		if (!th[i])
			continue;
		thread_join(th[i]);
		thread_put(th[i]);
		KTEST_EXPECT_EQ(t, w[i].errors, 0);
	}
	/* every append landed whole: records of 8 equal bytes, none lost */
	KTEST_EXPECT_EQ(t, size_of(log), sizeof(buf) - 1);
	KTEST_EXPECT_EQ(t, vfs_read(log, 0, &b, 0), sizeof(buf) - 1);
	for (size_t r = 0; r + 8 < sizeof(buf); r += 8) {
		int id = buf[r] - 'a';

		KTEST_EXPECT(t, id >= 0 && id < WORKERS && !memcmp(buf + r, buf + r + 1, 7));
		if (id >= 0 && id < WORKERS)
			counts[id]++;
	}
	for (int i = 0; i < WORKERS; i++)
		KTEST_EXPECT_EQ(t, counts[i], ROUNDS);
	/* half the names were removed: ROUNDS / 2 per worker are left */
	KTEST_EXPECT_EQ(t, vfs_stat(dir, &st), 0);
	KTEST_EXPECT_EQ(t, st.size, 40 + 20 * WORKERS * ROUNDS / 2);
	KTEST_EXPECT_EQ(t, vfs_readdir(dir, &pos, collect, names), 0);
	KTEST_EXPECT(t, !strncmp(names, "|.|..|v", 7));
out_unmount:
	if (log)
		inode_put(log);
	if (dir)
		inode_put(dir);
	unmount_tmpfs(&m);
}
