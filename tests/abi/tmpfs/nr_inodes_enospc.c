/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* tmpfs nr_inodes=: the root counts, creating past the limit is ENOSPC (files, dirs, symlinks), statfs counts inodes. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/statfs.h>

static void df(void)
{
	struct statfs s;

	statfs("mnt", &s);
	printf("files %ld free %ld\n", (long)s.f_files, (long)s.f_ffree);
}

int main(void)
{
	char name[32];
	int fd;

	mkdir("mnt", 0755);
	SHOW(mount("none", "mnt", "tmpfs", 0, "nr_inodes=4"));
	df();
	for (int i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "mnt/f%d", i);
		fd = open(name, O_CREAT | O_WRONLY, 0644);
		printf("create %s: %s\n", name, fd < 0 ? abi_errname(errno) : "ok");
		close(fd);
	}
	df();
	SHOW(mkdir("mnt/d", 0755));
	SHOW(symlink("x", "mnt/l"));
	SHOW(mknod("mnt/p", S_IFIFO | 0644, 0));
	SHOW(link("mnt/f0", "mnt/hard")); /* a further name costs an inode too */
	SHOW(unlink("mnt/f0"));
	df();
	SHOW(link("mnt/f1", "mnt/hard"));
	df();
	SHOW(unlink("mnt/hard"));
	df();
	SHOW(mkdir("mnt/d", 0755));
	df();
	SHOW(rmdir("mnt/d"));
	SHOW(unlink("mnt/f1"));
	SHOW(unlink("mnt/f2"));
	SHOW(umount("mnt"));
	rmdir("mnt");
	return 0;
}
