/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* mknod of each node type: st_mode (umask applied, bits past 16 ignored) and st_rdev as stat shows them. */
/* abi: glibc */
#include "abi.h"

#include <sys/sysmacros.h>

static void show(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		printf("%s: lstat = -1 %s\n", path, abi_errname(errno));
		return;
	}
	printf("%s: mode %07o rdev %u:%u size %lld nlink %lu\n", path, (unsigned)st.st_mode,
	       major(st.st_rdev), minor(st.st_rdev), (long long)st.st_size,
	       (unsigned long)st.st_nlink);
}

int main(void)
{
	SHOW(mknod("fifo", S_IFIFO | 0666, 0));
	SHOW(mknod("chr", S_IFCHR | 0640, makedev(1, 3)));
	SHOW(mknod("blk", S_IFBLK | 0600, makedev(8, 17)));
	SHOW(mknod("sock", S_IFSOCK | 0777, makedev(1, 3)));
	SHOW(mknod("reg", 0644, makedev(1, 3)));
	SHOW(mknod("reg2", S_IFREG | 04755, 0));
	SHOW(mknodat(AT_FDCWD, "fifo2", S_IFIFO | 07777, 0));
	SHOW(syscall(SYS_mknod, "hi", 0xffff0000u | S_IFIFO | 0600, 0));
	SHOW(syscall(SYS_mknodat, AT_FDCWD, "chr2", S_IFCHR | 0600, 0x1ffffffffUL));
	show("fifo");
	show("chr");
	show("blk");
	show("sock");
	show("reg");
	show("reg2");
	show("fifo2");
	show("hi");
	show("chr2");
	unlink("fifo");
	unlink("chr");
	unlink("blk");
	unlink("sock");
	unlink("reg");
	unlink("reg2");
	unlink("fifo2");
	unlink("hi");
	unlink("chr2");
	return 0;
}
