/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* An O_PATH descriptor is EBADF to sendfile, splice, tee, copy_file_range, fallocate, fadvise64. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int f, path, p[2];

	abi_make_file("f", "data");
	f = open("f", O_RDWR);
	path = open("f", O_PATH);
	SHOW(pipe(p));
	SHOW(syscall(SYS_sendfile, f, path, NULL, 1));
	SHOW(syscall(SYS_sendfile, path, f, NULL, 1));
	SHOW(splice(path, NULL, p[1], NULL, 1, 0));
	SHOW(splice(p[0], NULL, path, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, path, NULL, f, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, f, NULL, path, NULL, 1, 0));
	SHOW(fallocate(path, 0, 0, 1));
	SHOW(syscall(SYS_fadvise64, path, 0, 0, POSIX_FADV_NORMAL));
	SHOW(syscall(SYS_fadvise64, path, 0, 0, 99));
	close(path);
	path = open(".", O_PATH);
	SHOW(syscall(SYS_copy_file_range, path, NULL, f, NULL, 1, 0));
	close(path);
	close(f);
	unlink("f");
	return 0;
}
