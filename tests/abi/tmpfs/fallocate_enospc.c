/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* tmpfs size=: fallocate past the free space is ENOSPC and keeps nothing; within it, the pages count as used. */
/* abi: glibc */
#include "abi.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statfs.h>

static void df(void)
{
	struct statfs s;

	statfs("mnt", &s);
	printf("blocks %ld free %ld\n", (long)s.f_blocks, (long)s.f_bfree);
}

int main(void)
{
	struct stat st;
	int fd;

	mkdir("mnt", 0755);
	SHOW(mount("none", "mnt", "tmpfs", 0, "size=32k"));
	fd = open("mnt/f", O_CREAT | O_RDWR, 0644);
	SHOW(fallocate(fd, 0, 0, 64 * 1024));
	fstat(fd, &st);
	printf("size %ld blocks %ld\n", (long)st.st_size, (long)st.st_blocks);
	df();
	SHOW(fallocate(fd, 0, 0, 16 * 1024));
	fstat(fd, &st);
	printf("size %ld blocks %ld\n", (long)st.st_size, (long)st.st_blocks);
	df();
	SHOW(fallocate(fd, FALLOC_FL_KEEP_SIZE, 16 * 1024, 32 * 1024));
	df();
	SHOW(fallocate(fd, FALLOC_FL_KEEP_SIZE, 16 * 1024, 16 * 1024));
	df();
	SHOW(write(fd, "x", 1));
	close(fd);
	SHOW(unlink("mnt/f"));
	df();
	SHOW(umount("mnt"));
	rmdir("mnt");
	return 0;
}
