/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* kernel.dmesg_restrict and dev.tty.legacy_tiocsti read 1 (Debian's defaults), root-writable files. */
/* abi: glibc */
#include "abi.h"

#include <sys/stat.h>

static void show(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	struct stat st;

	SHOW(abi_read_all(fd, buf, sizeof(buf) - 1));
	printf("%s: %s", path, buf);
	SHOW(fstat(fd, &st));
	printf("mode %o uid %u\n", st.st_mode, st.st_uid);
	close(fd);
}

int main(void)
{
	show("/proc/sys/kernel/dmesg_restrict");
	show("/proc/sys/dev/tty/legacy_tiocsti");
	return 0;
}
