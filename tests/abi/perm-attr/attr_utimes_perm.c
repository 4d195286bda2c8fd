/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* utimensat/utimes/utime: explicit times need ownership (EPERM), "now" needs write access (EACCES). */
/* abi: glibc */
#include "abi.h"
#include <grp.h>
#include <sys/time.h>
#include <utime.h>

static int as_user(void *arg)
{
	struct timespec now2[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
	struct timespec set[2] = {{1000, 0}, {2000, 0}};
	struct timespec omit2[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
	struct timespec now_omit[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
	struct timeval tv[2] = {{1000, 0}, {2000, 0}};
	struct utimbuf ub = {1000, 2000};
	const char *files[] = {"ro", "rw", "mine"};

	(void)arg;
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 99;
	for (int i = 0; i < 3; i++) {
		const char *f = files[i];
		int fd = open(f, O_RDONLY);

		printf("%s:\n", f);
		SHOW(utimensat(AT_FDCWD, f, NULL, 0));
		SHOW(utimensat(AT_FDCWD, f, now2, 0));
		SHOW(utimensat(AT_FDCWD, f, set, 0));
		SHOW(utimensat(AT_FDCWD, f, omit2, 0));
		SHOW(utimensat(AT_FDCWD, f, now_omit, 0));
		SHOW(futimens(fd, NULL));
		SHOW(futimens(fd, set));
		SHOW(utimes(f, NULL));
		SHOW(utimes(f, tv));
		SHOW(utime(f, NULL));
		SHOW(utime(f, &ub));
		close(fd);
	}
	SHOW(utimensat(AT_FDCWD, "missing", omit2, 0));
	return 0;
}

int main(void)
{
	chmod(".", 0777);
	abi_make_file("ro", "x");
	abi_make_file("rw", "x");
	chmod("rw", 0666);
	abi_make_file("mine", "x");
	chown("mine", 1000, 1000);
	chmod("mine", 0444);
	abi_run_child("uid 1000", as_user, NULL);
	unlink("ro");
	unlink("rw");
	unlink("mine");
	return 0;
}
