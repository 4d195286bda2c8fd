/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* utime, utimes and futimesat: seconds/microseconds, NULL for now, symlinks followed, errors. */
#include "abi.h"
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

struct old_utimbuf {
	long actime, modtime;
};

static void times_of(const char *path)
{
	struct stat st;

	stat(path, &st);
	printf("%s: atime %ld.%09ld mtime %ld.%09ld\n", path, (long)st.st_atim.tv_sec,
	       st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

int main(void)
{
	struct timeval tv[2] = {{1000, 250000}, {2000, 999999}};
	struct timeval bad[2] = {{1, 1000000}, {2, 0}};
	struct timeval neg[2] = {{1, 0}, {2, -1}};
	struct old_utimbuf ub = {3000, 4000};
	struct stat st;
	int dir;

	abi_make_file("f", "x");
	SHOW(symlink("f", "l"));
	SHOW(syscall(SYS_utimes, "l", tv)); /* through the link */
	times_of("f");
	SHOW(syscall(SYS_utime, "f", &ub));
	times_of("f");
	dir = open(".", O_RDONLY | O_DIRECTORY);
	tv[1].tv_sec = 5000;
	SHOW(syscall(SYS_futimesat, dir, "f", tv));
	times_of("f");
	SHOW(syscall(SYS_utimes, "f", NULL));
	stat("f", &st);
	FACT("NULL: now", st.st_mtim.tv_sec > 1000000000 && st.st_atim.tv_sec > 1000000000);
	SHOW(syscall(SYS_utime, "f", &ub));
	SHOW(syscall(SYS_utime, "f", NULL));
	stat("f", &st);
	FACT("utime NULL: now", st.st_mtim.tv_sec > 1000000000);
	SHOW(syscall(SYS_utimes, "f", bad));
	SHOW(syscall(SYS_utimes, "f", neg));
	SHOW(syscall(SYS_utimes, "missing", tv));
	SHOW(syscall(SYS_utimes, "f", ABI_BADPTR));
	SHOW(syscall(SYS_utime, "f", ABI_BADPTR));
	SHOW(syscall(SYS_utime, ABI_BADPTR, &ub));
	SHOW(syscall(SYS_futimesat, 999, "f", tv));
	SHOW(syscall(SYS_futimesat, AT_FDCWD, NULL, tv));
	SHOW(syscall(SYS_futimesat, dir, "f/x", tv));
	close(dir);
	unlink("l");
	unlink("f");
	return 0;
}
