/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo: flock, POSIX and OFD locks as "lock:" lines in /proc/locks's words. */
/* abi: glibc */
#include "fdinfo.h"
#include <sys/file.h>

/* The lock lines, with the pid and the dev:ino checked. */
static void show_locks(int fd)
{
	struct stat st;
	const char *l = fdinfo_buf;

	fstat(fd, &st);
	fdinfo_get(fd);
	printf("fd %d:\n", fd);
	while ((l = strstr(l, "lock:\t"))) {
		char kind[16], mode[16], type[16], end[32];
		int id, pid;
		unsigned maj, min;
		unsigned long long ino;
		long long start;

		if (sscanf(l, "lock:\t%d: %15s %15s %15s %d %x:%x:%llu %lld %31s", &id, kind, mode,
			   type, &pid, &maj, &min, &ino, &start, end) == 10)
			printf("  %d: %s %s %s pid %s dev %s ino %s %lld %s\n", id, kind, mode,
			       type,
			       pid == getpid() ? "mine"
			       : pid == -1     ? "-1"
					       : "other",
			       maj == major(st.st_dev) && min == minor(st.st_dev) ? "ok" : "bad",
			       ino == st.st_ino ? "ok" : "bad", start, end);
		l += 6;
	}
}

int main(void)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 20};
	int a, b;

	abi_make_file("f", "x");
	SHOW(a = open("f", O_RDWR));
	SHOW(b = open("f", O_RDWR));
	SHOW(flock(b, LOCK_SH));
	show_locks(a);
	show_locks(b);
	SHOW(fcntl(a, F_SETLK, &fl));
	fl = (struct flock){.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = 0};
	SHOW(fcntl(a, F_OFD_SETLK, &fl));
	show_locks(a);
	SHOW(flock(b, LOCK_UN));
	show_locks(b);
	SHOW(close(a));
	unlink("f");
	return 0;
}
