/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* readlink: target without a NUL, silent truncation, EINVAL for non-links and bufsiz <= 0. */
#include "abi.h"

int main(void)
{
	char buf[64];

	abi_make_file("f", "x");
	symlink("some/target/path", "link");
	memset(buf, '#', sizeof(buf));
	SHOW(readlink("link", buf, sizeof(buf)));
	printf("buf = \"%.20s\" (byte after the target: %c)\n", buf, buf[16]);
	memset(buf, '#', sizeof(buf));
	SHOW(readlink("link", buf, 4));
	printf("truncated: \"%.6s\"\n", buf);
	SHOW(readlink("f", buf, sizeof(buf)));
	SHOW(readlink(".", buf, sizeof(buf)));
	SHOW(readlink("missing", buf, sizeof(buf)));
	SHOW(readlink("f/x", buf, sizeof(buf)));
	SHOW(syscall(SYS_readlink, "link", buf, 0));
	SHOW(syscall(SYS_readlink, "link", buf, -1));
	SHOW(syscall(SYS_readlink, "link", ABI_BADPTR, 10));
	SHOW(syscall(SYS_readlink, ABI_BADPTR, buf, 10));
	unlink("link");
	unlink("f");
	return 0;
}
