/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Special nodes: FIFOs, device and socket nodes that mknod(2) put on a
 * filesystem.  Such a node only names something; opening it opens that
 * instead, as Linux's init_special_inode arranges: a FIFO's named pipe
 * (shared by every opener of the node, kernel/fs/pipe.c), or the
 * character device with the node's number (devfs's drivers, found by
 * number), or the block device with it (kernel/blkdev.h).  Socket nodes
 * cannot be opened: ENXIO, as an absent device gives on Linux.  The open
 * file refers to the pipe or device inode and keeps the node's path, from
 * which fstat() and the f*xattr calls describe the node, as Linux does.
 */
#include <klib/errno.h>
#include <linux/stat.h>
#include <kernel/blkdev.h>
#include <kernel/pipe.h>
#include <kernel/vfs.h>
#include "fs.h"

int vfs_open_inode(struct inode *i, unsigned flags, struct inode **out)
{
	struct inode *dev;
	struct vfs_stat st;
	int err;

	if (!vfs_is_special(i)) {
		err = vfs_open(i, flags);
		if (!err) {
			inode_get(i);
			*out = i;
		}
		return err;
	}
	err = vfs_stat(i, &st);
	if (err)
		return err;
	if (S_ISFIFO(st.mode))
		return pipe_open_fifo(i, flags, out);
	if (S_ISBLK(st.mode))
		err = blk_node_inode(NULL, 0, st.rdev, &dev);
	else if (S_ISCHR(st.mode))
		err = devfs_chrdev(st.rdev, &dev);
	else
		return -ENXIO;
	if (err)
		return err;
	err = vfs_open(dev, flags);
	if (err) {
		inode_put(dev);
		return err;
	}
	*out = dev;
	return 0;
}
