/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of path resolution and mounts over a fake tree filesystem:
 * ".", "..", trailing slashes, symlinks (relative, absolute, loops, the
 * 8-hop limit), mount crossing both ways, MountKey collisions, the fast
 * path agreeing with the full one, and parent/name splitting.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <platform/ktest.h>
#include <kernel/path.h>
#include <kernel/vfs.h>

struct node {
	const char *name;
	enum inode_kind kind;
	const char *target; /* symlinks */
	int parent;	    /* index, -1 for the root */
	uint64_t ino;
	struct inode *inode;
};

static struct node *nodes;
static int nnodes;

static int fake_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
	for (int i = 0; i < nnodes; i++) {
		struct node *n = &nodes[i];

		if (n->parent >= 0 && nodes[n->parent].inode == dir && strlen(n->name) == len &&
		    !memcmp(n->name, name, len)) {
			inode_get(n->inode);
			*out = n->inode;
			return 0;
		}
	}
	return -ENOENT;
}

static ssize_t fake_readlink(struct inode *i, char *buf, size_t size)
{
	const char *target = i->priv;
	size_t len = strlen(target);

	memcpy(buf, target, MIN(len, size));
	return (ssize_t)len;
}

static int fake_stat(struct inode *i, struct vfs_stat *st)
{
	return 0;
}

static const struct dir_ops d_ops = {.lookup = fake_lookup, .stat = fake_stat};
static const struct file_ops f_ops = {.stat = fake_stat};
static const struct symlink_ops l_ops = {.readlink = fake_readlink, .stat = fake_stat};

/* fs 1 (dev 1) */
static struct node tree1[] = {
	{"", INODE_DIR, NULL, -1, 1, NULL},	  /* 0  / */
	{"a", INODE_DIR, NULL, 0, 2, NULL},	  /* 1  /a */
	{"f", INODE_FILE, NULL, 0, 3, NULL},	  /* 2  /f */
	{"l1", INODE_SYMLINK, "a", 0, 4, NULL},	  /* 3  /l1 -> a */
	{"b", INODE_DIR, NULL, 1, 5, NULL},	  /* 4  /a/b (mount point) */
	{"up", INODE_SYMLINK, "..", 1, 6, NULL},  /* 5  /a/up -> .. */
	{"abs", INODE_SYMLINK, "/f", 1, 7, NULL}, /* 6  /a/abs -> /f */
	{"loop1", INODE_SYMLINK, "loop2", 0, 8, NULL},
	{"loop2", INODE_SYMLINK, "loop1", 0, 9, NULL},
	{"s0", INODE_SYMLINK, "s1", 0, 10, NULL}, /* s0 -> s1 -> ... -> s8 -> f */
	{"s1", INODE_SYMLINK, "s2", 0, 11, NULL},
	{"s2", INODE_SYMLINK, "s3", 0, 12, NULL},
	{"s3", INODE_SYMLINK, "s4", 0, 13, NULL},
	{"s4", INODE_SYMLINK, "s5", 0, 14, NULL},
	{"s5", INODE_SYMLINK, "s6", 0, 15, NULL},
	{"s6", INODE_SYMLINK, "s7", 0, 16, NULL},
	{"s7", INODE_SYMLINK, "s8", 0, 17, NULL},
	{"s8", INODE_SYMLINK, "f", 0, 18, NULL},
	/* fs 2 (dev 2), mounted on /a/b */
	{"", INODE_DIR, NULL, -1, 1, NULL},   /* 18 its root */
	{"x", INODE_FILE, NULL, 18, 2, NULL}, /* 19 /a/b/x */
	{"c", INODE_DIR, NULL, 18, 5, NULL},  /* 20 same ino as /a/b, other dev */
};

struct fixture {
	struct vfs_sb sb1, sb2;
	struct path_component *root;
};

