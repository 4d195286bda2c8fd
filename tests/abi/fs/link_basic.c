/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* link: a second name for the same inode (nlink counts), EEXIST, EPERM for directories, ENOENT. */
#include "abi.h"

int main(void)
{
	struct stat a, b;

	abi_make_file("f", "x");
	mkdir("d", 0755);
	SHOW(link("f", "g"));
	stat("f", &a);
	stat("g", &b);
	FACT("same inode", a.st_ino == b.st_ino);
	printf("nlink = %lu\n", (unsigned long)a.st_nlink);
	SHOW(link("f", "g"));
	SHOW(link("d", "d2"));
	SHOW(link("missing", "h"));
	SHOW(link("f", "missing/h"));
	SHOW(link("f", "d/h"));
	SHOW(unlink("f"));
	stat("g", &b);
	printf("nlink after unlinking f = %lu\n", (unsigned long)b.st_nlink);
	SHOW(link("f/", "h"));
	SHOW(link("g", "h/"));
	unlink("g");
	unlink("d/h");
	rmdir("d");
	return 0;
}
