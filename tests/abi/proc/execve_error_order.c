/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve/execveat report a bad file (ENOENT, EACCES, EBADF, ELOOP) before a bad argv or envp, and those before ENOEXEC. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	char *args[] = {"x", NULL};

	abi_make_file("garbage", "not a program\n");
	chmod("garbage", 0755);
	symlink("garbage", "link");
	SHOW(syscall(SYS_execve, "missing", ABI_BADPTR, NULL));
	SHOW(syscall(SYS_execve, "missing", args, ABI_BADPTR));
	SHOW(syscall(SYS_execve, ".", ABI_BADPTR, NULL));
	SHOW(syscall(SYS_execve, "/dev/null", ABI_BADPTR, NULL));
	SHOW(syscall(SYS_execve, "garbage", ABI_BADPTR, NULL));
	SHOW(syscall(SYS_execve, "garbage", args, ABI_BADPTR));
	SHOW(syscall(SYS_execve, "garbage", args, NULL));
	SHOW(syscall(SYS_execveat, AT_FDCWD, "missing", ABI_BADPTR, NULL, 0));
	SHOW(syscall(SYS_execveat, AT_FDCWD, "missing", ABI_BADPTR, NULL, 0x10));
	SHOW(syscall(SYS_execveat, 99, "missing", ABI_BADPTR, NULL, 0));
	SHOW(syscall(SYS_execveat, AT_FDCWD, "link", ABI_BADPTR, NULL, AT_SYMLINK_NOFOLLOW));
	SHOW(syscall(SYS_execveat, AT_FDCWD, "link", ABI_BADPTR, NULL, 0));
	SHOW(syscall(SYS_execveat, AT_FDCWD, ABI_BADPTR, args, NULL, 0x10));
	unlink("link");
	unlink("garbage");
	return 0;
}
