/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/*
 * Helpers of the permission tests: the test starts as root in its scratch
 * directory, makes its files there with chosen modes and owners, and runs
 * the operations as an unprivileged user (uid and gid 1000, no
 * supplementary groups) in a forked child, so root's view stays available.
 */
#ifndef PERM_H
#define PERM_H

#include <grp.h>
#include "abi.h"

#define PERM_UID 1000
#define PERM_GID 1000

/* Become uid/gid 1000 with no supplementary groups (all three ids). */
static inline void perm_drop(void)
{
	if (setgroups(0, NULL) || setresgid(PERM_GID, PERM_GID, PERM_GID) ||
	    setresuid(PERM_UID, PERM_UID, PERM_UID))
		printf("FAIL: dropping to uid %d: %s\n", PERM_UID, abi_errname(errno));
}

/* Run fn as uid 1000 in a child; print how the child ended. */
static inline void perm_as_user(const char *label, int (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		perm_drop();
		_exit(fn(arg));
	}
	abi_wait_child(label, pid);
}

/* A file `name` with `mode`, owned by uid:gid. */
static inline void perm_file(const char *name, mode_t mode, uid_t uid, gid_t gid)
{
	abi_make_file(name, "data\n");
	if (chown(name, uid, gid) || chmod(name, mode))
		printf("FAIL: perm_file %s: %s\n", name, abi_errname(errno));
}

/* A directory `name` with `mode`, owned by uid:gid. */
static inline void perm_dir(const char *name, mode_t mode, uid_t uid, gid_t gid)
{
	if (mkdir(name, 0700) || chown(name, uid, gid) || chmod(name, mode))
		printf("FAIL: perm_dir %s: %s\n", name, abi_errname(errno));
}

#endif /* PERM_H */
