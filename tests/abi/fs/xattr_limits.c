/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* xattr sizes: names of 1..255 bytes (else ERANGE), values up to 64 KiB (else E2BIG), ERANGE for small buffers. */
/* abi: glibc */
#include "abi.h"

#include <sys/mount.h>
#include <sys/xattr.h>

static char big[65537], out[70000], name[300];

int main(void)
{
	mkdir("t", 0755);
	SHOW(mount("none", "t", "tmpfs", 0, NULL));
	abi_make_file("t/f", "");
	memset(big, 'v', sizeof(big));
	memset(name, 'n', sizeof(name) - 1);
	memcpy(name, "user.", 5);
	name[255] = '\0';
	SHOW(setxattr("t/f", name, "x", 1, 0));
	SHOW(getxattr("t/f", name, NULL, 0));
	name[255] = 'n';
	name[256] = '\0';
	SHOW(setxattr("t/f", name, "x", 1, 0));
	SHOW(getxattr("t/f", name, out, 10));
	SHOW(removexattr("t/f", name));
	SHOW(setxattr("t/f", "", "x", 1, 0));
	SHOW(getxattr("t/f", "", out, 10));
	SHOW(setxattr("t/f", "user.big", big, 65536, 0));
	SHOW(setxattr("t/f", "user.big", big, 65537, 0));
	SHOW(syscall(SYS_setxattr, "t/f", "user.big", big, (size_t)1 << 40, 0));
	SHOW(getxattr("t/f", "user.big", NULL, 0));
	SHOW(getxattr("t/f", "user.big", out, 65535));
	SHOW(getxattr("t/f", "user.big", out, sizeof(out)));
	CHECK(memcmp(out, big, 65536) == 0);
	SHOW(setxattr("t/f", "user.small", "abc", 3, 0));
	SHOW(getxattr("t/f", "user.small", out, 2));
	SHOW(getxattr("t/f", "user.small", out, 3));
	SHOW(listxattr("t/f", NULL, 0));
	SHOW(listxattr("t/f", out, 10));
	SHOW(listxattr("t/f", out, sizeof(out)));
	SHOW(umount("t"));
	rmdir("t");
	return 0;
}
