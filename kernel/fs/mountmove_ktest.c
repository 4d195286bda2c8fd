/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of moving mounts (MS_MOVE), pivot_root and the paths
 * /proc/mounts shows afterwards, over three small fake filesystems in a
 * private namespace:
 *   fs1 (the root): /a, /a/b, /n, /f (a file)
 *   fs2:            /c, /c/d
 *   fs3:            /old
 * Each test mounts fs2 on /a/b first.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/ktest.h>
#include <kernel/path.h>
#include <kernel/vfs.h>

struct fnode {
	const char *name;
	enum inode_kind kind;
	int parent; /* index, -1 for a root */
	int fs;	    /* 0, 1, 2 */
	uint64_t ino;
	struct inode *inode;
};

static struct fnode fnodes[] = {
	{"", INODE_DIR, -1, 0, 1, NULL},   /* 0 fs1 / */
	{"a", INODE_DIR, 0, 0, 2, NULL},   /* 1 /a */
	{"b", INODE_DIR, 1, 0, 3, NULL},   /* 2 /a/b */
	{"n", INODE_DIR, 0, 0, 4, NULL},   /* 3 /n */
	{"f", INODE_FILE, 0, 0, 5, NULL},  /* 4 /f */
	{"", INODE_DIR, -1, 1, 1, NULL},   /* 5 fs2 / */
	{"c", INODE_DIR, 5, 1, 2, NULL},   /* 6 fs2 /c */
	{"d", INODE_DIR, 6, 1, 3, NULL},   /* 7 fs2 /c/d */
	{"", INODE_DIR, -1, 2, 1, NULL},   /* 8 fs3 / */
	{"old", INODE_DIR, 8, 2, 2, NULL}, /* 9 fs3 /old */
};

static int mm_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	for (size_t i = 0; i < ARRAY_SIZE(fnodes); i++) {
		struct fnode *n = &fnodes[i];

		if (n->parent >= 0 && fnodes[n->parent].inode == dir && strlen(n->name) == len &&
		    !memcmp(n->name, name, len)) {
			inode_get(n->inode);
			*out = n->inode;
			return 0;
		}
	}
	return -ENOENT;
}

static int mm_stat(struct inode *i, struct vfs_stat *st)
{
	return 0;
}

static const struct dir_ops mm_dir_ops = {.lookup = mm_lookup, .stat = mm_stat};
static const struct file_ops mm_file_ops = {.stat = mm_stat};

struct fx {
	struct vfs_sb sb[3];
	struct path_component *root; /* fs1's private root */
	struct path_component *b;    /* /a/b, where fs2 is mounted */
};

static bool setup(struct fx *fx)
{
	memset(fx, 0, sizeof(*fx));
	for (int i = 0; i < 3; i++)
		fx->sb[i].dev_id = 921 + (uint32_t)i;
	for (size_t i = 0; i < ARRAY_SIZE(fnodes); i++) {
		struct fnode *n = &fnodes[i];

		n->inode = inode_alloc(&fx->sb[n->fs], n->kind,
				       n->kind == INODE_DIR ? (const void *)&mm_dir_ops
							    : (const void *)&mm_file_ops,
				       n->ino);
		if (!n->inode)
			return false;
		if (n->parent < 0)
			fx->sb[n->fs].root = n->inode;
	}
	fx->root = vfs_new_root(&fx->sb[0]);
	if (!fx->root || vfs_resolve(fx->root, fx->root, "/a/b", 0, &fx->b))
		return false;
	return vfs_mount_at(&fx->sb[1], fx->b) == 0;
}

/* Lazily unmount what is mounted on `path` (from the fixture's root). */
static void unmount(struct fx *fx, const char *path)
{
	struct path_component *pc;

	if (!vfs_resolve(fx->root, fx->root, path, RESOLVE_FOLLOW, &pc)) {
		(void)vfs_unmount(pc, true);
		path_put(pc);
	}
}

static void teardown(struct fx *fx)
{
	unmount(fx, "/a/b"); /* fs2, where the test left it */
	if (fx->b)
		path_put(fx->b);
	if (fx->root)
		path_put(fx->root);
	for (size_t i = 0; i < ARRAY_SIZE(fnodes); i++)
		inode_put(fnodes[i].inode);
}

