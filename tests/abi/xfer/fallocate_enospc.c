/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fallocate on a tmpfs mounted with size= fails with ENOSPC past the limit and keeps the file's size. */
#include "abi.h"
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

int main(void)
{
	struct stat st;
	int fd;

	SHOW(mkdir("mnt", 0755));
	SHOW(mount("none", "mnt", "tmpfs", 0, "size=64k"));
	fd = open("mnt/f", O_CREAT | O_RDWR, 0644);
	SHOW_OK(fd);
	SHOW(fallocate(fd, 0, 0, 32768));
	SHOW(fallocate(fd, 0, 0, 1 << 20));
	SHOW(fstat(fd, &st));
	printf("size after the failed call: %lld\n", (long long)st.st_size);
	SHOW(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 1 << 20));
	SHOW(close(fd));
	SHOW(umount("mnt"));
	SHOW(rmdir("mnt"));
	return 0;
}
