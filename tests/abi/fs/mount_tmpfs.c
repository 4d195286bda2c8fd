/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* A tmpfs mount hides the directory's contents until umount; EBUSY while busy; MNT_DETACH. */
#include "abi.h"

#include <sys/mount.h>

int main(void)
{
	struct stat st;
	int fd;

	mkdir("mnt", 0755);
	abi_make_file("mnt/under", "x");
	SHOW(mount("none", "mnt", "tmpfs", 0, "mode=0700"));
	SHOW(access("mnt/under", F_OK));
	SHOW(stat("mnt", &st));
	printf("root of the new tmpfs: mode %04o\n", st.st_mode & 07777);
	abi_make_file("mnt/over", "y");
	fd = open("mnt/over", O_RDONLY);
	SHOW(umount2("mnt", 0));
	SHOW(close(fd));
	SHOW(chdir("mnt"));
	SHOW(umount2("../mnt", 0));
	SHOW(chdir(".."));
	SHOW(umount2("mnt", 0));
	SHOW(access("mnt/over", F_OK));
	SHOW(access("mnt/under", F_OK));
	SHOW(mount("none", "mnt", "tmpfs", 0, NULL));
	fd = open("mnt", O_RDONLY);
	SHOW(umount2("mnt", MNT_DETACH));
	SHOW(fstat(fd, &st));
	SHOW(access("mnt/under", F_OK));
	close(fd);
	unlink("mnt/under");
	rmdir("mnt");
	return 0;
}
