/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Path walk: "//", ".", "..", "/..", symlinked directories mid-path, trailing slashes. */
#include "abi.h"

static void same(const char *a, const char *b)
{
	struct stat x, y;

	if (stat(a, &x) != 0 || stat(b, &y) != 0) {
		printf("%s vs %s: %s\n", a, b, abi_errname(errno));
		return;
	}
	printf("%s is %s: %s\n", a, b, x.st_ino == y.st_ino && x.st_dev == y.st_dev ? "yes" : "no");
}

int main(void)
{
	mkdir("a", 0755);
	mkdir("a/b", 0755);
	abi_make_file("a/b/f", "x");
	symlink("a/b", "lb");
	symlink("../..", "a/b/up");
	same("a//b///f", "a/b/f");
	same("./a/./b/./f", "a/b/f");
	same("a/b/../b/f", "a/b/f");
	same("a/b/..", "a");
	same("/..", "/");
	same("/../../..", "/");
	same("lb/f", "a/b/f");
	same("lb/..", "a");
	same("a/b/up", ".");
	same("a/b/up/a/b/f", "a/b/f");
	same("a/b/", "a/b");
	same("a/b/f/", "a/b/f");
	same("a/b/f/.", "a/b/f");
	same("a/missing/..", "a");
	unlink("a/b/up");
	unlink("lb");
	unlink("a/b/f");
	rmdir("a/b");
	rmdir("a");
	return 0;
}
