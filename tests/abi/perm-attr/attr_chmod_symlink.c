/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fchmodat(AT_SYMLINK_NOFOLLOW): EOPNOTSUPP on a symlink, a plain chmod on a file; chmod follows. */
/* abi: glibc */
#include "abi.h"

static void show_mode(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		printf("  %s: mode %04o\n", path, st.st_mode & 07777);
}

int main(void)
{
	abi_make_file("f", "x");
	symlink("f", "link");
	symlink("missing", "dangling");
	SHOW(fchmodat(AT_FDCWD, "link", 0600, AT_SYMLINK_NOFOLLOW));
	show_mode("link");
	show_mode("f");
	SHOW(fchmodat(AT_FDCWD, "dangling", 0600, AT_SYMLINK_NOFOLLOW));
	SHOW(fchmodat(AT_FDCWD, "f", 0640, AT_SYMLINK_NOFOLLOW));
	show_mode("f");
	SHOW(fchmodat(AT_FDCWD, "link", 0604, 0));
	show_mode("f");
	SHOW(chmod("dangling", 0600));
	/* the raw system call has no flags argument: a fourth one is ignored */
	SHOW(syscall(SYS_fchmodat, AT_FDCWD, "link", 0644, AT_SYMLINK_NOFOLLOW));
	show_mode("f");
	show_mode("link");
	unlink("dangling");
	unlink("link");
	unlink("f");
	return 0;
}