static bool setup(struct fixture *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->sb1.dev_id = 901;
	fx->sb2.dev_id = 902;
	nodes = tree1;
	nnodes = (int)ARRAY_SIZE(tree1);
	for (int i = 0; i < nnodes; i++) {
		struct node *n = &nodes[i];
		struct vfs_sb *sb = i >= 18 ? &fx->sb2 : &fx->sb1;
		const void *ops = n->kind == INODE_DIR	  ? (const void *)&d_ops
				  : n->kind == INODE_FILE ? (const void *)&f_ops
							  : (const void *)&l_ops;

		n->inode = inode_alloc(sb, n->kind, ops, n->ino);
		if (!n->inode)
			return false;
		n->inode->priv = (void *)n->target;
	}
	fx->sb1.root = nodes[0].inode;
	fx->sb2.root = nodes[18].inode;
	fx->root = vfs_new_root(&fx->sb1);
	return fx->root != NULL;
}

static void teardown(struct fixture *fx)
{
	path_put(fx->root);
	for (int i = 0; i < nnodes; i++)
		inode_put(nodes[i].inode);
}

/* The inode `path` resolves to, or NULL (error in *err). */
static struct inode *res(struct fixture *fx, const char *path, unsigned flags, int *err)
{
	struct path_component *pc;
	struct inode *ino = NULL, *fast = NULL;
	int ferr;

	*err = vfs_resolve(fx->root, fx->root, path, flags, &pc);
	ferr = vfs_lookup_inode(fx->root, fx->root, path, flags, &fast);
	if (ferr != *err || (!ferr && fast != pc->inode))
		*err = -999; /* the fast path must agree with the full path */
	if (!ferr)
		inode_put(fast);
	if (!*err) {
		ino = pc->inode;
		path_put(pc);
	}
	return ino;
}

#define EXPECT_PATH(t, fx, path, flags, node)                     \
	do {                                                      \
		int __err;                                        \
		struct inode *__i = res(fx, path, flags, &__err); \
		KTEST_EXPECT_EQ(t, __err, 0);                     \
		KTEST_EXPECT(t, __i == nodes[node].inode);        \
	} while (0)
#define EXPECT_ERR(t, fx, path, flags, e)           \
	do {                                        \
		int __err;                          \
		(void)res(fx, path, flags, &__err); \
		KTEST_EXPECT_EQ(t, __err, e);       \
	} while (0)

KTEST(path, components_dot_dotdot_and_errors)
{
	struct fixture fx;

	KTEST_EXPECT(t, setup(&fx));
	EXPECT_PATH(t, &fx, "/", 0, 0);
	EXPECT_PATH(t, &fx, "/a/b", 0, 4);
	EXPECT_PATH(t, &fx, "a//b/", 0, 4);
	EXPECT_PATH(t, &fx, "/./a/./b/..", 0, 1);
	EXPECT_PATH(t, &fx, "/../../a", 0, 1); /* ".." at the root stays there */
	EXPECT_PATH(t, &fx, "/a/../f", 0, 2);
	EXPECT_ERR(t, &fx, "/f/", 0, -ENOTDIR);
	EXPECT_ERR(t, &fx, "/f/x", 0, -ENOTDIR);
	EXPECT_ERR(t, &fx, "/f/.", 0, -ENOTDIR);
	EXPECT_ERR(t, &fx, "/nope", 0, -ENOENT);
	EXPECT_ERR(t, &fx, "", 0, -ENOENT);
	char longname[300];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	EXPECT_ERR(t, &fx, longname, 0, -ENAMETOOLONG);
	teardown(&fx);
}

KTEST(path, symlinks)
{
	struct fixture fx;

	KTEST_EXPECT(t, setup(&fx));
	EXPECT_PATH(t, &fx, "/l1", 0, 3); /* last component: not followed */
	EXPECT_PATH(t, &fx, "/l1", RESOLVE_FOLLOW, 1);
	EXPECT_PATH(t, &fx, "/l1/", 0, 1);		  /* a trailing slash follows */
	EXPECT_PATH(t, &fx, "/l1/b", 0, 4);		  /* intermediates always follow */
	EXPECT_PATH(t, &fx, "/a/up/f", 0, 2);		  /* relative target, ".." inside */
	EXPECT_PATH(t, &fx, "/a/abs", RESOLVE_FOLLOW, 2); /* absolute target */
	EXPECT_PATH(t, &fx, "/l1/../f", 0, 2);		  /* ".." after a symlink: its parent */
	EXPECT_ERR(t, &fx, "/loop1", RESOLVE_FOLLOW, -ELOOP);
	EXPECT_PATH(t, &fx, "/s1", RESOLVE_FOLLOW, 2);	   /* 8 hops: allowed */
	EXPECT_ERR(t, &fx, "/s0", RESOLVE_FOLLOW, -ELOOP); /* 9 hops: too many */
	teardown(&fx);
}

