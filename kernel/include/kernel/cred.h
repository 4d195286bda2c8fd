/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Credentials as the permission checks see them: the calling process's
 * capabilities and the ids the filesystem checks use (fsuid/fsgid and
 * the supplementary groups).  The ids themselves live in struct process
 * (uid/euid/suid/fsuid and the gid quartet); the set*id system calls are
 * in kernel/syscalls/.
 */
#pragma once

#include <klib/types.h>

struct process;

/* Whether `p` (the caller: current_process()) holds capability `cap`
 * (CAP_* from <linux/capability.h>) in its effective set. */
bool process_capable(const struct process *p, int cap);
bool capable(int cap);

/* Whether `gid` is the caller's fsgid or one of its supplementary groups
 * (what "the group class" means for a file's permission bits). */
bool in_group(uint32_t gid);
