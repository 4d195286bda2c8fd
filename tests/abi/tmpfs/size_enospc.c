/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* tmpfs size=: writes stop at the limit with ENOSPC (a short write first), statfs counts the pages, unlink frees them. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/statfs.h>

static void df(void)
{
	struct statfs s;

	if (statfs("mnt", &s))
		printf("statfs: %s\n", abi_errname(errno));
	else
		printf("blocks %ld free %ld avail %ld bsize %ld\n", (long)s.f_blocks,
		       (long)s.f_bfree, (long)s.f_bavail, (long)s.f_bsize);
}

int main(void)
{
	static char buf[100 * 1024];
	int fd;

	memset(buf, 'x', sizeof(buf));
	mkdir("mnt", 0755);
	SHOW(mount("none", "mnt", "tmpfs", 0, "size=64k"));
	df();
	fd = open("mnt/a", O_CREAT | O_WRONLY, 0644);
	SHOW(write(fd, buf, 10000));
	df();
	SHOW(write(fd, buf, sizeof(buf)));
	SHOW(write(fd, buf, 1));
	SHOW(pwrite(fd, buf, 10, 100)); /* a page it has: fine */
	df();
	SHOW(close(fd));
	fd = open("mnt/b", O_CREAT | O_WRONLY, 0644);
	SHOW(write(fd, buf, 1));
	SHOW(ftruncate(fd, 1 << 20)); /* sparse: no pages */
	SHOW(lseek(fd, 0, SEEK_END));
	close(fd);
	SHOW(unlink("mnt/a"));
	df();
	fd = open("mnt/b", O_WRONLY);
	SHOW(write(fd, buf, 4096));
	close(fd);
	df();
	SHOW(unlink("mnt/b"));
	SHOW(umount("mnt"));
	rmdir("mnt");
	return 0;
}
