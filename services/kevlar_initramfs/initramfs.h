/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_initramfs: a read-only filesystem over a cpio "newc" archive in
 * memory (the boot initramfs, the first userland's root filesystem).
 *
 * mount(sb, source, data, len): `data`/`len` is the archive; it must stay
 * mapped and unchanged for as long as any inode of the mount lives (the
 * kernel's copy of the boot image lives forever): file contents, symlink
 * targets and names point into it, nothing is copied.  `source` is unused.
 * The whole tree is built during mount() and never changes after, so no op
 * takes a lock.  Returns 0, -EINVAL on a malformed archive (cpio.h lists
 * what that is) or -ENOMEM; on failure nothing is left allocated.
 *
 * Entries are applied in archive order the way Linux's init/initramfs.c
 * unpacks them (see unpack.c), except that missing parent directories are
 * created (mode 0755, owner 0, time of mount) instead of skipping the entry.
 * Every mutating op is left empty, so the dispatcher returns -EROFS.
 */
#pragma once

#include <kevlar_vfs/service.h>

/* The filesystem type "rootfs" (Linux's name for the root an initramfs
 * fills); the kernel registers it at boot. */
extern const struct fs_type initramfs_fs_type;
