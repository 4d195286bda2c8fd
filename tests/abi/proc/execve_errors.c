/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* execve errors: ENOENT, ENOTDIR, EACCES (dir, no x bit), ENOEXEC, EFAULT; caller survives. */
#include "abi.h"

int main(void)
{
	char *args[] = {"x", NULL};
	char *env[] = {NULL};

	abi_make_file("plain", "just text\n");
	abi_make_file("garbage", "\x01\x02\x03\x04 not an executable\n");
	chmod("garbage", 0755);
	mkdir("dir", 0755);
	SHOW(execve("missing", args, env));
	SHOW(execve("plain/x", args, env));
	SHOW(execve("dir", args, env));
	SHOW(execve("plain", args, env));
	SHOW(execve("garbage", args, env));
	SHOW(execve("", args, env));
	SHOW(syscall(SYS_execve, ABI_BADPTR, args, env));
	SHOW(syscall(SYS_execve, "garbage", ABI_BADPTR, env));
	printf("still running after failed execs\n");
	unlink("plain");
	unlink("garbage");
	rmdir("dir");
	return 0;
}
