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
 * mount(sb, source, data, len): `source` is ignored; `data` holds Linux's
 * options: size= (bytes with k/m/g..., or N% of the RAM; default half the
 * RAM, 0 no limit) and nr_inodes= (default half the RAM's pages): a write
 * past size= gives ENOSPC, a new name past nr_inodes= ENOSPC; mode=,
 * uid=, gid= (the root's mode, default 01777, and owner, default 0:0).  Returns 0, -EINVAL (a bad option) or -ENOMEM.
 *
 * Known differences from Linux (the kernel side owns most of them):
 *  - New inodes belong to uid 0, gid 0: the ops carry no credentials, so
 *    the kernel must setattr() the owner; the setgid directory rule and
 *    clearing setuid/setgid on write or chown are also the kernel's job.
 *  - No POSIX ACLs (system.posix_acl_*), no huge pages.
 *  - Running out of memory below the size= limit gives -ENOMEM.
 */
#pragma once

#include <kevlar_vfs/service.h>

/* The filesystem type "tmpfs"; the kernel registers it at boot. */
extern const struct fs_type tmpfs_fs_type;
