/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* lstat sees the link (S_IFLNK, size = target length), stat the target; trailing slash. */
#include "abi.h"

int main(void)
{
	struct stat l, s, f;

	abi_make_file("target", "0123456789");
	SHOW(symlink("target", "link"));
	SHOW(symlink("nowhere/at/all", "dangling"));
	SHOW(lstat("link", &l));
	printf("lstat: S_ISLNK=%d size=%lld perms=%04o\n", S_ISLNK(l.st_mode), (long long)l.st_size,
	       l.st_mode & 07777);
	SHOW(stat("link", &s));
	stat("target", &f);
	printf("stat: S_ISREG=%d size=%lld same inode as target: %s\n", S_ISREG(s.st_mode),
	       (long long)s.st_size, s.st_ino == f.st_ino ? "yes" : "no");
	FACT("link has its own inode", l.st_ino != f.st_ino);
	SHOW(stat("dangling", &s));
	SHOW(lstat("dangling", &l));
	printf("dangling: size=%lld\n", (long long)l.st_size);
	SHOW(lstat("link/", &l));
	mkdir("dir", 0755);
	symlink("dir", "dlink");
	SHOW(lstat("dlink/", &l));
	printf("lstat(\"dlink/\") follows to the directory: S_ISDIR=%d\n", S_ISDIR(l.st_mode));
	unlink("dlink");
	rmdir("dir");
	unlink("link");
	unlink("dangling");
	unlink("target");
	return 0;
}
