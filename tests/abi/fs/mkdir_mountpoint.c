/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* On a read-only filesystem an existing name (a mount point too) gives EEXIST before EROFS. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

int main(void)
{
	mkdir("m", 0755);
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	mkdir("m/sub", 0755);
	abi_make_file("m/f", "x");
	SHOW(mount("none", "m/sub", "tmpfs", 0, NULL));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	SHOW(mkdir("m/sub", 0755));
	SHOW(mkdir("m/f", 0755));
	SHOW(mkdir("m", 0755));
	SHOW(mkdir("m/new", 0755));
	SHOW(symlink("x", "m/sub"));
	SHOW(symlink("x", "m/new"));
	SHOW(link("m/f", "m/sub"));
	SHOW(link("m/f", "m/new"));
	SHOW(open("m/f", O_CREAT | O_EXCL | O_RDONLY, 0644));
	SHOW(mkdir("m/sub/x", 0755));
	SHOW(rmdir("m/sub/x"));
	SHOW(umount("m/sub"));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT, NULL));
	unlink("m/f");
	rmdir("m/sub");
	SHOW(umount("m"));
	rmdir("m");
	return 0;
}