static struct path_component *at(struct fx *fx, const char *path)
{
	struct path_component *pc = NULL;

	return vfs_resolve(fx->root, fx->root, path, RESOLVE_FOLLOW, &pc) ? NULL : pc;
}

/* The inode `path` leads to is fnodes[want]'s. */
static bool leads_to(struct fx *fx, const char *path, int want)
{
	struct path_component *pc = at(fx, path);
	bool ok = pc && pc->inode == fnodes[want].inode;

	if (pc)
		path_put(pc);
	return ok;
}

/* /proc/mounts's path of the mount `pc` is in, seen from the root. */
static bool shown_at(struct fx *fx, struct path_component *pc, const char *want)
{
	char buf[64];
	int len = vfs_mount_path(pc->mnt, fx->root, buf, sizeof(buf));

	return len >= 0 && !strcmp(buf, want);
}

KTEST(mountmove, move_a_mount_and_its_errors)
{
	struct fx fx;
	struct path_component *src, *n, *c, *f;

	bool ok = setup(&fx);

	KTEST_EXPECT(t, ok);
	if (!ok)
		return;
	src = at(&fx, "/a/b"); /* fs2's root */
	n = at(&fx, "/n");
	c = at(&fx, "/a/b/c");
	f = at(&fx, "/f");
	KTEST_EXPECT(t, src && n && c && f);
	if (!(src && n && c && f))
		return;
	KTEST_EXPECT(t, shown_at(&fx, src, "/a/b"));
	KTEST_EXPECT_EQ(t, vfs_move_mount(c, n), -EINVAL);	 /* not a mount's root */
	KTEST_EXPECT_EQ(t, vfs_move_mount(fx.root, n), -EINVAL); /* the first mount */
	KTEST_EXPECT_EQ(t, vfs_move_mount(src, c), -ELOOP);	 /* into itself */
	KTEST_EXPECT_EQ(t, vfs_move_mount(src, f), -EINVAL);	 /* onto a file */
	KTEST_EXPECT_EQ(t, vfs_move_mount(src, n), 0);
	KTEST_EXPECT(t, leads_to(&fx, "/n", 5)); /* fs2's root now */
	KTEST_EXPECT(t, leads_to(&fx, "/n/c/d", 7));
	KTEST_EXPECT(t, leads_to(&fx, "/a/b", 2)); /* uncovered */
	KTEST_EXPECT(t, shown_at(&fx, src, "/n"));
	unmount(&fx, "/n");
	KTEST_EXPECT(t, leads_to(&fx, "/n", 3));
	path_put(src);
	path_put(n);
	path_put(c);
	path_put(f);
	teardown(&fx);
}

KTEST(mountmove, submounts_follow_a_moved_mount)
{
	struct fx fx;
	struct path_component *src, *n, *d, *inner;

	bool ok = setup(&fx);

	KTEST_EXPECT(t, ok);
	if (!ok)
		return;
	d = at(&fx, "/a/b/c/d");
	KTEST_EXPECT(t, d != NULL);
	if (!d)
		return;
	KTEST_EXPECT_EQ(t, vfs_mount_at(&fx.sb[2], d), 0); /* fs3 on fs2's /c/d */
	src = at(&fx, "/a/b");
	n = at(&fx, "/n");
	inner = at(&fx, "/a/b/c/d");
	KTEST_EXPECT(t, src && n && inner);
	if (!(src && n && inner))
		return;
	KTEST_EXPECT(t, shown_at(&fx, inner, "/a/b/c/d"));
	KTEST_EXPECT_EQ(t, vfs_move_mount(src, n), 0);
	KTEST_EXPECT(t, leads_to(&fx, "/n/c/d/old", 9)); /* fs3 came along */
	KTEST_EXPECT(t, shown_at(&fx, inner, "/n/c/d")); /* and is shown there */
	path_put(inner);
	unmount(&fx, "/n/c/d");
	unmount(&fx, "/n");
	path_put(src);
	path_put(n);
	path_put(d);
	teardown(&fx);
}