KTEST(path, mounts_are_crossed_both_ways)
{
	struct fixture fx;
	struct path_component *at = NULL, *inside = NULL;
	int err;

	KTEST_EXPECT(t, setup(&fx));
	KTEST_EXPECT_EQ(t, vfs_resolve(fx.root, fx.root, "/a/b", 0, &at), 0);
	if (!at)
		return;
	KTEST_EXPECT_EQ(t, vfs_mount_at(&fx.sb2, at), 0);
	KTEST_EXPECT_EQ(t, vfs_mount_at(&fx.sb2, at), -EBUSY);
	EXPECT_PATH(t, &fx, "/a/b", 0, 18);
	EXPECT_PATH(t, &fx, "/a/b/x", 0, 19);
	EXPECT_PATH(t, &fx, "/a/b/c/../..", 0, 1);    /* ".." out of the mounted root */
	EXPECT_ERR(t, &fx, "/a/b/x/..", 0, -ENOTDIR); /* as Linux: a file has no ".." */
	/* same inode number as the mount point, other device: not a mount */
	EXPECT_PATH(t, &fx, "/a/b/c", 0, 20);
	KTEST_EXPECT_EQ(t, vfs_resolve(fx.root, fx.root, "/a/b", 0, &inside), 0);
	if (!inside)
		return;
	struct path_component *busy = NULL;
	KTEST_EXPECT_EQ(t, vfs_resolve(fx.root, fx.root, "/a/b/c", 0, &busy), 0);
	KTEST_EXPECT_EQ(t, vfs_unmount(inside, false), -EBUSY); /* "c" is inside */
	if (busy)
		path_put(busy);
	KTEST_EXPECT_EQ(t, vfs_unmount(inside, false), 0);
	path_put(inside);
	EXPECT_PATH(t, &fx, "/a/b", 0, 4);
	(void)res(&fx, "/a/b/x", 0, &err);
	KTEST_EXPECT_EQ(t, err, -ENOENT);
	path_put(at);
	teardown(&fx);
}

KTEST(path, parent_and_name)
{
	struct fixture fx;
	struct path_component *p;
	const char *name;
	size_t len;

	KTEST_EXPECT(t, setup(&fx));
	KTEST_EXPECT_EQ(t, vfs_resolve_parent(fx.root, fx.root, "/a/new", &p, &name, &len), 0);
	KTEST_EXPECT(t, p->inode == nodes[1].inode && len == 3 && !memcmp(name, "new", 3));
	path_put(p);
	KTEST_EXPECT_EQ(t, vfs_resolve_parent(fx.root, fx.root, "l1/b/", &p, &name, &len), 0);
	KTEST_EXPECT(t, p->inode == nodes[1].inode && len == 1 && name[0] == 'b');
	path_put(p);
	KTEST_EXPECT_EQ(t, vfs_resolve_parent(fx.root, fx.root, "top", &p, &name, &len), 0);
	KTEST_EXPECT(t, p->inode == nodes[0].inode && len == 3);
	path_put(p);
	KTEST_EXPECT_EQ(t, vfs_resolve_parent(fx.root, fx.root, "/", &p, &name, &len), 0);
	KTEST_EXPECT_EQ(t, len, 0);
	path_put(p);
	KTEST_EXPECT_EQ(t, vfs_resolve_parent(fx.root, fx.root, "/f/x", &p, &name, &len), -ENOTDIR);
	teardown(&fx);
}
