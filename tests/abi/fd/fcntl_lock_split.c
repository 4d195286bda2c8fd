/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* POSIX locks of one process split when a middle range is unlocked or retyped, and merge when adjacent. */
/* abi: glibc */
#include "abi.h"

static int setlk(int fd, short type, off_t start, off_t len)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};

	return fcntl(fd, F_SETLK, &fl);
}

/* From a child: the parent's lock that a write lock of one byte at `at` meets. */
static void show_at(int fd, off_t at)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1};

	fcntl(fd, F_GETLK, &fl);
	if (fl.l_type == F_UNLCK)
		printf("  byte %lld: unlocked\n", (long long)at);
	else
		printf("  byte %lld: %s %lld+%lld\n", (long long)at,
		       fl.l_type == F_RDLCK ? "RD" : "WR", (long long)fl.l_start,
		       (long long)fl.l_len);
}

static void survey(int fd, const char *what)
{
	static const off_t at[] = {0, 39, 40, 45, 59, 60, 99, 100, 109, 110, 119, 120, 5000};
	pid_t pid = fork();

	if (pid == 0) {
		printf("%s\n", what);
		for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++)
			show_at(fd, at[i]);
		_exit(0);
	}
	abi_wait_child("survey", pid);
}

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);

	SHOW(setlk(fd, F_WRLCK, 0, 100));
	SHOW(setlk(fd, F_UNLCK, 40, 20));
	survey(fd, "write lock 0+100, hole 40+20:");
	SHOW(setlk(fd, F_RDLCK, 45, 10));
	SHOW(setlk(fd, F_RDLCK, 100, 10));
	SHOW(setlk(fd, F_RDLCK, 110, 10));
	survey(fd, "read locks 45+10, 100+10, 110+10:");
	SHOW(setlk(fd, F_RDLCK, 30, 80));
	survey(fd, "read lock 30+80 over them:");
	SHOW(setlk(fd, F_WRLCK, 110, 0));
	survey(fd, "write lock from 110 to the end:");
	SHOW(setlk(fd, F_UNLCK, 0, 0));
	survey(fd, "all unlocked:");
	close(fd);
	unlink("f");
	return 0;
}
