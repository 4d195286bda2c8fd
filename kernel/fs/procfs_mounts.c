/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * /proc/mounts and /proc/<pid>/mountinfo in Linux's formats, from the
 * mount table as the reader sees it (paths from its root).  The options
 * come in Linux's order: read-only or not, the instance's own flags
 * (sync, dirsync, lazytime), the per-mount ones (nosuid, nodev, noexec,
 * noatime, nodiratime, relatime), then the filesystem's own options
 * (vfs_show_options).  Every mount is private: mountinfo lists no
 * optional (shared:N) fields.  A bind mount's root is its directory's path
 * within the filesystem.  Mounts the reader cannot reach from its root
 * (after chroot or switch_root) are left out, as Linux leaves them.
 */
#include <klib/errno.h>
#include <klib/string.h>
#include <linux/mount.h>
#include <platform/kmalloc.h>
#include <kernel/path.h>
#include <kernel/process.h>
#include <kernel/vfs.h>
#include "procfs.h"

#define OPTS_MAX 256

struct mounts_ctx {
	struct pbuf *b;
	struct path_component *root; /* the reader's */
	char *path;
	char opts[OPTS_MAX];
	bool info; /* mountinfo, else mounts */
};

/* A name as /proc/mounts writes it: space, tab, newline and backslash
 * in octal escapes (Linux's mangle()). */
static void put_mangled(struct pbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			pbuf_printf(b, "\\%03o", (unsigned)(unsigned char)*s);
		else
			pbuf_put(b, s, 1);
	}
}

static void put_flags(struct pbuf *b, unsigned long flags, bool per_mount)
{
	static const struct {
		unsigned long ms;
		const char *name;
		bool per_mount;
	} opts[] = {
		{MS_SYNCHRONOUS, ",sync", false},  {MS_DIRSYNC, ",dirsync", false},
		{MS_LAZYTIME, ",lazytime", false}, {MS_NOSUID, ",nosuid", true},
		{MS_NODEV, ",nodev", true},	   {MS_NOEXEC, ",noexec", true},
		{MS_NOATIME, ",noatime", true},	   {MS_NODIRATIME, ",nodiratime", true},
		{MS_RELATIME, ",relatime", true},
	};

	for (size_t i = 0; i < ARRAY_SIZE(opts); i++) {
		if ((flags & opts[i].ms) && opts[i].per_mount == per_mount)
			pbuf_printf(b, "%s", opts[i].name);
	}
}

/* The ID of the mount `m` sits on (its own for the root). */
static int parent_id(const struct mount *m)
{
	return m->mountpoint && m->mountpoint->mnt ? m->mountpoint->mnt->id : m->id;
}

static int show_mount(void *arg, const struct mount *m)
{
	struct mounts_ctx *c = arg;
	const struct vfs_sb *sb = m->sb;
	const char *rw = sb->read_only ? "ro" : "rw";
	int len;

	if (m->private_root)
		return 0;
	/* outside the reader's root (chroot, switch_root): hidden, as Linux */
	len = vfs_mount_path(m, c->root, c->path, VFS_PATH_MAX);
	if (len < 0)
		return 0;
	vfs_show_options(m->sb, c->opts, sizeof(c->opts));
	if (c->info) {
		/* dev_id is the dev_t stat shows (new_encode_dev): split it */
		pbuf_printf(c->b, "%d %d %u:%u ", m->id, parent_id(m), (sb->dev_id >> 8) & 0xfff,
			    (sb->dev_id & 0xff) | ((sb->dev_id >> 12) & ~0xffu));
		put_mangled(c->b, m->root_path ? m->root_path : "/");
		pbuf_put(c->b, " ", 1);
		put_mangled(c->b, c->path);
		pbuf_printf(c->b, " %s", rw);
		put_flags(c->b, sb->flags, true);
		pbuf_printf(c->b, " - %s ", sb->type->name);
		put_mangled(c->b, sb->source);
		pbuf_printf(c->b, " %s", rw);
		put_flags(c->b, sb->flags, false);
		pbuf_printf(c->b, "%s\n", c->opts);
		return 0;
	}
	put_mangled(c->b, sb->source);
	pbuf_put(c->b, " ", 1);
	put_mangled(c->b, c->path);
	pbuf_printf(c->b, " %s %s", sb->type->name, rw);
	put_flags(c->b, sb->flags, false);
	put_flags(c->b, sb->flags, true);
	pbuf_printf(c->b, "%s 0 0\n", c->opts);
	return 0;
}

static int show(struct pbuf *b, bool info)
{
	struct mounts_ctx *c = kzalloc(sizeof(*c));
	struct path_component *cwd;

	if (!c)
		return -ENOMEM;
	c->b = b;
	c->info = info;
	c->path = kmalloc(VFS_PATH_MAX);
	if (!c->path) {
		kfree(c);
		return -ENOMEM;
	}
	process_fs_get(&c->root, &cwd);
	vfs_for_each_mount(show_mount, c);
	path_put(c->root);
	path_put(cwd);
	kfree(c->path);
	kfree(c);
	return 0;
}

int proc_show_mounts(struct pbuf *b)
{
	return show(b, false);
}

int proc_show_mountinfo(struct pbuf *b)
{
	return show(b, true);
}

int proc_show_pid_mountinfo(struct pbuf *b, const struct proc_node *n)
{
	if (!proc_pid_alive(n->pid))
		return -ESRCH;
	return proc_show_mountinfo(b);
}

int proc_link_mounts(const struct proc_node *n, char *buf, size_t size)
{
	static const char target[] = "self/mounts";

	memcpy(buf, target, MIN(size, sizeof(target) - 1));
	return (int)sizeof(target) - 1;
}
