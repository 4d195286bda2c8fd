/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* renameat2(RENAME_EXCHANGE) as uid 1000: both names are removals (sticky, write), dirs need write. */
/* abi: glibc */
#include "perm.h"

#include <linux/fs.h>

static long xchg(const char *a, const char *b)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

static int user(void *arg)
{
	(void)arg;
	SHOW(xchg("a/mined", "b/rootd")); /* root's directory would move: EACCES */
	SHOW(xchg("a/mined", "b/minef")); /* both the caller's */
	SHOW(xchg("a/mined", "a/rootd")); /* same parent: no ".." changes */
	SHOW(xchg("t/mine", "t/other"));  /* sticky: the other's name is not ours */
	SHOW(xchg("ro/x", "a/mined"));	  /* ro is not writable */
	SHOW(xchg("a/missing", "a/minef"));
	return 0;
}

int main(void)
{
	chmod(".", 0755);
	perm_dir("a", 0777, 0, 0);
	perm_dir("b", 0777, 0, 0);
	perm_dir("a/mined", 0755, PERM_UID, PERM_GID);
	perm_dir("b/rootd", 0755, 0, 0);
	perm_file("b/minef", 0644, PERM_UID, PERM_GID);
	perm_dir("a/rootd", 0755, 0, 0);
	perm_dir("t", 01777, 0, 0);
	perm_file("t/mine", 0644, PERM_UID, PERM_GID);
	perm_file("t/other", 0644, 2000, 2000);
	perm_dir("ro", 0755, 0, 0);
	perm_file("ro/x", 0666, PERM_UID, 0);
	perm_as_user("user", user, NULL);
	if (system("rm -rf a b t ro"))
		printf("FAIL: cleanup\n");
	return 0;
}
