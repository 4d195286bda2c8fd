/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* copy_file_range across filesystems is EXDEV (procfs to here); device files are EINVAL. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int proc = open("/proc/self/stat", O_RDONLY), null = open("/dev/null", O_RDWR);
	int out = open("out", O_RDWR | O_CREAT | O_TRUNC, 0644);

	SHOW(syscall(SYS_copy_file_range, proc, NULL, out, NULL, 100, 0));
	SHOW(syscall(SYS_copy_file_range, proc, NULL, out, NULL, 0, 0));
	SHOW(syscall(SYS_copy_file_range, out, NULL, proc, NULL, 100, 0));
	SHOW(syscall(SYS_copy_file_range, null, NULL, out, NULL, 100, 0));
	SHOW(syscall(SYS_copy_file_range, out, NULL, null, NULL, 100, 0));
	SHOW(syscall(SYS_copy_file_range, proc, NULL, out, NULL, 100, 1));
	SHOW(lseek(out, 0, SEEK_END));
	close(proc);
	close(null);
	close(out);
	unlink("out");
	return 0;
}
