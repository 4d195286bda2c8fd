/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* access checks as the real uid/gid (root's real uid: its permitted caps); AT_EACCESS as effective. */
/* abi: glibc */
#include "perm.h"

static void all(void)
{
	SHOW(access("r600", R_OK));
	SHOW(access("r600", F_OK));
	SHOW(syscall(SYS_faccessat2, AT_FDCWD, "r600", R_OK, AT_EACCESS));
	SHOW(access("u600", R_OK | W_OK));
	SHOW(syscall(SYS_faccessat2, AT_FDCWD, "u600", R_OK | W_OK, AT_EACCESS));
	SHOW(access("r644", R_OK));
	SHOW(access("r644", W_OK));
	SHOW(access("r755", X_OK));
	SHOW(access("r644", X_OK));
	SHOW(access("closed/f", F_OK)); /* the walk is checked as the real ids too */
	SHOW(syscall(SYS_faccessat2, AT_FDCWD, "closed/f", F_OK, AT_EACCESS));
}

static int real_user(void *arg)
{
	(void)arg;
	/* real 1000, effective and saved 0 */
	if (setgroups(0, NULL) || setresgid(PERM_GID, 0, 0) || setresuid(PERM_UID, 0, 0))
		printf("FAIL: setres*id: %s\n", abi_errname(errno));
	all();
	return 0;
}

static int effective_user(void *arg)
{
	(void)arg;
	/* real 0, effective 1000 */
	if (setgroups(0, NULL) || setresgid(0, PERM_GID, 0) || setresuid(0, PERM_UID, 0))
		printf("FAIL: setres*id: %s\n", abi_errname(errno));
	all();
	return 0;
}

static int plain_user(void *arg)
{
	(void)arg;
	all();
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_file("r600", 0600, 0, 0);
	perm_file("u600", 0600, PERM_UID, PERM_GID);
	perm_file("r644", 0644, 0, 0);
	perm_file("r755", 0755, 0, 0);
	perm_dir("closed", 0700, 0, 0);
	perm_file("closed/f", 0644, 0, 0);
	abi_run_child("real 1000, effective 0", real_user, NULL);
	abi_run_child("real 0, effective 1000", effective_user, NULL);
	perm_as_user("all 1000", plain_user, NULL);
	unlink("r600");
	unlink("u600");
	unlink("r644");
	unlink("r755");
	unlink("closed/f");
	rmdir("closed");
	return 0;
}
