/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* copy_file_range errors: flags, modes, O_APPEND, overlap, directories, pipes, bad pointers. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int in, out, ro, app, dir = open(".", O_RDONLY | O_DIRECTORY), p[2];
	loff_t oi = 0, oo = 2, neg = -1;

	abi_make_file("in", "abcdefgh");
	in = open("in", O_RDWR);
	out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ro = open("out", O_RDONLY);
	app = open("out", O_WRONLY | O_APPEND);
	SHOW(pipe(p));
	SHOW(syscall(SYS_copy_file_range, in, NULL, out, NULL, 1, 1));
	SHOW(syscall(SYS_copy_file_range, 99, NULL, out, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, 99, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, out, NULL, in, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, ro, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, app, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, &oi, in, &oo, 4, 0));
	SHOW(syscall(SYS_copy_file_range, in, &oi, in, &oi, 1, 0));
	SHOW(syscall(SYS_copy_file_range, dir, NULL, out, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, dir, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, p[0], NULL, out, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, p[1], NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, ABI_BADPTR, out, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, out, ABI_BADPTR, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, &neg, out, NULL, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, out, &neg, 1, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, out, NULL, -1L, 0));
	SHOW(syscall(SYS_copy_file_range, in, NULL, out, NULL, 0x7fffffffffffffffL, 0));
	SHOW(lseek(out, 0, SEEK_CUR));
	close(in);
	close(out);
	close(ro);
	close(app);
	close(dir);
	unlink("in");
	unlink("out");
	return 0;
}