KTEST(mountmove, pivot_root_rules_and_result)
{
	struct fx fx;
	struct path_component *root2, *c, *newroot, *old, *x;

	bool ok = setup(&fx);

	KTEST_EXPECT(t, ok);
	if (!ok)
		return;
	/* the caller's root is fs2's (mounted on /a/b, as after switch_root);
	 * fs3 is mounted on its /c */
	root2 = at(&fx, "/a/b");
	c = at(&fx, "/a/b/c");
	KTEST_EXPECT(t, root2 && c);
	if (!(root2 && c))
		return;
	KTEST_EXPECT_EQ(t, vfs_mount_at(&fx.sb[2], c), 0);
	newroot = at(&fx, "/a/b/c");
	old = at(&fx, "/a/b/c/old");
	x = at(&fx, "/a/b");
	KTEST_EXPECT(t, newroot && old && x);
	if (!(newroot && old && x))
		return;
	/* the first mount (no parent) cannot be pivoted away */
	KTEST_EXPECT_EQ(t, vfs_pivot_root(fx.root, newroot, old), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_pivot_root(root2, root2, old), -EBUSY); /* the same mount */
	KTEST_EXPECT_EQ(t, vfs_pivot_root(root2, newroot, x), -EBUSY); /* put_old on the root's */
	KTEST_EXPECT_EQ(t, vfs_pivot_root(root2, old, old), -EINVAL);  /* not a mount's root */
	KTEST_EXPECT_EQ(t, vfs_pivot_root(root2, newroot, newroot), -EBUSY); /* not stacked */
	KTEST_EXPECT_EQ(t, vfs_pivot_root(root2, newroot, old), 0);
	/* fs3 is where fs2 was, fs2 under fs3's /old */
	KTEST_EXPECT(t, leads_to(&fx, "/a/b", 8));
	KTEST_EXPECT(t, leads_to(&fx, "/a/b/old", 5));
	KTEST_EXPECT(t, leads_to(&fx, "/a/b/old/c", 6)); /* uncovered now */
	KTEST_EXPECT(t, shown_at(&fx, newroot, "/a/b"));
	KTEST_EXPECT(t, shown_at(&fx, root2, "/a/b/old"));
	unmount(&fx, "/a/b/old");
	unmount(&fx, "/a/b");
	path_put(x);
	path_put(old);
	path_put(newroot);
	path_put(c);
	path_put(root2);
	teardown(&fx);
}

KTEST(mountmove, mount_paths_from_a_chroot)
{
	struct fx fx;
	struct path_component *inside, *c, *top;
	char buf[64];

	bool ok = setup(&fx);

	KTEST_EXPECT(t, ok);
	if (!ok)
		return;
	c = at(&fx, "/a/b/c");
	KTEST_EXPECT(t, c != NULL);
	if (!c)
		return;
	KTEST_EXPECT_EQ(t, vfs_mount_at(&fx.sb[2], c), 0);
	inside = at(&fx, "/a/b"); /* a root inside fs2 */
	top = at(&fx, "/a/b/c");
	KTEST_EXPECT(t, inside && top);
	if (!(inside && top))
		return;
	KTEST_EXPECT_EQ(t, vfs_mount_path(top->mnt, inside, buf, sizeof(buf)), 2);
	KTEST_EXPECT(t, !strcmp(buf, "/c"));
	KTEST_EXPECT_EQ(t, vfs_mount_path(inside->mnt, inside, buf, sizeof(buf)), 1);
	KTEST_EXPECT(t, !strcmp(buf, "/"));
	/* fs1, outside that root, is not shown */
	KTEST_EXPECT_EQ(t, vfs_mount_path(fx.root->mnt, inside, buf, sizeof(buf)), -ENOENT);
	KTEST_EXPECT_EQ(t, vfs_mount_path(top->mnt, fx.root, buf, 4), -ENAMETOOLONG);
	path_put(top);
	path_put(inside);
	unmount(&fx, "/a/b/c");
	path_put(c);
	teardown(&fx);
}
