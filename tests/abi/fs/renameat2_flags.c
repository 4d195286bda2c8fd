/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* renameat/renameat2: RENAME_NOREPLACE (EEXIST), RENAME_EXCHANGE, EINVAL flag sets. */
#include "abi.h"

#define NOREPLACE (1 << 0)
#define EXCHANGE  (1 << 1)

static long sys_renameat2(int od, const char *o, int nd, const char *n, unsigned flags)
{
	return syscall(SYS_renameat2, od, o, nd, n, flags);
}

int main(void)
{
	char buf[8] = "";
	int d1, d2, fd;

	mkdir("d1", 0755);
	mkdir("d2", 0755);
	abi_make_file("d1/x", "one");
	abi_make_file("d2/y", "two");
	d1 = open("d1", O_RDONLY | O_DIRECTORY);
	d2 = open("d2", O_RDONLY | O_DIRECTORY);
	SHOW(renameat(d1, "x", d2, "x"));
	SHOW(renameat(d2, "x", d1, "x"));
	SHOW(sys_renameat2(d1, "x", d2, "y", NOREPLACE));
	SHOW(sys_renameat2(d1, "x", d2, "z", NOREPLACE));
	SHOW(sys_renameat2(d2, "z", d1, "x", 0));
	SHOW(sys_renameat2(d1, "x", d2, "y", EXCHANGE));
	fd = open("d1/x", O_RDONLY);
	SHOW(read(fd, buf, 3));
	printf("d1/x now holds \"%s\"\n", buf);
	close(fd);
	SHOW(sys_renameat2(d1, "x", d2, "missing", EXCHANGE));
	SHOW(sys_renameat2(d1, "x", d2, "y", EXCHANGE | NOREPLACE));
	SHOW(sys_renameat2(d1, "x", d2, "y", 0x100));
	SHOW(sys_renameat2(99, "x", d2, "y", 0));
	unlink("d1/x");
	unlink("d2/y");
	close(d1);
	close(d2);
	rmdir("d1");
	rmdir("d2");
	return 0;
}
