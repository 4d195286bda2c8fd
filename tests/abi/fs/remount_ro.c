/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mount -o remount,ro of a tmpfs: EBUSY while a file is open for writing, then EROFS; rw restores. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

int main(void)
{
	int fd;

	mkdir("m", 0755);
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	mkdir("m/d", 0755);
	fd = open("m/f", O_CREAT | O_WRONLY, 0644);
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	SHOW(close(fd));
	fd = open("m/f", O_RDONLY);
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
	SHOW(open("m/f", O_WRONLY));
	SHOW(open("m/g", O_CREAT | O_RDONLY, 0644));
	SHOW(mkdir("m/e", 0755));
	SHOW(unlink("m/f"));
	SHOW(rmdir("m/d"));
	SHOW(rename("m/f", "m/g"));
	SHOW(chmod("m/f", 0600));
	SHOW(truncate("m/f", 0));
	SHOW(access("m/f", W_OK));
	SHOW(access("m/f", R_OK));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT, NULL));
	SHOW(mkdir("m/e", 0755));
	SHOW(rmdir("m/e"));
	SHOW(mount(NULL, "m/d", NULL, MS_REMOUNT, NULL));
	SHOW(mount(NULL, "missing", NULL, MS_REMOUNT, NULL));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT, "size=8k"));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT, "bogus=1"));
	SHOW(mount(NULL, "m", NULL, MS_REMOUNT, "mode=0700"));
	SHOW(mount(NULL, "m", NULL, MS_PRIVATE, NULL));
	SHOW(mount(NULL, "m/d", NULL, MS_PRIVATE, NULL));
	close(fd);
	unlink("m/f");
	rmdir("m/d");
	SHOW(umount("m"));
	rmdir("m");
	return 0;
}
