/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* /proc/sys/vm/drop_caches: write-only, 1, 3 and 4 taken, 0 refused; data survives a drop. */
/* abi: serial: drops the whole machine's clean page cache */
#include "abi.h"

#include <sys/mman.h>

static long put(const char *s)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	long r;

	if (fd < 0)
		return -1;
	r = write(fd, s, strlen(s));
	close(fd);
	return r;
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[8] = "";
	struct stat st;

	SHOW(stat("/proc/sys/vm/drop_caches", &st));
	printf("mode %o\n", (unsigned)(st.st_mode & 07777));
	SHOW(open("/proc/sys/vm/drop_caches", O_RDONLY));
	SHOW(put("1\n"));
	SHOW(put("3"));
	SHOW(put("4"));
	SHOW(put("0"));
	SHOW(put("x"));
	SHOW(pwrite(fd, "kept", 4, 4096));
	SHOW(fsync(fd));
	SHOW(put("1"));
	SHOW(pread(fd, buf, 4, 4096));
	printf("after the drop the file has: %s\n", buf);
	close(fd);
	unlink("f");
	return 0;
}
