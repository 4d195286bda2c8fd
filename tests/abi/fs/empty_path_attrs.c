/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fchownat, utimensat and faccessat2 with AT_EMPTY_PATH act on the descriptor, pipes included. */
/* abi: glibc */
#include "abi.h"

int main(void)
{
	struct timespec ts[2] = {{1000, 0}, {2000, 0}};
	struct timespec omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
	struct stat st;
	int p[2], fd;

	abi_make_file("f", "x");
	fd = open("f", O_RDONLY);
	SHOW(pipe(p));
	SHOW(fchownat(fd, "", 7, 8, AT_EMPTY_PATH));
	SHOW(fchownat(p[0], "", 7, 8, AT_EMPTY_PATH));
	SHOW(fstat(p[1], &st));
	printf("pipe owner %u:%u\n", st.st_uid, st.st_gid);
	SHOW(fchmod(p[1], 0640));
	SHOW(fstat(p[0], &st));
	printf("pipe mode %06o\n", st.st_mode);
	SHOW(syscall(SYS_utimensat, p[0], "", ts, AT_EMPTY_PATH));
	SHOW(fstat(p[0], &st));
	printf("pipe mtime %lld\n", (long long)st.st_mtime);
	SHOW(syscall(SYS_utimensat, fd, "", ts, AT_EMPTY_PATH));
	SHOW(stat("f", &st));
	printf("file owner %u:%u atime %lld mtime %lld\n", st.st_uid, st.st_gid,
	       (long long)st.st_atime, (long long)st.st_mtime);
	SHOW(syscall(SYS_utimensat, fd, "", ts, 0));
	SHOW(syscall(SYS_utimensat, fd, NULL, ts, AT_SYMLINK_NOFOLLOW));
	SHOW(syscall(SYS_utimensat, AT_FDCWD, NULL, ts, 0));
	SHOW(syscall(SYS_utimensat, fd, NULL, omit, 0));
	SHOW(syscall(SYS_faccessat2, fd, "", R_OK | W_OK, AT_EMPTY_PATH));
	SHOW(syscall(SYS_faccessat2, p[0], "", R_OK, AT_EMPTY_PATH));
	SHOW(syscall(SYS_faccessat2, p[0], "", X_OK, AT_EMPTY_PATH));
	SHOW(syscall(SYS_faccessat2, p[0], "", R_OK, 0));
	SHOW(syscall(SYS_faccessat, fd, "", R_OK));
	SHOW(fchownat(99, "", 0, 0, AT_EMPTY_PATH));
	SHOW(fchownat(fd, "", 0, 0, 0));
	close(fd);
	close(p[0]);
	close(p[1]);
	unlink("f");
	return 0;
}
