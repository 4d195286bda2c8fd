/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of anonymous inodes (anon.c): a kind's file carries its
 * object, answers to its own kind only, names itself for /proc, stats as
 * Linux's anon inode (mode 0600, no type), sees zero-length reads, and
 * frees its object exactly once, with the last reference.
 */
#include <klib/errno.h>
#include <klib/printf.h>
#include <klib/string.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <platform/ktest.h>
#include <kernel/anon.h>
#include <kernel/file.h>
#include <kernel/vfs.h>

static int freed;

static ssize_t zero_read(struct inode *ino, uint64_t off, struct iobuf *b, unsigned flags)
{
	(void)ino;
	(void)off;
	(void)flags;
	return b->len ? (ssize_t)b->len : -EINVAL;
}

static void count_free(void *obj)
{
	(void)obj;
	freed++;
}

static const struct anon_kind kind_a = {
	.name = "ktest-a",
	.ops = {.open = anon_open, .read = zero_read, .stat = anon_stat},
	.free = count_free,
};

static const struct anon_kind kind_b = {
	.name = "ktest-b",
	.ops = {.open = anon_open, .stat = anon_stat},
	.free = count_free,
};

KTEST(anon, kind_object_name_stat_free)
{
	static int obj;
	struct vfs_stat st;
	struct file *f, *g;
	struct iobuf b = {.user = false, .kbuf = &obj, .len = 0};

	freed = 0;
	f = anon_file_new(&kind_a, &obj, O_RDWR | O_NONBLOCK);
	KTEST_EXPECT(t, f != NULL);
	if (!f)
		return;
	KTEST_EXPECT(t, anon_file_obj(f, &kind_a) == &obj);
	KTEST_EXPECT(t, anon_file_obj(f, &kind_b) == NULL);
	KTEST_EXPECT(t, anon_file_obj(NULL, &kind_a) == NULL);
	KTEST_EXPECT(t, f->flags == (O_RDWR | O_NONBLOCK));
	KTEST_EXPECT(t, !strcmp(anon_name(f->inode), "ktest-a"));
	KTEST_EXPECT_EQ(t, vfs_stat(f->inode, &st), 0);
	KTEST_EXPECT_EQ(t, st.mode, S_IRUSR | S_IWUSR);
	KTEST_EXPECT_EQ(t, st.nlink, 1);
	KTEST_EXPECT(t, !f->has_pos);
	/* a zero-length read reaches the kind (eventfd refuses it) */
	KTEST_EXPECT_EQ(t, vfs_read(f->inode, 0, &b, f->flags), -EINVAL);
	g = file_get(f);
	file_put(f);
	KTEST_EXPECT_EQ(t, freed, 0);
	file_put(g);
	KTEST_EXPECT_EQ(t, freed, 1);
}

KTEST(anon, other_inodes_have_no_anon_name)
{
	struct file *f = console_file();

	KTEST_EXPECT(t, f != NULL);
	if (!f)
		return;
	KTEST_EXPECT(t, anon_name(f->inode) == NULL);
	file_put(f);
}

static int show_obj(struct inode *ino, char *buf, size_t size)
{
	return snprintf(buf, size, "obj: %d\n", *(int *)ino->priv);
}

static uint64_t own_ino(const void *obj)
{
	return 1000 + (uint64_t) * (const int *)obj;
}

static const struct anon_kind kind_c = {
	.name = "[ktest-c]",
	.ops = {.open = anon_open, .stat = anon_stat, .show_fdinfo = show_obj},
	.free = count_free,
	.ino = own_ino,
};

/* Linux's anonymous files share one inode: one st_dev and st_ino for all,
 * unless the kind numbers its own (pidfs); fdinfo reaches the kind. */
KTEST(anon, kinds_share_one_inode_number_and_show_fdinfo)
{
	static int x = 7;
	struct vfs_stat sa, sb, sc;
	struct file *a = anon_file_new(&kind_a, &x, O_RDWR);
	struct file *b = anon_file_new(&kind_b, &x, O_RDWR);
	struct file *c = anon_file_new(&kind_c, &x, O_RDWR);
	char buf[16];

	KTEST_EXPECT(t, a && b && c);
	if (!a || !b || !c)
		goto out;
	KTEST_EXPECT_EQ(t, vfs_stat(a->inode, &sa), 0);
	KTEST_EXPECT_EQ(t, vfs_stat(b->inode, &sb), 0);
	KTEST_EXPECT_EQ(t, vfs_stat(c->inode, &sc), 0);
	KTEST_EXPECT(t, sa.ino == sb.ino && sa.dev == sb.dev);
	KTEST_EXPECT(t, sc.ino == 1007 && sc.dev == sa.dev);
	KTEST_EXPECT_EQ(t, vfs_show_fdinfo(a->inode, buf, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(t, vfs_show_fdinfo(c->inode, buf, sizeof(buf)), 7);
	KTEST_EXPECT(t, !memcmp(buf, "obj: 7\n", 7));
	KTEST_EXPECT_EQ(t, vfs_show_fdinfo(c->inode, buf, 3), 7); /* the full length */
out:
	if (a)
		file_put(a);
	if (b)
		file_put(b);
	if (c)
		file_put(c);
}
