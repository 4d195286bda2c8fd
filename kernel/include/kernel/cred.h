/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Credentials (Linux's struct cred): the ids, supplementary groups,
 * capability sets, securebits and no_new_privs of one thread.  A
 * credential is immutable once published and shared by reference: fork
 * and clone hand the caller's to the new thread, and a change (set*id,
 * setgroups, capset, prctl, exec) prepares a private copy, edits it and
 * installs it on the calling thread only, as Linux's prepare_creds and
 * commit_creds.  So the thread reading its own credential takes no lock
 * (only it replaces it), and a raw setresuid in one thread leaves its
 * siblings' ids alone (the libc wrappers broadcast to every thread).
 *
 * Each thread has two pointers: `cred`, what its own permission checks
 * use, and `real_cred`, what others see of it (kill, /proc, sched).
 * They differ only during access(2), which checks as the real ids.  The
 * process keeps `cred`, its leader's credential, for questions asked of
 * the process as a whole (/proc/<pid>, kill, the per-user counts).
 * Another thread's real_cred and a process's cred are replaced under the
 * process tree lock (a process's also under its siglock, under which
 * signals are charged to its real uid): hold one to read them, or take a
 * reference.
 */
#pragma once

#include <klib/types.h>
#include <kernel/process.h>
#include <kernel/sched.h>

struct group_list;

struct cred {
	int refs;			    /* atomic */
	uint32_t uid, euid, suid, fsuid;    /* the uid quartet */
	uint32_t gid, egid, sgid, fsgid;    /* the gid quartet */
	uint64_t cap_eff, cap_prm, cap_inh; /* capability sets */
	uint64_t cap_bnd, cap_amb;	    /* bounding and ambient sets */
	unsigned securebits;		    /* SECBIT_* (PR_SET_KEEPCAPS: SECBIT_KEEP_CAPS) */
	bool no_new_privs;		    /* PR_SET_NO_NEW_PRIVS (sticky, per thread) */
	struct group_list *groups;	    /* supplementary groups (groups.c); NULL: none */
};

/* Root with every capability: the kernel's own threads and the first
 * process.  Never freed. */
extern struct cred init_cred;

/* The calling thread's credential (inline: getuid and every permission
 * check ask; only the caller replaces it, so no lock and no reference). */
static inline const struct cred *current_cred(void)
{
	return current_thread()->cred;
}

/* Whether credential `c` holds capability `cap` (CAP_* from
 * <linux/capability.h>) in its effective set. */
static inline bool cred_capable(const struct cred *c, int cap)
{
	return (unsigned)cap < 64 && (c->cap_eff >> cap & 1);
}

/* Whether the caller holds `cap`.  Inline: the write path asks it on
 * every call. */
static inline bool capable(int cap)
{
	return cred_capable(current_cred(), cap);
}

/* A reference more or less on `c`; the last put frees it and its groups. */
const struct cred *cred_get(const struct cred *c);
void cred_put(const struct cred *c);

/* A private copy of the caller's credential to change (its real one), or
 * NULL when out of memory.  Either cred_install() or cred_abort() it. */
struct cred *cred_prepare(void);
void cred_abort(struct cred *new);
/* Make `new` the caller's credential (its reference is taken over), with
 * Linux's side effects: a thread whose euid, egid, fsuid or fsgid changed,
 * or whose permitted set grew, leaves its process not dumpable and loses
 * its parent-death signal.  May not be called inside cred_override(). */
void cred_install(struct cred *new);

/* access(2): check as `new` until cred_revert(old) (the caller's own
 * checks only; others keep seeing its real credential).  Returns the
 * credential to give back to cred_revert. */
const struct cred *cred_override(const struct cred *new);
void cred_revert(const struct cred *old);

/* Give the new thread `t` the credential `c` (a new reference; the one
 * it had goes): init_cred for every new thread (kernel threads keep it),
 * the caller's real one for what fork and clone create.  And the
 * thread's release of its own when it is freed. */
void cred_thread_init(struct thread *t, const struct cred *c);
void cred_thread_release(struct thread *t);

/* Whether the caller's euid is the real or effective uid of `c`, another
 * thread's real_cred (Linux's check_same_owner: who may change another's
 * affinity or priority without CAP_SYS_NICE). */
bool cred_same_owner(const struct cred *c);

/* Whether `gid` is the caller's fsgid or one of its supplementary groups
 * (what "the group class" means for a file's permission bits). */
bool in_group(uint32_t gid);

/* After setuid/setreuid/setresuid changed the uids from `old` to `new`:
 * the capability sets follow (leaving every uid 0 clears the permitted,
 * effective and ambient sets unless SECBIT_KEEP_CAPS; leaving euid 0
 * clears the effective set, returning to it restores it from the
 * permitted), unless SECBIT_NO_SETUID_FIXUP. */
void cred_fix_setuid(const struct cred *old, struct cred *new);
/* After setfsuid: leaving fsuid 0 drops the filesystem capabilities from
 * the effective set, returning to it raises the permitted ones. */
void cred_fix_setfsuid(const struct cred *old, struct cred *new);

struct vfs_stat;
/* execve's new credentials, once the new program is committed to: the
 * set-user-ID and set-group-ID bits of `st` (the executable's stat)
 * unless `nosuid` (the mount's MS_NOSUID) or no_new_privs; then the
 * capability sets by Linux's rules for a file without file capabilities
 * (root, real or effective, gets the bounding set).  Returns AT_SECURE
 * (whether the program runs with ids or capabilities its caller did not
 * have: 1 or 0), or -ENOMEM. */
int cred_exec(const struct vfs_stat *st, bool nosuid);
