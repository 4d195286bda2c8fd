/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fchmod, fchown and futimens need a real descriptor: an O_PATH one is EBADF (fstat and AT_EMPTY_PATH work). */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	struct timespec set[2] = {{1000, 0}, {2000, 0}};
	struct stat st;
	int fd;

	abi_make_file("f", "x");
	fd = open("f", O_PATH);
	SHOW(syscall(SYS_fchmod, fd, 0600)); /* musl's fchmod falls back to /proc/self/fd */
	SHOW(syscall(SYS_fchown, fd, 1, 1));
	SHOW(futimens(fd, set));
	SHOW(syscall(SYS_utimensat, fd, NULL, set, 0));
	SHOW(fstat(fd, &st));
	SHOW(fchmodat(AT_FDCWD, "f", 0640, 0));
	SHOW(fchownat(fd, "", 1, 1, AT_EMPTY_PATH));
	SHOW(utimensat(fd, "", set, AT_EMPTY_PATH));
	if (stat("f", &st) == 0)
		printf("f: %u:%u mode %04o mtime %lld\n", (unsigned)st.st_uid, (unsigned)st.st_gid,
		       st.st_mode & 07777, (long long)st.st_mtime);
	close(fd);
	unlink("f");
	return 0;
}
