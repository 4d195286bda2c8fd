/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_initramfs: the filesystem type and the mount's lifetime (see
 * initramfs.h for the contract, node.h for the tree and its references).
 * mount() builds the whole tree from the archive; release() dissolves it;
 * evict() frees one node once its inode's last reference is gone, which
 * may be after release() for an inode someone still held.
 */
#include <klib/compiler.h>
#include <klib/errno.h>
#include <linux/stat.h>
#include <kevlar_vfs/xattr.h>
#include "initramfs.h"
#include "node.h"

static void irfs_evict(struct inode *ino)
{
	struct irfs_node *node = ino->priv;
	struct svc_cap cap = ino->sb->cap;

	if (!node)
		return;
	list_del(&node->all); /* already off the list; harmless */
	svc_free(cap, node->kids);
	svc_free(cap, node);
	ino->priv = NULL;
}

static void irfs_release(struct vfs_sb *sb)
{
	struct irfs *fs = sb->priv;

	if (!fs)
		return;
	irfs_drop_tree(fs);
	svc_free(fs->cap, fs);
	sb->priv = NULL;
	sb->root = NULL;
}

/* The root stands for Linux's rootfs (a tmpfs, the default magic).
 * Nothing is free on a read-only image; its size is the archive's. */
static int irfs_statfs(struct vfs_sb *sb, struct vfs_statfs *st)
{
	const struct irfs *fs = sb->priv;

	st->blocks = fs ? fs->pages : 0;
	st->files = fs ? fs->nnodes : 0;
	st->bfree = st->bavail = st->ffree = 0;
	return 0;
}

/* The image cannot be written: it stays read-only (squashfs's answer). */
static int irfs_remount(struct vfs_sb *sb, bool read_only, const char *data, size_t len)
{
	return read_only ? 0 : -EINVAL;
}

static const struct vfs_sb_ops irfs_sb_ops = {
	.getxattr = vfs_xattr_get_none, /* Linux's rootfs keeps them; none here */
	.evict = irfs_evict,
	.release = irfs_release,
	.remount = irfs_remount,
	.statfs = irfs_statfs,
};

static int irfs_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	struct irfs *fs = svc_alloc(sb->cap, sizeof(*fs));
	int err;

	if (!fs)
		return -ENOMEM;
	fs->cap = sb->cap;
	list_init(&fs->nodes);
	fs->sb = sb;
	fs->next_ino = 1;
	fs->now = svc_now().sec;
	fs->pages = (len + 4095) / 4096;
	sb->ops = &irfs_sb_ops; /* inodes evict through it from now on */
	sb->priv = fs;
	fs->root = irfs_node_new(fs, S_IFDIR | 0755);
	if (!fs->root) {
		err = -ENOMEM;
		goto err_free_fs;
	}
	fs->root->parent = fs->root;
	err = irfs_unpack(fs, data, len);
	if (err)
		goto err_drop_tree;
	svc_inode_get(fs->cap, fs->root->inode);
	sb->root = fs->root->inode;
	sb->read_only = true;
	return 0;

err_drop_tree:
	irfs_drop_tree(fs);
err_free_fs:
	svc_free(fs->cap, fs);
	sb->priv = NULL;
	return err;
}

/* the busiest first (path walks look up in the root): fortress's checked
 * dispatch looks a call's table up here in order */
static const void *const irfs_ops_tables[] = {
	&irfs_dir_ops, &irfs_file_ops, &irfs_symlink_ops, &irfs_dev_ops, &irfs_sb_ops, NULL,
};

const struct fs_type initramfs_fs_type = {
	.name = "rootfs", /* what Linux calls the filesystem an initramfs fills */
	.mount = irfs_mount,
	.ops_tables = irfs_ops_tables,
};
VFS_SERVICE(initramfs_fs_type);
