/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Self-tests of the gate into ring 2: the instances of the image's
 * services (tmpfs, the initramfs) are marked sb->service, so their calls
 * are contained; the kernel's own filesystems (proc, devtmpfs, sysfs) are
 * not.  And a filesystem type is checked before it is registered.
 */
#include <klib/errno.h>
#include <platform/kmalloc.h>
#include <platform/ktest.h>
#include <kernel/vfs.h>
#include "fs.h"

extern const char ktest_cpio[], ktest_cpio_end[];

/* Mount `fstype` privately: 1 if its instance (and its root inode's) is
 * marked a service, 0 if not, -errno if it does not mount. */
static int service_flag(const char *fstype, const void *data, size_t len)
{
	struct test_mount m;
	int err = test_mount(&m, fstype, 90, data, len);

	if (!err)
		err = m.sb->root && m.sb->root->sb == m.sb ? m.sb->service : -EINVAL;
	test_unmount(&m);
	return err;
}

KTEST(gate, services_are_marked)
{
	size_t len = (size_t)(ktest_cpio_end - ktest_cpio);

	KTEST_EXPECT_EQ(t, service_flag("tmpfs", NULL, 0), 1);
	KTEST_EXPECT_EQ(t, service_flag("rootfs", ktest_cpio, len), 1);
	KTEST_EXPECT(t, vfs_fs_is_service(vfs_find_fs("tmpfs")));
	KTEST_EXPECT(t, vfs_fs_is_service(vfs_find_fs("rootfs")));
}

KTEST(gate, kernel_filesystems_are_not)
{
	KTEST_EXPECT_EQ(t, service_flag("proc", NULL, 0), 0);
	KTEST_EXPECT_EQ(t, service_flag("devtmpfs", NULL, 0), 0);
	KTEST_EXPECT_EQ(t, service_flag("sysfs", NULL, 0), 0);
	KTEST_EXPECT(t, !vfs_fs_is_service(vfs_find_fs("devpts")));
	KTEST_EXPECT(t, !vfs_fs_is_service(vfs_find_fs("mqueue")));
	KTEST_EXPECT(t, !vfs_fs_is_service(NULL));
}

/* The instance memfd_create() makes on tmpfs is a service instance too. */
KTEST(gate, kern_mount_is_marked)
{
	struct vfs_sb *sb = vfs_kern_mount("tmpfs");

	KTEST_EXPECT(t, !IS_ERR(sb));
	if (IS_ERR(sb))
		return;
	KTEST_EXPECT(t, sb->service);
	vfs_sb_abandon(sb);
}

/* An instance's record goes with its last hold: the instance's own, when
 * it is released, or a late inode's (a file still open after a lazy
 * unmount); fortress revokes its token then. */
KTEST(gate, the_last_hold_frees_the_instance)
{
	long live = vfs_sb_live();
	struct vfs_sb *sb = vfs_kern_mount("tmpfs");
	struct svc_cap cap;
	struct inode *late;

	KTEST_EXPECT(t, !IS_ERR(sb));
	if (IS_ERR(sb))
		return;
	KTEST_EXPECT_EQ(t, vfs_sb_live(), live + 1);
	cap = sb->cap;
	late = sb->root;
	inode_get(late);
	vfs_sb_abandon(sb);
	KTEST_EXPECT_EQ(t, vfs_sb_live(), live + 1); /* `late` holds it */
	KTEST_EXPECT(t, late->sb == sb && sb->released);
	inode_put(late);
	KTEST_EXPECT_EQ(t, vfs_sb_live(), live);
	if (CONFIG_CAP_RUNTIME)
		KTEST_EXPECT(t, svc_alloc(cap, 16) == NULL);
	sb = vfs_kern_mount("tmpfs");
	KTEST_EXPECT(t, !IS_ERR(sb));
	if (!IS_ERR(sb))
		vfs_sb_abandon(sb);
	KTEST_EXPECT_EQ(t, vfs_sb_live(), live);
}

static int no_mount(struct vfs_sb *sb, const char *source, const void *data, size_t len)
{
	return -ENODEV;
}

KTEST(gate, registration_checks_the_type)
{
	static const struct fs_type no_slot = {.name = "gatefs"};
	static const struct fs_type no_name = {.mount = no_mount};
	static const struct fs_type empty = {.name = "", .mount = no_mount};
	static const struct fs_type slash = {.name = "gate/fs", .mount = no_mount};
	static const struct fs_type space = {.name = "gate fs", .mount = no_mount};
	static const struct fs_type longname = {.name = "gatefs_gatefs_gatefs_gatefs_gate",
						.mount = no_mount};

	KTEST_EXPECT_EQ(t, vfs_register_fs(NULL), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_register_fs(&no_slot), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_register_fs(&no_name), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_register_fs(&empty), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_register_fs(&slash), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_register_fs(&space), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_register_fs(&longname), -EINVAL);
	KTEST_EXPECT(t, vfs_find_fs("gatefs") == NULL);
}
