/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* OFD lock errors: l_pid must be 0 (EINVAL), plus the record lock checks. */
/* abi: glibc */
#include "abi.h"

static int ofd(int fd, int cmd, short type, short whence, pid_t pid)
{
	struct flock fl = {.l_type = type, .l_whence = whence, .l_pid = pid};

	return fcntl(fd, cmd, &fl);
}

int main(void)
{
	int rd = open("f", O_RDONLY | O_CREAT, 0644);

	SHOW(ofd(rd, F_OFD_SETLK, F_RDLCK, SEEK_SET, 1));
	SHOW(ofd(rd, F_OFD_SETLKW, F_RDLCK, SEEK_SET, -1));
	SHOW(ofd(rd, F_OFD_GETLK, F_RDLCK, SEEK_SET, 1));
	SHOW(ofd(rd, F_OFD_SETLK, F_UNLCK, SEEK_SET, 1));
	SHOW(ofd(rd, F_OFD_SETLK, F_WRLCK, SEEK_SET, 1));
	SHOW(ofd(rd, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0));
	SHOW(ofd(rd, F_OFD_SETLK, 9, SEEK_SET, 0));
	SHOW(ofd(rd, F_OFD_SETLK, F_RDLCK, 7, 0));
	SHOW(ofd(rd, F_OFD_GETLK, F_UNLCK, SEEK_SET, 0)); /* allowed, unlike F_GETLK */
	SHOW(ofd(rd, F_OFD_GETLK, F_UNLCK, SEEK_SET, 2));
	SHOW(ofd(rd, F_OFD_GETLK, F_UNLCK, 5, 0));
	SHOW(ofd(rd, F_OFD_SETLK, F_RDLCK, SEEK_SET, 0));
	SHOW(ofd(99, F_OFD_SETLK, F_RDLCK, SEEK_SET, 0));
	SHOW(fcntl(rd, F_OFD_SETLK, ABI_BADPTR));
	SHOW(fcntl(rd, F_OFD_GETLK, NULL));
	close(rd);
	unlink("f");
	return 0;
}
