/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* statfs of a tmpfs: size= and nr_inodes= limits, what files use, f_flags from mount flags. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/statfs.h>

static void show(const char *label)
{
	struct statfs s;

	memset(&s, 0, sizeof(s));
	if (statfs("m", &s)) {
		printf("%s: statfs %s\n", label, abi_errname(errno));
		return;
	}
	printf("%s: type %#lx bsize %ld blocks %ld bfree %ld bavail %ld files %ld ffree %ld "
	       "namelen %ld frsize %ld flags %#lx\n",
	       label, (unsigned long)s.f_type, (long)s.f_bsize, (long)s.f_blocks, (long)s.f_bfree,
	       (long)s.f_bavail, (long)s.f_files, (long)s.f_ffree, (long)s.f_namelen,
	       (long)s.f_frsize, (long)s.f_flags);
}

int main(void)
{
	char buf[8193] = {0};
	int fd;

	mkdir("m", 0755);
	SHOW(mount("none", "m", "tmpfs", 0, "size=1m,nr_inodes=100"));
	show("empty");
	mkdir("m/d", 0755);
	fd = open("m/f", O_CREAT | O_RDWR, 0644);
	SHOW(write(fd, buf, sizeof(buf)));
	close(fd);
	show("a directory and 3 pages");
	unlink("m/f");
	show("file removed");
	rmdir("m/d");
	SHOW(umount("m"));
	SHOW(mount("none", "m", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=8k,nr_inodes=10"));
	show("nosuid,nodev,noexec");
	SHOW(umount("m"));
	SHOW(mount("none", "m", "tmpfs", MS_RDONLY | MS_NOATIME, "nr_inodes=2k,size=4m"));
	show("ro,noatime");
	SHOW(umount("m"));
	SHOW(mount("none", "m", "tmpfs", MS_STRICTATIME, "size=1g,nr_inodes=1m"));
	show("strictatime");
	SHOW(umount("m"));
	SHOW(mount("none", "m", "tmpfs", 0, "size=12x"));
	SHOW(mount("none", "m", "tmpfs", 0, "size=1m,size"));
	rmdir("m");
	return 0;
}
