/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* Record lock errors: EBADF for the access mode, EINVAL for type/whence/range, EOVERFLOW, EFAULT. */
/* abi: glibc */
#include "abi.h"

#include <stdint.h>

static struct flock fl(short type, short whence, off_t start, off_t len)
{
	return (struct flock){.l_type = type, .l_whence = whence, .l_start = start, .l_len = len};
}

int main(void)
{
	int rd = open("f", O_RDONLY | O_CREAT, 0644);
	int wr = open("f", O_WRONLY);
	int path = open("f", O_PATH);
	struct flock l;

	l = fl(F_WRLCK, SEEK_SET, 0, 0), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, 0, 0), SHOW(fcntl(wr, F_SETLK, &l));
	l = fl(F_UNLCK, SEEK_SET, 0, 0), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, 0, 0), SHOW(fcntl(99, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, 0, 0), SHOW(fcntl(path, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, 0, 0), SHOW(fcntl(path, F_GETLK, &l));
	l = fl(F_WRLCK, SEEK_SET, 0, 0), SHOW(fcntl(wr, F_GETLK, &l)); /* no access check */
	l = fl(7, SEEK_SET, 0, 0), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_UNLCK, SEEK_SET, 0, 0), SHOW(fcntl(rd, F_GETLK, &l));
	l = fl(F_RDLCK, 3, 0, 0), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, -1, 0, 0), SHOW(fcntl(rd, F_GETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, -1, 0), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, 5, -6), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, 5, -5), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, INT64_MAX, 1), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, INT64_MAX, 2), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_SET, INT64_MAX - 5, 10), SHOW(fcntl(rd, F_GETLK, &l));
	l = fl(F_RDLCK, SEEK_END, INT64_MAX, 0), SHOW(fcntl(rd, F_SETLK, &l));
	SHOW(lseek(rd, 100, SEEK_SET));
	l = fl(F_RDLCK, SEEK_CUR, INT64_MAX - 50, 0), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(F_RDLCK, SEEK_CUR, -101, 0), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(7, SEEK_CUR, -101, 0), SHOW(fcntl(rd, F_SETLK, &l));
	l = fl(7, 9, 0, 0), SHOW(fcntl(rd, F_SETLK, &l));
	SHOW(fcntl(rd, F_SETLK, NULL));
	SHOW(fcntl(rd, F_GETLK, ABI_BADPTR));
	SHOW(fcntl(rd, F_SETLKW, ABI_KERNPTR));
	SHOW(fcntl(99, F_GETLK, NULL));
	close(rd);
	close(wr);
	close(path);
	unlink("f");
	return 0;
}
