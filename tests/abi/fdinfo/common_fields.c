/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* fdinfo: pos, flags (octal, O_CLOEXEC from the descriptor), mnt_id, ino of a regular file. */
/* abi: glibc */
#include "fdinfo.h"

int main(void)
{
	int fd, dir;

	abi_make_file("f", "0123456789");
	SHOW(fd = open("f", O_RDWR | O_APPEND));
	SHOW(lseek(fd, 7, SEEK_SET));
	fdinfo_print(fd, NULL);
	SHOW(fcntl(fd, F_SETFD, FD_CLOEXEC));
	SHOW(fcntl(fd, F_SETFL, O_NONBLOCK));
	fdinfo_print(fd, NULL);
	SHOW(fd = open("f", O_WRONLY | O_CLOEXEC | O_TRUNC | O_SYNC));
	fdinfo_print(fd, NULL);
	SHOW(dir = open(".", O_RDONLY | O_DIRECTORY));
	fdinfo_print(dir, NULL);
	SHOW(dir = open(".", O_PATH | O_RDWR | O_APPEND | O_NONBLOCK));
	fdinfo_print(dir, NULL);
	SHOW(fcntl(dir, F_GETFL));
	SHOW(dir = open(".", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
	fdinfo_print(dir, NULL);
	SHOW(fcntl(dir, F_GETFL));
	unlink("f");
	return 0;
}
