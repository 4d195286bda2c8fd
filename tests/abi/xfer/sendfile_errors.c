/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* sendfile errors: EBADF for modes, EFAULT offset, EINVAL negative offset, O_APPEND, directories. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	int in, out, ro, app, dir = open(".", O_RDONLY | O_DIRECTORY);
	off_t off = -1;

	abi_make_file("in", "abcdef");
	in = open("in", O_RDONLY);
	out = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ro = open("out", O_RDONLY);
	app = open("out", O_WRONLY | O_APPEND);
	SHOW(syscall(SYS_sendfile, out, 99, NULL, 1));
	SHOW(syscall(SYS_sendfile, 99, in, NULL, 1));
	SHOW(syscall(SYS_sendfile, ro, in, NULL, 1));
	SHOW(syscall(SYS_sendfile, out, out, NULL, 1));
	SHOW(syscall(SYS_sendfile, out, in, ABI_BADPTR, 1));
	SHOW(syscall(SYS_sendfile, out, in, &off, 1));
	SHOW(syscall(SYS_sendfile, app, in, NULL, 1));
	SHOW(syscall(SYS_sendfile, out, dir, NULL, 1));
	SHOW(syscall(SYS_sendfile, dir, in, NULL, 1));
	SHOW(syscall(SYS_sendfile, out, in, NULL, -1L));
	SHOW(lseek(in, 0, SEEK_CUR));
	SHOW(syscall(SYS_sendfile, out, in, NULL, 0x80000000L));
	off = 0x7ffffffffffffff0;
	SHOW(syscall(SYS_sendfile, out, in, &off, 100));
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
