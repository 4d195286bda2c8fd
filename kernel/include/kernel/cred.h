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
#include <kernel/process.h>

/* Whether `p` (the caller: current_process()) holds capability `cap`
 * (CAP_* from <linux/capability.h>) in its effective set.  Inline: the
 * write path asks it on every call. */
static inline bool process_capable(const struct process *p, int cap)
{
	return (unsigned)cap < 64 && (p->attrs.cap_eff >> cap & 1);
}

static inline bool capable(int cap)
{
	return process_capable(current_process(), cap);
}

/* Whether the caller's euid is `p`'s real or effective uid (Linux's
 * check_same_owner: who may change another's affinity or priority
 * without CAP_SYS_NICE). */
bool cred_same_owner(const struct process *p);

/* Whether `gid` is the caller's fsgid or one of its supplementary groups
 * (what "the group class" means for a file's permission bits). */
bool in_group(uint32_t gid);

/* A credential change as Linux commits one (set*id, setfsuid, capset,
 * prctl, exec): the caller saves its credentials, changes its ids and
 * sets in place, then commits, which applies Linux's side effects: a
 * process whose euid, egid, fsuid or fsgid changed, or whose permitted
 * set grew, is no longer dumpable and loses its parent-death signal.
 * Only the process changes its own credentials (no lock: others read
 * single words). */
struct cred_saved {
	uint32_t uid, euid, suid, fsuid, egid, fsgid;
	uint64_t cap_prm;
};
void cred_save(struct cred_saved *o);
void cred_commit(const struct cred_saved *o);

/* After setuid/setreuid/setresuid changed the uids from `o`: the
 * capability sets follow (leaving every uid 0 clears the permitted,
 * effective and ambient sets unless SECBIT_KEEP_CAPS; leaving euid 0
 * clears the effective set, returning to it restores it from the
 * permitted), unless SECBIT_NO_SETUID_FIXUP. */
void cred_fix_setuid(const struct cred_saved *o);
/* After setfsuid: leaving fsuid 0 drops the filesystem capabilities from
 * the effective set, returning to it raises the permitted ones. */
void cred_fix_setfsuid(const struct cred_saved *o);

struct vfs_stat;
/* execve's new credentials, once the new program is committed to: the
 * set-user-ID and set-group-ID bits of `st` (the executable's stat)
 * unless `nosuid` (the mount's MS_NOSUID) or no_new_privs; then the
 * capability sets by Linux's rules for a file without file capabilities
 * (root, real or effective, gets the bounding set).  Returns AT_SECURE:
 * whether the program runs with ids or capabilities its caller did not
 * have. */
bool cred_exec(const struct vfs_stat *st, bool nosuid);
