/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Renames and exchanges involving a mount point: EBUSY; across mounts: EXDEV. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>

#define EXCHANGE (1 << 1)

static long r2(const char *a, const char *b, unsigned flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

int main(void)
{
	mkdir("m", 0755);
	mkdir("d", 0755);
	mkdir("d/e", 0755);
	abi_make_file("f", "f");
	SHOW(mount("none", "m", "tmpfs", 0, NULL));
	abi_make_file("m/x", "x");
	SHOW(r2("m", "d", EXCHANGE));
	SHOW(r2("d", "m", EXCHANGE));
	SHOW(r2("m", "m", EXCHANGE));
	SHOW(r2("m/x", "f", EXCHANGE));
	SHOW(r2("f", "m/x", EXCHANGE));
	SHOW(r2("m", "elsewhere", 0));
	SHOW(r2("d", "m", 0));
	SHOW(r2("f", "m", 0));
	SHOW(r2("m", "f", 0));
	SHOW(rename("m/x", "f"));
	SHOW(r2("d/e", "d", EXCHANGE));
	SHOW(umount2("m", 0));
	SHOW(r2("m", "d", EXCHANGE));
	SHOW(access("d/e", F_OK));
	SHOW(access("m/e", F_OK));
	SHOW(unlink("m/x"));
	SHOW(unlink("f"));
	SHOW(rmdir("m/e"));
	SHOW(rmdir("m"));
	SHOW(rmdir("d"));
	return 0;
}
