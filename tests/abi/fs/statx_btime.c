/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* statx reports the birth time where the filesystem keeps it (not procfs); it never moves. */
#include <linux/stat.h>
#include "abi.h"
#include <time.h>

static struct statx sx(const char *path, unsigned mask, int flags)
{
	struct statx x;

	memset(&x, 0, sizeof(x));
	if (syscall(SYS_statx, AT_FDCWD, path, flags, mask, &x))
		printf("statx %s: %s\n", path, abi_errname(errno));
	return x;
}

int main(void)
{
	struct timespec t0, t1, ts[2] = {{1000, 0}, {1000, 0}};
	struct statx x;
	int fd;

	clock_gettime(CLOCK_REALTIME, &t0);
	abi_make_file("f", "x");
	SHOW(mkdir("d", 0755));
	SHOW(symlink("f", "l"));
	clock_gettime(CLOCK_REALTIME, &t1);
	x = sx("f", STATX_BTIME, 0);
	FACT("file: STATX_BTIME", x.stx_mask & STATX_BTIME);
	FACT("file: born between the clock readings",
	     x.stx_btime.tv_sec >= t0.tv_sec - 1 && x.stx_btime.tv_sec <= t1.tv_sec + 1);
	FACT("directory: STATX_BTIME", sx("d", STATX_BTIME, 0).stx_mask & STATX_BTIME);
	FACT("symlink: STATX_BTIME",
	     sx("l", STATX_BTIME, AT_SYMLINK_NOFOLLOW).stx_mask & STATX_BTIME);
	fd = open("f", O_WRONLY | O_APPEND);
	SHOW(write(fd, "more", 4));
	close(fd);
	SHOW(utimensat(AT_FDCWD, "f", ts, 0));
	SHOW(rename("f", "g"));
	FACT("write, utimensat, rename: btime kept",
	     sx("g", STATX_BTIME, 0).stx_btime.tv_sec == x.stx_btime.tv_sec &&
		     sx("g", STATX_BTIME, 0).stx_btime.tv_nsec == x.stx_btime.tv_nsec);
	FACT("now born after its mtime", sx("g", STATX_BTIME, 0).stx_btime.tv_sec > 1000);
	FACT("procfs: STATX_BTIME", sx("/proc/self/stat", STATX_BTIME, 0).stx_mask & STATX_BTIME);
	unlink("g");
	unlink("l");
	rmdir("d");
	return 0;
}
