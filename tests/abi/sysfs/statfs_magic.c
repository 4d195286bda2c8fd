/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* statfs on /sys reports SYSFS_MAGIC; attributes stat as 4096-byte files, directories 0755. */
/* abi: glibc */
#include "abi.h"

#include <linux/magic.h>
#include <sys/vfs.h>

int main(void)
{
	struct statfs sf;
	struct stat st;
	int fd;

	SHOW(statfs("/sys", &sf));
	FACT("f_type is SYSFS_MAGIC", sf.f_type == SYSFS_MAGIC);
	printf("f_bsize %ld f_blocks %ld f_files %ld\n", (long)sf.f_bsize, (long)sf.f_blocks,
	       (long)sf.f_files);
	fd = open("/sys/devices/system/cpu/online", O_RDONLY);
	SHOW(fstatfs(fd, &sf));
	FACT("fstatfs f_type is SYSFS_MAGIC", sf.f_type == SYSFS_MAGIC);
	SHOW(fstat(fd, &st));
	printf("online: mode %o size %ld blksize %ld nlink %ld uid %d\n", st.st_mode,
	       (long)st.st_size, (long)st.st_blksize, (long)st.st_nlink, (int)st.st_uid);
	close(fd);
	SHOW(stat("/sys/devices/system/cpu/cpu0", &st));
	printf("cpu0: mode %o size %ld\n", st.st_mode, (long)st.st_size);
	SHOW(stat("/sys/devices/system/cpu/kernel_max", &st));
	printf("kernel_max: mode %o\n", st.st_mode);
	SHOW(stat("/sys/devices/system/cpu/cpu0/topology/core_id", &st));
	printf("core_id: mode %o\n", st.st_mode);
	return 0;
}
