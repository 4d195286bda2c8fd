/* SPDX-License-Identifier: MIT OR Apache-2.0 OR BSD-2-Clause */
/* RLIMIT_FSIZE with SIGXFSZ ignored: a write stops short at the limit, then EFBIG; pipes are not limited. */
/* abi: glibc */
#include "abi.h"
#include <sys/resource.h>

#define L (1 << 20) /* stdout is a file too: the test's own output stays far below */

int main(void)
{
	struct rlimit r = {L, L};
	char buf[150];
	int fd, p[2];

	memset(buf, 'x', sizeof(buf));
	signal(SIGXFSZ, SIG_IGN);
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0600);
	SHOW(setrlimit(RLIMIT_FSIZE, &r));
	SHOW(pwrite(fd, buf, 60, L - 100));
	SHOW(pwrite(fd, buf, 60, L - 40));
	SHOW(pwrite(fd, buf, 60, L));
	SHOW(pwrite(fd, buf, 10, L + 5000));
	SHOW(lseek(fd, L - 10, SEEK_SET));
	SHOW(write(fd, buf, 60));
	SHOW(write(fd, buf, 60));
	SHOW(write(fd, buf, 0));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(lseek(fd, 0, SEEK_END));
	close(fd);
	fd = open("f", O_WRONLY | O_APPEND);
	SHOW(write(fd, buf, 1));
	close(fd);
	fd = open("f", O_WRONLY | O_TRUNC);
	SHOW(write(fd, buf, 150));
	close(fd);
	unlink("f");
	if (pipe(p))
		return 1;
	SHOW(lseek(p[1], 0, SEEK_CUR));
	for (int i = 0; i < 3; i++)
		write(p[1], buf, 150);
	SHOW(write(p[1], buf, 150));
	return 0;
}
