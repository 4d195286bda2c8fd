/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * kevlar_tmpfs: a read-write filesystem kept entirely in memory, with
 * Linux tmpfs semantics (what shmem reports and which errno it gives for
 * each mistake).  Regular files keep their bytes in 4 KiB pages allocated
 * on first write (a sparse page index, so holes cost nothing and read as
 * zeros); directories keep their names in a hash table plus a list in
 * creation order whose serial numbers are the readdir positions, so a
 * position stays valid while names come and go.
 *
 * mount(sb, source, data, len): `source` and `data` are ignored (no mount
 * options yet: no size= or nr_inodes= limit, memory is the only limit).
 * The root is a directory of mode 01777 owned by 0:0, like Linux's.
 * Returns 0 or -ENOMEM.
 *
 * Known differences from Linux (the kernel side owns most of them):
 *  - New inodes belong to uid 0, gid 0: the ops carry no credentials, so
 *    the kernel must setattr() the owner; the setgid directory rule and
 *    clearing setuid/setgid on write or chown are also the kernel's job.
 *  - No POSIX ACLs (system.posix_acl_*), no O_TMPFILE, no huge pages.
 *  - Running out of memory gives -ENOMEM (Linux's default size= limit of
 *    half the RAM would give -ENOSPC first).
 */
#pragma once

#include <kevlar_vfs/service.h>

/* The filesystem type "tmpfs"; the kernel registers it at boot. */
extern const struct fs_type tmpfs_fs_type;
