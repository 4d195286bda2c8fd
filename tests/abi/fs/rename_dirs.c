/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* rename dirs: over empty dirs, ENOTEMPTY, ENOTDIR, EINVAL into itself, EBUSY for . and .. */
#include "abi.h"

int main(void)
{
	mkdir("a", 0755);
	mkdir("a/sub", 0755);
	mkdir("empty", 0755);
	mkdir("full", 0755);
	abi_make_file("full/f", "x");
	abi_make_file("file", "x");
	SHOW(rename("a", "full"));
	SHOW(rename("a", "file"));
	SHOW(rename("file", "empty"));
	SHOW(rename("a", "a/sub/inside"));
	SHOW(rename("a", "a/sub"));
	SHOW(rename("a/sub", "a"));
	SHOW(rename(".", "x"));
	SHOW(rename("a/..", "x"));
	SHOW(rename("a", "."));
	SHOW(rename("file/", "file2"));
	SHOW(rename("a/", "b/"));
	SHOW(rename("b", "empty"));
	SHOW(access("empty/sub", F_OK));
	SHOW(access("b", F_OK));
	SHOW(rename("empty/sub", "sub2"));
	rmdir("sub2");
	rmdir("empty");
	unlink("full/f");
	rmdir("full");
	unlink("file");
	return 0;
}
